"""The quality model: what it reads, that the shipped fit ranks a fragment below a rule, and that generation serves
doubtful items last."""

from collections.abc import Iterator

from trainer_bot.models import Chunk
from trainer_bot.quiz import generate
from trainer_bot.quiz.model import Question, QuizSet, make_question
from trainer_bot.quiz.quality import QualityModel, default_model, features

SRC = {"source": "a.md", "quote": "x"}


def test_features_read_the_stem_its_frame_and_the_key():
    f = features("fill_blank", "村级组织印章管理中，公告期不少于______：", "15日")
    assert f["T=fb"] == 1.0 and f["s2:不少"] == 1.0 and f["frame"] == 1.0 and f["colon"] == 1.0
    assert "k:0" in f and "k:日" in f  # digits read as 0: the model learns forms, not values
    assert features("fill_blank", "公示2天", "5日") == features("fill_blank", "公示7天", "9日")


def test_the_shipped_model_ranks_a_fragment_below_a_whole_rule():
    model = default_model()
    assert model is not None and len(model.good.weights) > 500
    rule = make_question(type="single_choice", stem="村民委员会应当自收到申请之日起（    ）内作出书面答复。",
                         options=["15日", "10日", "30日", "7日"], answer=[0], source=SRC)
    fragment = make_question(type="true_false", stem="关于方式二：报名。", answer=True, source=SRC)
    assert model.merit(rule) > 0.2 > model.merit(fragment)
    assert QualityModel.from_json(model.to_json()).merit(rule) == model.merit(rule)


class _Worth:
    """A generator whose worse items are worth more than its sound one."""

    name = "fake"

    def __init__(self, items: list[Question]):
        self.items = items

    def candidates(self, chunk: Chunk, qtype: str) -> Iterator[Question]:
        yield from (q for q in self.items if q.type == qtype)

    def score(self, item: Question) -> float:
        return 1.0 if item is self.items[-1] else 9.0


def test_generation_serves_a_doubtful_item_last_and_withholds_a_likely_bad_one():
    options = {"options": ["15日", "10日", "30日", "7日"], "answer": [0], "source": SRC}
    bad = make_question(type="single_choice", stem="关于10：（    ）。", **options)
    judged = make_question(type="true_false", stem="关于10：。", answer=True, source=SRC)
    doubtful = make_question(type="true_false", stem="每户补助500元，由镇政府年底统一发放。", answer=True, source=SRC)
    dropped = make_question(type="true_false", stem="关于补贴标准，每户补助500元。", answer=True, source=SRC)
    sound = make_question(type="true_false", stem="村民委员会应当自收到申请之日起15日内作出书面答复。", answer=True, source=SRC)
    model = default_model()
    assert model is not None
    assert max(model.merit(bad), model.merit(judged), model.merit(dropped)) < generate.DROP_BELOW <= model.merit(doubtful)
    assert model.merit(doubtful) < generate.DOUBTFUL_BELOW <= model.merit(sound)
    chunk = Chunk(id="c1", source="a.md", title="t", text="x", heading_path=(), index=0, sha256="0")
    report = generate.GenerationReport(QuizSet(title="t", questions=[]), 3)
    streams = generate._streams(_Worth([bad, judged, dropped, doubtful, sound]), [chunk], ["true_false", "single_choice"],
                                report)
    # below the line a 单选 and (from round 61 on) a 判断 are withheld; a doubtful one is served after the sound one
    assert list(streams["true_false"]) == [sound, doubtful]
    assert list(streams["single_choice"]) == [] and report.withheld == 3
    assert "另有 3 道候选题读起来多半需要重写" in report.message
