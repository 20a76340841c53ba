from pathlib import Path

import pytest

from trainer_bot.errors import LoadError
from trainer_bot.load import join_broken_lines, load_file

TEXT = "网格员负责信息采集、隐患排查和矛盾发现。"


@pytest.mark.parametrize("encoding,prefix", [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("gbk", b""), ("gb18030", b"")])
def test_text_files_in_office_encodings(tmp_path: Path, encoding: str, prefix: bytes):
    path = tmp_path / "a.txt"
    path.write_bytes(prefix + ("标题\n" + TEXT + "𠀀" * (encoding == "gb18030")).encode(encoding))
    doc = load_file(path)
    assert doc.text.startswith("标题\n" + TEXT)
    assert "\ufeff" not in doc.text


def test_markdown_front_matter_gives_title_and_meta(tmp_path: Path):
    path = tmp_path / "m.md"
    path.write_text("---\ntitle: 网格管理\ntopic: 城市基层治理\naudience: [网格员, 社区干部]\n---\n\n# 网格管理\n\n- **要点**：一格一员。\n",
                    encoding="utf-8")
    doc = load_file(path)
    assert doc.title == "网格管理"
    assert doc.meta["topic"] == "城市基层治理"
    assert doc.meta["audience"] == "网格员、社区干部"
    assert "要点：一格一员。" in doc.text and "**" not in doc.text and "---" not in doc.text


def test_html_keeps_article_drops_navigation_footer_comments(tmp_path: Path):
    html = """<html><head><title>站点 - 文章</title><script>var x=1;</script></head><body>
    <div class="nav">首页 | 新闻 | 关于我们</div>
    <div class="breadcrumb">当前位置：首页 &gt; 新闻</div>
    <div class="main-content"><h1>网格化管理</h1><h2>一、职责</h2>
      <p>网格员负责信息采集。</p><p>网格员负责隐患排查。</p></div>
    <div id="comments"><p>网友评论：写得好！</p></div>
    <!-- tracking comment -->
    <footer>版权所有 某网站</footer></body></html>"""
    path = tmp_path / "p.html"
    path.write_text(html, encoding="utf-8")
    doc = load_file(path)
    assert doc.title == "网格化管理"
    assert "## 一、职责" in doc.text
    assert "网格员负责信息采集。" in doc.text and "网格员负责隐患排查。" in doc.text
    for noise in ("首页 | 新闻", "写得好", "版权所有", "var x", "tracking"):
        assert noise not in doc.text


def test_a_note_box_inside_a_page_without_an_article_container_is_not_taken_for_the_article(tmp_path: Path):
    note = ("本指引依据有关管理办法和本街道物业管理工作要求编写，供社区居委会、网格员、物业服务企业指导居民装修时对照操作。"
            "本指引所称装修人，是指业主或者经业主书面同意的住宅使用人。")  # a box of more than 80 characters
    html = f"""<html><body><h1>装修登记指引</h1><div class="note"><p>{note}</p></div>
    <h2>一、开工前</h2><ol><li>装修人应当在开工前3个工作日申报登记，不得先开工后补报。</li>
    <li>物业服务企业收到材料后2个工作日内作出答复，不得直接口头拒绝。</li></ol>
    <h2>二、完工后</h2><ul><li>装修完工后5个工作日内，装修人向物业服务企业申请验收。</li>
    <li>验收合格的，物业服务企业在登记表上签字确认，登记资料保存不少于3年。</li></ul></body></html>"""
    path = tmp_path / "guide.html"
    path.write_text(html, encoding="utf-8")
    text = load_file(path).text
    assert note in text and "## 一、开工前" in text and "开工前3个工作日" in text and "保存不少于3年" in text


def test_html_in_gbk(tmp_path: Path):
    path = tmp_path / "g.htm"
    path.write_bytes(f"<html><body><article><p>{TEXT}</p></article></body></html>".encode("gbk"))
    assert TEXT in load_file(path).text


def test_pdf_lines_broken_mid_sentence_are_joined(tmp_path: Path):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "w.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.setFont("STSong-Light", 12)
    for y, line in zip(range(800, 600, -20), ["一、预警级别", "预警级别分为一级、二级、三级和四级，分别用红",
                                              "色、橙色、黄色和蓝色标示。", "- 1 -"]):
        pdf.drawString(72, y, line)
    pdf.showPage()
    pdf.save()
    text = load_file(path).text
    assert text == "一、预警级别\n预警级别分为一级、二级、三级和四级，分别用红色、橙色、黄色和蓝色标示。"


def test_join_broken_lines_keeps_sentence_ends_and_latin_spaces():
    assert join_broken_lines("第一句完整。\n第二句没有\n写完。\nEnglish words\ncontinue here.") == (
        "第一句完整。\n第二句没有写完。\nEnglish words continue here.")


def test_docx_headings_paragraphs_and_tables(tmp_path: Path):
    import docx

    document = docx.Document()
    document.add_heading("村务公开", level=1)
    document.add_heading("一、公开内容", level=2)
    document.add_paragraph("村务公开的内容包括财务收支。")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "公开时间"
    table.rows[0].cells[1].text = "每季度一次"
    path = tmp_path / "d.docx"
    document.save(path)
    text = load_file(path).text
    assert "# 村务公开" in text and "## 一、公开内容" in text
    assert "村务公开的内容包括财务收支。" in text
    assert "公开时间｜每季度一次" in text


@pytest.mark.parametrize("name,data,message", [
    ("empty.txt", b"   \n", "空的"),
    ("bin.txt", b"\x00\x01\x02binary", "二进制"),
    ("broken.pdf", b"%PDF-1.4 this is not really a pdf", "PDF"),
    ("broken.docx", b"PK\x03\x04 not a zip", "docx"),
    ("sheet.xls", b"whatever", "不支持"),
])
def test_bad_files_raise_a_clear_error_naming_the_file(tmp_path: Path, name: str, data: bytes, message: str):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(LoadError) as err:
        load_file(path)
    assert name in str(err.value) and message in str(err.value)


def test_a_docx_zip_bomb_is_refused_before_it_is_parsed(tmp_path: Path):
    import io
    import zipfile

    import docx

    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("正文")
    document.save(buffer)
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":  # 40 MB of whitespace inside the body: valid XML
                data = data.replace(b"<w:body>", b"<w:body>" + b" " * (40 * 1024 * 1024))
            target.writestr(info.filename, data)
    assert bomb.stat().st_size < 200_000
    with pytest.raises(LoadError, match="异常庞大"):
        load_file(bomb)


def test_untrusted_files_are_parsed_in_a_child_process_with_limits(tmp_path):
    from trainer_bot.errors import LoadError
    from trainer_bot.load import load_file
    from trainer_bot.sandbox import load_isolated

    path = tmp_path / "村规.md"
    path.write_text("---\ntitle: 村规\nstatus: 现行\n---\n\n# 村规\n\n红白事从简，不大操大办。\n", encoding="utf-8")
    assert load_isolated(path, "村规.md") == load_file(path, "村规.md")  # the same document, parsed elsewhere
    with pytest.raises(LoadError, match="解析超过 0.01 秒仍未完成"):
        load_isolated(path, "村规.md", timeout=0.01)
    big = tmp_path / "大文件.txt"
    big.write_text("村规民约要经村民会议讨论通过。\n" * 1_000_000, encoding="utf-8")  # about 46 MB of text
    with pytest.raises(LoadError, match="内存.*超出限制"):
        load_isolated(big, "大文件.txt", memory_mb=64)  # the child may not hold it: refused, the server unharmed
    (tmp_path / "空.md").write_text("  ", encoding="utf-8")
    with pytest.raises(LoadError, match="文件是空的"):  # the loader's own message comes back as is
        load_isolated(tmp_path / "空.md", "空.md")


def test_a_bare_heading_line_in_plain_text_opens_a_section(tmp_path: Path):
    from trainer_bot.split import chunk_document

    text = ("宅基地初审工作要点\n\n基本概念\n宅基地是指农村村民依法取得的用于建造住宅的集体土地。\n\n办理流程\n1. 农户提出申请；\n"
            "2. 村民小组讨论。\n\n重点区域\n耕地\n水库\n")
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode("gbk"))
    doc = load_file(path)
    paths = [c.heading_path for c in chunk_document(doc)]
    assert ("基本概念",) in paths and ("办理流程",) in paths
    assert "## 宅基地初审工作要点" not in doc.text and "## 耕地" not in doc.text  # the title; a list of short items
