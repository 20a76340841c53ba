"""Answer units and the lists they belong to: a unit that announces a list (按以下步骤处置：), the items after
it, a list no unit announces, and the units that carry on a procedure (第二…、然后…). A list or a procedure is
quoted whole, never cut after its first item nor ended on the colon that announces it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..models import Passage
from ..quiz.figures import cn_to_int
from ..question import QuestionInfo, asked_size, counted_list
from ..split import chunk_units, table_cells
from .ranking import UnitEvidence
from .tables import header_row

# a unit that announces the list after it (按以下步骤处置：, 议事按照下列程序进行：), and a unit that is one of its items
LEAD_IN = re.compile(r"(?:下列|以下|如下|下面|这样|几个?|步骤|程序|流程|环节|要求|条件|材料)[^。；！？]{0,12}[：:]\s*$")
# a lead-in that counts its list (每个场所至少要看这五样：, 主要抓三个方面：), not a clause number (第七条…：)
COUNTED_LEAD_IN = re.compile(r"(?<![第\d两二三四五六七八九十])[两二三四五六七八九十]{1,2}(?:个|项|条|样|件|类|种|步|点|组|方面)[^。；！？]{0,12}[：:]\s*$")
# (a table's row is an item of its table: 重度Ⅰ级（3级）｜12小时｜40元, | 重度Ⅰ级（3级） | 12小时 | 40元 |)
ITEM = re.compile(r"^(?:[-*•·]\s*|\d+[.、．)）]\s*|[（(][一二三四五六七八九十\d]+[)）]|[①-⑩]|第[一二三四五六七八九十]+步)|[；;]\s*$|"
                  r"｜|^\s*\|.*\|\s*$")
MAX_LISTED = 10  # items taken after a lead-in
# a unit that carries on the one before it: the next step or point (第二…、其次…、然后…、二是…、（二）…)
CARRIES_ON = re.compile(r"^(?:[-*•]\s*)?(?:第[二三四五六七八九十]+|其次|再次|然后|之后|最后|[二三四五六七八九十]是|[（(]?[二三四五六七八九十][)）、])")
ENUMERATION = re.compile(r"[、；;]|第[一二三四五六七八九十]+[，、是]|[一二三四五六七八九十]是|首先|其次|再次|最后|[①②③④⑤⑥]")
ASKS_PROCEDURE = re.compile(r"程序|流程|步骤|手续|环节|怎么办理|如何办理|怎么走|怎样开展|如何开展")
INLINE_STEPS = re.compile(r"(?:顺序|步骤|程序|流程|环节)[^：:。]{0,8}[：:]")
HOW_HEADING = re.compile(r"怎么|如何|怎样|程序|步骤|流程|办法|方法|做法|环节")
STEPS_HEADING = re.compile(HOW_HEADING.pattern + r"|[一二三四五六七八九十两]步")  # and 五步走, 三步法
# a section of the papers to bring (四、需要携带的材料)
PAPERS_SECTION = re.compile(r"材料|证件|资料|要件|携带")
# a section or lead-in setting out what it takes (三、报名条件, 同时符合下列条件的残疾人可以申请：)
CONDITIONS_SECTION = re.compile(r"条件|资格")
# a lead-in announcing rules, duties or conditions rather than steps
RULE_LIST = re.compile(r"(?:规定|行为|条件|纪律|情形|不得|禁止|职责|义务|权利)[^。；！？]{0,6}[：:]\s*$")


@dataclass(frozen=True)
class Candidate:
    score: float
    rank: int
    position: int
    unit: str
    passage: Passage
    evidence: UnitEvidence | None = None  # what the score is made of (None for a unit reached only by position)


def same_passage(cand: Candidate, cands: Sequence[Candidate]) -> dict[int, Candidate]:
    """The candidates of ``cand``'s passage, by position."""
    return {c.position: c for c in cands if c.passage.chunk.id == cand.passage.chunk.id}


def unit_at(cand: Candidate, same: dict[int, Candidate], units: Sequence[str], position: int) -> Candidate:
    """Another unit of ``cand``'s passage as a candidate: as scored if it is one, else at half ``cand``'s score (a short
    item or a later sentence is no candidate of its own)."""
    return same.get(position) or Candidate(cand.score / 2, cand.rank, position, units[position], cand.passage)


def announces(units: Sequence[str], i: int) -> bool:
    """The unit announces the list after it: in so many words (按以下步骤处置：), by its size (人口变动有四类：), or by
    a colon that list items follow (按照“三步走”处理： （一）…; 下面五种情况：\n货厢载人：…)."""
    if LEAD_IN.search(units[i]) or COUNTED_LEAD_IN.search(units[i]):
        return True
    return bool(re.search(r"[：:]\s*$", units[i])) and i + 1 < len(units) and (
        bool(ITEM.search(units[i + 1])) or i_labelled(units, i + 1))


def in_list(units: Sequence[str], i: int) -> bool:
    """The unit is an item of a list: it looks like one, or it follows an item that ends in ； (the last item of a
    list ends in 。, and a Markdown list's numbers are gone from the text)."""
    return bool(ITEM.search(units[i])) or (i > 0 and bool(re.search(r"[；;]\s*$", units[i - 1])))


def lead_in(units: Sequence[str], position: int) -> int | None:
    """The unit that announces the list the unit at ``position`` opens or belongs to (按以下步骤处置：), if any:
    itself, or one at most ``MAX_LISTED`` units before it with nothing but list items between."""
    if announces(units, position):
        return position
    if not in_list(units, position):  # (the last item of a list ends in 。)
        return None
    for i in range(position - 1, max(-1, position - MAX_LISTED), -1):
        if announces(units, i):
            return i
        if not ITEM.search(units[i]):
            return None
    return None


_LABELLED_ITEM = re.compile(r"^[\u4e00-\u9fff“”]{2,8}[：:]\s*\S")


def i_labelled(units: Sequence[str], i: int) -> bool:
    """The unit is an item named by a short label (货厢载人：车斗是拉货的…)."""
    return 0 <= i < len(units) and bool(_LABELLED_ITEM.match(units[i]))


def on_line_of(units: Sequence[str], i: int, text: str) -> bool:
    """The unit carries on the line of the unit before it (an item's second sentence)."""
    return i > 0 and re.search(re.escape(units[i - 1]) + r"[ \t]*" + re.escape(units[i]), text) is not None


def is_label(units: Sequence[str], i: int, text: str) -> bool:
    """The unit is a short label that the next unit on its line explains (**不要用嘴吸。** 吸不出多少毒液…, （二）排水设施。
    每个集水井…): no answer unit of its own, said with the unit it heads."""
    unit = units[i]
    return (len(re.sub(r"\W", "", unit)) < 8 and unit.endswith("。") and not re.search(r"[，,：:；;]", unit)
            and i + 1 < len(units) and on_line_of(units, i + 1, text))


def label_before(units: Sequence[str], i: int, text: str) -> str:
    """The label that heads the unit at ``i`` on its line, or ""."""
    return units[i - 1] if i > 0 and is_label(units, i - 1, text) else ""


def colon_list(unit: str) -> bool:
    """Short items after a colon, separated by commas: 八个方面依次是：改进调查研究，精简会议活动，……"""
    head, colon, tail = unit.partition("：")
    items = [i for i in re.split(r"[，,]", tail.rstrip("。；")) if i.strip()]
    return bool(colon) and len(items) >= 3 and sum(map(len, items)) / len(items) <= 10


def continuation(best: Candidate, cands: Sequence[Candidate], room: int, whole_table: bool = False) -> list[Candidate]:
    """Units right after the best one that carry on its enumeration or procedure (第二…、其次…、然后…); when
    the best unit announces a list (按以下步骤处置：) or is an item of one, the announcement and every item. A table's
    row brings the other rows only when the table is what was asked for (``whole_table``): 楼道里充电算啥问题 is
    answered by the row on wiring, not by every row of the checklist."""
    same = same_passage(best, cands)
    units = chunk_units(best.passage.chunk.text)
    lead = lead_in(units, best.position)
    if lead is not None and lead != best.position and table_cells(best.unit) and not whole_table:
        lead = None
    start, size = (lead, 1 + MAX_LISTED) if lead is not None else (None, MAX_LISTED)
    if start is None and in_list(units, best.position) and (whole_table or not table_cells(best.unit)):
        start = best.position
        while start > 0 and ITEM.search(units[start - 1]):
            start -= 1
    if start is not None:
        listed = []
        text = best.passage.chunk.text
        labelled = lead is not None and i_labelled(units, lead + 1)  # 下面五种情况：\n货厢载人：…\n无牌无证：…
        for i in range(start, min(len(units), start + size)):
            if i > start and not in_list(units, i) and not (label_before(units, i, text) and in_list(units, i - 1)) \
                    and not (labelled and (i_labelled(units, i) or on_line_of(units, i, text))):
                break
            if is_label(units, i, text):
                continue  # (said with the unit it heads: （二）排水设施。每个集水井…)
            if i != best.position and not header_row(units[i], text):
                listed.append(unit_at(best, same, units, i))  # short items (（五）组织实施；) are no candidates of their own
        if len(listed) >= 2:
            return listed
    if lead is not None:
        lined = line_items(best, cands, units, lead)
        if lined:
            return lined
    out: list[Candidate] = []
    position = best.position + 1
    while room > 0 and position in same and CARRIES_ON.search(same[position].unit):
        out.append(same[position])
        position += 1
        room -= 1
    return out


def line_items(best: Candidate, cands: Sequence[Candidate], units: Sequence[str], lead: int) -> list[Candidate]:
    """The items of a list whose lines carry no bullet or number (老板要做到这几步：\n立即拨打120…\n保留剩余酒样…): the
    lines after a lead-in that ends its line, as many as it counts (有四类：) or up to the paragraph's end, each with
    the sentences that carry on its line. [] when the lead-in is no line's end or fewer than two lines follow."""
    text = best.passage.chunk.text
    if not re.search(re.escape(units[lead]) + r"[ \t]*\n", text):
        return []
    counted = COUNTED_LEAD_IN.search(units[lead])
    numeral = re.match(r"[两二三四五六七八九十]+", counted.group()) if counted else None
    limit = cn_to_int(numeral.group()) if numeral else None
    same = same_passage(best, cands)
    out = [unit_at(best, same, units, lead)] if lead != best.position else []
    lines = 0
    for i in range(lead + 1, min(len(units), lead + 1 + 2 * MAX_LISTED)):
        if not on_line_of(units, i, text):
            if re.search(re.escape(units[i - 1]) + r"[ \t]*\n[ \t]*\n", text) or lines == (limit or MAX_LISTED):
                break  # (a paragraph's end, or the counted items all said)
            lines += 1
        out.append(unit_at(best, same, units, i))
    return out if lines >= 2 and (limit is None or lines == limit) else []


def carried_over(cand: Candidate, cands: Sequence[Candidate]) -> list[Candidate] | None:
    """For a unit that ends its passage on a colon (二选一：), the items that open the document's next passage (a
    table's rows, a list), as the candidates hold them; [] when that passage is not among them; None when the unit
    is not such a lead-in."""
    units = chunk_units(cand.passage.chunk.text)
    if not re.search(r"[：:]\s*$", cand.unit) or cand.position != len(units) - 1:
        return None
    chunk = cand.passage.chunk
    after = [c for c in cands if c.passage.chunk.source == chunk.source and c.passage.chunk.index == chunk.index + 1]
    if not after:
        return []
    following = chunk_units(after[0].passage.chunk.text)
    same = same_passage(after[0], cands)
    out = []
    for i, unit in enumerate(following[:MAX_LISTED]):
        if not ITEM.search(unit):
            break
        if not header_row(unit, after[0].passage.chunk.text):
            out.append(unit_at(after[0], same, following, i))
    return out


def spells_out_procedure(info: QuestionInfo) -> bool:
    """A how-to, or a list asked for as steps (前面要先后过哪几道程序): a procedure the answer names (走“四议两公开”程序)
    is spelled out too, and retrieved for that."""
    return info.kind == "howto" or (info.kind == "list" and bool(ASKS_PROCEDURE.search(info.text)))


def names_list(units: Sequence[str], position: int, heading: str, section: re.Pattern[str]) -> bool:
    """The unit belongs to a list that its section's heading or its lead-in names (四、需要携带的材料, 需要带的材料：)."""
    opening = lead_in(units, position)
    return bool(section.search(heading) or (opening is not None and section.search(units[opening])))


def opening_unit(cands: Sequence[Candidate], info: QuestionInfo) -> Candidate:
    """The unit that opens the answer. For steps or a list asked for, a listed unit nearly as good as the best
    one opens it when the best lists nothing (no enumeration, no item of a list): the list then comes whole."""
    best = cands[0]
    if info.kind not in ("list", "howto"):
        return best
    def listed(cand: Candidate) -> bool:
        units = chunk_units(cand.passage.chunk.text)
        opening = lead_in(units, cand.position)
        # (for a how-to, not a list of rules, duties or conditions: 联户党员不得有下列行为：)
        if opening is not None and info.kind == "howto" and RULE_LIST.search(units[opening]):
            return False
        return opening is not None or in_list(units, cand.position)

    # (a list of the best unit's document or of the best-retrieved one: a third document's list is about another
    # deed or thing)
    own = {best.passage.chunk.source, *(c.passage.chunk.source for c in cands if c.rank == 0)}
    size = asked_size(info.text) if info.kind == "list" else ""
    if size:  # 按哪几步走: the list its section or its own words count in steps (四、村社推进五步法), not one of 四类
        counted = counted_list(size)

        def counts(c: Candidate) -> bool:
            section = c.passage.chunk.heading
            return bool(counted.search(c.unit) or (counted.search(section) and listed(c)))
        sized = [c for c in cands[:8] if c.score >= 0.6 * best.score and c.passage.chunk.source in own and counts(c)]
        if sized:
            return sized[0]
    # 得带些啥？ ← the list under 四、需要携带的材料 or 需要带的材料：, not a sentence naming who may apply; 得够啥条件？ ←
    # the list under 三、报名条件 or 同时符合下列条件的…：, not the sentence on where to sign up
    for wanted, section in ((info.materials, PAPERS_SECTION), (info.conditions, CONDITIONS_SECTION)):
        if wanted:
            named = [c for c in cands[:10] if c.score >= 0.6 * best.score and c.passage.chunk.source in own and listed(c)
                     and names_list(chunk_units(c.passage.chunk.text), c.position, c.passage.chunk.heading, section)]
            if named:
                return named[0]
    enumerates = len(ENUMERATION.findall(best.unit)) >= 2
    if listed(best) or (enumerates and INLINE_STEPS.search(best.unit)):  # 按以下顺序进行：申请、讨论、公示……
        return best
    near = [c for c in cands[1:8] if c.score >= 0.75 * best.score and listed(c) and c.passage.chunk.source in own]
    # steps asked for (要经过哪些程序？): a list under a heading that names a procedure (六、走访工作流程,
    # 二、排查“五步走”) first, before a sentence that only enumerates things (a definition's 地基沉降、墙体开裂…)
    steps = [c for c in near if ASKS_PROCEDURE.search(info.text)
             and STEPS_HEADING.search(" ".join(c.passage.chunk.heading_path[1:] or c.passage.chunk.heading_path))]
    if info.kind == "list" and (enumerates or colon_list(best.unit)) and not steps:
        return best
    return (steps or near or [best])[0]


# a section numbered as a step (## 第二步：宣传发动（3月至6月）, ## 步骤三 …)
STEP_SECTION = re.compile(r"^(?:第([一二三四五六七八九十]+|[0-9]{1,2})步|步骤([一二三四五六七八九十]+|[0-9]{1,2}))")
_ORDINAL = {c: i for i, c in enumerate("一二三四五六七八九十", 1)}


def _ordinal(text: str) -> int:
    return int(text) if text.isdigit() else _ORDINAL.get(text, 0)


def step_sections(passages: Sequence[Passage]) -> list[tuple[str, Passage]]:
    """The steps of a procedure whose sections are its steps (## 第一步：摸底建册 … ## 第四步：协助体检政考), in order,
    each with the passage that opens it: one document's, three or more, from the first step on; else []."""
    if not passages:
        return []
    source = passages[0].chunk.source
    steps: dict[int, tuple[str, Passage]] = {}
    for passage in passages:
        heading = passage.chunk.heading
        m = STEP_SECTION.match(heading)
        if m and passage.chunk.source == source and passage.role != "example":
            n = _ordinal(m.group(1) or m.group(2))
            if n and (n not in steps or passage.chunk.index < steps[n][1].chunk.index):
                steps[n] = (heading, passage)
    ordered = sorted(steps)
    return [steps[n] for n in ordered] if len(ordered) >= 3 and ordered == list(range(1, len(ordered) + 1)) else []


# the handling of the situation the unit before describes (黄色（一般隐患）：胶管老化…。处置：住户7日内整改…)
_HANDLING = re.compile(r"^(?:处置|处置办法|处置措施|处理|处理办法|处理方式|应对|应对措施|措施)[：:]")


def situation_and_handling(cand: Candidate, cands: Sequence[Candidate]) -> list[Candidate]:
    """A situation is quoted with its handling, and a handling with its situation: the unit after one that
    describes a case when it opens 处置：, or the unit before a 处置： unit."""
    units = chunk_units(cand.passage.chunk.text)
    if _HANDLING.match(cand.unit.strip()):
        other = cand.position - 1
    elif cand.position + 1 < len(units) and _HANDLING.match(units[cand.position + 1].strip()):
        other = cand.position + 1
    else:
        return []
    if other < 0:
        return []
    return [unit_at(cand, same_passage(cand, cands), units, other)]
