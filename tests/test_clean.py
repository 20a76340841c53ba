from trainer_bot.clean import (
    official_head,
    clean_document,
    clean_text,
    dots_to_enumeration_comma,
    drop_boilerplate,
    drop_comments,
    drop_spinner_tics,
    fullwidth_punctuation,
    infer_title,
    join_injected_hyphens,
    normalize_width,
)
from trainer_bot.models import Document

# A scraped page in the shape our material arrives in (text written for this test).
SCRAPED = """资讯小站

当前位置:首页 >  新闻动态 > 网格化管理浅谈

网格化管理浅谈

来源:互联网 2023年05月02日10时11分12秒 新闻动态 57

网格化管理把社-区划分为若干网格.每个网格配备网格员呢。网格员负责信息采集.隐患排查.矛盾发现呢。这种做法被称为“全科网格阿”，也叫“多网合一阿”或“一格多员阿”呢。
(作者:某某 单位某大学)

发表评论(0)

评论列表

  • 这篇文章还没有收到评论,赶紧来抢沙发吧~
"""


def test_hyphens_between_chinese_are_removed_but_not_elsewhere():
    assert join_injected_hyphens("社-会治理和科-学") == "社会治理和科学"
    assert join_injected_hyphens("2020-2022年，COVID-19") == "2020-2022年，COVID-19"


def test_dots_between_chinese_become_enumeration_commas():
    assert dots_to_enumeration_comma("市场化.产业化.城市化") == "市场化、产业化、城市化"
    assert dots_to_enumeration_comma("增长3.5个百分点，见www.gov.cn") == "增长3.5个百分点，见www.gov.cn"


def test_halfwidth_punctuation_next_to_chinese_becomes_fullwidth():
    assert fullwidth_punctuation("首先,要坚持党的领导;其次:要依法") == "首先，要坚持党的领导；其次：要依法"
    assert fullwidth_punctuation("(注释说明)正文") == "（注释说明）正文"
    assert fullwidth_punctuation("f(x, y) = 1, 2") == "f(x, y) = 1, 2"


def test_fullwidth_letters_and_digits_become_ascii():
    assert normalize_width("２０２１年\u3000ＡＢＣ") == "2021年 ABC"


def test_comment_area_is_cut_off():
    text = "正文第一段。\n发表评论(0)\n评论列表\n赶紧来抢沙发吧"
    assert drop_comments(text) == "正文第一段。"


def test_boilerplate_lines_and_site_name_above_breadcrumb_are_dropped():
    text = "某某网\n当前位置:首页 > 新闻\n来源:互联网 2022年\n正文。\n上一篇:别的文章\n版权所有 某网站"
    assert drop_boilerplate(text).split("\n") == ["正文。"]


def test_spinner_tics_removed_only_when_systematic():
    spun = "第一句呢。第二句呢。第三句呢。第四句。“强心剂阿”和“新引擎阿”和“工具箱阿”。"
    assert drop_spinner_tics(spun) == "第一句。第二句。第三句。第四句。“强心剂”和“新引擎”和“工具箱”。"
    natural = "这是为什么呢。大家想一想。答案在后面。还有一段。再有一段。"
    assert drop_spinner_tics(natural) == natural


def test_scraped_page_end_to_end():
    doc = clean_document(Document(source="page.txt", title="", text=SCRAPED, sha256="x"))
    assert doc.title == "网格化管理浅谈"
    assert doc.text == (
        "网格化管理把社区划分为若干网格、每个网格配备网格员。网格员负责信息采集、隐患排查、矛盾发现。"
        "这种做法被称为“全科网格”，也叫“多网合一”或“一格多员”。"
    )


def test_title_inferred_only_from_a_short_non_sentence_line():
    assert infer_title("标题行\n正文。")[0] == "标题行"
    assert infer_title("这是一个完整的句子。\n正文。")[0] == ""
    # a body's name above the name of its paper is one title (round 73: the 解析 cited 《…股份经济合作社》)
    assert infer_title("石桥村股份经济合作社\n集体经营性建设用地入市收益分配办法\n第一条 …")[0] == \
        "石桥村股份经济合作社集体经营性建设用地入市收益分配办法"
    assert infer_title("村民委员会\n第一章 总则")[0] == "村民委员会"


def test_clean_text_is_idempotent():
    once = clean_text(SCRAPED)
    assert clean_text(once) == once


def test_an_official_documents_letterhead_and_number_are_no_title_and_no_content():
    text = ("青峰镇人民政府文件\n\n青政发〔2024〕17号\n\n青峰镇人民政府关于做好生态公益林补偿资金兑付工作的通知\n\n"
            "各村（居）民委员会：\n\n补偿资金的90%直接兑付给林权权利人。")
    doc = clean_document(Document(source="notice.docx", title="", text=text, sha256="x"))
    assert doc.title == "青峰镇人民政府关于做好生态公益林补偿资金兑付工作的通知（青政发〔2024〕17号）"
    assert doc.text.startswith("各村（居）民委员会：") and "文件" not in doc.text
    md = clean_document(Document(source="n.md", title="关于开展沼气池隐患排查的通知",
                                 text="XX镇人民政府文件\nXX政发〔2024〕12号\n# 关于开展沼气池隐患排查的通知\n正文。", sha256="x"))
    assert md.title == "关于开展沼气池隐患排查的通知（XX政发〔2024〕12号）" and md.text == "正文。"
    ruled = clean_document(Document(source="r.docx", title="", sha256="x",
                                    text="XX镇人民政府文件\nX镇政发〔2025〕18号\n——————————\n关于加强停放管理的通知\n正文。"))
    assert ruled.title == "关于加强停放管理的通知（X镇政发〔2025〕18号）" and ruled.text == "正文。"
    issuer = clean_document(Document(source="i.docx", title="", sha256="x",
                                     text="XX镇人民政府\n\nX镇政发〔2025〕12号\n\n# 关于开展合作社清理的通知\n\n正文。"))
    assert issuer.title == "关于开展合作社清理的通知（X镇政发〔2025〕12号）" and issuer.text == "正文。"
    # (round 43: an issuer line above a 关于……的告知书 with no number is no title either)
    notice = clean_document(Document(source="n-gbk.txt", title="", sha256="x",
                                     text="桑园镇人民政府\n关于规范农村柴草堆放加强冬春防火的告知书\n\n广大村民朋友们：\n正文。"))
    assert notice.title == "关于规范农村柴草堆放加强冬春防火的告知书" and notice.text.startswith("广大村民朋友们")
    station = clean_document(Document(source="m-gbk.txt", title="", sha256="x",
                                      text="龙湾镇医疗保障工作站\n关于做好资助参保对象核对工作的工作提示\n\n各村：\n正文。"))
    assert station.title == "关于做好资助参保对象核对工作的工作提示"  # (round 45: a 工作站 issues too)
    office = clean_document(Document(source="o.txt", title="", text="街道办事处\n本周工作\n正文。", sha256="x"))
    assert office.title == "街道办事处"  # (no official title follows: nothing taken)
    plain = clean_document(Document(source="p.txt", title="", text="办事指南\n正文。", sha256="x"))
    assert plain.title == "办事指南" and plain.text == "正文。"  # no head, nothing taken


def test_a_related_reading_list_in_the_second_half_goes_with_all_after_it():
    text = "# 标题\n正文一。\n正文二。\n正文三。\n相关阅读\n- 别的文章一\n- 别的文章二\n点个在看"
    assert drop_comments(text) == "# 标题\n正文一。\n正文二。\n正文三。"
    early = "相关阅读\n正文一。\n正文二。\n正文三。"
    assert drop_comments(early) == early  # near the top it is only a line (dropped as boilerplate), not the end


def test_a_schools_name_above_its_notice_is_no_title():
    assert official_head("桐溪镇中心学校\n关于2026年秋季小学一年级新生入学报名的公告\n\n各位家长：")[1].startswith("关于2026年")


def test_a_pages_link_labels_and_a_committees_name_above_its_guide_go():
    assert "关闭窗口" not in drop_boilerplate("正文第一段。\n【关闭窗口】 【返回顶部】\n")
    assert official_head("云岭街道人民调解委员会\n住房租赁押金退还纠纷调解工作指引\n\n正文")[1].startswith("住房租赁")


def test_a_wechat_sign_off_asking_for_likes_is_dropped():
    from trainer_bot.clean import drop_boilerplate
    text = "报修电话24小时有人接听。\n好了，今天的攻略就到这里。觉得有用的话，点个“在看”，转给家里人吧！\n"
    assert drop_boilerplate(text) == "报修电话24小时有人接听。\n"
    kept = "村民发现漏水的，可以拨打电话报修，也可以转告网格员，由网格员在2小时内上报。\n"
    assert drop_boilerplate(kept) == kept


def test_two_issuers_above_a_joint_notice_are_no_title():
    head = "岚江县公安局交通警察大队\n岚江县城市管理局\n\n关于在县城部分道路施划夜间限时停车泊位的通告\n\n为缓解停车难……"
    assert official_head(head)[1].startswith("关于在县城")  # (round 60: the first issuer was the title)
    assert official_head("岚江县城市管理局\n岚江县交通运输局\n\n各社区：")[1].startswith("岚江县城市管理局")
