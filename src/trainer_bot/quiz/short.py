"""简答 items: a question a person would ask, built from a section's heading; numbered key points.

「一、谁来调解」 in 《人民调解：村居调委会的依法调解》 → 「人民调解中，谁来调解？」; a noun heading
(「办理时限」) → 「信访工作条例中，办理时限有哪些规定？」. The reference answer is the section's
statements as numbered points, each verbatim, so every point can be checked against the quote.
"""

from __future__ import annotations

import re

from ..models import Chunk
from ..split import chunk_units
from .model import QuoteSource, ShortAnswerQuestion
from .pools import DEFINITION, noun_phrase, self_contained, where_in
from .statements import NUMBERING, _pos, section_of, statements_in_context
from .figures import cn_to_int
from .topics import ASKS, subject_of, topic_frame

_GENERIC = {"要点", "解读", "概述", "正文", "说明", "引言", "前言", "背景", "基本概念", "总则", "附则", "简介", "导语",
            "编写说明", "使用说明", "适用范围", "术语定义", "名词解释", "术语", "定义", "用语含义", "附则",
            # (round 63: 「…中，工作要求是什么？」 echoes a heading, a question nobody asks)
            "工作要求", "有关要求", "具体要求", "其他要求", "相关要求", "其他事项", "有关事项", "保障措施", "组织保障", "工作措施",
            "补充要求", "补充说明", "补充规定", "附加说明", "备注", "注意事项", "几点说明"}  # (round 98: 补充要求是什么？)
_SPEECH = re.compile(r"结束语|开场白|开场|结语|小结|顺带|讲一句|说一句|说两句|几句话|几句悄悄话|悄悄话|心里话|碎碎念|写在最后|"
                     r"最后说|唠叨|题外话|温馨提示|小贴士|附件|附录|参考资料|"
                     r"咨询电话|联系电话|联系方式|咨询方式|服务热线|"  # (a phone number is nothing to learn)
                     r"划重点|敲黑板|重点来了|小编")  # (小编划重点: an article's recap, no matter to ask about; round 93)
_COUNTED = re.compile(r"^([一二三四五六七八九十两])(?:个|条|项|类|种|大)?[\u4e00-\u9fff]")  # 三严禁、四落实、两个概念
_FORBIDS = re.compile(r"不得|禁止|严禁|不准|不允许")
_CONSEQUENCE = re.compile(r"责令|处罚|罚款|追究|取消|扣发|扣减|通报|约谈|解聘|不予|停止|撤销|移交|依法处理")
_POINTS_MAX = 5  # a section of more points is not one answer a learner writes, and a cut list is a wrong answer
_ITEM_LINE = re.compile(r"\s*(?:[（(][一二三四五六七八九十\d]{1,2}[)）]|\d{1,2}[.．、](?!\d))")  # a numbered item's line


_FACET_DEFINED = re.compile(r"^(?:基本)?(?:定义|概念|含义|内涵)$")
_FACET_LISTED = re.compile(r"(?:对象|范围|条件|情形|标准|材料|职责|分工)$")


def _facets(parts: tuple[str, ...], subject: str, defined: str) -> str | None:
    """A heading that pairs two stock facets (定义和审计对象, 基本概念和适用条件) asked as what a person would ask:
    「什么是离任审计？审计对象有哪些？」 (the term the section defines first, else the document's subject)."""
    term = defined or subject
    asked = []
    for part in parts:
        if _FACET_DEFINED.match(part) and term:
            asked.append(f"什么是{term}")
        elif _FACET_LISTED.search(part) and term:
            asked.append(f"{part}有哪些" if asked else f"{term}的{part}有哪些")
        else:
            return None
    return "？".join(asked) + "？"


def question_from_heading(heading: str, subject: str, defined: str = "") -> str | None:
    h = NUMBERING.sub("", heading).strip()
    step = re.match(r"^(?:第[一二三四五六七八九十\d]+步|步骤[一二三四五六七八九十\d]+)[：:、\s]*(.{2,16}(?:[（(][^）)]*[）)])?)$", h)
    if step:  # 第一步：接待登记 → 接待登记要做哪些工作？ (not 对第一步有哪些规定)
        what = re.sub(r"[（(][^）)]*[）)]$", "", step.group(1)).rstrip("？?。")
        return f"{topic_frame(subject) if subject else ''}“{what}”这一步要做哪些工作？" if len(what) >= 2 else None
    if "：" in h:  # 林长制：山有人管、林有人护 → 林长制
        h = h.split("：", 1)[0]
    h = h.rstrip("？?。")
    # 先弄清楚什么是“路长制”; 最后讲讲纪律 (round 84: 「…对最后讲讲纪律有哪些规定？」)
    h = re.sub(r"^(?:先|首先|再|最后|其次|下面|接下来|还要)?(?:弄清楚|搞清楚|弄明白|搞明白|说说|讲讲|聊聊|看看|谈谈|强调一下)"
               r"(?=.{4}|[\u4e00-\u9fff]{2}$)", "", h)
    if re.search(r"这次|此次|这回|今年|去年", h):
        return None  # 县里这次要查什么: which time? A talk's or an article's own occasion (round 84)
    h = re.sub(r"^(.{2,12}?)(?:到底|究竟)?是(?:个|些)?(?:啥|什么)(?:东西|意思)?$", r"什么是\1", h)  # 积分超市到底是个啥
    if len(h) < 2:
        return None
    if re.match(r"^(?:什么是|什么叫|何为)", h):
        subject = ""  # 什么叫楼道充电？ names its own matter
    named = bool(subject)  # the question can say what it is about
    for head in ("条例", "法律", "制度", "经验", "机制", "工作法"):
        if h.startswith(head) and subject.endswith(head):  # 条例的定位 in 《信访工作条例》 → 信访工作条例的定位
            h, subject = subject + h[len(head):], ""
            break
    if not subject or subject in h:
        context = ""
    elif re.match(r"^(?:完善|树立|打造|推进|加强|健全|建设|创新|坚持|构建|推动|提升)", subject):
        context = f"在{subject}方面，"  # 路径二：完善社会治理体制机制 is a task, not a thing with parts
    else:
        context = topic_frame(subject)
    if h in _GENERIC or (subject and h.startswith(subject) and len(h) <= len(subject) + 10):
        return None  # a 要点 list summarises the whole document (its facts are the other items'); the title is no section
    if re.match(r"^(?:其他|其余|另外|还有|此外|再)", h):
        return None  # 其他几个风险也要盯住: other than what? The heading leans on the ones before it
    if _SPEECH.search(h) or "，" in h or re.search(r"要[\u4e00-\u9fff]{1,4}起来", h):
        return None  # 结束语、纪律上要严起来，守住廉洁底线: the shape of a talk, not a topic a learner is asked about
    if not named and not re.match(r"^(?:什么是|什么叫|何为)", h):
        return None  # 走访对象有哪些要点？ whose visits? 为什么要反复讲？ repeat what?
    if h.startswith("几"):  # 几条硬规矩 asks for the rules, not for how many there are
        return f"{context}有哪{h}？"
    if h.startswith(("从", "为什么", "为何")) and subject and subject not in h:
        return f"{subject}{h}？" if ASKS.search(h) else f"{subject}是怎样{h}的？"  # 枫桥经验从哪里来？
    if ASKS.search(h):
        return f"{context}{h}？"
    if "是" in h[1:-1] and len(h) >= 6 and not re.match(r"先|要|请|务必|一定|必须|分清|弄清|搞清|看清", h):
        # 群众路线是根本工作方法 → 为什么说群众路线是根本工作方法？ (not 先分清是不是特种设备, an instruction)
        return f"为什么说{h}？"
    if h.endswith(("时限", "期限")):
        return f"{context}{h}是怎样规定的？"
    if h.endswith(("原则", "底线", "要求", "职责", "角色", "定位", "关系", "意义", "含义", "方针")):
        return f"{context}{h}是什么？"
    if re.search(r"(?:制|机制|制度|程序|流程|联动|闭环)$", h):
        return f"{context}{h}是怎样运作的？"
    pair = re.fullmatch(r"(.{2,8})(?:和|与|及)(.{2,8})", h)
    faceted = _facets(pair.groups(), subject, defined) if pair else None
    if faceted:
        return faceted
    if pair and all(noun_phrase(part, {}) for part in pair.groups()):  # 业主委员会和物业 → 关于业主委员会和物业，有哪些规定？
        return f"{context}关于{pair.group(1)}和{pair.group(2)}有哪些规定？" if context \
            else f"关于{pair.group(1)}和{pair.group(2)}，有哪些规定？"
    if not named or not noun_phrase(h, {}):
        return None  # 先把概念弄清楚: a talk's step, not a matter a rule covers
    return f"{subject}对{h}有哪些规定？"  # 小微权力清单运行对补贴标准有哪些规定？


def _says_something(text: str) -> bool:
    """A point says something: it has a verb or a figure."""
    return bool(re.search(r"\d", text)) or any(tag.startswith("v") for _, tag in _pos(text))


_ATTACHMENT = re.compile(r"\.(?:pdf|docx?|xlsx?|wps|zip|rar)$|^[^，。；：:]{4,40}(?:表|申请书|承诺书|告知书|名单)$|"
                         r"^附(?:件|表)?[\d一二三四五六七八九十]*[：:]")  # (附：物管会组建备案表（到…领取）, round 59)


def _numbered(text: str, where: str) -> bool:
    """``text`` is an item of a numbered list in ``where`` (（二）…, 2. …, ②…)."""
    return bool(re.search(r"(?:[（(][一二三四五六七八九十\d]+[)）]|(?<![\d.])\d+[.．、]|[①-⑳])\s*" + re.escape(text[:6]), where))


_QA_LABEL = r"答|问|答复|回答|解答|提问"  # a Q&A's 答：, no label of a point


def _line_label(text: str, where: str) -> str:
    """The short label that opens ``text``'s line (胶靴：), when the statement left it off, or ""."""
    m = re.search(r"(?:^|\n)\s*([\u4e00-\u9fff]{1,6}[：:])\s*" + re.escape(text[:8]), where)
    return m.group(1) if m and not re.fullmatch(rf"(?:{_QA_LABEL})[：:]", m.group(1)) else ""  # (a Q&A's 答：)


def _labelled(text: str, where: str) -> bool:
    """``text`` follows a label of its own in ``where`` (承办单位：松岚县象棋协会), wherever on its line."""
    m = re.search(r"([\u4e00-\u9fff]{2,6})[：:]\s*" + re.escape(text[:6]), where)
    return m is not None and not re.fullmatch(rf"{_QA_LABEL}|正解|纠正|误区", m.group(1))


def _semicolon_item(text: str, where: str) -> bool:
    """``text`` is an item of a list whose items end in ；, on a line of its own (after its label, if any): one that
    ends in ；, or the last, after a line that does."""
    label, said = r"\s*(?:[\u4e00-\u9fff]{1,6}[：:])?\s*", re.escape(text)
    return len(text) >= 4 and re.search(rf"(?:^|\n){label}{said}[；;]|[；;]\s*\n{label}{said}", where) is not None


def short_answer(chunk: Chunk) -> ShortAnswerQuestion | None:
    if chunk.role != "statement" or not chunk.heading_path:
        return None
    heading = section_of(chunk)
    opening = chunk.text.lstrip()
    if re.match(r"(?:[2-9]|[1-9]\d)[.．、]|[（(][二三四五六七八九十][)）]|第[二三四五六七八九十]步", opening) or re.search(
            r"\A[^\n]*[|｜][^\n]*\n(?:[|｜\s:：-]+\n)?\s*[|｜]?\s*(?:[2-9]|[1-9]\d)\s*[|｜]", opening):
        # the rest of a list, or of a table (its header repeated, then row 4), whose first items are in the chunk
        # before: the points would be cut
        return None
    # (a bare name, 县城南生态陵园骨灰撒散园, a table's cell cut from its row, states no point)
    stated = list(statements_in_context(chunk))
    # (an attachment's file or form name, 实施方案.pdf、申报表, is where the answer is, not a point of it)
    # (an item of a list cut at ；, 监督抽检不合格的；, is a point however short: round 83's key left it out)
    itemised = [_semicolon_item(s.text, chunk.text) for s in stated]
    said = [s for s, item in zip(stated, itemised) if (item or (len(s.text) >= 10 and _says_something(s.text)))
            and not _ATTACHMENT.search(s.text)]
    if any(s not in said and (s.cell or item or _numbered(s.text, chunk.text) or _labelled(s.text, chunk.text))
           for s, item in zip(stated, itemised)):
        # （二）车辆还能正常移动 too short, a row without a verb, 承办单位：松岚县象棋协会 after 主办单位：…: the reference would
        # leave out an item (round 96)
        return None

    # (a table row keeps its item: 村医：首次入户…; and a line its label: 胶靴：下水、清淤时必须穿着, not 「下水、清淤时必须穿着」)
    points = [s.lead + s.text if s.cell else _line_label(s.text, chunk.text) + s.text for s in said]
    numbered = [line for line in chunk.text.splitlines() if _ITEM_LINE.match(line)]
    if any(not any(s.text[:12] in line for s in said) for line in numbered):
        return None  # （一）电话举报：拨打…, no statement (a phone number): the key would leave out a way to report (round 96)
    if any(re.search(r"[|｜]", p) for p in points):
        return None  # | 乡镇农机站核查 |  |  |  |: a form's row left to fill in, no point (round 61)
    if not heading or not 2 <= len(points) <= _POINTS_MAX:
        return None
    # 不得有下列行为：… — items under a forbidding lead-in are things not to do; the reference keeps the lead-in
    # (a point list without it reads as duties)
    forbidding = next((s.lead for s in said if s.lead and not s.heading and _FORBIDS.search(s.lead)), "")
    # (and so do items under a lead-in that says what follows from them: 经营者有以下情形之一的，…责令停止经营：)
    units = chunk_units(chunk.text)
    at = next((i for i, u in enumerate(units) if points[0] in u), 0)
    if not forbidding and at and re.search(r"[：:]$", units[at - 1]) and _CONSEQUENCE.search(units[at - 1]):
        forbidding = units[at - 1].strip()
    defines = DEFINITION.match(points[0])
    stem = question_from_heading(heading, subject_of(chunk.title), defines.group(1) if defines else "")
    if not stem:
        return None
    counted = _COUNTED.match(NUMBERING.sub("", heading))
    if counted and cn_to_int(counted.group(1)) != len(points):
        return None  # 「三严禁」 over a section of two points and a rule about charging: the key would not fit
    if not all(self_contained(p) for p in points[:1]):
        return None
    if re.search(r"时间安排|进度安排|时间节点|时间要求|步骤安排|阶段安排", heading) and not all(re.search(r"\d|[一二三四五六七八九十]月", p)
                                                                                for p in points):
        return None  # 对时间安排有哪些规定？ answered without each stage's dates (rounds 61, 63)
    if any(re.search(r"(?:见|如|详见)(?:下表|附表|附件)|下表所列|清单见", p) for p in points):
        return None  # 提交以下材料（材料清单见下表）: the point is in a table the reference cannot hold
    first, last = chunk.text.find(forbidding or points[0]), chunk.text.find(points[-1])
    if first < 0 or last < 0:
        return None
    quote = chunk.text[first: last + len(points[-1])]
    reference = (f"{forbidding}\n" if forbidding else "") + "\n".join(f"{i + 1}. {p}" for i, p in enumerate(points))
    return ShortAnswerQuestion(type="short_answer", stem=stem, answer=reference,
                    explanation=f"评分参考：答出以上 {len(points)} 点中的要点即可，每点以材料原句为准（依据{where_in(chunk)}）。",
                    source=QuoteSource(source=chunk.source, quote=quote))
