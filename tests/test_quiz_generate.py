"""Each generator rule, and whole sets generated from real material."""

import hashlib
import random

import pytest

from trainer_bot.bot import TrainerBot
from trainer_bot.models import Chunk
from trainer_bot.quiz import validate
from trainer_bot.quiz.generate import generate_quiz
from trainer_bot.quiz.offline import BLANK, FILL, CorpusPools, RuleGenerator, enumeration
from trainer_bot.quiz.terms import cn_to_int, find_terms, int_to_cn, number_distractors, pick_distractors

GLOSSARY = ["人民调解委员会", "网格员", "司法确认", "村民委员会", "四议两公开"]


def chunk(text: str, source: str = "a.md", topic: str = "矛盾纠纷化解", heading=("解读",)) -> Chunk:
    # ids from the text's digest: hash() is salted per process and made the generated sets vary run to run
    return Chunk(id=f"{source}-{hashlib.sha256(text.encode()).hexdigest()[:8]}", source=source, title="测试材料", text=text,
                 heading_path=heading, index=0, sha256="0", topic=topic)


CORPUS = [
    chunk("《中华人民共和国人民调解法》于2010年8月28日通过。人民调解委员会调解民间纠纷，不收取任何费用。"
          "达成调解协议后，双方可以在三十日内申请司法确认。纠纷类型包括婚姻家庭、邻里关系和土地山林。"),
    chunk("《信访工作条例》自2022年5月1日起施行。网格员负责信息采集、隐患排查和矛盾发现。", source="b.md"),
    chunk("《中华人民共和国村民委员会组织法》规定了村民委员会的职责。《中华人民共和国城市居民委员会组织法》规定了居委会的职责。"
          "四议两公开适用于村级重大事项。"
          "村务公开包括财务收支、集体资产和惠农补贴。", source="c.md", topic="基层自治与民主"),
    chunk("某镇的调解员老李只用了三天就化解了纠纷。", source="d.md", heading=("案例（示例，人物与情节为虚构）",)),
]


@pytest.fixture
def generator() -> RuleGenerator:
    return RuleGenerator(CorpusPools(CORPUS, GLOSSARY))


def test_terms_of_every_kind_are_found():
    kinds = {t.kind: t.text for t in find_terms(
        "《人民调解法》于2010年8月28日通过，网格员每周走访三次，“老娘舅”在浙江省很有名。", GLOSSARY)}
    assert kinds == {"document": "《人民调解法》", "date": "2010年8月28日", "glossary": "网格员",
                     "number": "三次", "quoted": "老娘舅", "place": "浙江省"}


def test_chinese_numbers_round_trip_and_number_distractors_keep_the_unit():
    assert [cn_to_int(x) for x in ("三", "十", "十五", "三十", "九十九", "12")] == [3, 10, 15, 30, 99, 12]
    assert [int_to_cn(n) for n in (3, 10, 15, 30)] == ["三", "十", "十五", "三十"]
    wrong = number_distractors("三十日", random.Random(1))
    assert wrong and all(w.endswith("日") and w != "三十日" for w in wrong)
    assert all(w.endswith("人") for w in number_distractors("三至九人", random.Random(1)))


def test_distractors_are_of_the_same_kind_and_not_in_the_quote():
    term = find_terms("依据《人民调解法》调解。", GLOSSARY)[0]
    wrong = pick_distractors(term, ["《信访工作条例》", "《人民调解法》", "《村民委员会组织法》"], "依据《人民调解法》调解。",
                             random.Random(0), 3)
    assert set(wrong) == {"《信访工作条例》", "《村民委员会组织法》"}


def test_enumerations_are_found_with_their_items():
    sentence = "纠纷类型包括婚姻家庭、邻里关系和土地山林。"
    start, end, items = enumeration(sentence)
    assert items == ["婚姻家庭", "邻里关系", "土地山林"]
    assert sentence[start:end] == "婚姻家庭、邻里关系和土地山林"
    assert enumeration("预警级别分为一级、二级、三级和四级。")[2] == ["一级", "二级", "三级", "四级"]
    assert enumeration("这句话没有列举。") is None


def test_single_choice_is_a_cloze_on_a_key_term(generator: RuleGenerator):
    items = list(generator.candidates(CORPUS[0], "single_choice"))
    doc_item = next(q for q in items if q.source.quote.startswith("《中华人民共和国人民调解法》"))
    assert doc_item.stem.startswith(BLANK)
    assert doc_item.options[doc_item.answer[0]] == "《中华人民共和国人民调解法》"
    assert all(o.startswith("《") for o in doc_item.options)  # distractors of the same kind
    assert all(validate.check(q, CORPUS[0].text) is None for q in items)


def test_fill_blank_accepts_the_term(generator: RuleGenerator):
    items = list(generator.candidates(CORPUS[0], "fill_blank"))
    assert items and all(FILL in q.stem for q in items)
    q = next(q for q in items if "司法确认" in q.answer)
    assert q.stem.replace(FILL, "司法确认") == q.source.quote


def test_true_false_items_are_true_statements_or_one_swapped_term(generator: RuleGenerator):
    items = [q for c in CORPUS[:3] for q in generator.candidates(c, "true_false")]
    assert {q.answer for q in items} == {True, False}
    for q in items:
        if q.answer:
            assert q.stem == q.source.quote
        else:
            assert q.stem != q.source.quote and len(q.stem) > 0 and "应为" in q.explanation
        assert validate.check(q, "".join(c.text for c in CORPUS)) is None


def test_multiple_choice_comes_from_enumerations(generator: RuleGenerator):
    q = next(generator.candidates(CORPUS[0], "multiple_choice"))
    keys = {q.options[i] for i in q.answer}
    assert keys == {"婚姻家庭", "邻里关系", "土地山林"}
    assert len(q.options) > len(keys)  # at least one wrong option, from another enumeration
    assert validate.check(q, CORPUS[0].text) is None


def test_short_answer_has_a_reference_and_key_points(generator: RuleGenerator):
    q = next(generator.candidates(CORPUS[0], "short_answer"))
    assert q.answer in CORPUS[0].text and "答题要点：1." in q.explanation


def test_invented_cases_are_not_turned_into_questions(generator: RuleGenerator):
    assert not any(list(generator.candidates(CORPUS[3], t)) for t in ("single_choice", "true_false", "fill_blank"))


def test_generating_from_one_bundled_source_meets_the_count(knowledge_bot: TrainerBot):
    types = ["single_choice", "multiple_choice", "true_false", "fill_blank"]
    report = generate_quiz(knowledge_bot, 12, types, sources=["emergency/emergency-response-law.md"])
    questions = report.quiz.questions
    assert len(questions) == 12, report.message
    assert {q.type for q in questions} == set(types)
    assert validate.set_problems(questions) == []
    texts = "".join(c.text for c in knowledge_bot.store.all_chunks() if c.source == "emergency/emergency-response-law.md")
    assert all(validate.check(q, texts) is None for q in questions)
    assert all(q.source.source == "emergency/emergency-response-law.md" for q in questions)


def test_topic_selects_passages_by_retrieval(knowledge_bot: TrainerBot):
    report = generate_quiz(knowledge_bot, 6, ["single_choice", "fill_blank"], topic="网格化管理")
    assert len(report.quiz.questions) == 6
    assert any(q.source.source == "urban/grid-management.md" for q in report.quiz.questions)


def test_asking_for_more_than_the_material_allows_says_so(loaded_bot: TrainerBot):
    report = generate_quiz(loaded_bot, 50, ["multiple_choice"], sources=["grid.md"])
    assert len(report.quiz.questions) < 50
    assert "只够生成" in report.message
