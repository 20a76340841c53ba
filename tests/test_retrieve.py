from dataclasses import replace

import pytest

from conftest import index_texts
from trainer_bot.bot import TrainerBot
from trainer_bot.retrieve import NEAR, GateParams


def test_hybrid_finds_the_right_passage(corpus_bot: TrainerBot):
    retrieval = corpus_bot.retrieve("预警级别分为几级，用什么颜色标示？")
    top = retrieval.passages[0]
    assert top.chunk.source == "safety/warning.md"
    assert top.dense is not None and top.bm25 is not None  # both retrievers agree
    assert retrieval.gate.covered


def test_fusion_scores_are_reciprocal_rank_sums(corpus_bot: TrainerBot):
    passages = corpus_bot.retrieve("网格员的四项基本工作").passages
    scores = [p.score for p in passages]
    assert scores == sorted(scores, reverse=True)
    for p in passages:
        # one list contributes at most 1/(K+1), half of the best possible fused score;
        # two lists contribute more than that whatever the ranks within the candidate depth
        if p.dense is None or p.bm25 is None:
            assert p.score <= 0.5
        else:
            assert 0.5 < p.score <= 1.0
    assert passages[0].dense is not None and passages[0].bm25 is not None


def test_bm25_brings_in_an_exact_term_the_dense_side_ranks_low(corpus_bot: TrainerBot):
    index = corpus_bot.retriever.lexical()
    hits = index.search(corpus_bot.tokenizer("司法确认"), 5)
    assert hits and index.chunks[hits[0][0]].source == "mediation.md"
    retrieval = corpus_bot.retrieve("司法确认")
    assert retrieval.passages[0].chunk.source == "mediation.md"


def test_source_filter_restricts_both_retrievers(corpus_bot: TrainerBot):
    retrieval = corpus_bot.retriever.retrieve("网格员负责什么", sources=["mediation.md"])
    assert retrieval.passages and {p.chunk.source for p in retrieval.passages} == {"mediation.md"}


@pytest.mark.parametrize("question", [
    "邻居为了宅基地边界吵架，怎么调解？",
    "网格员每周要走访谁？",
    "收到红色预警以后村委会要做什么",
    "调解要收费吗",
])
def test_gate_lets_covered_questions_through(corpus_bot: TrainerBot, question: str):
    gate = corpus_bot.retrieve(question).gate
    assert gate.covered, gate


@pytest.mark.parametrize("question", ["红烧肉怎么做", "世界杯冠军是谁", "写一个快速排序", "你好", "明年房价会涨吗"])
def test_gate_refuses_off_topic_questions(corpus_bot: TrainerBot, question: str):
    gate = corpus_bot.retrieve(question).gate
    assert not gate.covered, gate


@pytest.mark.parametrize("question", ["红烧肉怎么做", "世界杯冠军是谁", "写一个快速排序"])
def test_off_topic_questions_are_not_near(corpus_bot: TrainerBot, question: str):
    assert not corpus_bot.retrieve(question).gate.near


def test_a_question_below_the_threshold_but_close_is_near(corpus_bot: TrainerBot):
    retriever = corpus_bot.retriever
    strict = replace(retriever.gate_params, threshold=1.0)  # nothing is covered: how close is what counts
    retriever.gate_params, kept = strict, retriever.gate_params
    try:
        close = retriever.retrieve("网格员每周要走访谁？").gate
        far = retriever.retrieve("红烧肉怎么做").gate
    finally:
        retriever.gate_params = kept
    assert not close.covered and close.reason == "low_relevance" and close.near and close.probability >= NEAR
    assert not far.covered and not far.near


def test_gate_baseline_is_recomputed_when_the_store_changes(loaded_bot: TrainerBot, corpus):
    first = loaded_bot.retriever.probe_baseline()
    loaded_bot.remove("grid.md")
    second = loaded_bot.retriever.probe_baseline()
    assert second != first


def test_empty_store_refuses(bot: TrainerBot):
    retrieval = bot.retrieve("什么是枫桥经验")
    assert retrieval.passages == [] and not retrieval.gate.covered


def test_gate_probability_rises_with_relevance_and_falls_with_unknown_words():
    params = GateParams.load()

    def p(margin: float, coverage: float, unknown: float = 0.0) -> float:
        return params.probability({"dense_margin": margin, "coverage": coverage, "unknown": unknown})

    assert p(8, 1) > p(5, 1) > p(2, 1)
    assert p(5, 1) > p(5, 0.3)
    # (unknown words never raise it: the fit keeps that weight at or below zero, and on the fresh suites it sits at zero)
    assert p(5, 0.6, 0.0) >= p(5, 0.6, 0.6)


# -- the gate's rules, on material of our own (tests/fixtures/answers) ---------------------------------

@pytest.mark.parametrize(("question", "reason"), [
    ("“管水员”是什么？", "term_absent"),          # a quoted term the material never uses
    ("2019年井长制有什么变化？", "year_absent"),     # a year no passage mentions
    ("集市的摊位费一年一共收多少万元？", "number_absent"),  # a measure no sentence states
    ("八项规定对井长有哪些要求？", "subject_absent"),  # a named text the material does not know
    ("井长每个月能拿多少补贴？", "number_absent"),  # money asked for without a unit: no sentence states an amount
    ("井长有没有补贴？一个月给多少？", "number_absent"),  # whether there is one is asked with how much
    ("新摊主登记要交多少钱？", "number_absent"),  # 五元 is stated, but of the stall fee, not of registering
    ("当井长需要满足哪些条件？", "conditions_absent"),  # the material names 井长 but sets out no conditions
])
def test_gate_rules_refuse_what_the_material_does_not_state(answers_bot: TrainerBot, question: str, reason: str):
    gate = answers_bot.retrieve(question).gate
    assert not gate.covered and gate.reason == reason


def test_a_length_stated_in_other_terms_is_not_refused(bot: TrainerBot, tmp_path):
    # 离房子起码得隔多远？ ← 不小于该建筑高度的1.5倍: a length the material gives as a multiple, not in 米
    index_texts(bot, tmp_path, {"drill.md": (
        "# 地震应急疏散演练方案\n\n## 二、集合点设置\n\n集合点要开阔平坦，远离高大建筑物、电线杆和围墙，"
        "与周边建筑物的距离不小于该建筑高度的1.5倍；每个集合点指定1名负责人清点人数。\n\n"
        "## 三、方案报备\n\n演练方案要在演练前15天报镇应急管理办公室备案。\n")})
    answer = bot.ask("演练的集合点选在哪儿合适，离房子起码得隔多远？")
    assert not answer.refused and "1.5倍" in answer.text, answer.text


def test_a_measure_absent_from_one_question_of_several_leaves_the_others_answered(answers_bot: TrainerBot):
    assert answers_bot.retrieve("井长每月补贴多少钱？").gate.reason == "number_absent"
    answer = answers_bot.ask("井长每月补贴多少钱？每届任期几年？")
    assert not answer.refused and "任期两年" in answer.text


def test_a_yes_no_that_hangs_on_a_stated_number_is_answered(answers_bot: TrainerBot):
    answer = answers_bot.ask("井长每届任期几年？能不能连任？")
    assert not answer.refused and "任期两年" in answer.text


def test_a_term_the_material_defines_is_answered(answers_bot: TrainerBot):
    gate = answers_bot.retrieve("什么是井长制？").gate
    assert gate.covered and gate.reason == "term_present"


def test_comparison_retrieves_for_each_side(answers_bot: TrainerBot):
    texts = " ".join(p.chunk.text for p in answers_bot.retrieve("井长制和塘长制有什么区别？").passages)
    assert "井长制是指" in texts and "塘长制是指" in texts


def test_questions_in_threads_while_an_ingest_runs(loaded_bot: TrainerBot, tmp_path):
    import threading

    extra = tmp_path / "extra"
    extra.mkdir()
    for i in range(12):
        (extra / f"note-{i:02d}.md").write_text(
            f"# 第{i}号说明\n\n## 要点\n\n- 第{i}号说明规定，网格员每周走访独居老人不少于{i + 2}次。\n- 走访情况当天录入平台。\n",
            encoding="utf-8")
    errors: list[BaseException] = []
    answered: list[bool] = []
    stop = threading.Event()

    def ask() -> None:
        while not stop.is_set():
            try:
                retrieval = loaded_bot.retrieve("网格员负责哪些工作？")
                answered.append(bool(retrieval.passages) and retrieval.gate.covered)
            except BaseException as exc:  # noqa: BLE001 - the test reports any failure
                errors.append(exc)
                return

    threads = [threading.Thread(target=ask) for _ in range(3)]
    for t in threads:
        t.start()
    report = loaded_bot.ingest([extra])
    stop.set()
    for t in threads:
        t.join(30)
    assert report.ok and report.count("added") == 12
    assert not errors, errors
    assert answered and all(answered)
    lexical = loaded_bot.retriever.lexical()
    assert sum(c.source.startswith("note-") for c in lexical.chunks) == 12  # rebuilt after the run
    assert all(lexical.chunks[i].id == cid for cid, i in lexical.by_id.items())


def test_a_number_about_what_the_document_never_speaks_of_is_refused(bot: TrainerBot, tmp_path):
    index_texts(bot, tmp_path, {"straw.md": "# 秸秆禁烧工作手册\n\n## 一、为什么禁烧\n\n露天焚烧秸秆污染空气，容易引发火灾。\n\n"
                                         "## 二、综合利用\n\n秸秆打捆离田并交售到收储点的，按每吨30元给予补助。\n"})
    fine = bot.retrieve("在地里焚烧秸秆被抓到要罚多少钱？").gate
    assert not fine.covered and fine.reason == "number_absent"  # 30元 is a subsidy: the guide never speaks of 罚
    assert bot.retrieve("秸秆交售到收储点，每吨补助多少钱？").gate.covered


def test_an_amount_of_another_kind_of_money_or_share_does_not_answer(bot: TrainerBot, tmp_path):
    index_texts(bot, tmp_path, {"parking.md": (
        "# 老旧小区停车治理讲话\n\n## 一、思路\n\n小区车位缺口大，光靠画线、光靠罚解决不了问题，要挖潜、共享、共治。\n\n"
        "## 二、共享停车\n\n单位车位夜间错时开放给居民，月租不超过150元，早上7:30前车必须开走。\n\n"
        "## 三、业委会\n\n新成立的业委会，党员比例要达到50%以上。业委会不得擅自动用专项维修资金。\n\n"
        "## 四、车位管理员\n\n每个小区配备1名车位管理员，负责登记和巡查。\n")})
    for question in ("小区里有人私装地锁，被查到要罚多少钱？",  # the guide speaks of 罚 and of 150元, a rent
                     "车位管理员每个月有多少工作补贴？",  # no pay is stated at all
                     "动用专项维修资金，需要多大比例的业主同意？"):  # 50% is the share of party members
        gate = bot.retrieve(question).gate
        assert not gate.covered and gate.reason == "number_absent", question
    assert bot.retrieve("共享车位的月租最多多少钱？").gate.covered
    assert bot.retrieve("业委会里党员要占多大比例？").gate.covered


def test_a_list_asked_by_its_size_that_the_material_counts_is_answered(bot: TrainerBot, tmp_path):
    index_texts(bot, tmp_path, {"waste.md": (
        "# 某县生活垃圾分类工作指引\n\n## 一、分哪几类\n\n所谓“四分类”，是指把生活垃圾分为可回收物、有害垃圾、厨余垃圾和其他垃圾四类。"
        "\n\n## 二、桶边督导\n\n新设收集点的桶边督导期不少于3个月。\n\n## 三、村社推进五步法\n\n1. 摸底：掌握户数和现有设施；\n"
        "2. 宣传：入户发放分类指南；\n3. 设点：按户数设置收集点；\n4. 督导：落实桶边督导；\n5. 考评：每月评比一次。\n\n"
        "## 四、收运\n\n有害垃圾由乡镇每季度集中收运一次。\n")})
    answer = bot.ask("村里推垃圾分类，一般按哪几步走？")  # few words in common, but the guide counts its five steps
    assert bot.retrieve("村里推垃圾分类，一般按哪几步走？").gate.covered
    assert answer.text.startswith("摸底") and "考评" in answer.text  # the steps, not the four kinds
    assert bot.retrieve("村里推厕所革命，一般按哪几步走？").gate.reason != "list_present"  # another matter


def test_a_word_the_material_never_uses_is_read_in_the_materials_words(bot: TrainerBot, tmp_path):
    from trainer_bot.retrieve import in_material_words

    index_texts(bot, tmp_path, {"ebike.md": "# 电动自行车充电安全须知\n\n电动自行车不得在楼道、门厅充电，不得私拉电线“飞线”充电。\n"
                                         "居委会要设置集中充电点。\n"})
    index = bot.retriever.lexical()
    assert in_material_words("电瓶车能在楼道里充电吗？", index) == "电动自行车能在楼道里充电吗？"
    assert in_material_words("电动车充电", index) == "电动自行车充电"
    (tmp_path / "2").mkdir()
    index_texts(bot, tmp_path / "2", {"shop.md": "# 农药经营门店巡查\n\n采购台账和销售台账都要建立，并保存不少于2年。\n"})
    assert in_material_words("农药店的账本要留多少年？", bot.retriever.lexical()) == "农药店的台账要留多少年？"  # everyday words
    assert in_material_words("居委会管什么", index) == "居委会管什么"  # a word the material uses stays as asked
    assert in_material_words("医保怎么报销", index) == "医保怎么报销"  # no word of the line is in the material
    retrieval = bot.retrieve("电瓶车能在楼道里充电吗？")
    assert retrieval.question == "电动自行车能在楼道里充电吗？" and retrieval.passages[0].chunk.source == "ebike.md"


def test_conditions_set_out_under_a_heading_answer_a_question_asking_for_them(bot: TrainerBot, tmp_path):
    index_texts(bot, tmp_path, {"station.md": "# 村级电商服务站工作手册\n\n## 二、设站条件\n\n"
                                           "站长年满18周岁，具有初中以上文化程度，无不良信用记录。\n\n## 三、服务内容\n\n"
                                           "服务站承担网购代购、快递收发和便民缴费。\n"})
    assert bot.retrieve("想当电商服务站的站长，本人得满足哪些条件？").gate.reason != "conditions_absent"



def test_a_number_must_be_stated_of_what_is_measured(bot: TrainerBot, tmp_path):
    index_texts(bot, tmp_path, {
        "elderly.md": "# 老年人服务指引\n\n## 一、适老化改造\n\n年满60周岁、高龄（80周岁以上）的老年人可以申请居家适老化改造。"
                      "每户补助标准不超过3000元。\n\n## 二、高龄津贴\n\n高龄津贴通过社保卡按月发放到本人账户。\n",
        "legal-aid.md": "# 法律援助转介流程\n\n## 一、告知\n\n联络员收到决定后3个工作日内告知申请人。决定不予援助的，"
                        "告知申请人可以向县司法局提出异议。\n\n## 二、回访\n\n案件办结后15日内，联络员对申请人进行回访。\n"})
    # the amount stated is the renovation's, the days are the notice's: neither is what is asked
    for question in ("村里80岁以上老人的高龄津贴每月发多少钱？", "被决定不予援助，向县司法局提异议要在几天内提出？",
                     "适老化改造的补助占总费用的百分之几？"):
        gate = bot.retrieve(question).gate
        assert not gate.covered and gate.reason == "number_absent", (question, gate)
    # the number stated of what is asked is an answer, also when the asker names whom it is for (给申请人几天)
    for question in ("适老化改造每户能补助多少钱？", "收到决定以后，联络员要在几天内告诉申请人？"):
        assert bot.retrieve(question).gate.covered, question


def test_a_number_asked_in_a_cadres_words_is_found_as_the_material_states_it(bot: TrainerBot, tmp_path):
    # (fifth session, blind sets 9-12: each of these was refused as number_absent although the figure is stated)
    index_texts(bot, tmp_path, {"group.md": (
        "# 村民小组长推选办法\n\n第七条召开村民小组会议推选村民小组长，应当有本村民小组十八周岁以上的村民三分之二以上参加，"
        "所作决定应当经到会人员的过半数同意。\n\n第八条推选结果报村民委员会备案。\n"),
        "teach.md": ("# 送教上门工作推进会讲话\n\n第三，送多少。咱们镇定的标准是：老师每月来学生家送教不少于4次，每次不少于2小时。\n\n"
                     "第四，送教老师由中心学校统一安排。\n"),
        "labor.md": ("# 禁止使用童工排查制度\n\n第十条用人单位使用童工的，由劳动保障行政部门按照每使用一名童工每月处5000元罚款的标准"
                     "给予处罚。\n\n第十一条排查结果纳入年度考核。\n")})
    for question in ("俺们组要推小组长，开会得到多少人才作数？",  # a share of the villagers answers 多少人
                     "送教的老师一个月得来几趟？",  # 趟 is counted as 次; 老师 is who comes, not what is counted
                     "老板要是被查出来用了童工，得罚多少钱？"):  # 得罚 is said by 罚款
        gate = bot.retrieve(question).gate
        assert gate.reason != "number_absent", question
    # a share of something else (条款的三分之一) does not answer how many people
    (tmp_path / "more").mkdir()
    index_texts(bot, tmp_path / "more", {"pact.md": "# 居民公约修订办法\n\n条款变动超过全部条款三分之一的，应当召开听证会。\n"})
    assert bot.retrieve("居民公约修订开听证会，至少得请多少名居民代表参加？").gate.reason == "number_absent"


def test_who_pays_or_acts_is_not_what_a_number_is_asked_of(bot: TrainerBot, tmp_path):
    # (eleventh session, blind sets 19-49: each was refused as number_absent, 县里/政府/文旅局/开发商 taken for the measured)
    index_texts(bot, tmp_path, {
        "heat.md": "# 煤改电设备购置补贴通知\n\n## 二、补贴标准\n\n空气源热泵按购置安装费用的60%给予补贴，每户最高不超过8000元。\n",
        "relic.md": "# 文物保护单位建设控制地带内建房审批指南\n\n## 二、办理流程\n\n位于县级文物保护单位建设控制地带内的，"
                    "由县文化广电和旅游局审批，时限为20个工作日。\n",
        "land.md": "# 集体经营性建设用地入市调节金办法\n\n## 三、征收比例\n\n村集体出让县城规划区外的工业用地，调节金按成交价款的10%征收。\n"})
    for question in ("俺家刚装了台空气源热泵，政府这回最多能给补多少钱？", "装空气源热泵，县里能补多少钱？",
                     "俺家老屋在建控地带里想翻建，文旅局审批要等多久？", "村里出让一块工业用地，调节金按成交价的百分之几交？"):
        assert bot.retrieve(question).gate.reason != "number_absent", question
    # what is asked of is still what the number must be stated of: a fine the guide never sets, or the kind of subsidy
    # named after the ask when the asker names only who gives it (县里给多少建设补助, where only running costs are paid)
    assert bot.retrieve("装空气源热泵没报备，县里要罚多少钱？").gate.reason == "number_absent"
    (tmp_path / "more").mkdir()
    index_texts(bot, tmp_path / "more", {"nursery.md": "# 托育机构运营补助办法\n\n## 二、补助标准\n\n"
                                                      "托育机构新增托位的，县里按每个托位每年2000元给予运营补助。\n"})
    assert bot.retrieve("托育机构新增一个托位，县里给多少建设补助？").gate.reason == "number_absent"
    assert bot.retrieve("托育机构新增一个托位，县里给多少运营补助？").gate.reason != "number_absent"
