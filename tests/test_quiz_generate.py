"""Each generator rule, and whole sets generated from real material."""

import dataclasses
import hashlib
import random
import re

import pytest

from trainer_bot.bot import TrainerBot
from trainer_bot.models import Chunk
from trainer_bot.quiz import validate
from trainer_bot.quiz.model import TYPES, ChoiceQuestion, make_question
from trainer_bot.quiz.categories import glossary_categories
from trainer_bot.quiz.generate import excluded_texts, generate_quiz
from trainer_bot.quiz.offline import FILL, RuleGenerator
from trainer_bot.quiz.pools import CorpusPools, enumeration, self_contained
from trainer_bot.quiz.statements import statements, statements_in_context
from trainer_bot.quiz.figures import cn_to_int, date_distractors, int_to_cn, month_distractors, number_distractors
from trainer_bot.quiz.short import question_from_heading
from trainer_bot.quiz.topics import subject_of, topic_frame
from trainer_bot.quiz.terms import find_terms, pick_distractors

GLOSSARY = {"人民调解委员会": "组织/机构", "村民委员会": "组织/机构", "居民委员会": "组织/机构", "村务监督委员会": "组织/机构",
            "网格员": "职务/角色", "调解员": "职务/角色", "楼栋长": "职务/角色", "司法确认": "机制/方法", "四议两公开": "机制/方法",
            "党的十九大": "重要会议", "村民会议": "会议", "居民会议": "会议", "村民代表会议": "会议"}


def chunk(text: str, source: str = "a.md", topic: str = "矛盾纠纷化解", heading=("解读",), title="测试材料") -> Chunk:
    # ids from the text's digest: hash() is salted per process and made the generated sets vary run to run
    return Chunk(id=f"{source}-{hashlib.sha256(text.encode()).hexdigest()[:8]}", source=source, title=title, text=text,
                 heading_path=heading, index=0, sha256="0", topic=topic)


CORPUS = [
    chunk("《中华人民共和国人民调解法》于2010年8月28日通过，自2011年1月1日起施行。人民调解委员会调解民间纠纷，不收取任何费用。"
          "达成调解协议后，双方可以在三十日内申请司法确认。纠纷类型包括婚姻家庭、邻里关系和土地山林。"
          "调委会由委员三至九人组成。"),
    chunk("《信访工作条例》自2022年5月1日起施行。网格员负责信息采集、隐患排查和矛盾发现。"
          "有关机关收到信访事项后，应当在15日内决定是否受理。", source="b.md"),
    chunk("《中华人民共和国村民委员会组织法》规定了村民委员会的职责。《中华人民共和国城市居民委员会组织法》规定了居民委员会的职责。"
          "村民会议由本村十八周岁以上的村民组成，由村民委员会召集。"
          "村务公开包括财务收支、集体资产和惠农补贴。"
          "村务监督委员会负责村民民主理财。", source="c.md", topic="基层自治与民主"),
    chunk("某镇的调解员老李只用了三天就化解了纠纷。", source="d.md", heading=("案例（示例，人物与情节为虚构）",)),
    chunk("- 误区：调委会可以收取少量调解费。\n纠正：人民调解委员会调解民间纠纷一律不收费，这是法律的明确规定。",
          source="d.md", heading=("常见误区",)),
    chunk("调解员应当在查明事实、分清是非的基础上说服疏导。调解不得阻止当事人依法通过仲裁、司法等途径维护权利。",
          heading=("测试材料", "二、怎么调解"), title="人民调解：村居调委会的依法调解"),
]


@pytest.fixture(scope="module")
def generator() -> RuleGenerator:
    return RuleGenerator(CorpusPools(CORPUS, GLOSSARY))


# --- terms and their categories ---------------------------------------------------------------------------------

def test_terms_of_every_kind_are_found_with_a_category():
    terms = find_terms("《人民调解法》于2010年8月28日通过，网格员每周走访三次，“老娘舅”在浙江省很有名，村里推行井长制。", GLOSSARY)
    kinds = {t.kind: (t.text, t.category) for t in terms}
    assert kinds == {"document": ("《人民调解法》", "法规/文件"), "date": ("2010年8月28日", "日期"),
                     "glossary": ("网格员", "职务/角色"), "number": ("三次", "数量"), "quoted": ("老娘舅", "事项/对象"),
                     "place": ("浙江省", "地名"), "named": ("井长制", "机制/方法")}


def test_the_bundled_glossary_gives_categories_and_forms_give_the_rest():
    categories = glossary_categories()
    assert categories["党的十九大"] == "重要会议" and categories["村委会"] == "组织/机构"
    assert categories["三管三必须"] == "原则/理念" and categories["事故灾难"] == "事件类型"
    assert categories["人民调解法"] == "法规/文件" and categories["村民代表会议"] == "会议"


def test_a_named_term_is_a_whole_word():
    found = {t.text for t in find_terms("当事人认为无需制作的，可以采取口头协议方式。", {})}
    assert not any(t.endswith("制") for t in found)  # 无需制(作) is not a mechanism


def test_numbers_keep_the_whole_unit_and_distractors_keep_it_too():
    assert [cn_to_int(x) for x in ("三", "十", "十五", "三十", "九十九", "12")] == [3, 10, 15, 30, 99, 12]
    assert [int_to_cn(n) for n in (3, 10, 15, 30)] == ["三", "十", "十五", "三十"]
    assert [t.text for t in find_terms("年满十八周岁的村民", {}) if t.kind == "number"] == ["十八周岁"]
    wrong = number_distractors("15日", random.Random(1))
    assert wrong[:2] == ["10日", "20日"]  # neighbours on the scale of usual deadlines
    assert all(w.endswith("人") and "至" in w for w in number_distractors("三至九人", random.Random(1)))


def test_number_options_sit_on_the_keys_scale_and_fit_the_stems_period():
    from trainer_bot.quiz.figures import possible

    # a round amount moves by a quarter or more (round 34: 90人 and 110人 beside 100人 read as padding)
    assert set(number_distractors("60元", random.Random(2))) == {"30元", "45元", "90元", "120元", "180元"}
    assert set(number_distractors("100人", random.Random(2))) == {"50人", "80人", "150人", "200人", "300人"}
    assert set(number_distractors("18周岁", random.Random(2))) == {"14周岁", "16周岁", "20周岁", "22周岁"}  # ages rules set
    assert set(number_distractors("80%", random.Random(2))) <= {"60%", "70%", "75%", "85%", "90%", "100%"}  # a share: by steps
    assert "45%" not in number_distractors("90%", random.Random(2))  # (round 50: never half a floor of 90%)
    assert set(number_distractors("58元", random.Random(2))) == {"48元", "68元", "78元", "38元"}  # not 57/59/62
    assert set(number_distractors("3次", random.Random(2))) == {"4次", "2次", "5次", "1次", "6次"}
    assert not possible("10天", "每周开放不少于") and possible("5天", "每周开放不少于") and possible("10天", "公示不少于")
    assert not possible("48小时", "每天值班") and possible("48小时", "停水超过")


def test_date_distractors_keep_the_order_of_the_dates_in_the_sentence():
    sentence = "《人民调解法》于2010年8月28日通过，自2011年1月1日起施行。"
    wrong = date_distractors("2010年8月28日", sentence, random.Random(3))
    assert wrong and all(int(w[:4]) < 2011 for w in wrong)


def test_distractors_share_the_category_and_are_not_two_names_of_one_thing():
    term = find_terms("依据《人民调解法》调解。", GLOSSARY)[0]
    pool = ["《信访工作条例》", "《中华人民共和国人民调解法》", "《村民委员会组织法》", "《中华人民共和国村民委员会组织法》", "《意见》"]
    wrong = pick_distractors(term, pool, "依据《人民调解法》调解。", random.Random(0), 3)
    assert "《中华人民共和国人民调解法》" not in wrong and "《意见》" not in wrong
    assert not {"《村民委员会组织法》", "《中华人民共和国村民委员会组织法》"} <= set(wrong)


def test_a_body_is_answered_by_bodies_of_the_same_setting():
    assets = chunk("集体资产由村集体经济组织负责管理。", source="f.md", topic="基层自治与民主")
    rules = RuleGenerator(CorpusPools([*CORPUS, assets], GLOSSARY))
    item = next(q for q in rules.candidates(CORPUS[2], "single_choice") if "监督" in q.source.quote)
    # a village's rule: 居民委员会 (a city's body) would be guessed away
    assert set(item.options) == {"村务监督委员会", "村民委员会", "村集体经济组织", "人民调解委员会"}
    assert validate.options_same_category(item) is None


# --- item types -------------------------------------------------------------------------------------------------

def test_single_choice_blanks_the_fact_worth_remembering(generator: RuleGenerator):
    items = list(generator.candidates(CORPUS[0], "single_choice"))
    keys = {q.options[q.answer[0]] for q in items}
    assert "三至九人" in keys and "三十日" in keys  # numbers with units, not the words around them
    assert all(validate.check(q, CORPUS[0].text) is None for q in items)
    # neither the date a law was passed (trivia) nor the law's name among its dates (given away by them)
    assert not any(q.source.quote.startswith("《中华人民共和国人民调解法》") for q in items)
    titled = [q for c in CORPUS for q in generator.candidates(c, "single_choice") if "规定了" in q.source.quote]
    assert titled == []  # 「（ ）规定了村民委员会的职责」 gives 《村民委员会组织法》 away


def test_fill_blank_is_never_a_bare_measure_word_or_a_repeated_word(generator: RuleGenerator):
    items = [q for c in CORPUS for q in generator.candidates(c, "fill_blank")]
    assert items and all(FILL in q.stem for q in items)
    for q in items:
        assert q.answer[0] not in q.stem.replace(FILL, "")
        assert validate.blank_worth_testing(q) is None
    fifteen = next(q for q in items if "15日" in q.answer)
    assert fifteen.stem.replace(FILL, "15日") == fifteen.source.quote


def test_false_statements_change_one_fact_to_a_same_kind_value(generator: RuleGenerator):
    items = [q for c in CORPUS for q in generator.candidates(c, "true_false")]
    assert {q.answer for q in items} == {True, False}
    # (a 常见误区's misconception judged false is the other kind of false statement: see the test after next)
    judged = [q for q in items if validate.judges_misconception(q)]
    assert [q.stem for q in judged] == ["调委会可以收取少量调解费。"]
    items = [q for q in items if q not in judged]
    changed = []
    for q in items:
        assert validate.check(q, "".join(c.text for c in CORPUS)) is None
        if q.answer is False:
            assert validate.false_statement_fair(q) is None
            assert "正确的说法是：" + q.source.quote in q.explanation  # the correct fact as a whole sentence
            changed.append(q.explanation.split("”改成了“")[0].split("把“")[-1])
    assert changed and not set(changed) & {"不得", "可以", "应当", "必须"}  # a fact changed, never a rule flipped


def test_multiple_choice_only_from_clean_enumerations_of_one_known_kind(generator: RuleGenerator):
    bodies = chunk("村级组织包括村党组织、村民委员会和村务监督委员会。", source="e.md", topic="基层自治与民主")
    q = next(RuleGenerator(CorpusPools([*CORPUS, bodies], GLOSSARY)).candidates(bodies, "multiple_choice"))
    assert {q.options[i] for i in q.answer} == {"村党组织", "村民委员会", "村务监督委员会"}
    assert set(q.options) - {"村党组织", "村民委员会", "村务监督委员会"} <= {"人民调解委员会", "居民委员会"}  # bodies too
    assert len(q.options) > 3 and validate.check(q, bodies.text) is None
    # 婚姻家庭、邻里关系和土地山林 are things of no known kind: no way to tell a plausible wrong option (财务收支 is
    # absurd, 劳动争议 also a dispute), so no 多选
    assert next(generator.candidates(CORPUS[0], "multiple_choice"), None) is None
    assert enumeration("预警级别分为一级、二级、三级和四级。")[2] == ["一级", "二级", "三级", "四级"]
    assert enumeration("落实责任要坚持属地管理，谁主管、谁负责相结合。") is None  # fragments, not items
    assert enumeration("重点看是否开会发文、有无回访记录和群众满意度。") is None
    assert enumeration("这句话没有列举。") is None


def test_short_answer_asks_a_question_and_answers_in_numbered_points(generator: RuleGenerator):
    q = next(generator.candidates(CORPUS[5], "short_answer"))
    assert q.stem == "人民调解中，怎么调解？"
    assert q.answer.startswith("1. 调解员应当") and "\n2. 调解不得" in q.answer
    assert validate.check(q, CORPUS[5].text) is None
    assert subject_of("路径三：“五治”治理工具箱") == "“五治”治理工具箱"
    # what kind of paper it is, and for whom, say nothing about the topic
    assert subject_of("村（社区）防范非法集资宣传工作要点") == "防范非法集资宣传"
    assert subject_of("农村公益性公墓建设管理工作要点") == "农村公益性公墓建设管理"
    assert question_from_heading("四、办理时限", "信访工作条例") == "信访工作条例中，办理时限是怎样规定的？"
    assert question_from_heading("要点", "网格化管理") is None  # the summary list repeats the other items' facts
    assert question_from_heading("一、条例的定位", subject_of("信访工作条例：规则与时限")) == "信访工作条例的定位是什么？"
    assert question_from_heading("四、业主委员会和物业", "城市居民委员会") == "城市居民委员会中，关于业主委员会和物业有哪些规定？"
    assert question_from_heading("六、结束语", "门前三包") is None  # the shape of a talk, not a topic
    assert question_from_heading("三、走访对象", "") is None  # whose visits? a question must say what it is about
    assert question_from_heading("一、什么是小微权力清单", "") == "什么是小微权力清单？"
    three = chunk("严禁在楼道停放电动自行车充电。\n严禁私拉电线充电。\n集中充电场所距离住宅不少于6米。",
                  heading=("二、三严禁",), title="消防安全巡查规范")
    assert next(generator.candidates(three, "short_answer"), None) is None  # 「三严禁」 has three points, not these
    assert subject_of("市域社会治理现代化总论") == "市域社会治理现代化"
    # an official document's title, and a WeChat headline: the matter, not the issuer or the hook
    assert subject_of("青峰镇人民政府关于做好2024年度生态公益林补偿资金兑付工作的通知（青政发〔2024〕17号）") == "生态公益林补偿资金兑付工作"
    assert subject_of("地要吃饱，也别吃撑！南岗镇测土配方施肥，今年这么弄") == "测土配方施肥"
    assert subject_of("献一次血，家里人用血也能免费？关于社区献血，你想问的都在这儿了") == "社区献血"
    assert subject_of("社区AED配置管理与急救常见误区") == "AED配置管理与急救"


def test_nothing_is_drawn_from_cases_or_misconceptions(generator: RuleGenerator):
    # (d.md with a main text of its own, longer than its 常见误区 section)
    main = chunk("人民调解委员会调解民间纠纷，不收取任何费用，经费由村民委员会或者居民委员会解决。调解员应当坚持原则、"
                 "依法调解，不得索取、收受财物或者牟取其他不正当利益。", source="d.md")
    with_main = RuleGenerator(CorpusPools([*CORPUS, main], GLOSSARY))
    for qtype in ("single_choice", "true_false", "fill_blank", "multiple_choice", "short_answer"):
        assert not list(with_main.candidates(CORPUS[3], qtype))
        # nor from a 常见误区 section: the misconception is no statement, the correction repeats the main text's rule;
        # only the misconception itself, judged false, with its correction in the 解析
        items = list(with_main.candidates(CORPUS[4], qtype))
        assert all(validate.judges_misconception(q) and q.answer is False and "一律不收费" in q.explanation
                   for q in items) and len(items) == (qtype == "true_false")
        assert all(validate.check(q, "\n".join(c.text for c in CORPUS)) is None for q in items)
    excluded = excluded_texts(CORPUS)["d.md"]
    # (a correction stays a true statement: an item whose quote the main text and a correction share is not refused)
    assert any("少量调解费" in t for t in excluded) and not any("一律不收费" in t for t in excluded)


def test_the_explanation_says_why_wrong_options_are_wrong_where_the_material_does():
    assets = chunk("集体资产由村集体经济组织负责管理。", source="f.md", topic="基层自治与民主")
    rules = RuleGenerator(CorpusPools([*CORPUS, assets], GLOSSARY))
    items = [q for c in CORPUS for q in rules.candidates(c, "single_choice")]
    bodies = [q for q in items if "村务监督委员会" in q.options and q.options[q.answer[0]] != "村务监督委员会"]
    same_document = [q for q in bodies if q.source.source == "c.md"]
    assert same_document and all("“村务监督委员会”：村务监督委员会负责村民民主理财。" in q.explanation for q in same_document)
    # another document's task for it says nothing about this rule: only what it is would
    assert all("民主理财" not in q.explanation for q in bodies if q.source.source != "c.md")


# --- whole sets -------------------------------------------------------------------------------------------------

def test_generating_from_one_bundled_source_tests_each_fact_once(knowledge_bot: TrainerBot):
    types = ["single_choice", "multiple_choice", "true_false", "fill_blank", "short_answer"]
    report = generate_quiz(knowledge_bot, 10, types, sources=["emergency/emergency-response-law.md"])
    questions = report.quiz.questions
    assert len(questions) >= 3 and "只够生成" in report.message  # a short law: fewer good facts, and it says so
    # (its other candidates read like items trainers rewrite: withheld, and the report says so)
    assert report.withheld and "未采用" in report.message
    assert question_from_heading("二、分类和分级要分清", "突发事件应对法") != "关于分类和分级要分清，有哪些规定？"
    assert validate.set_problems(questions) == []
    chunks = knowledge_bot.store.all_chunks()
    texts = "".join(c.text for c in chunks if c.source == "emergency/emergency-response-law.md")
    excluded = excluded_texts(chunks)["emergency/emergency-response-law.md"]
    assert all(validate.check(q, texts, excluded) is None for q in questions)
    assert not any("示例" in q.stem or "请简述" in q.stem for q in questions)


def test_topic_selects_passages_by_retrieval(knowledge_bot: TrainerBot):
    report = generate_quiz(knowledge_bot, 4, ["single_choice", "fill_blank"], topic="网格化管理")
    assert len(report.quiz.questions) == 4
    assert any(q.source.source == "urban/grid-management.md" for q in report.quiz.questions)


def test_asking_for_more_than_the_material_allows_says_so(corpus_bot: TrainerBot):
    report = generate_quiz(corpus_bot, 50, ["multiple_choice"], sources=["grid.md"])
    assert len(report.quiz.questions) < 50
    assert "只够生成" in report.message


# --- rules learned from grading samples by hand (docs/quiz-rubric.md) -------------------------------------------

def test_a_distractor_the_material_also_says_fits_is_not_offered():
    chunks = [chunk("社区常用居民议事会开展议事协商。", source="x.md"),
              chunk("社区常用居民会议开展议事协商。", source="y.md"),
              chunk("村里常用村民会议和百姓议事会。", source="z.md")]
    pools = CorpusPools(chunks, GLOSSARY | {"居民议事会": "会议", "百姓议事会": "会议"})
    assert pools.also_true("居民会议", "社区常用开展议事协商。")
    assert not pools.also_true("百姓议事会", "社区常用开展议事协商。")
    items = list(RuleGenerator(pools).candidates(chunks[0], "single_choice"))
    assert all("居民会议" not in q.options for q in items)


def test_half_of_a_stock_pair_is_not_blanked(generator: RuleGenerator):
    keys = {t.text for t in generator.key_terms("事项须经村民会议或者村民代表会议讨论决定。")}
    assert not keys & {"村民会议", "村民代表会议"}


def test_national_meetings_and_bodies_are_their_own_kinds():
    from trainer_bot.quiz.categories import infer_category

    assert infer_category("中央政治局会议") == "重要会议" and infer_category("村民小组会议") == "会议"
    assert infer_category("中央全面深化改革委员会") == "中央机构" and infer_category("村务监督委员会") == "组织/机构"


def test_names_and_stems_stand_on_their_own():
    from trainer_bot.quiz.pools import self_contained

    assert "乡镇人民政府" in {t.text for t in find_terms("村规民约由村民会议制定，并报乡镇人民政府备案。", {})}
    assert not {t.text for t in find_terms("中央全面深化改革委员会审议通过了意见。", {})}  # a cut name is no name
    assert not self_contained("成员由村民会议推选产生，任期与村民委员会相同。")
    assert not self_contained("第一，靠前发现，网格员和村干部要在走访中听到苗头。")
    assert not self_contained("2024年的修订由十四届全国人大常委会第十次会议完成。")
    assert self_contained("平时，村（居）委会要开展应急知识宣传。")
    assert enumeration("坚持自治、法治、德治相结合。", GLOSSARY) is None


def test_more_give_aways_are_caught(generator: RuleGenerator):
    from trainer_bot.quiz.categories import infer_category
    from trainer_bot.quiz.pools import gives_away

    assert not any(t.text.endswith("控制") for t in find_terms("基层要严格控制会议数量。", {}))
    assert gives_away("2019年", "中央明确2019年为基层减负年，并于（ ）印发通知。")
    assert infer_category("乡镇人民政府") == "国家机关" and infer_category("司法所") == "国家机关"
    keys = {t.text for t in generator.key_terms("调委会是人民调解委员会的简称，由委员三至九人组成。")}
    assert "调委会" not in keys and "三至九人" in keys  # an abbreviation next to its full name gives itself away
    assert "网格员" not in {t.text for t in generator.key_terms("各地设网格员办公室，统一调度人员。")}


def test_a_fact_listed_in_a_short_answer_is_not_tested_again():
    short = make_question(type="short_answer", stem="网格员做什么？", explanation="",
                              answer="1. 信息采集，是掌握基础信息。\n2. 隐患排查，是巡查安全风险。",
                              source={"source": "a.md", "quote": "信息采集，是掌握基础信息。隐患排查，是巡查安全风险。"})
    single = make_question(type="single_choice", stem="网格员的基本职责包括信息采集和（    ）。", explanation="",
                               options=["隐患排查", "矛盾纠纷排查", "一网通办", "主动治理"], answer=[0],
                               source={"source": "a.md", "quote": "网格员的基本职责包括信息采集和隐患排查。"})
    assert validate.same_fact(short, single)


def test_list_members_and_sentence_frames_are_not_blanked(generator: RuleGenerator):
    keys = {t.text for t in generator.key_terms("常用工具有村民会议、调解员和网格员，重在发动群众。")}
    assert not keys & {"村民会议", "调解员", "网格员"}  # its siblings give a list member away, or fit as well
    assert generator.pools.defined_term("关键是让议事机制真正运转起来。") is None
    assert generator.pools.defined_term("信息采集，是掌握格内人口等基础信息。").text == "信息采集"


# --- a trainer's own material: facts found by form, not by the glossary -------------------------------------------

def _numbers(sentence: str) -> list[str]:
    return [t.text for t in find_terms(sentence, {}) if t.kind == "number"]


def test_numbers_in_everyday_units_with_decimals_multipliers_and_periods():
    assert _numbers("清除后，村里每30天复查一次，一株可以产生约2万粒种子。") == ["30天", "一次", "一株", "2万粒"]
    assert _numbers("单人墓位不得超过0.7平方米，墓碑不超过80厘米，每半天加2分，扣5至10分。") == \
        ["0.7平方米", "80厘米", "2分", "5至10分"]
    assert _numbers("一些塑料包装在自然环境中几十年都难以降解。") == []  # 几十年 is no figure (not 十年)
    assert _numbers("三分之一以上的村民，五分类垃圾。") == ["三分之一以上"]  # 分 of 三分之一 is no point score
    assert set(number_distractors("0.7平方米", random.Random(1))) <= {"0.4平方米", "1平方米", "1.1平方米", "1.2平方米",
                                                                  "0.5平方米", "1平方米"}
    assert all(w.endswith("万粒") for w in number_distractors("2万粒", random.Random(1)))
    assert all(w.endswith("万元") and w != "6.2万元" for w in number_distractors("6.2万元", random.Random(1)))  # crashed once
    assert set(number_distractors("80周岁", random.Random(1))) == {"70周岁", "75周岁", "85周岁", "90周岁"}  # not 160


def test_months_of_the_year_are_keys_whose_options_keep_the_sentences_order():
    from trainer_bot.quiz.figures import month_distractors

    sentence = "第一轮在5月至6月，以拔除幼苗为主；第二轮在9月至10月完成。"
    months = [(t.text, t.category) for t in find_terms(sentence, {}) if t.kind == "month"]
    assert months == [("5月至6月", "月份"), ("9月至10月", "月份")]
    wrong = month_distractors("9月至10月", sentence, random.Random(1))
    assert wrong and all(int(w.split("月")[0]) > 6 and int(w.split("至")[1].rstrip("月")) <= 12 for w in wrong)
    assert not [t for t in find_terms("2024年3月印发，为期3个月。", {}) if t.kind == "month"]  # a dated month, a span


def test_who_a_rule_makes_act_is_found_by_its_place_in_the_sentence():
    actors = {t.text: t.category for t in find_terms("回收款由管理员现场登记，每季度由县级处置单位统一转运，"
                                                     "疑似线索及时报告镇金融工作办公室。", {}) if t.kind == "actor"}
    assert actors == {"管理员": "职务/角色", "县级处置单位": "组织/机构", "镇金融工作办公室": "组织/机构"}
    for clause in ("由拖拉机底盘改装而成", "由于工作需要", "由镇统一组织专业人员施药", "村里经营单位很多"):
        assert not [t for t in find_terms(clause, {}) if t.kind == "actor"], clause


UPLOAD = [
    chunk("所谓外来入侵植物，是指从原产地以外传入、在本地自然环境中能够自行繁殖扩散并造成危害的植物。", source="w.md",
          topic="", heading=("一、认识入侵植物",), title="一枝黄花清除工作指南"),
    chunk("选址禁止安排在以下区域：\n耕地，特别是永久基本农田；\n水库、河流堤坝附近和水源保护区；\n文物保护区、风景名胜区。",
          source="w.md", topic="", heading=("二、选址",), title="一枝黄花清除工作指南"),
    chunk("（一）农户承包地由农户自行清除；\n（二）村内道路由村集体组织清除；\n（三）河道堤岸由管理单位负责清除。"
          "\n清除的植株应当装袋后送到村指定的集中处理点，每30天复查一次。",
          source="w.md", topic="", heading=("三、责任分工",), title="一枝黄花清除工作指南"),
    chunk("本镇农业农村办公室编写，供村干部参考。\n（北山镇农业综合服务中心）", source="w.md", topic="", heading=(),
          title="一枝黄花清除工作指南"),
]


@pytest.fixture(scope="module")
def upload_generator() -> RuleGenerator:
    return RuleGenerator(CorpusPools(UPLOAD, GLOSSARY))


def test_a_list_item_carries_its_lead_in_and_no_byline_is_a_statement():
    from trainer_bot.quiz.statements import statements_in_context

    listed = list(statements_in_context(UPLOAD[1]))
    assert [s.lead for s in listed] == ["选址禁止安排在以下区域："] * 3
    duties = list(statements_in_context(UPLOAD[2]))
    assert [d.lead for d in duties] == ["", "", "", ""]  # each item says who; a label before it would be clutter
    steps = chunk("1. 24小时内通过巡查系统报镇自然资源所；\n2. 跟踪整改直到销号。", source="w.md", topic="",
                  heading=("五、发现问题怎么处置",), title="耕地保护巡查手册")
    # what the steps are steps of: the event a heading asks about (发现问题怎么处置 → 发现问题后，)
    assert [s.lead for s in statements_in_context(steps)] == ["发现问题后，"] * 2
    # a heading that asks without naming an event, or sets a scene, labels nothing: the topic frames the items
    for heading in ("三、村协办员怎么做", "二、一年的工作节奏", "四、巡查主体与频次"):
        scene = chunk("1. 每次集中免疫结束后5个工作日内汇总上报；\n2. 每季度上门核查一次。", source="w2.md", topic="",
                      heading=(heading,), title="村级动物防疫员工作手册")
        assert [s.lead for s in statements_in_context(scene)] == ["", ""], heading
    assert list(statements_in_context(UPLOAD[3])) == []  # who wrote it, a remark in brackets


def test_stems_with_a_lead_in_pass_the_checks_only_when_the_lead_in_is_in_the_material():
    from trainer_bot.quiz.generate import source_texts

    steps = chunk("发现违法占地后，按下列步骤处置：\n1. 24小时内报镇自然资源所；\n2. 跟踪整改直到销号。", source="w.md",
                  topic="", heading=("五、发现问题怎么处置",), title="耕地保护巡查手册")
    texts = source_texts([*UPLOAD, steps])["w.md"]
    led = [q for q in RuleGenerator(CorpusPools([*UPLOAD, steps], GLOSSARY)).candidates(steps, "fill_blank")
           if q.stem.startswith("耕地保护巡查中，发现违法占地后，")]  # the topic, then when the steps apply
    assert led and all(validate.check(q, texts) is None for q in led)  # (the 按下列步骤处置 announcing them is dropped)
    forged = led[0].model_copy(update={"stem": led[0].stem.replace("发现违法占地后，", "县里规定：")})
    assert validate.check(forged, texts) == "把答案填回题干后与原文不符"
    # another body the same document gives a task to is an option: plausible, and wrong for this task by the material
    items = list(RuleGenerator(CorpusPools([*CORPUS, *UPLOAD], GLOSSARY)).candidates(UPLOAD[2], "single_choice"))
    assert any({"村集体", "管理单位"} <= set(q.options) for q in items)


def test_no_key_is_the_sets_own_topic_and_a_definitions_head_noun_gives_nothing_away(upload_generator):
    fills = list(upload_generator.candidates(UPLOAD[0], "fill_blank"))
    assert [q.answer for q in fills] == [["外来入侵植物"]]  # …的植物 repeats only the kind of thing it defines
    assert validate.check(fills[0], UPLOAD[0].text) is None
    titled = RuleGenerator(CorpusPools(UPLOAD, GLOSSARY)).key_terms("一枝黄花每年9月至11月开花。", "一枝黄花清除工作指南")
    assert [t.text for t in titled] == ["9月至11月"]


def test_a_stem_that_is_almost_only_its_blank_is_refused():
    q = make_question(type="multiple_choice", stem="（    ）。", options=["耕地", "水库", "文物保护区", "渔船"], answer=[0, 1],
                      source={"source": "w.md", "quote": "耕地、水库"})
    assert validate.stem_has_content(q) == "题干内容太少，看不出问的是什么"
    subjectless = make_question(type="single_choice", stem="（    ）时间不少于7天。", options=["实施结果公开", "决议公开", "两公开"],
                                answer=[0], source={"source": "w.md", "quote": "实施结果公开时间不少于7天。"})
    assert validate.stem_has_content(subjectless) == "题干内容太少，看不出问的是什么"  # whose time? the subject is the blank


def test_a_rule_without_a_fact_to_change_is_a_true_statement_and_sets_still_mix_answers(upload_generator):
    judged = list(upload_generator.candidates(UPLOAD[2], "true_false"))
    assert any(q.answer is True and "应当装袋" in q.stem for q in judged)
    assert {q.answer for q in judged} == {True, False}  # a sentence with a fact to change offers both versions


class _ShortHeavy:
    """Every passage offers two 简答 and one 填空: more sections than facts, as in a prose-heavy upload."""

    name = "short-heavy"

    def __init__(self, rules: RuleGenerator):
        self.rules = rules

    def candidates(self, c: Chunk, qtype: str):
        if qtype == "short_answer":
            for n in (1, 2):
                yield make_question(type="short_answer", stem=f"{c.id}的第{n}个问题是什么？", answer=f"1. {c.text[:12]}\n2. {c.text[12:30]}",
                                    explanation="评分参考", source={"source": c.source, "quote": c.text[:30]})
        else:
            yield from self.rules.candidates(c, qtype)


def test_short_answers_come_last_and_never_fill_more_than_a_third_of_a_set(corpus_bot: TrainerBot):
    from trainer_bot.quiz.generate import _quotas, corpus_pools

    assert _quotas(7, ["short_answer", "fill_blank", "true_false"]) == ["fill_blank", "true_false", "fill_blank",
                                                                         "true_false", "short_answer", "short_answer",
                                                                         "short_answer"]
    generator = _ShortHeavy(RuleGenerator(corpus_pools(corpus_bot.chunks())))
    report = generate_quiz(corpus_bot, 10, TYPES, generator=generator)
    shorts = sum(q.type == "short_answer" for q in report.quiz.questions)
    # two 简答 were asked for; when the other types run out, one more may fill in, not seven
    assert len(report.quiz.questions) < 10 and shorts == 3, [q.type for q in report.quiz.questions]


def test_numbered_items_lose_their_number_but_a_decimal_keeps_its_digits():
    numbered = chunk("2．村委会：评议结果公示7天。\n3.5米以上的围栏由村集体维护。", source="n.md", topic="")
    assert list(statements(numbered)) == ["村委会：评议结果公示7天。", "3.5米以上的围栏由村集体维护。"]


def test_a_table_row_and_a_speakers_aside_give_stems_a_topic_not_a_cell_bar_or_chatter():
    from trainer_bot.quiz.generate import source_texts
    from trainer_bot.quiz.statements import statements_in_context

    rows = chunk("随礼金额｜亲友不超过200元，一般邻里不超过100元。\n说细一点：\n每户每次清掏收费30元；", source="t.md", topic="",
                 heading=("三、收费标准",), title="红白理事会")
    assert [(s.lead, s.text) for s in statements_in_context(rows)] == [
        ("随礼金额：", "亲友不超过200元，一般邻里不超过100元。"), ("收费标准：", "每户每次清掏收费30元")]
    item = next(RuleGenerator(CorpusPools([rows], {})).candidates(rows, "fill_blank"))
    assert item.stem.startswith("红白理事会中，随礼金额：") and validate.check(item, source_texts([rows])["t.md"]) is None


def test_a_stem_that_does_not_say_what_it_is_about_opens_with_the_documents_topic():
    hiring = chunk("1. 拟聘人员名单在村务公开栏公示不少于5天；\n2. 公示无异议的签订聘用协议。", source="h.md", topic="",
                   heading=("二、村内公示",), title="村级公益岗位聘用与考核工作要点")
    item = next(RuleGenerator(CorpusPools([hiring], {})).candidates(hiring, "fill_blank"))
    assert item.stem == "公益岗位聘用与考核中，拟聘人员名单在村务公开栏公示不少于______。"  # not 「村内公示：…」
    assert validate.check(item, hiring.text) is None
    assert subject_of("学习材料") == ""  # names no topic: no frame


def test_what_a_sentence_gives_away_or_denies_is_not_tested():
    rules = RuleGenerator(CorpusPools(CORPUS, GLOSSARY))
    # a count its own sentence spells out, a day inside a date, a word cut before its 员
    assert not [t for t in rules.key_terms("调解协议一式三份，双方和村委会各执一份。") if t.text == "三份"]
    assert [t.text for t in find_terms("9月30日前完成", {}) if t.kind == "number"] == []
    glossed = RuleGenerator(CorpusPools(CORPUS, {**GLOSSARY, "与会人": "职务/角色"}))
    assert [t.text for t in glossed.key_terms("会议记录由与会人员签字确认。")] == []  # not 「（ ）员」
    # 村委会不作为入市主体: another body is not one either, so swapping it makes no false statement
    negated = chunk("入市主体是村股份经济合作社，村民委员会不作为入市主体。", source="g.md", topic="基层自治与民主")
    assert all(q.answer is True for q in rules.candidates(negated, "true_false"))
    talk = chunk("同志们，今天咱们讲讲门前三包。\n本材料为培训示例，数字仅供学习参考。\n每户每月评比一次，连续两次上黑榜的要约谈。",
                 source="k.md", topic="", heading=("一、开场",), title="门前三包讲稿")
    assert list(statements(talk)) == ["每户每月评比一次，连续两次上黑榜的要约谈。"]
    assert question_from_heading("三、补贴标准", "公益岗位聘用与考核") == "公益岗位聘用与考核对补贴标准有哪些规定？"


def test_a_sentence_the_rules_trip_on_costs_its_items_not_the_set(monkeypatch, caplog):
    rules = RuleGenerator(CorpusPools(CORPUS, GLOSSARY))

    def trips(chunk: Chunk, sentence: str):
        if "司法确认" in sentence:
            raise ValueError("a bug in a rule")
        yield from RuleGenerator._fill(rules, chunk, sentence)

    monkeypatch.setattr(rules, "_fill", trips)
    items = list(rules.candidates(CORPUS[0], "fill_blank"))
    assert items and not any("司法确认" in q.source.quote for q in items)
    assert "quiz rules failed on a sentence of a.md" in caplog.text


def test_round_18s_findings_each_stay_fixed():
    rules = RuleGenerator(CorpusPools(CORPUS, GLOSSARY))
    assert set(number_distractors("300至500户", random.Random(1))) >= {"200至400户", "400至600户"}  # not 298至498户
    assert all(int(w.rstrip("%")) <= 100 for w in number_distractors("80%", random.Random(1)))  # no 160% share
    assert [t.text for t in find_terms("村规民约一年一度评议。", {}) if t.kind == "number"] == []  # an idiom
    assert not self_contained("网格员发现上述情况的，应当在2小时内报告。")
    assert not self_contained("咱们镇今年的参保任务是96%。")
    assert [t.text for t in find_terms("审核通过后报乡镇档案工作人员签字。", {}) if t.kind == "actor"] == ["乡镇档案工作人员"]
    assert not [t for t in rules.key_terms("村“两委”成员每月走访一次。") if t.text == "两委"]  # inside a longer name
    glossed = RuleGenerator(CorpusPools(CORPUS, {**GLOSSARY, "两委": "组织/机构"}))
    assert not [t for t in glossed.key_terms("由村“两委”入户核实。") if t.text == "两委"]  # a glossary term alike
    national = chunk("发现焚烧秸秆的，村里应当立即报镇禁烧办。", source="s.md", topic="",
                     title="秸秆禁烧值守", heading=("一、值守",))
    offices = chunk("发现火情的，报镇应急办；发现纠纷的，报镇综治中心；发现病虫害的，报镇农业综合服务中心。", source="s.md", topic="",
                    title="秸秆禁烧值守", heading=("二、报告",))
    pools = CorpusPools([*CORPUS, national, offices], {**GLOSSARY, "国家信访局": "组织/机构", "镇综治中心": "组织/机构",
                                                       "镇应急办": "组织/机构", "镇农业综合服务中心": "组织/机构"})
    options = {o for q in RuleGenerator(pools).candidates(national, "single_choice") for o in q.options}
    assert options and "国家信访局" not in options


def test_a_wrong_option_is_explained_from_another_document_of_the_same_field_only():
    law = chunk("居民委员会是群众性自治组织，实行民主选举。", source="k/law.md", topic="城市治理")
    guide = chunk("社区网格员每周走访一次。", source="k/guide.md", topic="城市治理")
    upload = chunk("防汛物资由镇水利站统一调配。", source="u.md", topic="")
    pools = CorpusPools([law, guide, upload], GLOSSARY)
    assert pools.said_about("居民委员会", "k/guide.md") == "居民委员会是群众性自治组织，实行民主选举。（见《测试材料》）"
    assert pools.said_about("居民委员会", "u.md") is None  # a law on city communities explains nothing in a flood guide


def test_round_20s_findings_each_stay_fixed():
    rules = RuleGenerator(CorpusPools(CORPUS, GLOSSARY))
    # a colloquial title's time clause is no topic to open a stem with (高标准农田建成以后中，…)
    later = chunk("1. 渠道垮了一小段的，村里3天内修好；", source="l.md", topic="", heading=("二、小毛病怎么办",),
                  title="高标准农田建成以后")
    assert all(not q.stem.startswith("高标准农田建成以后中") for q in rules.candidates(later, "fill_blank"))
    assert question_from_heading("一、先把概念弄清楚", "高标准农田管护") is None  # a talk's step, not a matter
    assert subject_of("高标准农田建成以后") == ""  # so no 简答 asks 「…以后中，钱从哪来？」 either
    assert enumeration("帮扶小组由村（社区）干部、网格员和家庭成员组成。") is None  # 干部 is cut from 村（社区）干部
    actors = [t.text for t in find_terms("尿检由乡镇禁毒专干组织，每月一次。", {}) if t.kind == "actor"]
    assert "乡镇禁毒专干组织" not in actors  # 组织 is the verb here
    assert not [t for t in rules.key_terms("协议一式两份，双方各执一份。") if t.text == "两份"]


def test_round_21s_findings_each_stay_fixed():
    rules = RuleGenerator(CorpusPools(CORPUS, GLOSSARY))
    # a section that only names a procedure (三、工作程序) is no lead; the document's topic frames a step that does
    # not say what it is about
    steps = chunk("镇里在接到申请后10个工作日内提交账簿；\n审计组在30日内形成审计报告。", source="p.md", topic="",
                  heading=("三、工作程序",), title="村级组织换届离任审计工作规程")
    stems = [q.stem for q in rules.candidates(steps, "fill_blank")]
    assert stems and all("工作程序" not in s for s in stems)
    assert any(s.startswith("根据《村级组织换届离任审计工作规程》，镇里") for s in stems)
    # a list's lead-in that only announces steps gives way too (盘活利用按以下步骤办理：)
    led = chunk("盘活利用按以下步骤办理：\n1．双方签订书面租赁协议，租期不得超过20年；", source="q.md", topic="",
                heading=("二、办理流程",), title="农村闲置农房盘活利用工作指引")
    assert [q.stem for q in rules.candidates(led, "single_choice")][0].startswith("根据《农村闲置农房盘活利用工作指引》，双方签订")
    # a speaker's preamble and a full-width item number are not part of a statement
    talk = chunk("要提醒大家：电动车和电池不得进电梯，不得在室内过夜充电。\n2．24小时内回头复查，没挪的再上门做工作；",
                 source="t.md", topic="", heading=("四、堵了还得疏",), title="讲稿：防范电动自行车楼道充电火灾")
    assert list(statements(talk)) == ["电动车和电池不得进电梯，不得在室内过夜充电。", "24小时内回头复查，没挪的再上门做工作"]
    # a talk's title names its topic without the genre, the speaker's 咱们村 or the question it asks
    assert subject_of("讲稿：咱们村农村公路“路长制”日常养护怎么抓") == "农村公路“路长制”日常养护"
    assert subject_of("村级组织换届离任审计工作规程") == "村级组织换届离任审计"  # 村级组织 stays whole
    # two stock facets in one heading are asked as a person would ask them, with the term the section defines
    assert question_from_heading("一、定义和审计对象", "离任审计", "离任审计") == "什么是离任审计？审计对象有哪些？"
    assert question_from_heading("一、先弄清楚什么是“路长制”", "农村公路日常养护") == "什么是“路长制”？"
    assert question_from_heading("三、改造和安全", "闲置农房盘活") == "闲置农房盘活中，关于改造和安全有哪些规定？"
    # a blank on a word anyone could fill (群众) or on two characters (法治) tests nothing; nor does the name a
    # quote runs on into (村“两委”联席会议), nor whom the guide is for
    duty = chunk("法律顾问不得向群众收取任何费用，每月开展法治宣传讲座。由村“两委”联席会议提出方案。本指引适用于各村民委员会。",
                 source="r.md", topic="")
    keys = {a for q in rules.candidates(duty, "fill_blank") for a in q.answer} | \
        {q.options[q.answer[0]] for q in rules.candidates(duty, "single_choice")}
    assert not keys & {"群众", "法治", "联席会议", "村民委员会"}
    # a 判断 takes one of several rules strung together with ；, not all of them at once; a list's items stay together
    rules_of = chunk("狗要拴养或圈养，不得散放；带出门要拴牵引绳，绳长不超过1.5米；不得饲养藏獒等烈性犬。", source="s.md", topic="")
    judged = [q.source.quote for q in rules.candidates(rules_of, "true_false")]
    assert judged and all(q.count("；") == 0 for q in judged)
    listed = chunk("楼栋长每月至少排查1次，重点看以下几项：楼道有没有停放电动车；有没有飞线充电；消防通道有没有被堵。", source="u.md",
                   topic="")
    assert all(q.source.quote.count("；") == 2 for q in rules.candidates(listed, "true_false"))


def test_round_22s_findings_each_stay_fixed():
    rules = RuleGenerator(CorpusPools(CORPUS, GLOSSARY))
    # no date that never was (4月31日); a month-end deadline moves to another month's end
    moved = month_distractors("3月31日", "每年3月31日前完成摸排。", random.Random(3))
    assert "4月30日" in moved and not {"2月31日", "4月31日", "6月31日", "2月29日"} & set(moved)
    assert "2021年2月29日" not in date_distractors("2020年2月29日", "自2020年2月29日起施行。", random.Random(3))
    # a title's slogan, the county that wrote it and the meeting it was given at are no topic
    assert subject_of("把“小积分”用成“大治理”——丰源县乡风文明积分管理推进会讲稿（摘要）") == "乡风文明积分管理"
    assert subject_of("防汛转移避险，关键在“早、快、全”——河口镇防汛培训会讲稿") == "防汛转移避险"
    assert subject_of("柳林县农村饮水工程管护问答") == "农村饮水工程管护"
    assert subject_of("城乡社区治理要点") == "城乡社区治理"  # 城乡社区 is no county
    assert question_from_heading("一、积分超市到底是个啥", "乡风文明积分管理") == "什么是积分超市？"
    # a lead-in that announces its list frames the items by the matter it names; a speaker's address is dropped
    tiers = chunk("财政补贴按以下标准执行：\n60至79周岁的老年人，每餐补贴3元；\n80周岁以上的老年人，每餐补贴5元。",
                  source="v.md", topic="", title="居家养老助餐点运营问答")
    stems = [q.stem for q in rules.candidates(tiers, "fill_blank")]
    assert stems and all(s.startswith("居家养老助餐点运营中，关于财政补贴，") for s in stems)
    checked = [validate.check(q, tiers.text) for q in rules.candidates(tiers, "fill_blank")]
    assert None in checked and "把答案填回题干后与原文不符" not in checked  # the frames are read past
    talk = chunk("各位书记、村主任：当年积分在次年3月31日前兑换有效，逾期作废。", source="w.md", topic="")
    assert list(statements(talk)) == ["当年积分在次年3月31日前兑换有效，逾期作废。"]


def test_round_23s_findings_each_stay_fixed():
    rules = RuleGenerator(CorpusPools(CORPUS, GLOSSARY))
    # no score past a 100-point scale, no tier count of one or of twice as many
    assert all(int(v.rstrip("分")) <= 100 for v in number_distractors("80分", random.Random(2)))
    assert not {"一级", "十级"} & set(number_distractors("五级", random.Random(2)))
    # a count the stem says in other words gives itself away (双联系人, 一星至五星)
    pairs = chunk("每户至少登记2名紧急联系人，这就是“双联系人”制度。志愿者按一星至五星评定，星级分为五级。", source="x.md", topic="")
    keys = {a for q in rules.candidates(pairs, "fill_blank") for a in q.answer}
    assert not keys & {"2名", "五级"}
    # a question in a Q&A is no statement to judge
    asked = chunk("问3：出租房屋有哪些禁止性要求？\n答：不得将厨房出租供人居住。", source="y.md", topic="")
    assert list(statements(asked)) == ["不得将厨房出租供人居住。"]
    # a role from another field is no option (护林员 for a property dispute), a role of this document's kind is
    pools = CorpusPools([*CORPUS, chunk("业主大会由物业服务中心的楼栋长召集。", source="z.md", topic="")],
                        {**GLOSSARY, "护林员": "职务/角色", "巡河员": "职务/角色"})
    assert not pools.of_this_kind("护林员", "z.md") and pools.of_this_kind("楼栋长", "z.md")
    # a 简答 over items a forbidding lead-in introduces keeps the lead-in, so the points do not read as duties
    duties = chunk("代办员不得有下列行为：\n1. 收取任何费用、礼品或者变相收费；\n2. 代替群众签署本应由本人签署的文件；",
                   source="w.md", topic="", heading=("五、工作纪律",), title="村级党群服务中心代办服务工作指引")
    item = rules.candidates(duties, "short_answer")
    answer = next(iter(item)).answer
    assert answer.startswith("代办员不得有下列行为：\n1. 收取任何费用") and validate.check(next(iter(
        rules.candidates(duties, "short_answer"))), duties.text) is None
    # 「slogan」——在…会上的讲话: the topic is what the meeting was about
    assert subject_of("「按一下，有人应」——在云溪街道独居老人“一键呼”与定期探访工作推进会上的讲话") == "独居老人“一键呼”与定期探访"
    assert subject_of("「早发现、早制止」——石桥镇村庄规划实施与违法建设巡查工作指引") == "村庄规划实施与违法建设巡查"


def test_round_24s_findings_each_stay_fixed():
    rules = RuleGenerator(CorpusPools(CORPUS, GLOSSARY))
    # a slogan before —— is no topic when a paper's own title follows it
    assert subject_of("改好更要管好——清溪县农村改厕后续管护工作指引") == "农村改厕后续管护"
    assert subject_of("长宁街道社区网格化传染病防控应急响应操作规程") == "网格化传染病防控应急响应"
    # a step's or a tier's label gives way to the topic; a term's name and who acts stay
    steps = chunk("派单：乡镇管护服务站接报后2小时内派单，并在台账中登记。\n人员：队员不少于6人，设站长1名。\n"
                  "四议：村党组织提议、村“两委”会议商议。\n村委会：设立回收暂存点，每周清运一次。", source="a2.md", topic="",
                  title="消防安全与改厕管护工作指引")
    said = list(statements(steps))
    assert said[:2] == ["乡镇管护服务站接报后2小时内派单，并在台账中登记。", "队员不少于6人，设站长1名。"]
    assert said[2].startswith("四议：") and said[3].startswith("村委会：")
    assert all(q.stem.startswith("根据《消防安全与改厕管护工作指引》，") for q in rules.candidates(steps, "fill_blank")
               if "队员" in q.stem or "派单" in q.stem)
    # one end of a score band, or a total the parts add up to, is no blank
    bands = chunk("按满分100分评估：90分及以上为优秀，75分至89分为合格，75分以下为不合格。", source="b2.md", topic="")
    keys = {a for q in rules.candidates(bands, "fill_blank") for a in q.answer}
    assert not keys & {"89分", "75分", "100分"}


def test_round_25s_findings_each_stay_fixed():
    rules = RuleGenerator(CorpusPools(CORPUS, GLOSSARY))
    assert subject_of("鹤山镇村（社区）应急物资储备点管理制度") == "应急物资储备点管理"  # not cut at 村（
    assert subject_of("“车有位、路畅通”——在江北街道社区停车矛盾治理工作现场会上的讲话") == "停车矛盾治理"
    assert question_from_heading("二、术语定义", "居民公约修订") is None  # 「…对术语定义有哪些规定？」 asks nothing
    # a section cut into chunks: the chunk that holds steps 5 and 6 makes no 简答 asking for the whole procedure
    rest = chunk("5. 居民会议表决，须经到会人员过半数同意方为通过；\n6. 通过后10日内在社区公示栏公示。", source="c3.md",
                 topic="", heading=("三、操作步骤",), title="居民公约修订操作规程")
    assert list(rules.candidates(rest, "short_answer")) == []
    # a false 判断 that only writes a name in its other form is still true: no such item, and the check says why
    assert validate.false_statement_fair(make_question(
        type="true_false", stem="社区居委会主任是老年食堂食品安全属地管理责任人。", answer=False, explanation="错误。",
        source={"source": "e.md", "quote": "社区居民委员会主任是老年食堂食品安全属地管理责任人。"})) \
        == "改动后的说法与原文同义，陈述仍然正确"
    # a tier's colour is no key (red is the worst by convention); members of what, a stem must say
    tiers = chunk("监测对象实行三色管理，收入低于监测范围的标为红色，由帮扶责任人每周走访1次。", source="c4.md", topic="")
    assert "红色" not in {a for q in rules.candidates(tiers, "fill_blank") for a in q.answer}
    owners = chunk("成员任期与村民委员会任期相同，为5年，可以连选连任。", source="c6.md", topic="")
    assert list(rules.candidates(owners, "single_choice")) == []
    # a statement that opens with no subject of its own is framed by the topic
    steps = chunk("从发现到认定，原则上15天内完成，并同步落实帮扶责任人。", source="c5.md", topic="",
                  title="防止返贫动态监测帮扶工作指引")
    assert all(q.stem.startswith("根据《防止返贫动态监测帮扶工作指引》，") for q in rules.candidates(steps, "single_choice"))


def test_round_26s_findings_each_stay_fixed():
    rules = RuleGenerator(CorpusPools(CORPUS, GLOSSARY))
    # the same count in another unit, or the rest of a 100-point scale, gives the key away
    counted = chunk("全街道共划分86个网格，每个网格配备1名专职网格员，共86名。考核按百分制，60分以上合格，扣分不超过40分。",
                    source="d6.md", topic="")
    keys = {a for q in rules.candidates(counted, "fill_blank") for a in q.answer}
    assert not keys & {"86名", "86个", "40分"}
    # a tier's label is kept when the item has no subject without it (黄色：达到85%至95%的…), as what the item is about
    from trainer_bot.quiz.statements import statements_in_context
    assert [(s.lead, s.text) for s in statements_in_context(chunk("黄色：达到85%至95%的，由村里限期整改。", source="d7.md",
                                                                    topic=""))] == [("关于黄色，", "达到85%至95%的，由村里限期整改。")]
    # a wrong number that another rule of the same document sets is explained by that rule
    rewards = chunk("考核为优秀的，发放月度绩效奖励300元。考核为良好的，发放月度绩效奖励200元。", source="d8.md", topic="")
    rules = RuleGenerator(CorpusPools([*CORPUS, rewards], GLOSSARY))
    items = [q for q in rules.candidates(rewards, "single_choice") if q.options[q.answer[0]] == "300元" and "200元" in q.options]
    assert items and all("“200元”是材料中另一处说到的数值（考核为良好的，发放月度绩效奖励200元）" in q.explanation for q in items)
    # a tier's label says when its rule applies: it frames the item even when the rest has a subject of its own
    tiered = chunk("一级（50—199人）：举办者在聚餐前5日向村协管员备案。\n二级（200—499人）：举办者在聚餐前3日备案。",
                   source="d9.md", topic="")
    assert [s.lead for s in statements_in_context(tiered)] == ["关于一级（50—199人），", "关于二级（200—499人），"]
    # a value another rule sets is an option only in the key's own shape: no single 50亩 among ranges
    areas = chunk("流转面积100至200亩的，报镇备案。流转面积50亩以下的，报村备案。", source="d10.md", topic="")
    rules = RuleGenerator(CorpusPools([*CORPUS, areas], GLOSSARY))
    ranged = [q for q in rules.candidates(areas, "single_choice") if "至" in q.options[q.answer[0]]]
    assert ranged and all("至" in o for q in ranged for o in q.options)


def test_round_28s_findings_each_stay_fixed():
    # where the material allows either body, one is no wrong option for the other
    either = chunk("重大事项由村民会议或者村民代表会议决定。村务公开栏内容由村务监督委员会审核，每季度更新一次。",
                   source="e1.md", topic="")
    pools = CorpusPools([*CORPUS, either], GLOSSARY)
    assert pools.either("村民会议", "村民代表会议", "e1.md") and not pools.either("村民会议", "村务监督委员会", "e1.md")
    judged = [q for q in RuleGenerator(pools).candidates(either, "true_false") if q.answer is False]
    assert not any("村民会议或者村民会议" in q.stem or q.stem.count("村民会议") > q.source.quote.count("村民会议")
                   and "村民代表会议" not in q.stem for q in judged)
    # a heading that leans on the ones before it (其他几个风险也要盯住) asks nothing on its own
    assert question_from_heading("四、其他几个风险也要盯住", "农村留守儿童暑期安全") is None
    # a speaker's 我要求 is no part of the rule
    talk = chunk("我要求各村7月5日前完成一轮入户核查，按两类分开管理。", source="e2.md", topic="")
    assert list(statements(talk)) == ["各村7月5日前完成一轮入户核查，按两类分开管理。"]


def test_round_29s_findings_each_stay_fixed():
    from trainer_bot.quiz.statements import statements_in_context

    # a tier named with what it grades (三级响应（…）：) frames its item like 红色：… does
    tiers = chunk("根据预警级别，实行三级响应：\n1. 三级响应（蓝色、黄色预警）：全体队员保持通讯畅通，1小时内到社区值守。\n"
                  "2. 二级响应（橙色预警）：30分钟内集结不少于半数队员。\n集结采取微信群通知加电话确认，队长10分钟内反馈到岗人数。",
                  source="t1.md", topic="")
    found = {s.text: s.lead for s in statements_in_context(tiers)}
    assert found["全体队员保持通讯畅通，1小时内到社区值守。"] == "关于三级响应（蓝色、黄色预警），"
    # a sentence of prose after the list is no item of it: the list's lead-in does not open its stem
    assert found["集结采取微信群通知加电话确认，队长10分钟内反馈到岗人数。"] == ""
    # the second sentence of a tier's item is about that tier too, even when the first is too short to frame
    visits = chunk("实行三级分类管理：\n1. 红色（重点关注）：80周岁以上的。每天电话问候1次，每周上门不少于2次。\n"
                   "2. 绿色（日常关注）：其他老人。每周电话问候1次，每月上门不少于2次。", source="t2.md", topic="")
    found = {s.text: s.lead for s in statements_in_context(visits)}
    assert found["每天电话问候1次，每周上门不少于2次。"] == "关于红色（重点关注），"
    assert found["每周电话问候1次，每月上门不少于2次。"] == "关于绿色（日常关注），"
    # a Q&A's 答： is no part of a lead-in; steps announced mid-sentence and a lead-in naming no matter frame nothing
    qa = chunk("问：翻建要走哪些程序？\n答：按以下步骤办理，乡镇一般在受理后20个工作日内作出审批决定：\n1. 农户向村民小组提出书面申请；\n"
               "2. 村委会审查，并在村务公开栏公示不少于5个工作日。\n问：哪些情况不能翻建？\n答：主要有以下几种：\n"
               "1. 已有一处宅基地又申请另一处的；\n2. 翻建位置占用永久基本农田的。", source="t3.txt", topic="")
    found = {s.text: s.lead for s in statements_in_context(qa)}
    assert found["农户向村民小组提出书面申请"] == "" and found["已有一处宅基地又申请另一处的"] == ""
    # a standard's clause number is no part of a stem; a speaker's 我 makes no statement
    clauses = chunk("3.1 首次服务前，由社区工作人员对老人进行身体评估，评估结果每6个月更新一次。\n"
                    "月底前完成率低于90%的村，书记来我这儿说明情况。\n我县每月通报一次完成率。", source="t4.md", topic="")
    assert list(statements(clauses)) == ["首次服务前，由社区工作人员对老人进行身体评估，评估结果每6个月更新一次。",
                                         "我县每月通报一次完成率。"]
    # 二次污染 and 一次性 are words, not how often; a frequency stays a figure
    from trainer_bot.quiz.categories import glossary_categories
    from trainer_bot.quiz.terms import find_terms

    def figures(sentence: str) -> list[str]:
        return [t.text for t in find_terms(sentence, glossary_categories()) if t.kind == "number"]
    assert figures("清掏的粪污应当密闭运输，防止二次污染。") == [] and figures("全年至少组织二次演练。") == ["二次"]
    # a count the stem adds up, or a month the calendar gives, is no blank
    from trainer_bot.quiz.keys import _counted_elsewhere
    assert _counted_elsewhere(("两", "人"), "每个站点配备一名管理员和一名备岗人员，共")
    assert _counted_elsewhere(("30", "天"), "行动从下月1日开始，到月底结束，为期")
    assert not _counted_elsewhere(("3", "名"), "配备一名管理员和一名备岗人员")
    # steps announced with their count (一般按以下五步进行：) frame nothing; a table row of three columns is no sentence
    counted = chunk("答：一般按以下五步进行：\n1. 楼栋长逐户发放征询表，7日内收回；\n2. 社区统计结果并公示。\n\n"
                    "| 红色 | 每周走访2次 | 24小时内报告 |", source="t5.md", topic="")
    found = {s.text: s.lead for s in statements_in_context(counted)}
    assert found == {"楼栋长逐户发放征询表，7日内收回": "", "社区统计结果并公示。": ""}


def test_a_qa_answer_opens_with_what_its_question_asks_and_figures_keep_the_values_rules_use():
    from trainer_bot.quiz.statements import asked_frame

    # rounds 29–31: 「题干没说是继承登记」 — a Q&A's question says what a subjectless answer is about
    assert asked_frame("问：继承登记需要哪些材料、多长时间？") == "关于继承登记，"
    assert asked_frame("问：家里没人住、房主在外地怎么办？") == "家里没人住、房主在外地的，"
    assert asked_frame("发现施工质量问题找谁？") == "关于施工质量问题，"
    # no frame from a yes/no question, a clause, what to do, a step of a talk, or a facet the topic says better
    for question in ("翻建房屋的高度和层数有限制吗？", "施工会影响生活多久？", "上门干什么？", "第四，怎么兑？", "改革分几步？",
                     "村干部在发放工作中有哪些纪律？", "申报流程是什么？", "人手怎么配？"):
        assert asked_frame(question) == "", question
    qa = chunk("问：继承登记需要哪些材料、多长时间？\n答：一般需要死亡证明和继承协议。材料齐全的，不动产登记中心一般在10个工作日内办结。",
               source="q1.txt", topic="", heading=("二、继承问题",), title="凤鸣县农村宅基地使用权继承与房屋翻建政策问答")
    stems = [q.stem for q in RuleGenerator(CorpusPools([*CORPUS, qa], GLOSSARY)).candidates(qa, "fill_blank")]
    assert any(s.startswith("关于继承登记，材料齐全的") for s in stems), stems
    # a situation frame passes the checks: the key is checked against the rest of the stem
    from trainer_bot.quiz.validate import failures
    away = chunk("问：家里没人住、房主在外地怎么办？\n答：可以通过电话、视频或者委托书表达意见，社区必须至少联系3次并做好记录。",
                 source="q2.txt", topic="", heading=("二、意愿征询",), title="老旧小区改造居民意愿征询问答")
    framed = [q for q in RuleGenerator(CorpusPools([*CORPUS, away], GLOSSARY)).candidates(away, "fill_blank")
              if q.stem.startswith("家里没人住、房主在外地的，")]
    assert framed and not any(list(failures(q, away.text)) for q in framed)
    # round 29–30 graders: 35分钟、90米、1至6名、21米 are options nobody would write
    assert set(number_distractors("30分钟", random.Random(1))) <= {"15分钟", "20分钟", "45分钟", "60分钟", "90分钟"}
    assert set(number_distractors("100米", random.Random(1))) <= {"30米", "50米", "150米", "200米", "300米"}
    assert set(number_distractors("1至2名", random.Random(1))) == {"2至3名", "1至4名", "2至4名"}
    assert set(number_distractors("10.5米", random.Random(1))) == {"7.5米", "9米", "12米", "13.5米"}


def test_round_32s_findings_each_stay_fixed():
    from trainer_bot.load import load_html
    from trainer_bot.quiz.statements import statements_in_context
    from trainer_bot.quiz.topics import topic_frame

    # 二 before a measure word is 两 (每周统计二次 read as 'secondary'); a round 10 moves to round values, not 11
    assert "二次" not in number_distractors("一次", random.Random(1)) and "两次" in number_distractors("一次", random.Random(1))
    assert "二级" in number_distractors("三级", random.Random(1))
    assert not {"9人", "11人", "12人"} & set(number_distractors("10人", random.Random(1)))
    # a title's genre (操作流程、清单) and a speaker's 全镇 are no part of the topic; a role's topic frames by its work
    assert subject_of("村（社区）兵役登记与征兵工作操作流程") == "兵役登记与征兵"
    assert subject_of("全镇农村道路交通安全劝导工作推进会讲话稿") == "农村道路交通安全劝导"
    assert topic_frame("动物防疫员") == "动物防疫员工作中，" and topic_frame("农村危房改造") == "农村危房改造中，"
    assert topic_frame("年度征兵工作动员") == "年度征兵工作动员中，"  # (round 33: 动员 is no role)
    # round 33: a talk's slogan heading asks nothing; a label after a sentence frames that sentence only
    assert question_from_heading("四、纪律上要严起来，守住廉洁底线", "年度征兵工作动员") is None
    assert question_from_heading("第一步：接待登记", "法律援助申请转介") == "法律援助申请转介中，“接待登记”这一步要做哪些工作？"
    assert not self_contained("出现空缺的，应在30日内按第四条程序补选。")  # an article the learner cannot see
    fees = chunk("本县设8个年缴费档次。政府缴费补贴标准：选择200元档次的，每人每年补贴30元。缴费按自然年度进行，每年12月31日截止。",
                 source="p.md", topic="", title="城乡居民养老保险协办手册")
    found = {s.text: s.lead for s in statements_in_context(fees)}
    assert found["缴费按自然年度进行，每年12月31日截止。"] == ""
    # round 33: a tier's 处置：… keeps its tier; （四） is no part of a stem; 指…without its term, 主要做三件事 and
    # 托育点对房子 frame nothing; a situation frames the first rule of its answer only
    tiers = chunk("红色（重大隐患）：闻到燃气味或检测发现漏气。处置：立即关闭角阀、停止使用；2小时内报告乡镇应急管理办公室。\n"
                  "（四）在单元门口和社区公开栏公示3个工作日。\n主要做三件事：一是需求摸底，每年至少开展1次需求调查。\n"
                  "答：指利用社区综合服务设施为3岁以下婴幼儿提供托育服务的小规模托育机构。", source="t9.html", topic="")
    found = {s.text: s.lead for s in statements_in_context(tiers)}
    assert found["立即关闭角阀、停止使用；2小时内报告乡镇应急管理办公室。"] == "关于红色（重大隐患），"
    # (round 43: nor does a speaker's 一是 belong to the rule)
    assert found["在单元门口和社区公开栏公示3个工作日。"] == "" and found["需求摸底，每年至少开展1次需求调查。"] == ""
    assert not any(t.startswith("指") for t in found)
    from trainer_bot.quiz.statements import asked_frame
    assert asked_frame("问：托育点对房子有什么要求？") == ""
    qa = chunk("问：孩子在托育点出了意外怎么办？\n答：托育点应立即组织救治，1小时内通知家长。视频监控须覆盖婴幼儿活动区域，录像保存不少于90天。",
               source="t10.md", topic="")
    assert [s.asked for s in statements_in_context(qa)] == ["孩子在托育点出了意外的，", ""]
    # round 35: 附二：常见误区 is a misconception section too; |---|---| is no header; 10批次 is one figure; a Q&A's
    # defined term frames the rules its answer gives after the definition
    from trainer_bot.quiz.categories import glossary_categories as categories
    from trainer_bot.quiz.terms import find_terms as terms_in
    from trainer_bot.split import heading_rank
    assert heading_rank("附二：常见误区") == heading_rank("常见误区") == 13
    md_table = chunk("| 等级 | 处置要求 |\n|---|---|\n| 红色 | 当日上门核实，并报告镇综治中心 |", source="m.md", topic="")
    assert all("---" not in s.lead for s in statements_in_context(md_table))
    assert [t.text for t in terms_in("每个村不少于10批次。", categories()) if t.kind == "number"] == ["10批次"]
    assert asked_frame("问：什么是承诺达标合格证？") == "关于承诺达标合格证，" and asked_frame("申报流程是什么？") == ""
    # one condition after 应当具备以下条件： reads as the whole list: the lead-in says it is one of them, and passes the checks
    from trainer_bot.quiz.validate import failures as failing
    school = chunk("设立村级老年学堂应当具备以下条件：\n（一）本村60周岁以上常住老年人不少于100人；\n（二）有固定教室，面积不少于40平方米。",
                   source="s.txt", topic="", title="村级老年学堂管理办法")
    assert {s.lead for s in statements_in_context(school)} == {"设立村级老年学堂应当具备的条件之一："}
    # round 36: a changed fact in a first clause that ends in 的， is no situation frame to strip (the item was rejected as
    # stating the material); a 2-column Markdown table's header and |---| are no points of a 简答
    rule = chunk("患者漏服药物连续超过3天的，村医应当天报告乡镇卫生院。患者联系不上超过7天的，村干部协助找回。", source="tb.md",
                 topic="", title="肺结核患者居家治疗随访管理手册")
    judged = [q for q in RuleGenerator(CorpusPools([*CORPUS, rule], GLOSSARY)).candidates(rule, "true_false")
              if q.answer is False and "漏服" in q.stem]
    assert judged and not any(list(failing(q, rule.text)) for q in judged)
    duties = chunk("| 岗位 | 主要职责 |\n| --- | --- |\n| 村医（社区医生） | 首次入户、督导服药、定期随访、观察不良反应 |\n"
                   "| 村（社区）干部、网格员 | 协助宣传，发现可疑症状者动员就诊，协助找回失访患者 |", source="tb2.md", topic="")
    assert [(s.lead, s.text) for s in statements_in_context(duties)] == [
        ("村医（社区医生）：", "首次入户、督导服药、定期随访、观察不良反应"),
        ("村（社区）干部、网格员：", "协助宣传，发现可疑症状者动员就诊，协助找回失访患者")]
    assert "过半数" not in number_distractors("三分之二", random.Random(1)) and "半数" in number_distractors("三分之二", random.Random(1))
    from trainer_bot.quiz.statements import _step_label as _label_of
    # round 37: 第二部分 is one number (not 第二部 + 分编号规则); Q：/A： is a Q&A; a title's 关于开展…的 is no topic
    from trainer_bot.quiz.statements import NUMBERING
    assert NUMBERING.sub("", "第二部分 编号规则") == "编号规则"
    assert list(statements(chunk("Q：扶手装多高？\nA：扶手高度一般在0.85米左右，两侧都要装。", source="q.md", topic=""))) == \
        ["扶手高度一般在0.85米左右，两侧都要装。"]
    assert subject_of("关于规范开展“僵尸车”清理整治的工作指引") == "“僵尸车”清理整治"
    assert _label_of("主要有这么几项：一是政策咨询；二是组织文体活动；三是走访慰问。")[1] == ""  # no 关于主要有这么几项，
    assert list(statements(chunk("① 原单位填写《移交表》，整理人事档案；\n② 报社保服务所审核。", source="c.md", topic=""))) == \
        ["原单位填写《移交表》，整理人事档案", "报社保服务所审核。"]  # circled numbers are bullets
    from trainer_bot.quiz.statements import _step_label
    assert _step_label("第四步：村委会在3个工作日内张贴征地公告，并拍照留存。") == ("村委会在3个工作日内张贴征地公告，并拍照留存。", "")
    items = list(RuleGenerator(CorpusPools([*CORPUS, school], GLOSSARY)).candidates(school, "fill_blank"))
    assert items and all(q.stem.startswith("设立村级老年学堂应当具备的条件之一：") and not list(failing(q, school.text))
                         for q in items)
    # 林长、河长 are no options among who patrols a residential building
    patrol = chunk("网格员、楼长：日常巡查，发现隐患拍照上报，收集线索。", source="h.md", topic="", title="社区高空抛物坠物防治工作手册")
    pools = CorpusPools([*CORPUS, patrol], GLOSSARY)
    assert not pools.of_this_kind("林长", "h.md") and pools.of_this_kind("楼长", "h.md")
    assert not any({"林长", "河长"} & set(q.options) for q in RuleGenerator(pools).candidates(patrol, "multiple_choice"))
    # an html table keeps its rows whole, and a rule a column states is framed by its row's tier, once
    _, text, _ = load_html("<h1>燃气入户检查指引</h1><table><tr><th>级别</th><th>典型情形</th><th>处置要求</th></tr>"
                           "<tr><td>红色（重大隐患）</td><td>闻到燃气异味</td><td>通知燃气企业2小时内到场处置；24小时内报街道安全办</td></tr>"
                           "</table>".encode(), "g.html")
    assert "红色（重大隐患）｜闻到燃气异味｜通知燃气企业2小时内到场处置；24小时内报街道安全办" in text
    table = chunk(text.split("\n", 1)[1], source="g.html", topic="", title="燃气入户检查“红黄绿”分级处置指引")
    found = [(s.lead, s.text) for s in statements_in_context(table)]
    # (round 34: 关于一级， alone said not one level of what; the header's first column says it)
    assert found == [("级别为红色（重大隐患）的，", "通知燃气企业2小时内到场处置；24小时内报街道安全办")]  # not the 典型情形
    stems = [q.stem for q in RuleGenerator(CorpusPools([*CORPUS, table], GLOSSARY)).candidates(table, "fill_blank")]
    assert stems and all(s.startswith("级别为红色（重大隐患）的，") for s in stems), stems
    # every column that states a rule (审批或备案、安保力量), not only one named 处置/要求; not the case a row is about
    wide = chunk("等级｜预计参加人数｜审批或备案｜安保力量\n一级（红色）｜1000人以上｜主办方在活动举办20日前向县公安机关申请安全许可｜"
                 "安保人员不少于参加人数的2%", source="w.html", topic="")
    assert [s.text for s in statements_in_context(wide)] == ["主办方在活动举办20日前向县公安机关申请安全许可", "安保人员不少于参加人数的2%"]
    # round 34: a title's reader (村（社区）干部) and its place of use (…工作村级手册) are no part of the topic
    assert subject_of("村（社区）干部民族宗教工作常识手册") == "民族宗教工作"
    assert subject_of("刑满释放人员安置帮教工作村级手册") == "刑满释放人员安置帮教"
    # a time of day is no score (7点50分), a group is never of one, a dash after a label is no part of the rule,
    # a table cell that is a condition (…的) or a bare frequency (每季度不少于1次) makes no statement
    from trainer_bot.quiz.categories import glossary_categories
    from trainer_bot.quiz.figures import possible
    from trainer_bot.quiz.terms import find_terms
    assert not [t for t in find_terms("护学岗每天早上7点50分到位。", glossary_categories()) if t.text == "50分"]
    assert not possible("1人", "每名刑满释放人员成立帮教小组，小组成员不少于") and possible("3人", "小组成员不少于")
    dash = chunk("纪律红线：——不得虚报冒领补贴资金，不得优亲厚友。", source="d.md", topic="")
    assert all("——" not in s.text for s in statements_in_context(dash))
    cases = chunk("类别｜认定情形｜帮教措施｜走访频次\n一般帮教对象｜释放满1年的｜村帮教小组定期走访，了解就业和生活情况｜每季度不少于1次",
                  source="c.md", topic="")
    assert [s.text for s in statements_in_context(cases)] == ["村帮教小组定期走访，了解就业和生活情况"]


def test_forms_contacts_and_bylines_are_no_statements():
    notice = chunk("社区在7个工作日内复查。\n联系人：街道城管办 刘××，联系电话：××××××××\n"
                   "________（商户名称）：请于收到本告知书之日起7个工作日内完成整改。\n附件：1. 沿街店招店牌安全自查表",
                   heading=("八、工作要求",))
    assert list(statements(notice)) == ["社区在7个工作日内复查。"]
    byline = chunk("星河街道社会事务办　社区卫生服务中心　联合编写（2024年8月修订）\n每个社区至少配置1台AED。", heading=())
    assert list(statements(byline)) == ["每个社区至少配置1台AED。"]


def test_round_38s_findings_each_stay_fixed():
    # a word of relative time is no measure to blank or swap (前一天晚上、下一年); 提前一天 is one
    assert [t.text for t in find_terms("献血前一天晚上早点睡，补助在下一年3月前拨付。", {}) if t.kind == "number"] == []
    assert [t.text for t in find_terms("动火作业应当提前一天告知物业。", {}) if t.kind == "number"] == ["一天"]
    # another rule's figure in the same unit is a distractor only when it is of the key's size (not 120次 for 2次)
    rules_text = chunk("AED每周检查2次，每次检查填写记录。胸外按压每分钟120次，深度5至6厘米。", source="d38.md", topic="")
    rules = RuleGenerator(CorpusPools([*CORPUS, rules_text], GLOSSARY))
    checks = [q for q in rules.candidates(rules_text, "single_choice") if q.options[q.answer[0]] == "2次"]
    assert checks and all("120次" not in q.options for q in checks)
    # a 简答 whose point lies in a table it cannot hold (材料清单见下表) is not asked
    from trainer_bot.quiz.short import short_answer
    table = chunk("申请人向镇农业农村办提交以下材料（材料清单见下表）。\n镇农业农村办在5个工作日内完成审核。",
                  source="d39.md", heading=("第三步：提交材料",), title="设施农业用地备案操作指引")
    assert short_answer(table) is None


def test_round_39s_findings_each_stay_fixed():
    # a sentence that leans on what the reader cannot see: whom (对方), when (期间：, 30日内：), found what (发现后)
    for leaning in ("对方拒绝的，要做到三个一。", "网格员或者村干部发现后，应当在30分钟内电话报告镇社会事务办。",
                    "30日内：每周至少电话或者上门回访1次。", "期间：每天夜间巡查1次。", "主要要求是：每年4次面对面随访。",
                    "不能哦。前面说了，补助不得以现金形式发给学生。"):
        assert not self_contained(leaning), leaning
    assert self_contained("党员未按时交纳的，党支部应当在发现后15日内当面提醒。")
    # the hours in a hotline's name are no figure of a rule
    assert [t.text for t in find_terms("拨打24小时救助热线12345，值班人员2小时内到场。", {}) if t.kind == "number"] == ["2小时"]
    # nor are the hours of around the clock (24小时值守): 48小时值守 would be nonsense, not a wrong answer
    assert [t.text for t in find_terms("实行24小时值守，接警后24小时内到场。", {}) if t.kind == "number"] == ["24小时"]


def test_round_40s_findings_each_stay_fixed():
    from trainer_bot.quiz.statements import tier_frame
    from trainer_bot.quiz.terms import overlaps
    # a bare colour says not what it grades: the topic frames the item too; a bracketed one does
    assert not tier_frame("关于红色，") and tier_frame("关于红色（重大隐患），") and tier_frame("保护等级为一级的，")
    # one body is part of the other: never offered for it, nor swapped into a false 判断
    assert overlaps("村两委", "村委会") and overlaps("社区“两委”", "居委会") and not overlaps("村委会", "镇政府")
    assert not self_contained("按本清单逐项检查，发现问题当场告知。")


def test_a_short_answer_keeps_the_lead_in_that_says_what_follows_and_drops_a_closing_article():
    from trainer_bot.quiz.short import short_answer
    penalties = chunk("经营者有以下情形之一的，镇市场监管所会同村（社区）责令停止经营：\n（一）未报备擅自经营，经劝阻不停止的；\n"
                      "（二）大风、雷雨天气拒不停止使用的；\n（三）发生儿童受伤事故后隐瞒不报的。",
                      source="p40.txt", heading=("六、处罚和后果",), title="小型游乐设施安全管理须知")
    item = short_answer(penalties)
    assert item is not None and item.answer.startswith("经营者有以下情形之一的，镇市场监管所会同村（社区）责令停止经营：")
    closing = chunk("信息报送情况纳入村（社区）年度安全生产考核。\n本指南自印发之日起施行，由镇应急办负责解释。",
                    source="p41.txt", heading=("九、考核",), title="突发事件信息报告操作指南")
    assert list(statements(closing)) == ["信息报送情况纳入村（社区）年度安全生产考核。"]
    assert question_from_heading("二、先分清是不是特种设备", "小型游乐设施") != "为什么说先分清是不是特种设备？"


def test_a_tier_named_by_its_severity_frames_the_sentences_of_its_item():
    from trainer_bot.quiz.statements import statements_in_context
    graded = chunk("一般问题（当场整改）： 秤未调零、标志过期不超过30日。检查人员当场指出，摊主当场改正；合格标志过期的，应当在7日内送检。",
                   heading=("四、问题分级和处置",), source="m40.md", topic="")
    assert {s.lead for s in statements_in_context(graded)} == {"关于一般问题（当场整改），"}


def test_round_41s_findings_each_stay_fixed():
    # headline and genre titles name their matter; a village is not cut from 进村
    assert subject_of("政策解读：我镇农村清洁取暖设备运行维护和补贴办法解读") == "农村清洁取暖设备运行维护和补贴"
    assert subject_of("5G基站进村，这些常见误区要澄清") == "5G基站进村"
    assert subject_of("快递总送错、导航找不到家？你家门牌可能“掉队”了！这份门牌申领指南请收好") == "门牌申领"
    assert subject_of('你家上榜了吗？桐花街道2025"最美家庭"寻访启动，这几条门槛先看清！') == "“最美家庭”寻访"
    # a law or a table the learner cannot see
    for leaning in ("法律还规定，监护人应当履行家庭教育责任。", "按照条例要求，登记后3日内上报。", "表格下方注明的事项须逐项核对。"):
        assert not self_contained(leaning), leaning


def test_round_41s_later_findings_each_stay_fixed():
    from trainer_bot.load import mark_bare_headings
    from trainer_bot.quiz.terms import _form
    # a step's heading with its dates still names the step
    assert question_from_heading("第二步：村两委拟定预算草案（12月1日—12月5日）", "村级年度财务预算编制") == \
        "村级年度财务预算编制中，“村两委拟定预算草案”这一步要做哪些工作？"
    # the issuers and the date that sign a notice are no section of it
    signed = mark_bare_headings("标题\n正文第一段。\n\n石岭镇党委办公室\n石岭镇人民政府办公室\n2025年6月20日")
    assert "##" not in signed
    # 下一个工作日 is a day, not how long; 本安排 leans on the paper; a law is no form to fill in
    assert [t.text for t in find_terms("遇节假日顺延至下一个工作日。", {}) if t.kind == "number"] == []
    assert not self_contained("各村要把本安排张贴在便民服务中心醒目位置。")
    assert _form("《光荣牌悬挂登记表》") and not _form("《中华人民共和国军人地位和权益保障法》")


def test_round_42s_findings_each_stay_fixed():
    from trainer_bot.quiz.figures import possible
    # 5台套 is one measure; a band's upper bound is above its lower bound
    assert [t.text for t in find_terms("每村配备农机5台套，每台补助1000元。", {}) if t.kind == "number"] == ["5台套", "1000元"]
    assert not possible("60分", "评分80分以上不满") and possible("90分", "评分80分以上不满")
    assert subject_of("乡村旅游经营户明码标价和游客投诉处理办事指南") == "乡村旅游经营户明码标价和游客投诉处理"  # not …处理办事


def test_a_tier_named_in_a_sentence_of_its_own_frames_the_rules_on_its_line():
    from trainer_bot.quiz.statements import statements_in_context
    tiers = chunk("蓝色预警，启动四级响应。村里每天巡查一次水源。\n橙色预警，启动二级响应。镇里开始组织送水，生活用水按人均每天不少于20升保障。",
                  heading=("三、分级响应",), source="d42.md", topic="")
    assert [(s.lead, s.text) for s in statements_in_context(tiers)][-1] == \
        ("橙色预警时，", "镇里开始组织送水，生活用水按人均每天不少于20升保障。")


def test_round_42s_later_findings_each_stay_fixed():
    from trainer_bot.quiz.terms import overlaps
    for leaning in ("上面几条红线，谁碰了都要追责。", "以上七条要逐条对照检查。", "按第三部分的要求办理。",
                    "有下列情形之一的，由社区卫生服务站转介。"):
        assert not self_contained(leaning), leaning
    assert overlaps("物业服务企业", "物业服务中心") and not overlaps("物业服务企业", "社区居委会")


def test_a_document_of_misconceptions_is_taught_through_its_corrections():
    # 楼上楼下漏水纠纷调解：常见误区及纠正 — every section a 误区 with its 正解: the corrections are what it teaches
    doc = [chunk("正解：漏水原因要先查清楚再说责任。调解员接案后第一步是联系物业查找漏点，常用的办法是做闭水试验，"
                 "在楼上卫生间蓄水不少于48小时，观察楼下是否渗水。", source="leak.md", heading=("误区一：楼下漏水，肯定是楼上的责任",)),
           chunk("正解：经人民调解委员会调解达成的调解协议具有法律约束力，当事人应当履行。调解员可以引导双方自调解协议生效之日起"
                 "30日内，共同向人民法院申请司法确认。", source="leak.md", heading=("误区五：人民调解协议没有法律效力",))]
    gen = RuleGenerator(CorpusPools([*CORPUS, *doc], GLOSSARY))
    items = [q for c in doc for t in ("single_choice", "fill_blank", "true_false") for q in gen.candidates(c, t)]
    quotes = {q.source.quote for q in items}
    assert any("48小时" in q for q in quotes) and any("30日内" in q for q in quotes)
    assert not any("肯定是楼上的责任" in q.stem or "没有法律效力" in q.stem for q in items
                   if not validate.judges_misconception(q))
    judged = [q for q in items if validate.judges_misconception(q)]
    # each misconception judged false, framed by the topic where it does not name it; the 解析 gives the correction
    assert {q.stem for q in judged} == {"楼下漏水，肯定是楼上的责任。", "人民调解协议没有法律效力。"}
    assert all(q.answer is False and "正确的是：" in q.explanation for q in judged)


def test_round_43s_findings_each_stay_fixed():
    from trainer_bot.quiz.statements import statements_in_context

    # a Q&A's 具体标准如下： names no matter (关于具体标准， asked: of what?); the topic frames its items instead
    qa = chunk("答：有。具体标准如下：\n- 单户单次损失不足200元的，不予赔付。", source="boar.md", topic="")
    found = {s.text: s.lead for s in statements_in_context(qa)}
    assert found["单户单次损失不足200元的，不予赔付。"] == ""
    # a facet label that says nothing (时限：) is dropped; a speaker's 一是 is no part of the rule
    steps = chunk("时限：联席会议后3日内成立起草小组。\n四、几条纪律。一是不得借延包之机收取任何费用，工本费一律由财政承担。",
                  source="rules.md", topic="")
    found = {s.text: s.lead for s in statements_in_context(steps)}
    assert "联席会议后3日内成立起草小组。" in found and "不得借延包之机收取任何费用，工本费一律由财政承担。" in found
    # a worked example, a slogan in quotes, a note on where figures come from, a talk's occasion and a step's
    # heading with its deadline state no rule
    none = chunk("举个例子：某居民每月缴费1120元，每月可获补贴约747元，一个季度约2240元。\n“每周一次翻盆倒罐，清积水、刷容器、倒扣放”。\n"
                 "（本文数据来源：区疾控中心5月上旬蚊媒监测通报。\n今天把大家召集起来，就为一件事：延包试点。\n"
                 "（一）摸底报名（3月20日前）。", source="none.md", topic="")
    assert list(statements(none)) == []
    # a headline's call to the reader names no matter; the guide it announces does
    assert subject_of("蚊子都从哪儿来？榕湾街道喊你一起“翻盆倒罐”，这份清积水攻略请收好") == "清积水攻略"
    assert subject_of("关于规范农村柴草堆放加强冬春防火的告知书") == "农村柴草堆放加强冬春防火"


def test_a_checklist_row_is_framed_by_its_item_not_its_number():
    from trainer_bot.quiz.statements import statements_in_context

    # (fifth session: 序号｜检查事项｜… rows gave no statement at all, a checklist of fourteen rows three items)
    table = chunk("序号｜检查事项｜标准要求｜完成时限\n1｜卡点设置｜主要进山路口均设值守卡点；每个卡点不少于2人，佩戴袖标｜3月26日前\n"
                  "2｜巡山护林｜护林员每天巡山不少于2次，重点巡查坟山和林缘农田｜值守期内每天", source="list.docx", topic="")
    found = {s.text: s.lead for s in statements_in_context(table)}
    assert found["主要进山路口均设值守卡点；每个卡点不少于2人，佩戴袖标"] == "关于卡点设置，"
    assert found["护林员每天巡山不少于2次，重点巡查坟山和林缘农田"] == "关于巡山护林，"


def test_round_44s_findings_each_stay_fixed():
    # titles of a 误区 document, a headline that names no matter, a Q&A's genre, and 村卫生室 as a name
    assert subject_of("社区矫正对象外出请假和报告的八个常见误区") == "社区矫正对象外出请假和报告"
    assert subject_of("借卡给朋友“走个流水”？这个忙千万别帮！") == ""
    assert subject_of("快递不用再跑镇上取！咱县村级寄递物流服务站建设运营要点都在这儿了") == "寄递物流服务站建设运营"
    assert subject_of("村卫生室医保门诊结算一问一答") == "村卫生室医保门诊结算"
    # a condition set by a sentence the learner cannot see; a worked example however introduced; a speaker's 我们
    assert not self_contained("个人逾期不改正的，处1000元以下罚款。") and not self_contained("经批准后，在批准的地点范围内往来。")
    talk = chunk("举个算账的例子：某小区加装电梯总费用48万元，一楼住户分摊9.6万元。\n我们的目标是：\n户籍在本社区居住的选民，登记率达到95%以上。",
                 source="talk.md", topic="")
    from trainer_bot.quiz.statements import statements_in_context

    found = {s.text: s.lead for s in statements_in_context(talk)}
    assert list(found) == ["户籍在本社区居住的选民，登记率达到95%以上。"] and found["户籍在本社区居住的选民，登记率达到95%以上。"] == ""
    # a body named for another matter (红白理事会) is no option where the document never speaks of that matter; the
    # bodies of self-government still are
    fire = chunk("各村应当明确1名物资管理员，负责物资的日常登记、保管和维护。巡查发现的问题，由村民委员会登记后报镇应急管理办公室。",
                 source="fire.md", topic="应急管理")
    other = chunk("红白理事会负责劝导婚丧事宜简办。社区矫正机构负责社区矫正对象的日常监管。", source="custom.md", topic="移风易俗")
    gen = RuleGenerator(CorpusPools([*CORPUS, fire, other], GLOSSARY))
    options = {o for item in gen.candidates(fire, "single_choice") if isinstance(item, ChoiceQuestion) for o in item.options}
    assert not options & {"红白理事会", "社区矫正机构"}


def test_round_45s_findings_each_stay_fixed():
    from trainer_bot.quiz.figures import NUMBER
    from trainer_bot.quiz.changes import still_false

    # a changed bound in a condition must leave the statement false: 不足15年的可以补缴 → 不足20年 (not 不足10年, which
    # is true of fewer people), 超过15年的加发 → 超过10年 (not 20年); a rule's own deadline may change either way
    cases = [("累计缴费不足15年的，可以一次性补缴。", "15年", "10年", False), ("累计缴费不足15年的，可以一次性补缴。", "15年", "20年", True),
             ("缴费年限超过15年的，每多缴1年，每月再加发2元。", "15年", "20年", False),
             ("缴费年限超过15年的，每多缴1年，每月再加发2元。", "15年", "10年", True), ("应当在7日内报告镇政府。", "7日", "3日", True)]
    for sentence, key, wrong, fair in cases:
        term = next(t for t in find_terms(sentence, GLOSSARY) if t.text == key)
        assert still_false(term, wrong, sentence) is fair, (sentence, wrong)
    # idioms and amounts are no periods, a formula's ×100% no rule's value
    assert not [m.group() for m in NUMBER.finditer("有的村一年到头没人去看一眼，按一年租金的标准缴纳，乘以×100%")]
    assert subject_of("关于做好2027年度城乡居民医保资助参保对象核对工作的工作提示") == "城乡居民医保资助参保对象核对工作"


def test_round_46s_findings_each_stay_fixed():
    from trainer_bot.quiz.figures import NUMBER

    # a span of years in a title is no place to cut it (「2025中，」); a time of day and a vehicle are no measures
    assert subject_of("关于做好2025—2026年供暖季供热投诉受理和室温不达标处置工作的通知（临政办发〔2025〕37号）") \
        == "供暖季供热投诉受理和室温不达标处置工作"
    assert not [m.group() for m in NUMBER.finditer("晚上23时30分以后停止活动，农用三轮车车厢不得载人")]


def test_round_46s_reference_answers_and_openings_stay_clean():
    from trainer_bot.quiz.statements import statements_in_context

    # a form's empty row, a notice's date line, its addressee and preamble, and a talk's send-off are no points
    notice = chunk("各街道办事处，区直有关部门，辖区各供热企业：\n本供暖季自2025年11月15日起至2026年3月15日止，共121天。\n"
                   "现将申报有关事项说明如下，请各社区、村转告辖区文艺团队负责人。\n|  |  |  |  |\n2026年2月20日\n"
                   "希望大家回去马上动起来，把这件实事办好。", source="n.md", topic="")
    found = {s.text: s.lead for s in statements_in_context(notice)}
    assert found == {"本供暖季自2025年11月15日起至2026年3月15日止，共121天。": ""}
    # a reader's question used as a label (要收费吗？：…) frames nothing
    asked = chunk("要收费吗？：超出免费次数或件数的，按每件10元收取清运处置费，由收运公司开具收据。", source="w.md", topic="")
    assert [(s.lead, s.text) for s in statements_in_context(asked)] == [("", "超出免费次数或件数的，按每件10元收取清运处置费，由收运公司开具收据。")]


def test_round_47s_topics_stay_whole():
    # 村里 is the speaker's place (not 「里申请增设…中，」); a slogan before the colon gives way to the matter after it
    assert subject_of("村里申请增设农村客运招呼站（停靠点）办理流程") == "申请增设农村客运招呼站"
    assert subject_of("失业了别慌：失业登记和失业保险金申领在社区就能办") == "失业登记和失业保险金申领"
    assert subject_of("人民调解：村居调委会的依法调解") == "人民调解"  # (a matter before the colon stays)
    # a checklist's own numbering (第5至第10项、对照下表) is nothing a learner sees; a WeChat article's voice is no rule
    assert not self_contained("农户自己购买无人机打药的，同样要遵守第5至第10项要求。") and not self_contained("对照下表逐项检查。")
    from trainer_bot.quiz.statements import statements_in_context

    wechat = chunk("📌 按照企业的还车规则，在电子围栏以外的地方还车，APP会提示无法还车。\n小编也拜托各位家长，告诉孩子：未满12周岁不能骑共享单车哦！",
                   source="bike.md", topic="")
    assert [s.text for s in statements_in_context(wechat)] == ["按照企业的还车规则，在电子围栏以外的地方还车，APP会提示无法还车。"]


def test_round_48_findings(generator: RuleGenerator):
    # a speaker's 一是…；二是…: each rule of the list is judged without its count
    duties = chunk("招呼站建成后，村委会是站点日常管护的责任主体。一是指定一名网格员兼任站点管护员，每周至少巡查一次，发现站牌损坏的，"
                   "及时报乡镇交管站修复；二是不得在站点前后20米范围内堆放柴草、晾晒粮食和停放车辆；三是群众反映车辆过站不停的，"
                   "村委会可以向县交通运输局投诉，县交通运输局应当在5个工作日内核实处理并答复。", source="bus.md",
                   title="申请增设农村客运招呼站办事指南")
    stems = [q.stem for q in generator.candidates(duties, "true_false")]
    assert stems and not any(re.search(r"[一二三]是", s) for s in stems)
    # a title that is a document's name and what is said of it: the document's matter, not half a title mark
    assert subject_of("《云岭县离任村干部生活补助发放实施办法》政策解读") == "离任村干部生活补助发放"
    assert "》" not in subject_of("《民法典》中的相邻关系")


def test_round_50_findings(generator: RuleGenerator):
    # a list whose second item is too short to be a point, and a table's continuation: no partial reference answer
    listed = chunk("（一）事故无人员伤亡，只造成车辆或物品损失；\n（二）车辆还能正常移动；\n（三）当事人对事故事实和成因没有争议。",
                   heading=("一、哪些事故可以快处快赔",), title="农村道路轻微交通事故快处快赔办理须知")
    assert next(generator.candidates(listed, "short_answer"), None) is None
    rows = chunk("| 序号 | 检查项目 | 检查标准 |\n| 9 | 燃气使用 | 液化气钢瓶不得存放在住宿部分和疏散通道，厨房内存放不超过1瓶 |\n"
                 "| 10 | 物品堆放 | 原材料、成品堆放距离灯具不小于0.5米，不堵塞疏散通道和安全出口 |",
                 heading=("一、检查项目与标准",), title="三合一场所消防安全检查清单")
    assert next(generator.candidates(rows, "short_answer"), None) is None
    # a guide's headline whose matter is the quoted word; an author's closing remarks are no topic
    assert subject_of("今年咱村也想办“村晚”？这份攻略从报名到散场都给你捋清楚了") == "“村晚”"
    assert question_from_heading("小夏的几句悄悄话", "“村晚”") is None
    issuers = chunk("江坪县农业农村局　江坪县司法局\n2026年3月1日", source="n.md", title="关于种子纠纷的通知")
    assert not [s for s in statements_in_context(issuers) if "司法局" in s.text]


def test_round_51_topics():
    # a headline's guide that names no matter gives way to the clause that does; a how-to headline names its object
    assert subject_of("娃娃嘴里起泡、手心长疹子？手足口病高发季，这份防护攻略请家长收好") == "手足口病"
    assert subject_of("衣柜塞爆了？旧衣服别再往垃圾桶一扔了事，社区旧衣回收箱这样用") == "旧衣回收箱"
    assert subject_of("夏天下地干活被蛇咬了咋办？这几步一定要记牢，转给家里人！") == ""  # a question names no matter
    # a checklist's 检查 is its matter; a 公告 and a 方案 are kinds of paper; a sentence before the colon gives way
    assert subject_of("东溪镇2026年暑期校外培训机构联合检查清单") == "暑期校外培训机构联合检查"
    assert subject_of("2026—2027年度冬季扫雪铲冰工作方案") == "冬季扫雪铲冰"
    assert subject_of("一图读懂之外，这些细节要说清：南屏市城乡居民住院医疗救助政策解读") == "城乡居民住院医疗救助政策"


def test_round_52_topics():
    assert subject_of("家门口免费查视力！永宁街道儿童近视筛查5月开约，名额有限手慢无") == "儿童近视筛查"
    assert subject_of("小区“毁绿种菜”整治中的常见误区") == "小区“毁绿种菜”整治"  # (not 「…整治中中，」)
    assert topic_frame("小区整治中") == "小区整治中，"
    assert subject_of("城乡居民养老保险参保人身故后待遇办理操作指南") == "城乡居民养老保险参保人身故后待遇"
    assert question_from_heading("五、咨询电话", "林权抵押贷款办理") is None  # a phone number is nothing to learn


def test_a_correction_that_first_grants_part_of_the_belief_is_quoted_on_to_its_but():
    from trainer_bot.quiz.misconceptions import misconception_items

    pair = chunk("误区：小区绿地种点菜是自己的事。\n正解：在自家阳台种菜是可以的，物业不会干涉。"
                 "但是在小区公共绿地上种菜属于侵占公共部位，物业和业委会有权要求恢复。", heading=("常见误区",), title="毁绿种菜整治")
    (item, _), = list(misconception_items(pair))
    assert "侵占公共部位" in item.explanation and "侵占公共部位" in item.source.quote
    assert validate.check(item, pair.title + "\n" + "常见误区：\n" + pair.text) is None
    # (round 53: a county's 县域 is no part of its name, and a 告知书 is a kind of paper)
    assert subject_of("松岭县县域医共体双向转诊服务告知书") == "县域医共体双向转诊"
    # (round 54: a community's name is its place, and a headline's 开张啦 is no part of the matter)
    assert subject_of("菜叶果皮变“黑金”！桂园社区的堆肥小花园开张啦，这份投放指南请收好") == "堆肥小花园"


def test_an_attachments_file_name_is_no_point_of_a_reference_answer(generator: RuleGenerator):
    rules = chunk("严禁虚报种植面积套取补贴，严禁供种企业以次充好。\n群众发现上述问题，可拨打县农业农村局监督电话举报。\n"
                  "丰乐县2026年秋播小麦良种统一供种补贴实施方案.pdf", heading=("七、有哪些纪律要求",), title="小麦良种统一供种补贴")
    item = next(generator.candidates(rules, "short_answer"), None)
    assert item is not None and ".pdf" not in item.answer and item.answer.count("\n") == 1
    assert subject_of("一图读懂｜南湖区2026年就业见习补贴政策") == "就业见习补贴政策"  # (round 55)


def test_a_story_about_someone_by_surname_is_no_statement():
    told = chunk("老李今年60岁，累计缴费15年，每月能领养老金300元。\n累计缴费满15年的，可以按月领取养老金。", source="p2.md", topic="",
                 title="城乡居民养老保险问答")
    found = [s.text for s in statements_in_context(told)]
    assert found == ["累计缴费满15年的，可以按月领取养老金。"]  # (round 55: 老李's contribution years were tested)


def test_round_56_topics_and_stems_that_name_them(generator: RuleGenerator):
    # a web page's title carries the site's column and name; a guide that names no matter gives way to the question
    # that does; after a dash, who answers and how (社区工作人员一问一答) is no matter
    assert subject_of("农房也能当“抵押物”——农民住房财产权抵押贷款办理须知_政策解读_宁川县农业农村局") == "农民住房财产权抵押贷款"
    assert subject_of("无犯罪记录证明怎么开？这份办理指引请收好") == "无犯罪记录证明"
    assert subject_of("小区门禁“刷脸”那些事儿——社区工作人员一问一答") == "小区门禁“刷脸”"
    assert subject_of("快递总送错、导航找不到家？你家门牌可能“掉队”了！这份门牌申领指南请收好") == "门牌申领"
    # a word of the topic is not the topic: 贷款期限… says nothing of which loan
    terms = chunk("贷款期限一般为1至3年，最长不超过5年。借款人不得将贷款资金用于购买理财产品。",
                  heading=("三、能贷多少、贷多久",), title="农民住房财产权抵押贷款办理须知")
    stems = [q.stem for q in generator.candidates(terms, "true_false")]
    assert stems and all(s.startswith("根据《农民住房财产权抵押贷款办理须知》，") for s in stems), stems


def test_round_56_figures_that_are_no_rule(generator: RuleGenerator):
    from trainer_bot.quiz.figures import NUMBER
    # 四周 all around is no span of four weeks (四周内 is)
    assert not NUMBER.search("伐桩四周用土压实，不得留有空隙。") and NUMBER.search("四周内完成整改").group() == "四周"
    # a false 判断 the rule still covers reads true: a figure of a case said with 就算, a bound in a 如果 condition
    rules = chunk("补贴按车算，一人只能申领一辆车，家里就算有两辆，也只补一辆。\n"
                  "养殖户如果连续发热超过一周，一定要主动告诉医生自己接触过牛羊。", heading=("二、注意事项",), title="布病防控")
    falses = [q for q in generator.candidates(rules, "true_false") if not q.answer]
    assert not [q.stem for q in falses if re.search(r"就算有[三四五六]辆|超过[两三四]周", q.stem)], [q.stem for q in falses]


def test_round_57_topics_and_the_paper_naming_itself(generator: RuleGenerator):
    # a headline's news is no part of the matter; a guide of two characters (报修攻略) names none; 社区（村） is who
    assert subject_of("刷个脸就能吃上优惠饭！石桥县老年食堂“刷脸就餐”3月1日起全面上线") == "老年食堂“刷脸就餐”"
    assert subject_of("2026年肢体残疾人社区康复训练服务项目开始申报") == "肢体残疾人社区康复训练服务项目"
    assert subject_of("家里突然没水了？先别急着骂，这份报修攻略请收好！") == ""
    assert subject_of("社区（村）残疾人康复站月度检查清单") == "残疾人康复站月度检查"
    assert subject_of("汾源县村级小型工程设计变更管理操作要点") == "小型工程设计变更管理"
    # 本问答所称…: the learner has no 本问答 before them; its name is said
    defined = chunk("本办法所称长期外出，是指连续离开户籍地6个月以上。", heading=("一、基本概念",),
                    title="残疾人两项补贴户籍迁移衔接办法")
    stems = [q.stem for q in generator.candidates(defined, "fill_blank")]
    assert stems and all(s.startswith("《残疾人两项补贴户籍迁移衔接办法》所称长期外出") for s in stems), stems


def test_round_58_a_day_comes_once_and_a_framed_change_is_one_fact(generator: RuleGenerator):
    # 每周五汇总一次 → 两次 is false by its wording alone: no such false 判断
    weekly = chunk("网格员每周五汇总一次走访台账，报社区党委。\n护林员每季度末更新一次巡护路线图。", heading=("二、工作要求",),
                   title="森林防火网格化管理")
    falses = [q.stem for q in generator.candidates(weekly, "true_false") if not q.answer]
    assert not [s for s in falses if re.search(r"[两三四五]次", s)], falses
    # a false 判断 framed by its topic changes one fact, the same fact a choice item on the other sentence asks
    cap = make_question(type="single_choice", stem="优抚医疗保障中，每人每年住院优抚医疗补助累计最高（    ）。",
                        options=["1万元", "2万元", "5万元", "3万元"], answer=[3], explanation="x",
                        source={"source": "a.md", "quote": "每人每年住院优抚医疗补助累计最高3万元。"})
    changed = make_question(type="true_false", stem="优抚医疗保障中，按出院结算日期所在年度计算，计入当年的2万元年度限额。",
                            answer=False, explanation="x",
                            source={"source": "a.md", "quote": "按出院结算日期所在年度计算，计入当年的3万元年度限额。"})
    assert validate.tested_fact(changed) == "3万元" and validate.same_fact(cap, changed)


def test_round_58_a_band_never_overlaps_the_texts_other_bands(generator: RuleGenerator):
    bands = chunk("本办法所称重点优抚对象，是指下列人员：一至六级残疾军人；七至十级残疾军人；在乡老复员军人。\n"
                  "七至十级残疾军人住院，补助比例为90%。", heading=("一、哪些人可以享受",), title="重点优抚对象医疗保障")
    offered = [o for q in generator.candidates(bands, "single_choice") for o in q.options] + [
        q.stem for q in generator.candidates(bands, "true_false") if not q.answer]
    assert not [o for o in offered if re.search(r"五至八级|七至十[一二三四五六七八九]级|[二三四五]至[六七八九]级", o)], offered


def test_round_59_an_attachment_note_is_no_point_and_a_frame_that_gives_the_key_leaves_no_item(generator: RuleGenerator):
    rules = chunk("各社区要在4月30日前完成摸底，建立小区台账。\n街道每季度对物管会工作检查一次，结果纳入社区考核。\n"
                  "附：物管会组建备案表（到街道物业办领取）", heading=("五、组建和检查",), title="物业管理委员会组建")
    item = next(generator.candidates(rules, "short_answer"), None)
    assert item is not None and "附：" not in item.answer and "备案表" not in item.answer, item
    # 可到所在村的（ ）登记: which sign-up, the topic would say, and it would give the key away
    signup = chunk("可到所在村的电商服务站登记，由站长统一汇总报送。", heading=("三、报名方式",), title="电商服务站技能培训报名")
    assert not [q.stem for q in generator.candidates(signup, "fill_blank") if "电商服务站" in q.answer]


def test_round_60_topics_and_keys_the_stem_decides(generator: RuleGenerator):
    # a speech's 第38个爱国卫生月 reads as the 38th of a list in a stem; an issuer's name is no matter
    assert subject_of("在柳湾镇第38个爱国卫生月暨春季村庄清洁行动动员会上的讲话") == "爱国卫生月暨春季村庄清洁行动"
    assert subject_of("岚江县公安局交通警察大队") == ""
    assert subject_of("桂园社区党群服务中心") == "党群服务中心"
    speech = chunk("房前屋后、村道两侧的积存垃圾，4月15日前全部清完，统一由镇环卫中转站收运。", heading=("第一，清垃圾",),
                   title="在柳湾镇第38个爱国卫生月暨春季村庄清洁行动动员会上的讲话")
    assert list(generator.candidates(speech, "fill_blank")), "a speech's rule is an item"
    # 全部更换 → 100%, 春秋（ ）集中灭鼠 → 两次: the stem decides the key
    assert validate.key_not_derivable(make_question(type="fill_blank", stem="老旧胶管全部更换，更换率达到______。", answer=["100%"],
                                                    source={"source": "a.md", "quote": "x"}))
    assert validate.key_not_derivable(make_question(type="fill_blank", stem="每年春秋______集中灭鼠。", answer=["两次"],
                                                    source={"source": "a.md", "quote": "x"}))
    # a label that is the speaker's own clause, a question put to the reader
    told = make_question(type="true_false", stem="关于这里我定个时间，5月20日前各村报送名单。", answer=True, explanation="正确。",
                         source={"source": "a.md", "quote": "x"})
    assert validate.stem_self_contained(told)
    asked = make_question(type="true_false", stem="可您有没有注意过，家里的燃气软管每2年要更换一次。", answer=True,
                          explanation="正确。", source={"source": "a.md", "quote": "x"})
    assert validate.stem_self_contained(asked)


def test_a_checklists_star_is_no_part_of_a_stem(generator: RuleGenerator):
    rows = chunk("| 检查项目 | 验收标准 |\n| ★闭水试验 | 池内注水至设计液面，静置24小时，水位下降不超过10毫米 |\n"
                 "| ★有效容积 | 三格总有效容积不小于1.5立方米 |", heading=("二、验收项目",), title="三格式化粪池户厕验收")
    stems = [q.stem for t in ("single_choice", "fill_blank", "true_false") for q in generator.candidates(rows, t)]
    assert stems and not [s for s in stems if "★" in s], stems


def test_a_headline_names_its_matter_in_a_plain_clause_or_none():
    # round 60: documents whose headline gave no topic were graded bad three times as often
    assert subject_of("小区想换个物业？业委会选聘新物业，这几步一步都不能少") == "业委会选聘新物业"
    assert subject_of("老兵们看过来！优待证咋申领、多久到手、能干啥，一篇说清") == "优待证申领"
    assert subject_of("林子底下种黄精，每亩补600元！今年的申报攻略来了") == "林子底下种黄精"
    # a negated clause, a question about an event, a clause pointing at the article: no matter rather than a wrong one
    assert subject_of("过年给城里孩子寄点土特产？这几样东西，村里快递点真不能收！") == ""
    assert subject_of("家里燃气漏了怎么办？这十个常见误区要纠正") == ""
    assert subject_of("停水后一拧龙头，水是黄的、白的？先别慌，看完这篇心里就有底了") == ""  # a moment, no matter
    assert subject_of("锣鼓敲起来！部队寄来的立功喜报，这样送到您家门口") != "锣鼓敲起来"  # an exclamation (round 62)
    assert subject_of("看病不用带卡了！医保电子凭证这样激活，家里老人也能“一码就医”") == "医保电子凭证"
    assert subject_of("一文读懂我县城乡居民大病保险待遇政策（2026年版）") == "城乡居民大病保险待遇政策"
    assert subject_of("医疗费用零星（手工）报销办理指南") == "医疗费用零星报销"  # not cut at its aside


def test_a_label_the_sentence_says_again_is_dropped():
    from trainer_bot.quiz.offline import _said_again

    # graders called 「关于借用户口簿，借出的户口簿……」 repetitive; 关于小雪，雪停后… needs its label
    assert _said_again("关于借用户口簿，", "借出的户口簿应在2个工作日内归还。")
    assert not _said_again("关于小雪，", "雪停后6小时内完成人行道清扫。")
    assert not _said_again("关于红色（重大隐患），", "红色隐患每日督查。")  # a tier's frame says where the rule applies


def test_one_of_a_measure_is_an_amount_worth_asking_not_a_once(generator: RuleGenerator):
    # round 61 material: 每户1立方米 was taken for 'once' (一次、一人) and the article's one figure went untested
    sentence = "恢复供水后，服务中心统一按每户1立方米在下期水费中核减。"
    assert "1立方米" in [t.text for t in generator.key_terms(sentence)]
    assert "一次" not in [t.text for t in generator.key_terms("网格员巡查发现后一次告知到位。")]


def test_a_rule_paper_frames_an_item_by_its_name():
    # round 61: graders called topic frames stiff (农村自来水水质中，, 流转来的地也能贷款中，); an exam names the paper
    from trainer_bot.quiz.topics import paper_frame

    assert paper_frame("溪林县农村供水工程村级管水员选聘和管理办法") == "根据《溪林县农村供水工程村级管水员选聘和管理办法》，"
    assert paper_frame("关于开展入户智能水表更换工作的通知（柳政发〔2026〕9号）") == "根据《关于开展入户智能水表更换工作的通知》，"
    assert paper_frame("在全县老年助餐送餐上门服务推进会上的讲话") == ""  # a talk lays down no rule as a paper
    assert paper_frame("流转来的地也能贷款！这份指南请收好") == ""  # a headline is no paper's name
    assert paper_frame("关于做好2027年度高标准农田建设项目村级申报工作的通知") == ""  # too long to open every stem


def test_round_61s_findings_each_stay_fixed(generator: RuleGenerator):
    # a changed range past the bound the sentence sets (一般1至7年，最长不超过5年) is false by its own words
    loan = chunk("贷款期限一般为1至3年，最长不超过5年，且不得超过流转合同的剩余期限。", source="l.md", topic="")
    for q in generator.candidates(loan, "true_false"):
        assert q.answer or "1至3年" not in q.stem, q.stem
        assert not re.search(r"1至[6-9]年|2至[6-9]年", q.stem)
    for q in generator.candidates(loan, "single_choice"):
        assert all(int(o[2]) <= 5 for o in q.options if re.fullmatch(r"\d至\d年", o)), q.options
    # a permission excludes no one: 可以向…或者（供水服务中心）反映 is no body to swap
    report = chunk("发现水质异常，可以直接向村管水员或者供水服务中心反映。", source="w.md", topic="")
    assert all(q.answer for q in generator.candidates(report, "true_false"))
    # a condition cut from its list says nothing alone; 这个味道 of what; a writer's feeling is no rule
    cut = make_question(type="fill_blank", stem="同一块水表在______内已经校验过且结果合格，又没有新的异常情况的。", answer=["1年"],
                        source={"source": "m.md", "quote": "同一块水表在1年内已经校验过且结果合格，又没有新的异常情况的。"})
    assert validate.stem_self_contained(cut)
    assert not self_contained("不喜欢这个味道，可以把水接到敞口容器里静置半小时。")
    assert self_contained("每月底前完成排查。")
    feeling = chunk("200元钱换一个黑名单，太不值了。", source="f.md", topic="")
    assert list(generator.candidates(feeling, "fill_blank")) == []
    # a note's number under a form (三、同一村…) is no part of the rule it states
    notes = chunk("填表要求：\n三、同一村连续两个月被列为重点排查村的，由县水务局派员督导。", source="n.md", topic="")
    assert list(statements(notes)) == ["同一村连续两个月被列为重点排查村的，由县水务局派员督导。"]


def test_no_short_answer_from_half_a_section_or_a_blank_form_row():
    from trainer_bot.quiz.short import short_answer

    first = chunk("一是多年旋耕形成的犁底层又硬又浅，雨水渗不下去。\n二是深松一次，效果可以维持两到三年。", source="d.md",
                  heading=("三、几项特别提醒",), title="深松整地作业补助核查验收清单")
    rest = dataclasses.replace(first, id=first.id + "-2", index=1,
                               text="三是不能报的地块：坡度超过15度的，一律不予补助。\n四是村干部要把这个道理讲明白。")
    alone = RuleGenerator(CorpusPools([first], GLOSSARY))
    assert short_answer(first) is not None and alone._short(first) is not None  # the section whole in one chunk
    split = RuleGenerator(CorpusPools([first, rest], GLOSSARY))
    assert split._short(first) is None  # round 61: the first two of four points were the key
    form = chunk("| 乡镇农机站核查 |  |  |  |\n| 县农机中心审核 |  |  |  |", source="e.md", heading=("四、签字栏",),
                 title="深松整地作业补助核查验收清单")
    assert short_answer(form) is None


def test_round_62s_findings_each_stay_fixed(generator: RuleGenerator):
    # round the clock is no figure to ask (24小时在岗 — 48小时在岗 is absurd)
    assert "24小时" not in [t.text for t in generator.key_terms("疗养机构应当配备值班医生，24小时在岗。")]
    assert "24小时" in [t.text for t in generator.key_terms("村里应当在24小时内报告镇应急办。")]
    # the month after 年底 is no knowledge; a list's lead-in with one of its items is no statement
    derived = make_question(type="fill_blank", stem="迁出地当年发到年底，迁入地从次年______起发放。", answer=["1月"],
                            source={"source": "p.md", "quote": "迁出地当年发到年底，迁入地从次年1月起发放。"})
    assert validate.key_not_derivable(derived)
    one = make_question(type="true_false", stem="有四个渠道任选：到乡镇便民服务中心医保窗口递交。", answer=True,
                        source={"source": "p.md", "quote": "到乡镇便民服务中心医保窗口递交。"})
    assert validate.stem_self_contained(one)
    # a change at the quote's start, behind a paper's name, is still the fact tested (12个月, not 超过12)
    changed = make_question(type="true_false", stem="根据《医疗费用报销办理指南》，超过6个月的不予受理。", answer=False,
                            source={"source": "m.md", "quote": "超过12个月的不予受理。"})
    assert validate.tested_fact(changed) == "12个月"


def test_round_63s_findings_each_stay_fixed(generator: RuleGenerator):
    # a case that continues a sentence the learner cannot see: 仍无回应的、过了15日没有提出的、不满1年的
    for stem in ("稳妥有序处置不合格党员工作中，仍无回应的，可以按程序处置。", "过了15日没有提出的，视为认可原结论。",
                 "工伤职工劳动能力鉴定中，不满1年的，一般不予受理。"):
        item = make_question(type="true_false", stem=stem, answer=True, source={"source": "w.md", "quote": stem})
        assert validate.stem_self_contained(item), stem
    # keys the stem's own words give: 按周 → 7天; 不得由同一人 → 两人; 每季度1份、共 → 4份
    for stem, key in (("确实需要按周结的，最长不能超过______。", "7天"), ("两枚章必须分别由______保管，不得由同一人同时持有。", "两人"),
                      ("预备期思想汇报每季度不少于1份，共不少于______。", "4份")):
        item = make_question(type="fill_blank", stem=stem, answer=[key], source={"source": "w.md", "quote": "x"})
        assert validate.key_not_derivable(item), stem
    # a heading any section has (工作要求) asks nothing; a schedule answered without its dates is no answer
    assert question_from_heading("五、工作要求", "村级组织印章清理") is None
    plan = chunk("摸底清理阶段，各村全面清查现有印章。\n集中换刻阶段，统一到县公安局备案刻制。", source="s.md",
                 heading=("三、时间安排",), title="村级组织印章清理规范和集中换刻工作方案")
    assert next(generator.candidates(plan, "short_answer"), None) is None
    # a guide saying what it is for, a phone number, and a name's generic end are no items or options
    assert list(statements(chunk("本指南把这几件事的办法、材料和时限逐一说明，供乡镇便民服务中心对照使用。", source="g.md"))) == []
    assert list(statements(chunk("县人社局工伤保险股，电话0739-6615530，工作日受理咨询。", source="g.md"))) == []


def test_round_64s_findings_each_stay_fixed(generator: RuleGenerator):
    # an example's figure (比如调到5000元以内) and 所 of 所有人 are no keys; 这两年 is no figure
    assert "5000元" not in [t.text for t in generator.key_terms("建议把单日转账限额调低，比如调到5000元以内。")]
    assert "屋檐所" not in [t.text for t in generator.key_terms("费用由屋檐所有人承担。")]
    assert "两年" not in [t.text for t in generator.key_terms("电竞酒店是这两年冒出来的新东西，一年内两次被查处的停业整顿。")]
    # hours a stem's own times give; a checklist's question; a generic label as the stem's 关于
    hours = make_question(type="fill_blank", stem="只能在每日20时至21时提供______服务。", answer=["1小时"],
                          source={"source": "g.md", "quote": "x"})
    assert validate.key_not_derivable(hours)
    for stem in ("营业场所显著位置有没有悬挂禁止未成年人进入的标志。", "关于操作方法，班主任审核后报学校，学校在3个工作日内反馈结果。"):
        item = make_question(type="true_false", stem=stem, answer=True, source={"source": "g.md", "quote": stem})
        assert validate.stem_self_contained(item), stem


def test_round_65s_findings_each_stay_fixed(generator: RuleGenerator):
    # a headline's news (…3月6日开跑) is no part of its matter; 有的…承诺15天 is an example, no rule's figure
    assert subject_of("周五放学不用再挤“黑车”了！岔河镇寄宿生周末专线3月6日开跑") == "寄宿生周末专线"
    assert subject_of("机关单位停车场夜间向周边小区居民错时开放一问一答") == "机关单位停车场夜间向周边小区居民错时开放"
    assert "15天" not in [t.text for t in generator.key_terms("有的服装店承诺15天内无理由退货，按承诺执行。")]
    # a village's bodies are no alternatives to a county's office
    glossary = {**GLOSSARY, "县民政局": "组织/机构", "县交通运输局": "组织/机构", "县财政局": "组织/机构"}
    county = chunk("县交通运输局负责道路养护，县财政局负责资金拨付，村民委员会协助宣传，村务监督委员会监督。", source="f.md", topic="")
    rules = RuleGenerator(CorpusPools([*CORPUS, county], glossary))
    rule = chunk("垫付申请由县民政局负责审核，审核通过后拨付。", source="f.md", topic="", title="道路交通事故社会救助基金垫付一问一答")
    assert not [q.options for q in rules.candidates(rule, "single_choice") if "村民委员会" in q.options]
    assert list(statements(chunk("今天就讲这些，散会。", source="s.md"))) == []


def test_round_66s_findings_each_stay_fixed(generator: RuleGenerator):
    # 差一天也不予登记: a bigger gap is refused all the more, so 差三天 is no false statement
    age = chunk("男方须年满22周岁、女方须年满20周岁，差一天也不予登记。", source="m.md", topic="")
    assert all(q.answer for q in generator.candidates(age, "true_false") if "一天" not in q.stem)
    # a false statement does not borrow a value the document sets for something near it (the office's own promise)
    rules = chunk("乡镇人民政府自受理之日起20个工作日内作出决定。\n我镇承诺15个工作日内办结。", source="p.md", topic="")
    pools = CorpusPools([*CORPUS, rules], GLOSSARY)
    assert not [q.stem for q in RuleGenerator(pools).candidates(rules, "true_false")
                if not q.answer and "15个工作日内作出决定" in q.stem]
    # 每一名…签订率（100%） is derivable; a meeting's 刚才…通报了 is no rule
    every = make_question(type="fill_blank", stem="须为每一名特困人员明确一名照料人，签订率达到______。", answer=["100%"],
                          source={"source": "p.md", "quote": "x"})
    assert validate.key_not_derivable(every)
    assert list(statements(chunk("刚才县农业农村局通报了进度，签了协议的只有64户。", source="s.md"))) == []


def test_a_mediation_committee_is_no_alternative_where_no_dispute_is_spoken_of(generator: RuleGenerator):
    # round 67: 由（村民委员会）协调会议室 became 由人民调解委员会协调…, false by common sense alone
    film = chunk("没有文化礼堂的村，由村民委员会协调会议室或者学校礼堂。", source="film.md", topic="", title="露天电影放映")
    swapped = [q.stem for q in generator.candidates(film, "true_false") if not q.answer]
    assert not [s for s in swapped if "调解委员会" in s], swapped
    options = [o for q in generator.candidates(film, "single_choice") for o in q.options]
    assert "人民调解委员会" not in options


def test_round_68s_findings_each_stay_fixed():
    # 关于启动2026年…工作的通知: what it starts is the matter; a quarter's last day is no knowledge
    assert subject_of("关于启动2026年新生入学结核病筛查工作的通知") == "新生入学结核病筛查工作"
    assert subject_of("关于开展村内坑塘入塘排污口排查整治的通知") == "村内坑塘入塘排污口排查整治"  # (round 70: 内坑塘)
    # round 70: which principle, which block, which bureau?
    assert not self_contained("按上面的原则，他们应当先行垫付。")
    assert not self_contained("第三块是养殖场周边的坑塘。")
    local = make_question(type="true_false", stem="本分局在5个工作日内作出答复。", answer=True,
                          source={"source": "a.md", "quote": "本分局在5个工作日内作出答复。"})
    assert validate.stem_self_contained(local)
    quarter = make_question(type="fill_blank", stem="第二季度的随访须在______前完成。", answer=["6月30日"],
                            source={"source": "a.md", "quote": "x"})
    assert validate.key_not_derivable(quarter)
    # 发现后必须立即停用: found what? (rounds 66, 67)
    found = make_question(type="true_false", stem="健身器材管护中，发现后必须立即停用并设置警示标志。", answer=True,
                          source={"source": "a.md", "quote": "发现后必须立即停用并设置警示标志。"})
    assert validate.stem_self_contained(found)


def test_round_71s_findings_each_stay_fixed():
    from trainer_bot.quiz.figures import possible
    from trainer_bot.quiz.terms import Term
    # 同一日期有两户以上预约的 → 一户以上: one or more is anyone, false by logic alone
    assert not possible("一户", "同一日期有", "以上预约的，按登记先后安排。") and possible("三户", "同一日期有", "以上预约的")
    # 跟村（社区）红白理事会签 → 村（社区）村委会: the level said twice
    sentence = "准备结婚的新人和双方家庭，跟村（社区）红白理事会签一份承诺书。"
    council = Term("红白理事会", "term", sentence.index("红白理事会"), "组织/机构")
    wrong = pick_distractors(council, ["村委会", "社区居委会", "镇民政办", "乡贤参事会"], sentence, random.Random(0), 3)
    assert wrong == ["乡贤参事会"]
    # a table's remarks column is a note on its row, no rule a stem can open with (关于场地使用费（婚事等喜事），含水电燃气…)
    fees = chunk("项目｜本村户｜外村户｜备注\n场地使用费（婚事等喜事）｜每场300元｜每场600元｜含水电燃气，使用时间不超过2天",
                 heading=("三、收费标准",))
    assert not [s for s in statements(fees) if "使用时间" in s]


def test_round_72s_findings_each_stay_fixed():
    # a headline's guide named in straight quotes, and whom it calls on: no “"垂钓须知"钓友们中，” frame
    assert subject_of('休渔期还能去大坪湖钓鱼吗？这份"垂钓须知"钓友们快收好！') == ""
    assert subject_of("咱县村级寄递物流服务站建设运营要点都在这儿了！速看") == "寄递物流服务站建设运营"
    # 可以，但…: an answer without its question; 条件是…: the condition of what?
    answer = make_question(type="single_choice", stem="乡村民宿开办中，可以，但租赁合同期限不得少于（    ）。",
                           options=["5年", "2年", "3年", "10年"], answer=[0], source={"source": "a.md", "quote": "x"})
    condition = make_question(type="fill_blank", stem="条件是连片面积______以上，田间工程符合规范。", answer=["100亩"],
                              source={"source": "a.md", "quote": "x"})
    assert validate.stem_self_contained(answer) and validate.stem_self_contained(condition)
    # a day of the same month the stem names keeps its side of it (于5月15日前排班，确保5月下旬起开展)
    from trainer_bot.quiz.figures import month_distractors
    said = "镇文化服务中心于5月15日前完成讲解员排班，确保5月下旬起讲解服务正常开展。"
    assert month_distractors("5月15日", said, random.Random(0)) and all(
        int(d.split("月")[0]) < 5 for d in month_distractors("5月15日", said, random.Random(0)))
    # the upper bound moved below the sentence's usual value (一般为5年，最长不超过10年 → 3年) is false by form
    from trainer_bot.quiz.changes import past_bound
    from trainer_bot.quiz.terms import Term
    term_of = "使用全民所有水域的，有效期一般为5年，最长不超过10年。"
    bound = Term("10年", "number", term_of.index("10年"), "时限")
    assert past_bound(bound, "3年", term_of) and not past_bound(bound, "15年", term_of)
    # a correction that sorts two cases gives the case that corrects the belief, not only the first
    from trainer_bot.quiz.misconceptions import misconception_items
    relics = chunk("正解：要分清楚两种情况。地下出土的文物属于国家所有，任何人都不能买卖。而家庭祖传的传世文物，个人是可以收藏的。"
                   "把老物件卖给来历不明的人，容易被骗。", heading=("误区六：家里祖传的老瓷器也是文物，一律不能买卖",),
                   title="地下文物发现与上报的常见误区")
    judged = [q for q, _ in misconception_items(relics)]
    assert judged and "个人是可以收藏的" in judged[0].explanation and "容易被骗" not in judged[0].explanation


def test_round_73s_findings_each_stay_fixed():
    from trainer_bot.quiz.pools import where_in
    # a title that is a paper's reading already keeps its own book marks: no 《《…》政策解读》
    read = chunk("x", title="《云岭县调节金征收使用管理办法》政策解读", heading=("四、什么时候缴",))
    assert where_in(read) == "《云岭县调节金征收使用管理办法》政策解读“四、什么时候缴”部分"
    # a figure with decimals moves by a few steps, not by multiples (身高1.2米以下 → 3.6米 is no child's height)
    assert all(0.5 <= float(w[:-1]) <= 2 for w in number_distractors("1.2米", random.Random(0)))
    assert set(number_distractors("3.5小时", random.Random(0))) <= {"2.5小时", "3小时", "4小时", "4.5小时", "5小时"}
    # the next numbered point after a lead-in's list is no item of it (需要带：1. …4. …。（三）白沙税务分局在受理后…)
    from trainer_bot.quiz.statements import statements_in_context
    window = chunk("（二）到税务窗口办理，需要带：\n1. 经营者本人身份证原件；\n2. 营业执照副本原件；\n3. 如委托他人代办，另带委托书。\n"
                   "（三）税务分局在受理后3个工作日内审核完毕，出具《核准停业通知书》。", heading=("三、怎么办",))
    assert [s.lead for s in statements_in_context(window) if "审核完毕" in s.text] == [""]
    # 对其中684对做了辅导: of which total?
    assert not self_contained("县婚姻登记处对其中684对做了辅导，在30天冷静期里撤回的有213对。")
    assert self_contained("全县有300户，其中低保户20户。")


def test_a_set_takes_a_few_true_statements_when_the_material_gives_no_false_one():
    from collections import Counter
    from trainer_bot.quiz import generate
    rules = ["台账应当保存不少于三年，由村务监督委员会监督。", "提供信息应当采用加密电子文件或者当面交接纸质材料。",
             "文件密码与文件分开发送，不得通过微信群发送。", "换届交接时，登记台账和审批材料一并移交，不得由个人留存。"]
    text = "".join(rules)
    items = [make_question(type="true_false", stem=r, answer=True, explanation=f"正确。{r}", source={"source": "a.md", "quote": r})
             for r in rules]
    chosen, deferred, taken = [items[0]], [], []
    while True:  # round 75: with the other answer nowhere, the first true statement used to be the only one
        item = generate._next_valid(iter(items[1:]), {"a.md": text}, {}, {q.source.quote for q in chosen + taken},
                                    set(), Counter(), chosen + taken, deferred)
        if item is None:
            break
        taken.append(item)
    assert len(chosen + taken) == generate._ALIKE_AT_MOST


def test_round_74s_findings_each_stay_fixed():
    from trainer_bot.quiz.changes import past_bound
    from trainer_bot.quiz.terms import Term
    # a value moved across the line its sentence draws (一层至三层，四层及以上不行 → 一层至五层) is false by form
    floors = "托育用房应当设在住宅的一层至三层，四层及以上不行。"
    third = Term("三层", "number", floors.index("三层"), "数量")
    assert past_bound(third, "五层", floors) and not past_bound(third, "二层", floors)
    # 不在此列: not in which list?
    assert not self_contained("只提供1小时以内亲子课程、家长全程陪同的早教课程不在此列。")
    # a count the stem lists item by item; numbered items with no lead-in saying what they are
    photos = make_question(type="single_choice", stem="现场照片至少（    ），包括门口标识、室内全景、冰箱、洗手设施。",
                           options=["3张", "6张", "8张", "4张"], answer=[3], source={"source": "a.md", "quote": "x"})
    assert validate.key_not_derivable(photos)
    bodies = make_question(type="single_choice", stem="共享充电点建设中，（一）乡镇农机服务中心；（二）运营满（    ）的合作社。",
                           options=["3年", "2年", "1年", "5年"], answer=[2], source={"source": "a.md", "quote": "x"})
    assert validate.stem_self_contained(bodies)


def test_round_75s_findings_each_stay_fixed():
    from trainer_bot.roles import stated_belief
    # 拒不改正的，报…: who refused what?
    refused = make_question(type="true_false", stem="生猪散养户防疫管理中，拒不改正的，报镇畜牧兽医站处理。", answer=True,
                            source={"source": "a.md", "quote": "x"})
    assert validate.stem_self_contained(refused)
    # a belief whose closing quote went with its own keeps the pair (就等于给它“上了保险”)
    assert stated_belief("在复印件上盖村委会的章，就等于给它“上了保险”") == "在复印件上盖村委会的章，就等于给它“上了保险”"


def test_round_76s_findings_each_stay_fixed():
    from trainer_bot.clean import infer_title, official_head
    from trainer_bot.quiz.misconceptions import misconception_items
    # an issuer line that names a station above 关于…的通知 is no title (the 解析 cited 《白沙镇综合文化站》)
    assert infer_title(official_head("白沙镇综合文化站\n关于做好村晚排练期间安全工作的通知\n各村：\n正文。")[1])[0] == \
        "关于做好村晚排练期间安全工作的通知"
    # a range whose top the stem gives as the next band's start; a paper's note on whom it is for
    leave = make_question(type="fill_blank", stem="请假______的，向村委会报告即可；超过3天的，本人须安排临时替岗人员。",
                          answer=["1至3天"], source={"source": "a.md", "quote": "x"})
    note = make_question(type="true_false", stem="本指南供各村红白理事会使用。", answer=True, source={"source": "a.md", "quote": "x"})
    assert validate.key_not_derivable(leave) and validate.stem_self_contained(note)
    # a correction never stops on the colon that announces its list (法律定了上限：)
    probation = chunk("正解：试用期长度和合同期限挂钩，法律定了上限：\n- 合同期限不满1年的，试用期不得超过1个月；\n"
                      "- 3年以上的，不得超过6个月。\n签了合同就要按此执行。", heading=("误区一：试用期想定多长就定多长",),
                      title="试用期常见误区")
    judged = [q for q, _ in misconception_items(probation)]
    assert judged and "不得超过6个月" in judged[0].explanation and "按此执行" not in judged[0].explanation


def test_round_77s_findings_each_stay_fixed():
    # a headline announcing a paper is about the paper, not its news (…最高可奖5000元 gave a key away in the frame)
    assert subject_of("云岭县森林防火期违规野外用火举报奖励办法公布群众举报查实最高可奖5000元") == "森林防火期违规野外用火举报奖励"
    # no 「为…中，」 and no 「…审批与中，」 (a genre cut off after a conjunction); 参与 is no conjunction
    assert subject_of("关于为全县九小场所免费配发灭火器和独立式烟感报警器的通知") == "全县九小场所免费配发灭火器和独立式烟感报警器"
    assert subject_of("桐川镇村级污水管网检查井、化粪池清掏作业审批与操作指南") == "污水管网检查井、化粪池清掏作业审批"
    assert subject_of("集体林业碳汇项目开发问答与村级参与").endswith("参与")


def test_round_78s_findings_each_stay_fixed():
    from trainer_bot.clean import clean_document
    from trainer_bot.models import Document
    # a headline that asks to be shared is still the title (the greeting under it, 各位乡亲…, became a topic)
    doc = Document(source="a.md", title="65岁以上的老人注意了！这一针今年免费打，赶紧转给家里人",
                   text="各位乡亲，最近后台好多人留言问：“听说老人打肺炎疫苗不要钱了，是真的吗？”\n\n是真的！", sha256="0")
    assert clean_document(doc).title.startswith("65岁以上的老人注意了")
    # a compound unit is one unit (180毫米汞柱, not 180毫米 with 汞柱 left in the stem)
    assert [t.text for t in find_terms("收缩压达到180毫米汞柱以上的，立即建议就医。", {}) if t.kind == "number"] == ["180毫米汞柱"]


def test_round_79s_findings_each_stay_fixed():
    # 规范 after 才 is no genre: …怎么“用”才规范 is not cut to 「…才中，」
    assert not subject_of("村级临时用工怎么用才规范").endswith("才")
    assert subject_of("农村公益性公墓建设管理工作要点") == "农村公益性公墓建设管理"
    # a topic that ends on a particle is cut short: no frame rather than 「…开始报名啦中，」
    assert subject_of("“美丽庭院”评选开始报名啦") == ""


def test_round_80s_findings_each_stay_fixed():
    # 非本县 is no county's name: the topic keeps who it is about; 一文讲清怎么领 names no topic
    assert subject_of("非本县户籍人员在我县遭遇急难如何申请临时救助_政策解读_云岭县民政局").startswith("非本县户籍人员")
    assert subject_of("家里老人换把洗澡椅、装个防摔报警器，也能领补贴啦！一文讲清怎么领") == ""
    assert subject_of("柳林县农村危房改造工作指南") == "农村危房改造"


def test_round_81s_findings_each_stay_fixed():
    from trainer_bot.quiz.statements import statements_in_context
    # a time's colon is no label's: 工作日18:00至次日8:30 is not cut to 「00至次日8:30」
    night = chunk('本说明所称"夜间"指工作日18:00至次日8:30，"节假日"指双休日和法定节假日全天。', heading=("一、适用时间",))
    assert [s.text for s in statements_in_context(night)] == ['本说明所称"夜间"指工作日18:00至次日8:30，"节假日"指双休日和法定节假日全天。']


def test_round_82s_titles_keep_their_zone_and_road_class():
    # a zone that ends in 区 is no district, 关于县道… is no county, and a headline's 拍一拍 is no matter
    assert subject_of("禁牧区管理常见误区辨析") == "禁牧区管理"
    assert subject_of("景区村庄环境整治方案") == "景区村庄环境整治"
    assert subject_of("关于县道X203等三处超限超载不停车检测点启用的通告") == "县道X203等三处超限超载不停车检测点"
    assert subject_of("南湖区农村公路养护要点") == "农村公路养护"
    assert subject_of("禁牧区半夜偷偷放牧？拿起手机拍一拍，查实就有奖！") == ""


def test_round_83s_question_titles_name_their_matter():
    # a how-question a Q&A answers names its matter; one told as what happened (坏了几个) names none
    assert subject_of("空置住房物业费怎么交？——一问一答") == "空置住房物业费"
    assert subject_of("业主怎样查询自家住宅专项维修资金分户账") == "住宅专项维修资金分户账查询"
    assert subject_of("网上卖的水果路上坏了几个，咋赔才不吃亏？这份售后指南请收好") == ""
    assert subject_of("农户开网店要不要办营业执照？——溪口县市场监管局一问一答") == ""


def test_round_83s_short_list_items_stay_in_the_key():
    from trainer_bot.quiz.short import short_answer
    # 监督抽检不合格的； is an item however short: the key lists all four and the lead-in that says what follows
    revoked = chunk("有下列情形之一的，由县农业农村局撤销授权，收回标识，撤销后1年内不受理其再次申请：\n监督抽检不合格的；\n"
                    "把外地产品冒充本县产品贴标销售的；\n在网店中夸大宣传产品功效，受到市场监管部门处罚的；\n"
                    "超出授权范围使用标识，经责令整改拒不改正的。", heading=("五、什么情况下会被撤销授权",), title="区域公用品牌授权使用办理指南")
    q = short_answer(revoked)
    assert q is not None and "1. 监督抽检不合格的" in q.answer and "4. 超出授权范围" in q.answer and "撤销授权" in q.answer


def test_round_83s_key_points_keep_their_line_labels():
    from trainer_bot.quiz.short import short_answer
    # 胶靴：下水、清淤时必须穿着 — without 胶靴 the point says nothing; the last item (护目镜：…。) is one too
    gear = chunk("消杀人员作业时应当佩戴：\n口罩：一般作业佩戴医用外科口罩，配药时佩戴防护口罩；\n手套：长袖橡胶手套；\n"
                 "胶靴：下水、清淤时必须穿着，防止钩端螺旋体感染；\n护目镜：喷洒消毒液时佩戴。", heading=("五、个人防护",),
                 title="汛后卫生防疫与环境消杀操作规程")
    q = short_answer(gear)
    assert q is not None and "3. 胶靴：下水" in q.answer and "4. 护目镜：喷洒消毒液时佩戴" in q.answer
    qa = chunk("问：一户一宅是什么意思？\n答：“一户一宅”是指农村村民一户只能拥有一处宅基地，面积不得超过规定标准。", heading=("一、一户一宅",))
    assert "答：" not in (getattr(short_answer(qa), "answer", "") or "")


def test_round_84s_talk_headings_ask_about_their_matter():
    # 最后讲讲纪律 asks about 纪律; 县里这次要查什么 leans on an occasion the learner cannot see
    assert question_from_heading("四、最后讲讲纪律", "秋粮播种面积统计调查") == "秋粮播种面积统计调查对纪律有哪些规定？"
    assert question_from_heading("二、县里这次要查什么", "农家乐药酒") is None
    assert subject_of("\"八一\"前夕，这支拥军小分队把修路队和理发推子带进了营区") == ""  # a time (round 85)
    assert subject_of("人在外地打工，村里分红方案咋投票？这篇讲透“委托表决”") == "“委托表决”"  # (round 87)


def test_round_88s_titles_keep_their_names_and_the_answers_matter():
    # 社区基金 and 社区社会组织 are names; a Q&A whose answers name a matter is about it, one answered by an office is not
    assert subject_of("云亭街道社区基金年度审计与信息公开检查清单（2025年度）") == "社区基金年度审计与信息公开检查"
    assert subject_of("社区社会组织收钱、管钱的六个常见误区") == "社区社会组织收钱、管钱"
    assert subject_of("志愿者服务中受伤怎么理赔？——安平县志愿者团体意外险理赔一问一答") == "志愿者团体意外险理赔"
    assert subject_of("农户开网店要不要办营业执照？——溪口县市场监管局一问一答") == ""


def test_round_89s_titles_lose_their_count_and_their_question():
    assert subject_of("赡养义务常见误区十则") == "赡养义务"
    assert subject_of("常住我县的外地老年人如何享受同等优待？") == "外地老年人享受同等优待"


def test_round_90s_headline_of_facets_names_no_matter():
    # 一文讲清责任、时限和验收 names what any matter has, not the matter (round 90 took it for the topic)
    assert subject_of("设施农业用地使用结束后怎样复垦？一文讲清责任、时限和验收") == ""
    assert subject_of("人在外地打工，村里分红方案咋投票？这篇讲透“委托表决”") == "“委托表决”"


def test_round_90s_worked_example_line_states_no_rule():
    from trainer_bot.quiz.statements import statements_in_context
    # 举例说明：… opens a worked example: every sentence on its line is arithmetic, none a rule
    worked = chunk("入院时不用交押金。\n举例说明：某低保对象住院10天，总费用12000元。出院时，基本医保支付7800元，医疗救助支付2800元，"
                   "个人自付1400元。本例仅供理解政策时参考。\n家属应在3个工作日内联系乡镇核实身份。", heading=("五、怎么结算",))
    said = [s.text for s in statements_in_context(worked)]
    assert not any("7800元" in t or "本例" in t for t in said), said
    assert any("3个工作日" in t for t in said) and any("押金" in t for t in said)


def test_round_91s_titles_name_the_matter_not_the_verb_or_its_facets():
    assert subject_of("关于公布2025—2026年冬季全县易结冰路段及防滑料储备点的公告") == "冬季全县易结冰路段及防滑料储备点"
    assert subject_of("征地补偿款中村集体留存部分怎么管、怎么用——一问一答") == "征地补偿款中村集体留存部分"
    # a how-question before an article's facets names the matter (not 「审批权限和残值处理中，」)
    assert subject_of("村集体固定资产报废处置怎么办理？一文说清审批权限和残值处理") == "集体固定资产报废处置"


def test_round_91s_false_statements_change_only_figures_in_digits():
    # a body or a role put for another (排查人员 → 网格员, who may well do it too) was graded bad twice in round 91
    # (村务监督委员会 → 人民调解委员会, 乡镇应急办 → 人民调解委员会 were made before)
    rules = chunk("重大隐患由村委会登记后报乡镇应急办，一般隐患由网格员指导农户当场整改。村务监督委员会负责村民民主理财。"
                  "报警器自安装之日起保修2年。", heading=("四、整改办法",))
    made = RuleGenerator(CorpusPools(CORPUS + [rules], GLOSSARY))
    false = [q for q in made.candidates(rules, "true_false") if q.answer is False]
    assert false and all("2年" in q.source.quote and "2年" not in q.stem for q in false), [q.stem for q in false]


def test_round_91s_keys_are_not_what_the_whole_leaves_and_dates_keep_their_order():
    from trainer_bot.quiz.derivable import key_not_derivable
    from trainer_bot.quiz.figures import dates_consistent
    scores = "存款利率报价占60分，网点服务能力占20分，涉农贷款情况占20分。"
    blank = make_question(type="fill_blank", stem="评分实行百分制，存款利率报价占______，网点服务能力占20分，涉农贷款情况占20分。",
                          answer=["60分"], source={"source": "a.md", "quote": scores})
    judged = make_question(type="true_false", stem="闲置资金存放中，关于评分实行百分制，存款利率报价占30分，网点服务能力占20分，"
                           "涉农贷款情况占20分。", answer=False, source={"source": "a.md", "quote": scores})
    assert key_not_derivable(blank) and key_not_derivable(judged)
    kept = make_question(type="fill_blank", stem="存款利率报价占______，网点服务能力占20分。", answer=["60分"],
                         source={"source": "a.md", "quote": scores})
    assert key_not_derivable(kept) is None  # no whole given: nothing to subtract from
    # a day without its year keeps its side of the dated one (安装 after 登记截止)
    said = "登记截止时间为2025年12月15日，安装工作在12月31日前完成。"
    assert not dates_consistent("12月31日", "10月31日", said) and dates_consistent("12月31日", "12月25日", said)


def test_round_91s_correction_gives_the_rule_after_its_reason():
    from trainer_bot.quiz.misconceptions import misconception_items
    duds = chunk("误区：把哑炮剥开，把火药倒在地上一把火烧了，省得留隐患。\n\n正解：拆解过程中的摩擦、挤压都可能引燃火药，近距离引燃后"
                 "直接伤手伤眼。无论是鞭炮还是组合烟花，一律不准私自拆解。正确做法就是上面说的“等待、浸水、交处置”。",
                 heading=("误区二：哑炮拆开烧掉就没事了",), title="燃放烟花爆竹的常见误区")
    judged = [q for q, _ in misconception_items(duds)]
    assert judged and "一律不准私自拆解" in judged[0].explanation and "上面说的" not in judged[0].explanation


def test_round_92s_findings_each_stay_fixed(generator: RuleGenerator):
    from trainer_bot.quiz.derivable import key_not_derivable
    from trainer_bot.quiz.statements import _about
    # a Q&A's matter ending in a place (执行地), a headline's one quoted name; not a thing done (“走个流水”)
    assert subject_of("社区矫正对象变更执行地一问一答") == "社区矫正对象变更执行地"
    assert subject_of("出狱后没地方去、没活干？咱县这个“过渡基地”能管吃住还给发工资") == "“过渡基地”"
    assert subject_of("借卡给朋友“走个流水”？这个忙千万别帮！") == ""
    # a speaker's clause is no matter to frame a list with
    assert _about("所以县里定个规矩：") == "" and _about("财政补贴按以下标准执行：") == "关于财政补贴，"
    from trainer_bot.quiz.statements import _step_label
    assert _step_label("所以县里定个规矩：已投保的地块，改种之前必须先报案。")[1] == ""
    # a tier's bare colour says what is graded when the list's lead-in does (not 「关于黄色，」)
    graded = chunk("测评结果分为“绿、黄、红”三个等级：\n绿色：心理状况总体良好，纳入常规关注。\n"
                   "黄色：存在一定程度的情绪困扰，由心理辅导员在15日内安排个体辅导。\n", heading=("三、测评结果怎么用",))
    assert [s.lead for s in statements_in_context(graded)] == ["测评结果为绿色的，", "测评结果为黄色的，"]
    # blanks on an emphatic 一天 and on the body in a place's name; keys an amount and its rate, or shares of 100%, give
    src = {"source": "a.md", "quote": "x"}
    blanks = [make_question(type="fill_blank", stem="报案以后，田间管理______也不能停。", answer=["一天"], source=src),
              make_question(type="fill_blank", stem="西坡村在杏树沟______大院领取。", answer=["村委会"], source=src)]
    assert all(validate.blank_worth_testing(q) for q in blanks)
    pasted = make_question(type="fill_blank", stem="变更执行地中，1.《变更执行地申请书》；2.新居住地的证明，比如租房合同（租期不少于"
                           "______）。", answer=["6个月"], source=src)
    assert validate.stem_self_contained(pasted)
    keyed = [make_question(type="single_choice", stem="奶牛保险金额为每头（    ），费率6%，每头保费600元。",
                           options=["10000元", "8000元", "12000元", "6000元"], answer=[0], source=src),
             make_question(type="single_choice", stem="省、县财政补贴70%，烟草公司补贴（    ），烟农自缴10%。",
                           options=["20%", "30%", "10%", "25%"], answer=[0], source=src)]
    assert all(key_not_derivable(q) for q in keyed)


def test_round_93s_titles_and_a_hotline_number():
    # the possessive left of a stripped place (村里的“陪诊员”) opens no topic; a 公示 is a kind of paper
    assert subject_of("一个人去县医院看病不再发愁！村里的“陪诊员”怎么约，一篇讲清楚") == "“陪诊员”"
    assert subject_of("关于白石集贸市场摊位费收取标准及管理规定的公示") == "白石集贸市场摊位费收取标准及管理"
    # a hotline's number is no count of people (12333人社服务热线 → 12323人), an amount of five digits is a figure
    said = [t.text for t in find_terms("可拨打12333人社服务热线咨询，每户最高补贴50000元。", GLOSSARY)]
    assert "50000元" in said and not any(t.startswith("12333") for t in said)
    # 在这个周期内… points back to what the learner cannot see
    cycle = make_question(type="fill_blank", stem="示范家庭农场实行动态管理，在这个周期内面积下降不超过______的，不取消称号。",
                          answer=["20%"], source={"source": "a.md", "quote": "x"})
    assert validate.stem_self_contained(cycle)
    # an article's recap (五、小编划重点) asks nothing a cadre would ask
    assert question_from_heading("五、小编划重点", "“农校对接”") is None


def test_round_95s_findings_each_stay_fixed():
    from trainer_bot.quiz.changes import still_false
    from trainer_bot.quiz.statements import _about
    from trainer_bot.quiz.terms import Term
    # a table row split at a cell's 。: its last cells (checker｜deadline) are no item of their own
    row = chunk("序号｜检查项目｜检查标准｜检查人｜完成时限｜是否达标\n6｜慰问物品发放｜发放名单经村“两委”会议确定后公示，"
                "发放时由领取人签字或按手印。｜村务监督委员会主任｜发放结束后3个工作日内归档\n", heading=("检查清单",))
    assert not any("村务监督委员会主任" in s.lead for s in statements_in_context(row))
    # a lead-in cut before its object frames nothing
    assert _about("收养人还应当同时具备：") == ""
    # once a month on a named day: three times a month is false by its own words
    said = "联席会议每月召开1次，时间为每月第一个星期一上午。"
    assert not still_false(Term("1次", "number", said.index("1次"), "数量"), "3次", said)


def test_round_96s_short_answer_never_leaves_out_a_numbered_item():
    from trainer_bot.quiz.short import short_answer
    # （一）电话举报 states no rule of its own (phone numbers): a key without it would mark a full answer down
    ways = Chunk(id="ways-1", source="a.txt", title="关于农村客运车辆超员违法行为有奖举报的公告", heading_path=("二、举报方式",),
                 text="（一）电话举报：拨打县交通运输服务监督电话0597-12328转农村客运专席，或县交警大队值班电话0597-5812110；\n"
                      "（二）微信举报：关注“清源交通”微信公众号，点击“随手拍”栏目上传；\n"
                      "（三）现场举报：到各乡镇客运服务站或者县交通运输局运输管理股当面举报。\n\n"
                      "举报时请尽量说清违法时间、地点、车牌号码和线路名称，并提供能够看清车内乘客人数的照片或视频。\n",
                 index=0, sha256="0", topic="t")
    assert short_answer(ways) is None
    # nor one whose labelled siblings on a line are too short to state a rule (承办单位：松岚县象棋协会)
    units = Chunk(id="units-1", source="a.html", title="2026年松岚县“乡村棋王”象棋赛报名公告", heading_path=("一、组织单位",),
                  text="主办单位：松岚县文化和旅游体育局。承办单位：松岚县象棋协会。协办单位：各乡镇人民政府（街道办事处）。"
                       "各乡镇综合文化站负责本乡镇海选和选拔赛的组织工作。\n", index=0, sha256="0", topic="t")
    assert short_answer(units) is None
    # a label that says what its items are (以下情形不再粘贴：) stays with them, not 「关于以下情形不再粘贴，」
    scope = Chunk(id="scope-1", source="a.docx", title="关于开展农用车尾部反光标识免费粘贴工作的通知", heading_path=("一、粘贴范围",),
                  text="（一）已登记的三轮汽车、低速货车、拖拉机运输机组。\n（二）电动三轮车不论是否上牌，在本县道路上行驶的一律纳入。\n"
                       "（三）以下情形不再粘贴：车辆出厂时已粘贴反光标识且完好无损的；车辆已报废或长期停放不再上路的。\n",
                  index=0, sha256="0", topic="t")
    assert any(s.text.startswith("以下情形不再粘贴：") and not s.lead for s in statements_in_context(scope))


def test_round_97_and_98s_findings_each_stay_fixed():
    from trainer_bot.quiz.misconceptions import misconception_items

    # a blanked list item that names a thing and says nothing of it (总库容（ ）以下的山塘, of 确权范围) stands for no rule
    scope = make_question(type="fill_blank", stem="小型水利工程产权确权登记颁证工作中，总库容______以下的山塘。",
                          answer=["10万立方米"], source={"source": "a.md", "quote": "x"})
    assert validate.stem_self_contained(scope)
    # (a rule whose key reads as a noun still is one: 各乡镇于6月20日前…报县卫健局, 最多接受3名成员的委托)
    for stem, key in (("根据《村级养老服务补贴管理办法》，各乡镇于______前将工作总结和机构台账报县卫健局。", "6月20日"),
                      ("根据《土地股份合作社章程》，每名受托人最多接受______成员的委托。", "3名")):
        rule = make_question(type="fill_blank", stem=stem, answer=[key], source={"source": "a.md", "quote": "x"})
        assert validate.stem_self_contained(rule) is None
    # the last item of a ；-list whose note is in brackets is an item, not a step's heading (a 简答 lost 机井配套)
    scope_list = chunk("- 山塘清淤扩容、坝体加固；\n- 新建或修复小型提灌站、蓄水池；\n- 机井配套（井房、输水管道）。",
                       heading=("二、支持范围",))
    assert "机井配套（井房、输水管道）。" in list(statements(scope_list))
    # a question a speaker asks inside a paragraph frames that paragraph, not the next point's rules
    talk = chunk("二是考核标准要吃透。群众满意度怎么测？县里随机抽受益户打电话，每个村不少于15户。\n"
                 "四是资金使用要守规矩。奖补资金必须用于设施维修和管护人员报酬，其中管护人员报酬不低于60%。")
    framed = {s.text: s.asked for s in statements_in_context(talk)}
    assert framed["县里随机抽受益户打电话，每个村不少于15户。"] == "关于群众满意度，"
    assert framed["奖补资金必须用于设施维修和管护人员报酬，其中管护人员报酬不低于60%。"] == ""
    # a headline's emoji and a hook question before the dash are no topic; the matter after the dash is
    assert subject_of("🛗电梯要来啦！施工这90天，这几件事请您一定留意") == ""
    assert subject_of("新房交钥匙前，维修资金怎么交？——首期住宅专项维修资金交存一问一答") == "首期住宅专项维修资金交存"
    # a misconception that shares a word with the topic (补助) is still framed by it
    myths = chunk("误区一：补助按户发给每家每户。\n正解：补助按部电梯计算，拨付到业主代表共管账户。",
                  heading=("八、常见误区",), title="既有住宅加装电梯财政补助申领指南")
    (judged, _), = list(misconception_items(myths))
    assert judged.stem == "既有住宅加装电梯财政补助申领中，补助按户发给每家每户。"
    # the rule that corrects a misconception, stated elsewhere in the paper, is the misconception's fact
    shelter = chunk("误区一：挂了牌的地方平时不能用。\n正解：办法允许场所平时保持原有功能，学校照常上课，只是不得改变用途和堵塞出入口。",
                    heading=("六、常见误区",), title="应急避难场所认定和挂牌管理办法政策解读")
    (myth, _), = list(misconception_items(shelter))
    rule = make_question(type="true_false", stem="应急避难场所认定和挂牌管理中，场所平时可以保持原有使用功能，但不得擅自改变用途。",
                         answer=True, explanation="正确。",
                         source={"source": "a.md", "quote": "场所平时可以保持原有使用功能，但不得擅自改变用途。"})
    assert validate.same_fact(myth, rule) and validate.same_fact(rule, myth)
    # a checklist's 补充要求 asks nothing a person would ask
    assert question_from_heading("三、补充要求", "老旧小区改造施工现场周巡查") is None
    # a yearly count the stem's 每个月 multiplies out, and a talk's story told of 信息员小吴 (round 99)
    monthly = make_question(type="fill_blank", stem="每个月第二个周一下午，全体村医到卫生院集中培训，一年不少于______。",
                            answer=["12次"], source={"source": "a.md", "quote": "x"})
    assert validate.key_not_derivable(monthly)
    story = chunk("这里给大家讲个事。村里信息员小吴跑了他家三趟，带去了一个看仓库的岗位，一个月三千出头。")
    assert not any("小吴" in s for s in statements(story))
    # a body followed by 长 is a person (（ ）长 offered 便民服务中心长), a 关于 label that is a phrase of relation names no
    # matter, and 在发现后 says not what was found (round 100)
    from trainer_bot.quiz.terms import _actors
    assert [name for _, name in _actors("需要查阅村级档案或向村民小组长核实的，3个工作日内出具")] == ["村民小组长"]
    related = make_question(type="true_false", stem="关于与事由相关的依据，因公外出的，带镇里的通知或村“两委”会议决定。",
                            answer=True, explanation="正确。", source={"source": "a.md", "quote": "x"})
    assert validate.stem_self_contained(related)
    assert not self_contained("根据《会议录音录像资料管理规程》，村文书应在发现后3个工作日内，在会议记录上作补充说明。")
