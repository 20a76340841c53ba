import re

from trainer_bot.models import Document
from trainer_bot.split import chunk_document, chunk_units, heading_rank, split_sentences


def doc(text: str, title: str = "文档") -> Document:
    return Document(source="a.md", title=title, text=text, sha256="0" * 64)


def test_heading_kinds_are_recognised():
    assert heading_rank("## 解读") == 2
    assert heading_rank("第三章 村民委员会") is not None
    assert heading_rank("一、职责清单") is not None
    assert heading_rank("（二）工作流程") is not None
    assert heading_rank("一、网格员负责信息采集和隐患排查，这是一段正文。") is None  # a sentence, not a heading
    assert heading_rank("普通的一行正文") is None


def test_sentences_split_on_chinese_ends_and_keep_closing_quotes():
    assert split_sentences("第一句。第二句！“第三句？”第四句；最后") == ["第一句。", "第二句！", "“第三句？”", "第四句；", "最后"]


def test_heading_path_is_kept_on_chunks():
    text = "# 文档\n\n## 解读\n\n### 一、职责\n\n网格员负责采集。\n\n### 二、流程\n\n发现后上报。\n\n## 常见误区\n\n不要包办。"
    chunks = chunk_document(doc(text))
    assert [(c.heading_path, c.text) for c in chunks] == [
        (("解读", "一、职责"), "网格员负责采集。"),
        (("解读", "二、流程"), "发现后上报。"),
        (("常见误区",), "不要包办。"),
    ]


def test_law_articles_and_chapters_become_sections():
    text = "第一章 总则\n第一条 为了规范调解，制定本法。\n第二条 调解不收费。\n第二章 调解委员会\n第三条 委员会由委员三至九人组成。"
    chunks = chunk_document(doc(text, title="人民调解法"))
    assert [c.heading_path for c in chunks] == [
        ("第一章 总则", "第一条"), ("第一章 总则", "第二条"), ("第二章 调解委员会", "第三条")]
    assert chunks[0].text == "第一条 为了规范调解，制定本法。"


def test_ordinal_paragraphs_open_sections():
    text = "导语一段。\n第一，治理理念先行，这是第一层意思。\n第二，体制机制创新，这是第二层意思。"
    chunks = chunk_document(doc(text))
    assert [c.heading_path for c in chunks] == [(), ("第一，治理理念先行",), ("第二，体制机制创新",)]


def test_long_paragraphs_are_cut_at_sentence_ends_within_the_limit():
    sentence = "网格员每周走访独居老人并记录情况。"  # 17 characters
    chunks = chunk_document(doc(sentence * 20), max_chars=80)
    assert len(chunks) > 1
    assert all(len(c.text) <= 80 for c in chunks)
    assert all(c.text.endswith("。") for c in chunks)
    assert "".join(c.text for c in chunks) == sentence * 20  # nothing lost, nothing added


def test_a_sentence_longer_than_the_limit_is_cut_at_commas():
    sentence = "，".join(["网格员负责信息采集"] * 12) + "。"
    chunks = chunk_document(doc(sentence), max_chars=80)
    assert all(len(c.text) <= 80 for c in chunks)
    assert "".join(c.text for c in chunks) == sentence


def test_chunk_ids_are_stable_and_unique():
    text = "## 甲\n\n同一句话。\n\n## 乙\n\n同一句话。\n\n## 甲\n\n同一句话。"
    first = [c.id for c in chunk_document(doc(text))]
    again = [c.id for c in chunk_document(doc(text))]
    assert first == again
    assert len(set(first)) == 3
    assert chunk_document(doc(text.replace("乙", "丙")))[1].id != first[1]


def test_a_line_without_a_final_stop_is_a_unit_of_its_own_and_is_never_dropped():
    listed = "议事按照下列程序进行：\n（一）提出方案；\n（二）方案公示不少于7日；\n（三）经到会人员过半数同意方可通过\n实施结果向村民公开。"
    assert chunk_units(listed) == ["议事按照下列程序进行：", "（一）提出方案；", "（二）方案公示不少于7日；",
                                   "（三）经到会人员过半数同意方可通过", "实施结果向村民公开。"]
    long_list = "\n".join(f"（{n}）第{n}项材料的名称和份数" for n in "一二三四五六七八九十") + "\n以上材料交村委会。"
    chunks = chunk_document(doc(long_list), max_chars=60)
    kept = "".join(c.text for c in chunks).replace("\n", "")
    assert all(f"第{n}项材料的名称和份数" in kept for n in "一二三四五六七八九十")  # nothing lost in a long paragraph


def test_a_bare_case_or_misconception_line_opens_a_section_of_that_role():
    # plain text has no #: without this the invented story below was a statement, quoted and quizzed as fact
    text = "一、补助对象\n补助对象是低保户。\n\n案例（示例，人物与情节为虚构）\n王大爷家的房子4个月后完工。\n\n常见误区\n误区：补助可以先发。"
    doc = Document(source="a.txt", title="危房改造", text=text, sha256="0")
    roles = [(c.heading_path, c.role) for c in chunk_document(doc)]
    assert roles == [(("一、补助对象",), "statement"), (("案例（示例，人物与情节为虚构）",), "example"),
                     (("常见误区",), "misconception")]
    assert heading_rank("案例分析了三种情况。") is None and heading_rank("示例") is not None


def test_an_invented_story_told_in_the_flow_of_a_talk_is_an_example_and_an_appendix_names_its_role():
    # a speech tells its case without a heading (讲个事（示例，人物与情节为虚构）。…): a passage of its own, an example
    text = ("一、意外险要宣传到位\n老人摔了，家属要在48小时内报案。\n\n我给大家讲个事（示例，人物与情节为虚构）。去年腊月，王大爷滑倒骨折，"
            "协保员当天帮着报了案，保险赔了5000元。\n\n材料齐了，保险公司10个工作日内结案。\n\n附二：常见误区\n误区：摔了只能走医保。")
    doc = Document(source="s.txt", title="讲话", text=text, sha256="0")
    roles = [(c.role, c.text[:6]) for c in chunk_document(doc)]
    assert ("example", "我给大家讲个") in roles and ("statement", "老人摔了，家") in roles
    assert not any(role == "statement" and "王大爷" in c for role, c in roles)
    assert [c.role for c in chunk_document(doc) if "误区：" in c.text] == ["misconception"]


def test_round_37s_messy_layouts_keep_their_roles():
    # a story whose marker comes mid-paragraph, one marked 【示例（虚构）】 at a paragraph's start, and a 【】 heading
    text = ("【三、集合点】\n集合点要开阔平坦，远离高大建筑物。说到这里讲个例子（示例，虚构，仅供讨论）：去年青石村的广场一边是老楼。"
            "后来村里改到晒谷场。\n\n【示例（虚构）】某村村民老周揭开池盖就下去舀渣，险些出事。\n\n"
            "【说个身边的例子（示例，虚构）】\n去年秋天，采血车开到柳塘村，村支书喊了三遍。")
    doc = Document(source="m.txt", title="演练讲话", text=text, sha256="0")
    chunks = chunk_document(doc)
    assert [c.role for c in chunks if "开阔平坦" in c.text] == ["statement"]
    assert all(c.role == "example" for c in chunks if re.search("青石村|老周|采血车", c.text))
    assert heading_rank("【献血前要注意啥】") is not None and heading_rank("【这不是标题。】") is None
    # a misconception section however titled (这些做法不对), its lines marked × and → rather than 误区：/纠正：
    wrong = Document(source="w.html", title="防暑", text="五、这些做法不对：\n× 中暑了赶紧灌一大杯冰水。→ 应少量多次饮用常温淡盐水。",
                     sha256="0")
    assert [c.role for c in chunk_document(wrong)] == ["misconception"]
    from trainer_bot.roles import FIX, MISTAKE
    assert MISTAKE.match("× 中暑了赶紧灌一大杯冰水。") and FIX.match("→ 应少量多次饮用常温淡盐水。")



def test_a_notices_attachment_is_a_section_of_its_own():
    assert heading_rank("附件1") is not None and heading_rank("附件2：店招店牌隐患整改告知书（样式）") is not None
    assert heading_rank("附件：1. 沿街店招店牌安全自查表") is None  # the list of attachments is no heading
    assert heading_rank("附件") is not None  # (round 49: nor is the form after it part of the last section)
    text = "八、工作要求\n\n各社区不得以填表代替上门。\n\n附件2\n\n整改告知书（样式）\n\n请于7个工作日内完成整改。"
    assert [(c.heading_path, c.text.split("\n")[0]) for c in chunk_document(doc(text))] == [
        (("八、工作要求",), "各社区不得以填表代替上门。"), (("附件2",), "整改告知书（样式）")]


def test_a_chunk_that_continues_a_table_repeats_its_header():
    header = "序号｜检查事项｜标准要求｜完成时限"
    rows = [f"{i}｜事项{i}｜每个卡点不少于{i}人，佩戴袖标，设置警示牌，值守期内每天巡查并登记｜3月{20 + i}日前" for i in range(1, 9)]
    chunks = chunk_document(doc("\n\n".join(["## 检查清单", header, *rows])), max_chars=160)
    assert len(chunks) > 2
    # every chunk opens with the header, and each row is in exactly one chunk
    assert all(c.text.startswith(header) for c in chunks)
    assert sorted(r for c in chunks for r in c.text.split("\n")[1:]) == sorted(rows)


def test_a_wechat_articles_marked_headings_open_their_sections_and_the_title_stays_out_of_the_path():
    text = ("# 🫀在家门口做心电图\n\n每次收费25元，可以按医保报销。\n\n📌 案例（示例，人物与情节为虚构）\n\n"
            "东岗村68岁的付大爷说胸口闷。村医给他做了远程心电图。\n\n⚠️ 常见误区\n\n误区：心电图正常就说明心脏没毛病。\n正解：心电图只反映那几分钟。")
    chunks = chunk_document(doc(text, title="🫀在家门口做心电图"))
    roles = {c.text.split("。")[0]: (c.role, c.heading_path) for c in chunks}
    assert roles["每次收费25元，可以按医保报销"] == ("statement", ())
    assert roles["东岗村68岁的付大爷说胸口闷"] == ("example", ("案例（示例，人物与情节为虚构）",))
    assert roles["误区：心电图正常就说明心脏没毛病"][0] == "misconception"
    assert heading_rank("📌 报名时间：3月1日") is None  # a marked line of text is no heading
