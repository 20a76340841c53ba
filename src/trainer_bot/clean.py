"""Clean: undo what scraping and text "spinners" do to Chinese material.

Each rule is a small function over the whole text so it can be tested alone;
:func:`clean_text` applies them in order.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .models import Document

CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_C = f"[{CJK}]"
_CP = f"[{CJK}，。！？；：、“”‘’（）《》【】]"  # CJK text or full-width punctuation

# A line that starts the comment area of a page: it and everything after it go.
_COMMENTS_START = re.compile(r"^\s*(发表评论|评论列表|网友评论|相关评论|我要评论|全部评论|评论区)\s*([（(]\d+[)）])?\s*$")
# a list of links to other articles (a WeChat article's 相关阅读): in the text's second half, it and all after it go
_LINKS_START = re.compile(r"^\s*(?:#{1,6}\s*)?(?:相关阅读|相关文章|推荐阅读|延伸阅读|往期回顾|往期推荐|猜你喜欢)\s*[:：]?\s*$")
# Lines that are site furniture, not content.
_BOILERPLATE = re.compile(
    r"^\s*(?:"
    r"(?:当前位置|您的位置|你的位置|所在位置)\s*[:：]"
    r"|(?:[（(]\s*)?(?:来源|起源|出处|作者|做者|责任编辑|编辑|记者|发布时间|发布日期|时间)\s*[:：\s]"
    r"|(?:上一篇|下一篇|上一条|下一条)\s*[:：]?"
    r"|[【\[]?\s*(?:分享到|扫一扫|打印本页|关闭窗口|返回顶部|收藏本站|设为首页)"  # (【关闭窗口】 【返回顶部】)
    r"|(?:相关阅读|相关文章|推荐阅读|热门文章|猜你喜欢|延伸阅读)\s*$"  # (in a text's first half: the line alone)
    r"|.*(?:抢沙发|版权所有|版权声明|免责声明|ICP备|浏览次数|阅读次数|点击数)"
    r"|【?\s*字体\s*[:：]?\s*大\s*中\s*小"
    r")"
)


# a WeChat article's sign-off (好了，今天的攻略就到这里。觉得有用的话，点个“在看”，转给家里人吧！): a short line asking for
# likes and shares says nothing of the matter
_SIGN_OFF = re.compile(r"点个?[“\"]?(?:在看|赞)|点赞|(?:转发|转给|分享给)(?:家里人|身边|更多|朋友|亲友)|关注(?:我们|本号|公众号)|扫码关注")


def normalize_width(text: str) -> str:
    """Full-width letters and digits to ASCII; odd spaces to plain ones; unify line ends."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u3000", " ").replace("\xa0", " ")
    text = re.sub(r"[\u200b-\u200d\ufeff]", "", text)
    return re.sub(r"[０-９Ａ-Ｚａ-ｚ]", lambda m: chr(ord(m.group()) - 0xFEE0), text)


def drop_comments(text: str) -> str:
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if _COMMENTS_START.match(line) or (_LINKS_START.match(line) and i >= len(lines) / 2):
            return "\n".join(lines[:i])
    return text


def drop_boilerplate(text: str) -> str:
    """Drop furniture lines, and the site-name lines above a breadcrumb ("当前位置…")."""
    lines = text.split("\n")
    kept: list[str] = []
    for line in lines:
        if len(line) <= 160 and _BOILERPLATE.match(line) or len(line) <= 60 and _SIGN_OFF.search(line):
            if re.match(r"^\s*(当前位置|您的位置|你的位置|所在位置)", line):
                kept = [k for k in kept if k.strip().startswith("#")]  # site name above the breadcrumb
            continue
        kept.append(line)
    return "\n".join(kept)


def join_injected_hyphens(text: str) -> str:
    """社-会 → 社会: a hyphen between two Chinese characters is spinner noise."""
    return re.sub(f"(?<={_C})[-‐‑](?={_C})", "", text)


def dots_to_enumeration_comma(text: str) -> str:
    """市场化.产业化 → 市场化、产业化: a full stop between Chinese phrases is a 、."""
    return re.sub(f"(?<={_C})[.．](?={_C})", "、", text)


_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}


def fullwidth_punctuation(text: str) -> str:
    """Half-width , ; : ? ! next to Chinese become full-width; (中文) becomes （中文）."""
    text = re.sub(
        f"(?<={_CP})[,;:?!]|[,;:?!](?={_C})",
        lambda m: _HALF_TO_FULL[m.group()],
        text,
    )
    text = re.sub(f"\\(([^()\\n]*{_C}[^()\\n]*)\\)", r"（\1）", text)
    return text


def drop_spaces_between_chinese(text: str) -> str:
    return re.sub(f"(?<={_CP})[ \\t]+(?={_CP})", "", text)


def drop_spinner_tics(text: str) -> str:
    """Particles a spinner appends everywhere ("…紧急性呢。", "“强心剂阿”").

    Removed only when they are clearly systematic: in at least 3 places and in at
    least a quarter of the sentences or quotes, so real usage stays.
    """
    sentences = max(1, len(re.findall(r"[。！？]", text)))
    tails = re.findall(r"呢(?=。)", text)
    if len(tails) >= 3 and len(tails) / sentences >= 0.25:
        text = re.sub(r"呢(?=。)", "", text)
    quotes = max(1, text.count("”"))
    quote_tails = re.findall(r"[阿啊](?=”)", text)
    if len(quote_tails) >= 3 and len(quote_tails) / quotes >= 0.25:
        text = re.sub(r"[阿啊](?=”)", "", text)
    return text


def tidy_lines(text: str) -> str:
    lines = [line.strip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


RULES = (
    normalize_width,
    drop_comments,
    drop_boilerplate,
    join_injected_hyphens,
    dots_to_enumeration_comma,
    fullwidth_punctuation,
    drop_spaces_between_chinese,
    drop_spinner_tics,
    tidy_lines,
)


def clean_text(text: str) -> str:
    for rule in RULES:
        text = rule(text)
    return text


# the head of an official document, above its title: the letterhead (青峰镇人民政府文件) and the document number
# (青政发〔2024〕17号), which the title keeps in brackets
_LETTERHEAD = re.compile(r"^[\u4e00-\u9fffA-Za-z×＊*○（）()]{2,30}文件$")
_ISSUER = re.compile(r"^[\u4e00-\u9fffA-Za-z×＊*○]{2,24}(?:人民政府|办事处|委员会|办公室|党委|党工委|局|厅|政府|工作站|服务站|"
                     r"服务中心|中心|所|学校|小学|中学|卫生院|医院|大队|中队|站|协会|联合会|合作社|社区)$")  # (白沙镇综合文化站, round 76)
_RULE_LINE = r"[-—－_＿=═━─~～*＊·]{3,}"  # the rule under a red header
_DOC_NUMBER = re.compile(r"^[\u4e00-\u9fffA-Za-z]{1,10}\s*[〔\[【(（]\s*\d{4}\s*[〕\]】)）]\s*\d{1,4}\s*号$")
# the title an issuer line may stand above (桑园镇人民政府 / 关于规范农村柴草堆放加强冬春防火的告知书)
_OFFICIAL_TITLE = re.compile(r"^关于.{2,50}$|^.{2,50}(?:通知|告知书|公告|通告|决定|意见|办法|方案|倡议书|公开信|细则|规定|"
                             r"指引|指南|须知)$")


def _past_issuers(lines: list[str]) -> str:
    """The first line that names no issuer: the title, when issuer lines stand above it."""
    for line in lines:
        line = line.strip().lstrip("#").strip()
        if line and not _ISSUER.match(line):
            return line
    return ""


def official_head(text: str) -> tuple[str, str]:
    """The document number of an official document's head, and the text without its letterhead and number lines
    (「青峰镇人民政府文件」「青政发〔2024〕17号」), which are no title and no content."""
    lines = text.split("\n")
    number, i, issuer = "", 0, False
    while i < len(lines) and i < 8:
        line = lines[i].strip()
        after = next((x.strip().lstrip("#").strip() for x in lines[i + 1:] if x.strip()), "")
        if not line or re.fullmatch(_RULE_LINE, line):
            i += 1
        elif _LETTERHEAD.match(line) or re.match(r"^签发人\s*[:：]", line) or (
                _ISSUER.match(line) and _DOC_NUMBER.match(after)):
            i += 1  # (XX镇人民政府 above X镇政发〔2025〕12号 is a letterhead too)
        elif _ISSUER.match(line.lstrip("#").strip()) and _OFFICIAL_TITLE.match(_past_issuers(lines[i + 1:])):
            i, issuer = i + 1, True  # (and 桑园镇人民政府 above 关于……的告知书: who issues it, not what it is called;
            # a joint notice names two issuers, one a line, above its 关于……的通告)
        elif _DOC_NUMBER.match(line) and not number:
            number, i = re.sub(r"\s+", "", line), i + 1
        else:
            break
    return (number, "\n".join(lines[i:]).strip()) \
        if i and (number or issuer or _LETTERHEAD.match(text.strip().split("\n")[0])) else ("", text)


def infer_title(text: str) -> tuple[str, str]:
    """A short first line that is not a sentence is the title; returned as ``(title, rest)``."""
    text = re.sub(rf"^(?:{_RULE_LINE}\s*\n)+", "", text)  # a rule line is no title
    first, _, rest = text.partition("\n")
    candidate = first.lstrip("#").strip()
    if 2 <= len(candidate) <= 60 and not re.search(r"[。！？；][”’」』]?$|[：:][“「]", candidate):  # (not a quoted question)
        # a body's name on a line of its own above the name of its paper (枫林镇石桥村股份经济合作社 / 集体经营性建设用地入市
        # 收益分配办法): the two lines are one title (round 73)
        second, _, after = rest.strip().partition("\n")
        second = second.lstrip("#").strip()
        if re.search(r"(?:合作社|委员会|人民政府|办事处|联合会|协会|理事会|议事会)$", candidate) and len(second) <= 40 \
                and (_OFFICIAL_TITLE.match(second) or re.search(r"(?:章程|公约|制度|规则|规程)$", second)) \
                and not second.startswith("关于"):
            return candidate + second, after.strip()
        return candidate, rest.strip()
    return "", text


def clean_document(doc: Document) -> Document:
    number, text = official_head(clean_text(doc.text))
    # (a headline that also asks to be shared, 这一针今年免费打，赶紧转给家里人, is still the title: cleaning it away made
    # the greeting under it the title, 各位乡亲…; round 78)
    title = (clean_text(doc.title) or doc.title.strip()) if doc.title else ""
    if not title:
        title, text = infer_title(text)
    elif text.split("\n", 1)[0].lstrip("#").strip() == title:
        text = text.split("\n", 1)[1].strip() if "\n" in text else ""
    title = title or doc.source.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return replace(doc, title=f"{title}（{number}）" if number and number not in title else title, text=text)
