import re
from dataclasses import replace

from conftest import index_texts
from trainer_bot.answer.base import NEAREST_LEAD
from trainer_bot.answer.offline import cite
from trainer_bot.answer.render import to_json, to_markdown
from trainer_bot.bot import TrainerBot
from trainer_bot.question import analyse
from trainer_bot.split import chunk_units as answer_units


def sentences_with_citations(text: str) -> list[tuple[str, int]]:
    out = []
    for sentence in answer_units(text.replace("\n", "")):
        match = re.search(r"\[(\d+)\]", sentence)
        assert match, f"uncited sentence: {sentence}"
        out.append((re.sub(r"\[\d+\]", "", sentence), int(match.group(1))))
    return out


def test_every_sentence_is_cited_and_quoted_from_its_passage(corpus_bot: TrainerBot):
    answer = corpus_bot.ask("调解的原则是什么？达成协议后怎么办？")
    assert not answer.refused
    by_n = {c.n: c.passage.chunk for c in answer.citations}
    assert sorted(by_n) == list(range(1, len(by_n) + 1))
    pairs = sentences_with_citations(answer.text)
    assert pairs
    for sentence, n in pairs:
        assert n in by_n
        assert sentence in by_n[n].text  # verbatim: grounded by construction
    assert any("自愿" in s for s, _ in pairs)


def test_definition_questions_prefer_the_defining_sentence(corpus_bot: TrainerBot):
    answer = corpus_bot.ask("什么是人民调解委员会？")
    assert answer.text.startswith("人民调解委员会是依法设立的")


def test_misconception_lines_are_never_quoted(bot: TrainerBot, tmp_path):
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "x.md").write_text(
        "# 网格\n\n## 常见误区\n\n误区：网格员什么事都要管。\n纠正：网格员只负责清单内的事项。\n", encoding="utf-8")
    bot.ingest([tmp_path / "m"])
    answer = bot.ask("网格员要管哪些事")
    assert "清单内的事项" in answer.text and "纠正：" not in answer.text
    # the misconception appears only named as one, never as a statement of fact
    for sentence in re.split(r"(?<=[。！？])", answer.text):
        if "什么事都要管" in sentence:
            assert re.search(r"误区[^。]*“网格员什么事都要管”", sentence), sentence


def test_a_correction_of_several_sentences_is_quoted_whole(bot: TrainerBot, tmp_path):
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "quake.md").write_text(
        "# 地震避险\n\n## 常见误区\n\n误区：地震一来，赶紧往楼下跑。\n\n"
        "纠正：从感到震动到房屋可能受损，时间很短。住在楼房二层以上的，应就近躲在承重墙墙角，做到伏地、遮挡、手抓牢。\n\n"
        "误区：撤离时坐电梯更快。\n\n纠正：震后撤离严禁乘坐电梯。\n", encoding="utf-8")
    bot.ingest([tmp_path / "m"])
    answer = bot.ask("住楼上的，一感觉地震是不是应该马上往楼下冲？")
    assert "伏地、遮挡、手抓牢" in answer.text, answer.text
    assert "纠正：" not in answer.text and "误区：" not in answer.text
    assert not re.search(r"(?<!认为“)(?:地震一来，赶紧往楼下跑|撤离时坐电梯更快)", answer.text)


def test_the_steps_a_correction_announces_are_part_of_it(bot: TrainerBot, tmp_path):
    index_texts(bot, tmp_path, {"plots.md": PLOTS_MISCONCEPTIONS})
    answer = bot.ask("清出来的东西住户几天内得领回去？")
    assert not answer.refused and "3日内领回" in answer.text, answer.text
    assert answer.text.index("四步走") < answer.text.index("3日内")  # the steps after the line that announces them
    assert "正解：" not in answer.text and "越快越好" not in answer.text.replace("认为“整治就是一铲子下去，越快越好”", "")


PLOTS_MISCONCEPTIONS = """# 小区绿地种菜整治常见误区

近来不少居民反映，一楼住户把楼前绿化带圈起来种菜，还有人搭起围栏，公共绿地成了自留地。

## 误区一：绿地种菜是小事，管不管都行

正解：小区绿地属于全体业主共有，个人圈占种菜侵犯了其他业主的权益，物业和社区应当劝阻。

## 误区二：菜是住户种的，清理必须住户点头

正解：住户对公共绿地没有使用权，经告知仍不清理的，可以依程序统一清理。

## 误区三：整治就是一铲子下去，越快越好

正解：整治要讲程序，也要讲人情，全区统一按四步走：
社区联合物业张贴告知书并上门告知，自行清理期限为7日，正好够住户把成熟的菜收完；
期限内住户自行清除作物、拆除围栏的，社区登记销号；
期满仍未清理的，由物业在社区人员见证下统一清理，清出的物品登记暂存，通知住户3日内领回；
清理后15日内由物业补植复绿。
"""


def test_a_short_label_is_said_with_the_sentence_it_heads(bot: TrainerBot, tmp_path):
    index_texts(bot, tmp_path, {"snake.md": (
        "# 被蛇咬了怎么办\n\n## 三、这些土办法千万别用\n\n- **不要用嘴吸。** 吸不出多少毒液，嘴里要是有破口，施救的人也可能中毒。\n"
        "- **不要用刀割十字口。** 很多蛇毒会让血不容易凝固，割开后可能流血不止。\n\n"
        "## 四、费用\n\n治疗费用可以按规定走城乡居民医保报销。\n")})
    answer = bot.ask("俺爹被蛇咬了一口，能不能先用嘴把毒给吸出来？")
    assert "不要用嘴吸：吸不出多少毒液" in answer.text, answer.text
    assert "不要用嘴吸。" not in answer.text  # one sentence, not a bare label and then its explanation


def test_who_may_not_claim_is_answered_by_the_rule_that_excludes(bot: TrainerBot, tmp_path):
    # fresh-blind18 f41-018: 哪些人不能领？ was answered with who may claim; 不予发放 excludes as 不得 forbids
    index_texts(bot, tmp_path, {"allowance.md": (
        "# 离任村干部生活补助发放办法\n\n## 一、补助对象\n\n同时符合以下条件的离任村干部，可以申请生活补助：\n"
        "1. 曾任村党组织书记、村民委员会主任，累计任职满6年；\n2. 男性年满60周岁、女性年满55周岁。\n\n"
        "## 二、不予发放的情形\n\n有下列情形之一的，不予发放生活补助：\n1. 受到开除党籍处分的；\n2. 已享受机关事业单位退休待遇的。\n\n"
        "## 三、发放\n\n补助按季度发放到本人社保卡。\n")})
    answer = bot.ask("离任村干部生活补助，哪些人不能领？")
    assert "开除党籍" in answer.text and "退休待遇" in answer.text, answer.text


def test_papers_to_bring_are_the_items_under_the_materials_heading(bot: TrainerBot, tmp_path):
    index_texts(bot, tmp_path, {"injury.md": INJURY_GUIDE})
    for question in ("自己去人社局申请工伤认定，得带上哪些材料？", "工伤认定得带些啥东西去？"):
        answer = bot.ask(question)
        for item in ("工伤认定申请表", "劳动关系证明", "医疗诊断证明", "身份证复印件"):
            assert item in answer.text, (question, answer.text)  # not the steps that say 携带上述材料


def test_items_named_by_a_label_follow_the_line_that_announces_them(bot: TrainerBot, tmp_path):
    index_texts(bot, tmp_path, {"persuade.md": (
        "# 交通安全劝导站工作介绍\n\n## 二、劝导员“四必劝”\n\n劝导员不是交警，不能罚款、不能扣车。\n"
        "但遇到下面四种情况，一定会上前劝：\n货厢载人：三轮车的车斗是拉货的，不是拉人的。车斗没有扶手，急刹车人就会被甩出去。\n"
        "无牌无证：拖拉机没上牌、驾驶人没驾驶证就上路。\n不戴头盔：骑电动自行车不戴安全头盔。\n"
        "酒后驾驶：赶集喝了酒，骑车开车往回走。\n劝导情况每周汇总报乡镇交管办。\n\n"
        "## 三、在岗时间\n\n集日上午7:00到11:00全程在岗。\n")})
    answer = bot.ask("路口那些交通劝导员，平时主要管哪几种情况？")
    for item in ("货厢载人", "无牌无证", "不戴头盔", "酒后驾驶"):
        assert item in answer.text, answer.text


def test_papers_announced_inside_a_step_are_the_answer_and_each_is_said_once(bot: TrainerBot, tmp_path):
    index_texts(bot, tmp_path, {"after-death.md": AFTER_DEATH_GUIDE})
    answer = bot.ask("家里老人过世了，去窗口办“身后一件事”都得带啥材料？")
    assert "死亡证明原件" in answer.text and answer.text.count("火化证明") == 1, answer.text


AFTER_DEATH_GUIDE = """# “身后一件事”联办指南

## 一、适用范围

逝者生前户籍在本区，或者在本区领取养老金的，家属都可以在任一街道便民服务中心申请联办，一个窗口交一套材料，就能同时办好户口注销、社保停发、丧葬补助申领等多项事情。

## 二、办理步骤

### 第一步：开具死亡证明（当天）

在医院去世的由医院开具；在家中去世的，由社区卫生服务中心医生上门核实后开具。

### 第二步：到窗口提交联办申请（30日内）

建议在火化后30日内到街道便民服务中心办理。

**需要带的材料：**
1. 死亡证明原件；
2. 火化证明；
3. 逝者的身份证、户口簿；
4. 经办人身份证原件；
5. 接收丧葬补助金的银行卡。

### 第三步：等待办结（5个工作日）

窗口受理后5个工作日内办结，结果短信告知。
"""


def test_papers_to_bring_open_the_answer_before_a_sentence_that_lists_who_applies(bot: TrainerBot, tmp_path):
    index_texts(bot, tmp_path, {"tractor.md": TRACTOR_GUIDE})
    answer = bot.ask("去给拖拉机上牌，都得带些啥东西？")
    assert answer.text.startswith("机主身份证原件") and "来历证明" in answer.text and "出厂合格证" in answer.text, answer.text


TRACTOR_GUIDE = """# 农机注册登记办理指南

## 一、适用范围

本指南适用于本县农户、家庭农场、农民合作社和农机服务组织新购置的拖拉机、联合收割机办理注册登记，也就是大家常说的“上牌”。手扶拖拉机、轮式拖拉机以及各类联合收割机都要登记。

## 二、时限要求

新购置的拖拉机应当自购买之日起30日内申请注册登记。没有登记的，不得上道路行驶。

## 三、需要携带的材料

1. 机主身份证原件；
2. 来历证明，即购机发票原件；
3. 出厂合格证原件；
4. 安全技术检验合格证明；
5. 运输型拖拉机还需要提供交强险保单。

## 四、办理步骤

第一步：到县农机监理站窗口提交材料。第二步：现场检验机器。第三步：核发号牌和行驶证。
"""


INJURY_GUIDE = """# 职工工伤认定申请指南

## 一、什么情况可以认定工伤

在工作时间和工作场所内，因工作原因受到事故伤害的，可以认定为工伤。上下班途中受到非本人主要责任的交通事故伤害的，也可以认定为工伤。

## 二、申请时限

用人单位应当自事故伤害发生之日起30日内提出工伤认定申请。用人单位未提出的，受伤职工或者其近亲属可以在1年内直接向县人社局提出。

## 三、需要准备的材料

1. 《工伤认定申请表》（窗口免费领取），一式两份；
2. 劳动关系证明：劳动合同；没有签合同的，可以提供工资流水、考勤记录等；
3. 医疗诊断证明：首次就诊的病历和诊断证明书；
4. 受伤职工身份证复印件。

## 四、办理步骤

第一步：受伤后先去医院治疗，同时记下事故经过和在场人员。
第二步：携带上述材料到县政务服务中心工伤保险窗口提交申请。
第三步：材料齐全的，窗口当场受理；材料不全的，县人社局在15日内一次性告知需要补正的全部材料。
第四步：县人社局自受理之日起60日内作出工伤认定决定。
"""


def test_a_situation_is_quoted_with_its_handling(bot: TrainerBot, tmp_path):
    (tmp_path / "s").mkdir()
    (tmp_path / "s" / "point.md").write_text(
        "# 助农取款服务点手册\n\n## 四、风险识别与报告\n\n遇到以下情况要提高警惕：老人在陌生人陪同下连续多日取现；"
        "一次要求取现金额明显超过日常生活需要；有人拿着多张他人银行卡来取款。\n\n"
        "处置办法：先暂缓办理，耐心询问用途；10分钟内联系村干部或网格员到场；涉嫌诈骗的立即拨打110。\n\n"
        "## 五、监督检查\n\n设点银行每月巡检1次，检查机具、台账和宣传公示。\n", encoding="utf-8")
    bot.ingest([tmp_path / "s"])
    answer = bot.ask("服务点看到老人被陌生人领着来取一大笔钱，该咋办？")
    assert not answer.refused and "暂缓办理" in answer.text and "10分钟内" in answer.text, answer.text


def test_refusal_names_the_topics_and_has_no_sources(corpus_bot: TrainerBot):
    answer = corpus_bot.ask("红烧肉怎么做")
    assert answer.refused and answer.citations == []
    assert "没有找到" in answer.text and "矛盾纠纷化解" in answer.text
    assert to_json(answer) == {"answer": answer.text, "refused": True, "sources": []}


def test_a_near_refusal_quotes_the_nearest_sentences_as_such(corpus_bot: TrainerBot):
    covered = corpus_bot.retrieve("网格员每周要走访谁？")
    answerer = corpus_bot.answerer
    near = answerer.answer(replace(covered, gate=replace(covered.gate, covered=False, reason="low_relevance", near=True)))
    assert near.refused and near.text.startswith(NEAREST_LEAD) and near.citations
    by_n = {c.n: c.passage.chunk for c in near.citations}
    for sentence, n in sentences_with_citations(near.text.removeprefix(NEAREST_LEAD)):
        assert sentence in by_n[n].text
    assert "**来源**" in to_markdown(near) and to_json(near)["refused"] is True and to_json(near)["sources"]
    far = answerer.answer(replace(covered, gate=replace(covered.gate, covered=False, reason="low_relevance", near=False)))
    assert far.refused and far.citations == [] and "没有找到" in far.text and "**来源**" not in to_markdown(far)


def test_greeting_gets_a_friendly_refusal(corpus_bot: TrainerBot):
    answer = corpus_bot.ask("你好")
    assert answer.refused and answer.text.startswith("您好")


def test_json_and_markdown_rendering(corpus_bot: TrainerBot):
    answer = corpus_bot.ask("网格员每周要走访谁？")
    data = to_json(answer)
    assert set(data) == {"answer", "refused", "sources"}
    contract = {"source", "title", "chunk_id", "score", "text"}  # C2; status and dates extend it where stated
    assert data["sources"] and contract <= set(data["sources"][0])
    assert set(data["sources"][0]) - contract <= {"status", "effective", "basis", "basis_date", "superseded_by"}
    assert data["sources"][0]["source"] == "grid.md" and data["sources"][0]["title"] == "网格员的日常工作"
    markdown = to_markdown(answer)
    assert "**来源**" in markdown and "[1] 《网格员的日常工作》 · grid.md · 二、工作流程" in markdown


def test_cite_puts_the_marker_before_closing_punctuation():
    assert cite("矛盾不上交。", 2) == "矛盾不上交[2]。"
    assert cite("“小事不出村。”", 1) == "“小事不出村[1]。”"
    assert cite("没有标点", 3) == "没有标点[3]。"  # a unit cut at a line end still closes as a sentence


# -- answers shaped by the kind of question (tests/fixtures/answers: an invented 井长制 guide) -----------

def test_list_question_gets_the_whole_enumeration(answers_bot: TrainerBot):
    answer = answers_bot.ask("“三管一登”是哪几项？")
    assert all(item in answer.text for item in ("巡查井台", "清理井底", "登记用水"))


def test_number_question_states_the_number_with_its_unit(answers_bot: TrainerBot):
    answer = answers_bot.ask("井长每届任期几年？")
    assert answer.text.startswith("井长由村民小组会议推选产生，每届任期两年")


def test_howto_question_gets_the_procedure_not_the_invented_case(answers_bot: TrainerBot):
    answer = answers_bot.ask("井长发现水泵坏了该怎么办？")
    assert "二十四小时内报告村委会" in answer.text and "第一，巡查" in answer.text
    assert "老周" not in answer.text and "青柳村" not in answer.text


def test_comparison_answers_both_sides_each_cited(answers_bot: TrainerBot):
    answer = answers_bot.ask("井长制和塘长制有什么区别？")
    sentences = [s for s in re.split(r"(?<=[。])", answer.text.replace("\n", "")) if s]
    assert any("井长制是指" in s and re.search(r"\[\d\]", s) for s in sentences)
    assert any("塘长制是指" in s and re.search(r"\[\d\]", s) for s in sentences)


def test_yes_no_question_opens_with_the_rule_and_names_the_misconception(answers_bot: TrainerBot):
    answer = answers_bot.ask("井长能不能向取水的村民收费？")
    first = answer.text.split("[")[0]
    assert "不收费" in first and "纠正：" not in answer.text
    assert first.startswith("常见误区是认为“井长可以向取水的村民收费”")


def test_dangling_reference_gets_its_subject_from_the_title(answers_bot: TrainerBot):
    answer = answers_bot.ask("井长制最早在哪个县试行？")
    assert "井长制这一制度最早在河口县试行" in answer.text


def test_follow_up_keeps_the_new_part_of_the_question(answers_bot: TrainerBot):
    from trainer_bot.condense import Turn

    history = [Turn("user", "井长制是什么？"), Turn("assistant", "井长制是指每口公共水井明确一名井长。")]
    answer = answers_bot.ask("那它和塘长制有什么关系？", history)
    assert answer.standalone_question == "井长制和塘长制有什么关系？"
    assert "塘长" in answer.text and not answer.refused


def test_things_asked_about_one_by_one_each_get_their_sentence(answers_bot: TrainerBot):
    answer = answers_bot.ask("井长履职时，巡查和清淤分别多久做一次？")
    assert "每周至少巡查一次" in answer.text and "每年枯水期清理井底淤泥一次" in answer.text


def test_howto_answer_spells_out_the_procedure_it_names(answers_bot: TrainerBot):
    answer = answers_bot.ask("两个摊主争摊位，村里该怎么处理？")
    assert "“三问一调”程序" in answer.text  # the rule that names the procedure
    assert "问清摊位登记" in answer.text and "当场调处" in answer.text  # and what the procedure is



# -- on the bundled knowledge: the library's size makes neighbouring documents compete ---------------------

def test_list_question_counts_the_items_it_asks_for(knowledge_bot: TrainerBot):
    answer = knowledge_bot.ask("中央八项规定具体是哪八条？")  # 哪八条 ← 八个方面依次是：…，…
    assert answer.text.startswith("八项规定的八个方面依次是：改进调查研究")


def test_a_procedure_named_below_the_top_passages_is_spelled_out(knowledge_bot: TrainerBot):
    # the example: the rule that names 四议两公开 ranks fourth among the passages; its steps come too
    answer = knowledge_bot.ask("村委会想用集体收益修一条路，要走什么程序？")
    assert "四议两公开" in answer.text and "党员大会审议" in answer.text and "实施结果公开" in answer.text


def test_a_later_question_keeps_the_subject_of_the_first(knowledge_bot: TrainerBot):
    answer = knowledge_bot.ask("我们村想重新修订村规民约，要走什么程序？内容上有哪些红线不能碰？")
    assert "备案" in answer.text and "人身权利" in answer.text  # the 村规民约's limits, not another 红线
    assert "试行规定" not in answer.text


def test_a_second_document_ranked_nearly_as_high_is_read_whole(knowledge_bot: TrainerBot):
    answer = knowledge_bot.ask("为什么说转移群众要趁早，不能等雨下大了再走？")  # 地质灾害 and 防汛 tie
    assert "十防九空" in answer.text


def test_a_described_practice_gets_its_name(answers_bot: TrainerBot, knowledge_bot: TrainerBot):
    answer = answers_bot.ask("村里每口公共水井都定一个人负责巡查、清淤和报修，这是什么制度？")
    assert answer.text.startswith("井长制是指每口公共水井明确一名井长")
    answer = knowledge_bot.ask("村里把哪件事谁来办、按什么程序办、多久办完一项项列出来贴在墙上，让群众对照着监督，这叫什么做法？")
    assert answer.text.startswith("清单制")  # the section that names it, not a procedure that shares its words


def test_a_list_announced_by_its_lead_in_is_answered_whole(bot: TrainerBot, tmp_path):
    """Items on lines of their own, ending in ； or in nothing, after 按以下步骤处置： (a trainer's own file)."""
    (tmp_path / "water.txt").write_text(
        "农村饮用水安全管理要点\n\n四、水质异常怎么办\n村民反映自来水有异味时，按以下步骤处置：\n（一）立即停止供水，通知村民暂停饮用；\n"
        "（二）在1小时内报告乡镇和县水利部门；\n（三）配合取样送检\n（四）停水超过24小时的，由乡镇组织送水车。\n\n"
        "五、日常管理\n管水员每月清洗一次蓄水池，并做好记录。\n", encoding="utf-8")
    assert bot.ingest([tmp_path / "water.txt"]).ok
    answer = bot.ask("自来水有股怪味，村干部该按什么步骤处理？")
    assert not answer.refused
    for item in ("按以下步骤处置[1]：", "立即停止供水", "1小时内", "取样送检", "送水车"):
        assert item in answer.text, item
    assert answer.text.index("停止供水") < answer.text.index("取样送检") < answer.text.index("送水车")


def test_an_answer_never_ends_on_the_colon_that_announces_a_list(bot: TrainerBot, tmp_path):
    index_texts(bot, tmp_path, {"poultry.md": "# 畜禽规范圈养\n\n## 五、劝导\n\n对仍然散放畜禽的农户，按照“三步走”处理：\n\n"
                                           "（一）第一次发现，由村民小组长上门口头劝导；\n（二）第二次发现，由村委会下发书面整改通知；\n"
                                           "（三）仍不整改的，按照村规民约处理。\n\n## 六、补助\n\n新建标准圈舍的农户，每户补助500元。\n"})
    answer = bot.ask("有户人家老把鸭子往路上赶，村里该咋处理？")
    assert "“三步走”处理" in answer.text, answer.text
    assert all(step in answer.text for step in ("口头劝导", "书面整改通知", "村规民约")), answer.text


def test_items_on_plain_lines_follow_the_line_that_announces_them(bot: TrainerBot, tmp_path):
    """Lines with no bullet, number or ； after 老板要做到这几步： or 有四类：: the lines to the paragraph's end, or as many
    as the lead-in counts (blind50: the answer ended on the colon)."""
    index_texts(bot, tmp_path, {"liquor.md": "# 自泡药酒中毒提醒\n\n## 三、万一出了问题怎么办\n\n"
                                           "如果客人喝酒后出现口舌发麻、心慌胸闷，老板要做到这几步：\n立即拨打120，说清楚客人喝了什么。\n"
                                           "保留剩余酒样和酒坛，不要倒掉。\n1小时内报告所在镇的市场监管所。\n\n## 四、其他\n\n"
                                           "自泡药酒不得对外销售。\n",
                                "people.md": "# 人口变动月报\n\n## 一、报什么\n\n每个月要登记的人口变动有四类：\n"
                                           "出生：本村新生婴儿都要登记。\n死亡：本村户籍人口死亡的都要登记。\n迁入：户口迁入本村的。\n"
                                           "迁出：户口迁出本村的。\n注意，常住和户籍是两码事，要分开写。\n"})
    answer = bot.ask("客人喝了药酒嘴巴发麻，老板该咋弄？")
    assert all(step in answer.text for step in ("拨打120", "保留剩余酒样", "1小时内报告")), answer.text
    assert "不得对外销售" not in answer.text
    listed = bot.ask("村里每个月要登记的人口变动有哪几种？")
    assert all(kind in listed.text for kind in ("出生", "死亡", "迁入", "迁出")), listed.text


def test_a_list_question_opens_with_the_short_unit_that_counts_the_list(bot: TrainerBot, tmp_path):
    index_texts(bot, tmp_path, {"shops.md": "# 小场所消防检查\n\n## 二、检查内容\n\n检查频次：小商店、小餐饮每月至少检查1次，节前加密1轮。\n"
                                         "每个场所至少要看这四样：\n\n1. 灭火器：配2具干粉灭火器；\n2. 电气线路：不得私拉乱接；\n"
                                         "3. 疏散通道：不得堵塞；\n4. 住人情况：经营场所不得住人。\n"})
    answer = bot.ask("检查小商店时，每个场所至少要检查哪几个方面？")
    assert answer.text.startswith("每个场所至少要看这四样"), answer.text
    assert all(item in answer.text for item in ("灭火器", "电气线路", "疏散通道", "住人情况")), answer.text
    info = analyse("检查小商店时，每个场所至少要检查哪几个方面？")
    passage = answer.citations[0].passage

    def bonus(unit: str) -> float:
        return bot.answerer.fit.bonus(info, unit, passage, bot.answerer.fit.asked(info))

    # a clause number is no count, nor a long sentence that ends on a colon after a count an announcement
    assert bonus("每个场所至少要看这四样：") > bonus("第七条监测对象按程序认定：") == bonus("监测对象按程序认定：")
    assert bonus("每个场所至少要看这四样：") > bonus("所谓四分类，是指把生活垃圾分为可回收物、有害垃圾、厨余垃圾和其他垃圾，分别投到四种颜色的桶：")


def test_a_list_question_takes_a_short_unit_its_items_follow_as_the_lead_in(bot: TrainerBot, tmp_path):
    index_texts(bot, tmp_path, {"helpers.md": "# 助老志愿服务讲话\n\n## 二、干啥活\n\n志愿者给老人提供的服务，先到服务站登记。\n\n"
                                           "志愿者给老人提供的服务，我说一说：\n\n1. 读书读报；\n2. 代缴水电费；\n3. 助餐送餐；\n4. 陪同就医。\n"})
    answer = bot.ask("志愿者可以给老人提供哪些服务？")  # both sentences have its words; the items follow one of them
    assert answer.text.startswith("志愿者给老人提供的服务，我说一说"), answer.text
    assert all(item in answer.text for item in ("读书读报", "代缴水电费", "助餐送餐", "陪同就医")), answer.text


def test_what_is_forbidden_is_answered_by_the_rules_that_forbid(bot: TrainerBot, tmp_path):
    index_texts(bot, tmp_path, {"store.md": "# 村应急物资储备点管理制度\n\n## 第一章 总则\n\n"
                                         "第二条本制度所称应急物资储备点，是指村设立的、储存防汛、防火、防疫等物资的场所。\n\n"
                                         "## 第二章 储备\n\n第五条基本储备标准如下：\n\n1. 救生衣不少于20件；\n2. 沙袋不少于500条。\n\n"
                                         "## 第三章 管理\n\n第十条储备点管理应当遵守下列规定：\n\n1. 不得挪作他用；\n"
                                         "2. 不得与易燃易爆物品混存；\n3. 不得在储备点内住人。\n"})
    answer = bot.ask("村里的应急物资储备点，管理上有哪几条不能干的事？")
    # not the definition that enumerates what is stored, nor the 500条 of sandbags as a list of that size
    assert answer.text.startswith("第十条储备点管理应当遵守下列规定"), answer.text
    assert all(rule in answer.text for rule in ("挪作他用", "易燃易爆", "住人")), answer.text


def test_the_deciding_sentence_opens_the_answer_unless_it_carries_on_the_one_before(bot: TrainerBot, tmp_path):
    index_texts(bot, tmp_path, {"homestead.md": "# 宅基地管理要点\n\n## 三、纠纷处理\n\n侵犯村民宅基地权益引起纠纷的，要责令限期改正，造成损失的依法赔偿。"
                                             "邻里之间因宅基地界址发生争议的，先由当事人协商；协商不成的，由乡镇人民政府处理。\n\n"
                                             "## 四、三种调解\n\n人民调解、行政调解、司法调解各有分工。三者相互衔接，调解不成的再引导诉讼。\n"})
    answer = bot.ask("两户因宅基地界址起了纠纷，该怎么处理？")
    assert answer.text.startswith("邻里之间因宅基地界址发生争议的"), answer.text  # not the sentence before it
    answer = bot.ask("三种调解怎么衔接？")
    assert answer.text.startswith("人民调解、行政调解、司法调解各有分工"), answer.text  # 三者 needs the sentence it refers to


def test_a_list_no_sentence_announces_is_answered_whole(bot: TrainerBot, tmp_path):
    index_texts(bot, tmp_path, {"council.md": "# 村红白理事会工作规程\n\n## 一、什么是红白理事会\n\n红白理事会是指由村民推选产生、指导婚丧事简办的群众性自治组织。\n\n"
                                           "## 二、主要职责\n\n1. 宣传移风易俗政策，把婚丧事办理标准写入村规民约；\n2. 村民办理婚丧事前，上门指导并登记备案；\n"
                                           "3. 全程监督婚丧事办理，劝阻大操大办；\n4. 为困难家庭办理婚丧事提供义务帮忙。\n"})
    answer = bot.ask("理事会要监督婚丧事办理，还有哪些职责？")
    assert all(duty in answer.text for duty in ("宣传移风易俗政策", "上门指导", "劝阻大操大办", "义务帮忙")), answer.text


def test_a_list_asked_for_by_its_sections_name_is_answered_whole(bot: TrainerBot, tmp_path):
    index_texts(bot, tmp_path, {"leak.md": (
        "# 燃气泄漏处置工作指引\n\n## 一、发现渠道\n\n社区可以通过以下途径发现燃气隐患：入户巡查、居民来电、物业报告。\n\n"
        "## 二、报告\n\n网格员发现燃气泄漏，应当在10分钟内报告社区值班室。\n\n"
        "## 三、现场处置与疏散步骤\n\n1. 关闭阀门：协助住户关闭入户总阀；\n2. 开窗通风：打开门窗，禁止开关电器；\n"
        "3. 疏散人员：组织同楼层住户撤到楼外；\n4. 等待抢修：在楼下引导燃气公司抢修人员。\n\n"
        "网格员不得自行拆卸燃气管道。\n")})
    answer = bot.ask("闻到燃气味以后，现场处置与疏散应依次做好哪些工作？")
    # every item of the section the question names, the last one (ending in 。) included, in order
    positions = [answer.text.find(item) for item in ("关闭阀门", "开窗通风", "疏散人员", "等待抢修")]
    assert -1 not in positions and positions == sorted(positions)


def test_steps_asked_for_open_the_answer_whole(bot: TrainerBot, tmp_path):
    index_texts(bot, tmp_path, {"toilet.md": (
        "# 农村改厕补助工作要点\n\n## 一、补助对象\n\n改厕补助的对象为本村常住农户中的低保户、特困供养户和重度残疾人家庭。\n\n"
        "## 二、补助标准\n\n每户补助800元，由县财政直接拨付。\n\n"
        "## 三、申请与验收流程\n\n1. 农户申请：户主向村委会提交书面申请；\n2. 村级公示：名单在村务公开栏公示5天；\n"
        "3. 乡镇验收：完工后乡镇组织验收；\n4. 资金拨付：验收合格后拨付到户。\n")})
    answer = bot.ask("村里有户低保户想申请改厕补助，需要经过哪些程序？")
    # the steps, not the sentence that shares most words with the question (补助对象…低保户)
    assert answer.text.startswith("农户申请")
    assert all(step in answer.text for step in ("村级公示", "乡镇验收", "资金拨付"))


def candidate(score: float, text: str, position: int = 0, heading: str = "要点", source: str = "a.md", rank: int = 0):
    """A scored answer unit: line ``position`` of ``text``, in a passage of ``source`` ranked ``rank`` in retrieval."""
    from trainer_bot.answer.lists import Candidate
    from trainer_bot.models import Chunk, Passage

    chunk = Chunk(f"{source}{heading}{text[:8]}", source, "测试材料", text, (heading,), 0, "")
    return Candidate(score, rank, position, text.split("\n")[position], Passage(chunk, 1.0))


def test_steps_asked_for_open_before_a_definition_that_enumerates_things():
    from trainer_bot.answer.lists import opening_unit

    definition = candidate(1.2, "饮水井安全隐患是指井口破损、井台开裂、井盖缺失等情形。", heading="一、什么是饮水井安全隐患")
    steps = "户报：使用户报告井的位置；\n村查：村“两委”逐口核查；\n镇核：乡镇水利站复核；\n整改：限期整改、逐口销号。"
    second_step = candidate(0.95, steps, 1, "二、排查“四步走”")
    other_document = candidate(0.95, steps, 1, "二、排查“四步走”", source="other.md", rank=2)
    first = opening_unit
    # the steps asked for open the answer, though the definition shares more words and enumerates (、) too
    assert first([definition, second_step], analyse("饮水井安全隐患排查按照哪几个步骤开展？")) is second_step
    assert first([definition, second_step], analyse("饮水井安全隐患包括哪些情形？")) is definition  # things, not steps
    # another document's steps are another deed's
    assert first([definition, other_document], analyse("饮水井安全隐患排查按照哪几个步骤开展？")) is definition


def test_a_how_to_opens_with_steps_but_not_with_a_list_of_rules():
    from trainer_bot.answer.lists import opening_unit

    rule = candidate(0.7, "联户党员无法解决的，报村党组织，7日内办结。")
    forbidden = candidate(0.6, "联户党员不得有下列行为：\n借联户之名索要财物；\n代替群众签字。", 1)
    steps = candidate(0.6, "联户党员按以下步骤办理：\n记录诉求；\n报村党组织。", 1)
    info = analyse("联系户家屋顶漏了，我一个人办不了，该咋办？")
    assert opening_unit([rule, forbidden], info) is rule  # what is forbidden is not what to do
    assert opening_unit([rule, steps], info) is steps


def test_a_list_asked_by_its_kind_prefers_the_unit_that_counts_it_to_a_definition(bot: TrainerBot):
    from trainer_bot.models import Chunk, Passage

    passage = Passage(Chunk("c", "a.md", "防返贫动态监测", "", ("一、监测对象",), 0, ""), 1.0)
    info = analyse("防返贫监测对象主要分为哪几类农户？")
    asked = bot.answerer.fit.asked(info)

    def bonus(unit: str) -> float:
        return bot.answerer.fit.bonus(info, unit, passage, asked)

    assert bonus("说白了就三类：第一类是脱贫不稳定户") > bonus("说白了就是这样：第一类是脱贫不稳定户")  # 三类 counts them
    assert bonus("监测对象每年3月认定一次") > bonus("所谓监测对象，就是指收入不稳定的农户")  # what they are, not which
    assert bonus("所谓监测对象，是指下列三类农户：") >= bonus("监测对象每年3月认定一次")  # unless it announces them


def test_a_situation_is_answered_by_what_to_do_not_by_a_list_of_rules(bot: TrainerBot, tmp_path):
    index_texts(bot, tmp_path, {"canteen.md": (
        "# 社区老年食堂食品安全管理办法\n\n第三条 老年食堂由社区居委会负责监督，经营者是食品安全第一责任人。\n\n"
        "第八条 老年食堂加工制作应当遵守下列规定：\n\n1. 生熟分开，刀具、砧板分开使用；\n2. 不得加工发芽马铃薯；\n"
        "3. 四季豆、豆浆应当烧熟煮透。\n\n第九条 每餐每个菜品留样不少于125克，冷藏保存48小时。\n\n"
        "第十条 就餐老人出现呕吐、腹泻等疑似食物中毒症状的，食堂应当立即停止供餐，封存留样食品和剩余食品，"
        "并在2小时内报告镇市场监管所和社区居委会。\n")})
    answer = bot.ask("食堂中午开饭后有两个老人上吐下泻，食堂现在该咋弄？")
    assert "立即停止供餐" in answer.text and "生熟分开" not in answer.text


def test_a_procedure_of_another_document_does_not_answer_how_to(bot: TrainerBot, tmp_path):
    index_texts(bot, tmp_path, {
        "fire.md": ("# 森林防火期野外用火管理程序\n\n## 一、适用范围\n\n野外用火是指在林地及林缘100米范围内烧荒、烧田埂草、"
                    "烧秸秆等用火行为。防火期内原则上禁止野外用火。\n\n## 二、审批\n\n申请：用火单位或个人应当提前3日向村民委员会"
                    "提交书面申请，写明用火地点、面积和安全措施。\n\n初审：村民委员会在1日内现场踏勘，签署意见后报乡镇。\n\n"
                    "## 三、用火前准备\n\n用火前应当开设不少于3米宽的隔离带，并安排不少于5人在现场看护。\n"),
        "housing.md": ("# 农村危房改造补助问答\n\n问：补助怎么申请？\n\n答：按照“农户申请、村级评议、乡镇审核”三个环节办理：\n\n"
                       "1. 农户申请：每年3月31日前向村民委员会提交书面申请；\n2. 村级评议：村民代表会议民主评议，结果公示不少于7日；\n"
                       "3. 乡镇审核：乡镇组织房屋鉴定，15个工作日内完成审核。\n")})
    answer = bot.ask("村民想在林地边上烧田埂草，得咋申请？")
    assert "提前3日" in answer.text and "村级评议" not in answer.text


def test_a_question_in_the_material_is_never_quoted_and_its_answer_answers_it(bot: TrainerBot, tmp_path):
    index_texts(bot, tmp_path, {"hollow.md": (
        "# 空心房整治政策问答\n\n问：什么是“空心房”？\n\n答：所谓“空心房”，是指农村中长期闲置无人居住、年久失修或已倒塌破损的"
        "房屋。\n\n问：为什么要整治“空心房”？\n\n答：一是消除危房倒塌隐患；二是落实一户一宅；三是复垦后增加耕地。\n\n"
        "问：拆除后有补偿吗？\n\n答：按每平方米50元给予拆除奖励，当年拆除的另奖1000元。\n")})
    answer = bot.ask("旧房子空着又不碍事，县里为啥非要整治空心房？")
    assert "一是消除危房倒塌隐患" in answer.text and "问：" not in answer.text


def test_steps_of_another_deed_do_not_answer_how_to_do_this_one(bot: TrainerBot, tmp_path):
    index_texts(bot, tmp_path, {"homestead.md": (
        "# 宅基地管理工作要点\n\n## 一、申请程序\n\n村民申请宅基地一般经过四个环节。第一步，户主向村民小组提出申请。"
        "第二步，村民小组会议讨论。第三步，在村内公示。第四步，报乡镇政府审批。\n\n"
        "## 二、界址争议\n\n邻里之间因宅基地界址发生争议的，先由村人民调解委员会调解；调解不成的，报乡镇人民政府处理。\n")})
    answer = bot.ask("两户人家因为宅基地界址吵起来了，村里该怎么调解？")
    assert "调解不成" in answer.text and not answer.text.startswith("第一步")


def test_asked_whom_to_tell_the_unit_that_says_whom_to_report_to_answers(bot: TrainerBot, tmp_path):
    index_texts(bot, tmp_path, {"proxy.md": (
        "# 留守儿童代理家长结对关爱指引\n\n## 一、对象界定\n\n“代理家长”是指经村推荐、与留守儿童结对，在生活照料、学习辅导"
        "方面给予帮助的村干部、党员、教师和志愿者。\n\n## 二、结对要求\n\n1. 结对双方由儿童主任提出建议，经村“两委”研究确定。\n"
        "2. 每名代理家长结对的留守儿童原则上不超过3名。\n3. 男性代理家长与女童结对的，上门时须有其他成年人在场。\n\n"
        "## 三、工作纪律\n\n代理家长不得泄露儿童的个人信息，不得以结对名义收受财物。\n\n"
        "## 四、异常情况报告\n\n代理家长发现结对儿童有辍学、患重病、遭受欺凌等情况的，应当在24小时内报告村儿童主任。\n")})
    answer = bot.ask("我结对的那个留守娃，这两天说在学校老被高年级的要钱，我这个代理家长该跟谁说？")
    assert answer.text.startswith("代理家长发现结对儿童")  # not what a 代理家长 is


def test_steps_asked_for_are_the_sections_of_a_procedure_numbered_as_steps(bot: TrainerBot, tmp_path):
    # 分哪几步？ ← a procedure whose sections are its steps: every step named, each cited to its section
    steps = "".join(f"## 第{n}步：{name}\n\n{body}\n\n" for n, name, body in (
        ("一", "摸底建册（1月底前）", "网格员逐户摸清适龄青年底数，形成名册。"),
        ("二", "宣传发动（3月至6月）", "村广播每周至少播放1次征兵政策。"),
        ("三", "组织登记（6月30日前完成）", "适龄男性本人通过网上登记。"),
        ("四", "协助体检政考", "村里负责通知到人，组织前往体检站。")))
    index_texts(bot, tmp_path, {"conscription.md": f"# 兵役登记与征兵工作操作流程\n\n{steps}"})
    answer = bot.ask("村里配合征兵这摊活，大体分哪几步？")
    assert not answer.refused and answer.text.splitlines() == [
        "第一步：摸底建册（1月底前）[1]；", "第二步：宣传发动（3月至6月）[2]；", "第三步：组织登记（6月30日前完成）[3]；",
        "第四步：协助体检政考[4]。"]
    assert [c.passage.chunk.heading_path[-1][:3] for c in answer.citations] == ["第一步", "第二步", "第三步", "第四步"]


def test_a_qa_answer_is_quoted_from_the_question_the_material_asks_itself(bot: TrainerBot, tmp_path):
    # every sentence of the answer to the material's own question gains, not only the first (工程建设领域… then 先行清偿)
    index_texts(bot, tmp_path, {"wages.txt": "农民工欠薪问题村级排查与调处问答\n\n"
                "问：发现欠薪线索后，多长时间内要报告？\n答：网格员发现线索后，应当在24小时内报乡镇劳动保障所。\n\n"
                "问：包工头跑了，工钱还能找谁要？\n答：工程建设领域实行施工总承包单位负责制。分包单位拖欠工资的，由施工总承包单位先行清偿，"
                "再依法向分包单位追偿。所以要先帮村民弄清楚干的是哪个项目、总包是哪家公司。\n\n"
                "问：村里调解一般要多久？\n答：村人民调解委员会调解欠薪纠纷，一般应在15日内调结。包工头和村民各执一词的，先核对考勤记录。\n"})
    answer = bot.ask("包工头卷钱跑了，村民的工钱还能找谁要？")
    assert "先行清偿" in answer.text and "15日" not in answer.text, answer.text


def test_a_table_row_is_quoted_with_its_columns_named_and_a_header_never_alone(bot: TrainerBot, tmp_path):
    # (fifth session: 「| 失能等级 | 居家上门护理（每月服务时长） | 机构护理（每日限额） |[1]」 was an answer; the rows, in
    # the passage after the one whose lead-in ends 二选一：, were not)
    rows = "\n".join(f"| 重度{r}级（{n}级） | {h}小时 | {m}元 |" for r, n, h, m in
                     (("Ⅰ", 3, 12, 40), ("Ⅱ", 4, 20, 50), ("Ⅲ", 5, 30, 60)))
    index_texts(bot, tmp_path, {"care.md": (
        "# 长期护理保险问答\n\n**问：评上了能享受什么待遇？**\n\n答：有区别。参保人员经评估达到重度失能的，按月享受护理服务。"
        "服务由定点机构提供，费用由长护险基金按比例支付。可以选择机构护理或者居家上门护理，二选一：\n\n"
        f"| 失能等级 | 居家上门护理（每月服务时长） | 机构护理（每日限额） |\n|---|---|---|\n{rows}\n\n"
        "符合规定的护理费用，参加职工医保人员由长护险基金支付70%。\n")})
    answer = bot.ask("长护险评上3级和评上5级，选居家上门护理的话，每个月能上门的时间差多少？")
    assert "重度Ⅰ级（3级）——居家上门护理（每月服务时长）：12小时" in answer.text, answer.text
    assert "30小时" in answer.text and "| 失能等级 |" not in answer.text and "---" not in answer.text
    assert not answer.text.rstrip().endswith(("：", "：[1]"))


def test_the_rule_that_bounds_the_askers_own_case_counts_for_more(bot: TrainerBot, tmp_path):
    # (fifth session: 「志愿者大爷今年72了，意外险能把他报上不？」 ranked the premium above the age the policy covers)
    from trainer_bot.answer.kinds import bounds_stated, stated_classes

    question = "俺们社区有个志愿者大爷今年72了，天天来帮着站岗，县里统一给志愿者上的意外险能把他报上不？"
    assert stated_classes(question) == {"age"} and stated_classes("外墙维修要十二三万，这么弄行不行？") == {"money"}
    assert stated_classes("罚多少钱？") == set()  # (what is asked is no figure of the asker's case)
    assert bounds_stated("投保对象为年龄在16周岁至70周岁之间的志愿者。", frozenset({"age"}))
    assert not bounds_stated("每人每年保费20元。", frozenset({"age"}))
    index_texts(bot, tmp_path, {"insure.md": (
        "# 社区志愿者意外伤害保险统一投保\n\n为保障志愿者在参加社区志愿服务活动中的人身安全，县财政出资为在册社区志愿者统一购买"
        "志愿服务意外伤害保险。每人每年保费20元，全部由县财政承担，志愿者本人不缴费。\n\n"
        "投保对象为年龄在16周岁至70周岁之间、在全国志愿服务信息系统注册的社区志愿者。\n\n"
        "保险责任包括意外身故、伤残和意外医疗，意外医疗每次事故免赔100元。\n")})

    def bound_score(asked: str) -> float:
        retrieval = bot.retrieve(asked)
        return next(c.score for c in bot.answerer.candidates(asked, retrieval.passages, analyse(asked)) if "70周岁" in c.unit)

    # the same question without the asker's age: the rule on age counts for less
    assert bound_score(question) >= bound_score("县里统一给志愿者上的意外险能把他报上不？") + 0.1


BROKER_NOTICE = """# 关于开展村级劳务经纪人登记备案工作的通知

## 一、什么是村级劳务经纪人

村级劳务经纪人，是指经镇劳动保障所登记备案，为本镇劳动力提供岗位信息、组织外出务工的个人。

## 二、登记条件

（一）年龄在18周岁至60周岁之间，本镇户籍或在本镇连续居住满2年；
（二）无犯罪记录，无拖欠务工人员工资等不良记录；
（三）近一年内组织本镇劳动力外出务工不少于10人。

## 三、报名方式

有意登记的，请于6月30日前携带身份证、户口簿到镇劳动保障所报名登记，经审核后发放备案证。
"""


def test_conditions_asked_for_are_the_items_under_the_conditions_heading(bot: TrainerBot, tmp_path):
    index_texts(bot, tmp_path, {"broker.md": BROKER_NOTICE})
    answer = bot.ask("俺想在镇上登记当劳务经纪人，得满足啥条件？")
    assert answer.text.startswith("年龄在18周岁至60周岁之间") and "不少于10人" in answer.text, answer.text


def test_background_that_retells_the_problem_does_not_open_a_how_to(bot: TrainerBot, tmp_path):
    index_texts(bot, tmp_path, {"oversize.md": (
        "# 大件运输通行办理指南\n\n近期不少乡镇来问，风电场项目陆续进场，风机叶片等大件车要走县道、乡道，上路要办啥手续。\n\n"
        "## 一、谁来办\n\n超限运输车辆通行证由承运人向县交通运输局申请办理，乡镇和村不代办。\n\n"
        "## 二、时限\n\n县交通运输局在受理后5个工作日内作出许可决定。\n")})
    answer = bot.ask("风电场拉叶片的大件车走乡道，上路得办啥手续，谁去办？")
    assert answer.text.startswith("超限运输车辆通行证由承运人"), answer.text
