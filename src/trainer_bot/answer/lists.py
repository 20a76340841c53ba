"""Answer units and the lists they belong to: a unit that announces a list (按以下步骤处置：), the items after
it, a list no unit announces, and the units that carry on a procedure (第二…、然后…). A list or a procedure is
quoted whole, never cut after its first item nor ended on the colon that announces it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..models import Passage
from ..split import chunk_units

# a unit that announces the list after it (按以下步骤处置：, 议事按照下列程序进行：), and a unit that is one of its items
LEAD_IN = re.compile(r"(?:下列|以下|如下|这样|几个?|步骤|程序|流程|环节|要求|条件|材料)[^。；！？]{0,12}[：:]\s*$")
ITEM = re.compile(r"^(?:[-*•·]\s*|\d+[.、．)）]\s*|[（(][一二三四五六七八九十\d]+[)）]|[①-⑩]|第[一二三四五六七八九十]+步)|[；;]\s*$")
MAX_LISTED = 10  # items taken after a lead-in


@dataclass(frozen=True)
class Candidate:
    score: float
    rank: int
    position: int
    unit: str
    passage: Passage


def announces(units: Sequence[str], i: int) -> bool:
    """The unit announces the list after it: in so many words (按以下步骤处置：), or by a colon that list items
    follow (按照“三步走”处理： （一）…)."""
    return bool(LEAD_IN.search(units[i])) or (bool(re.search(r"[：:]\s*$", units[i])) and i + 1 < len(units)
                                                and bool(ITEM.search(units[i + 1])))


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


def colon_list(unit: str) -> bool:
    """Short items after a colon, separated by commas: 八个方面依次是：改进调查研究，精简会议活动，……"""
    head, colon, tail = unit.partition("：")
    items = [i for i in re.split(r"[，,]", tail.rstrip("。；")) if i.strip()]
    return bool(colon) and len(items) >= 3 and sum(map(len, items)) / len(items) <= 10


def continuation(best: Candidate, cands: Sequence[Candidate], room: int) -> list[Candidate]:
    """Units right after the best one that carry on its enumeration or procedure (第二…、其次…、然后…); when
    the best unit announces a list (按以下步骤处置：) or is an item of one, the announcement and every item."""
    same = {c.position: c for c in cands if c.passage.chunk.id == best.passage.chunk.id}
    units = chunk_units(best.passage.chunk.text)
    lead = lead_in(units, best.position)
    start, size = (lead, 1 + MAX_LISTED) if lead is not None else (None, MAX_LISTED)
    if start is None and in_list(units, best.position):  # a list no unit announces (under 二、主要职责)
        start = best.position
        while start > 0 and ITEM.search(units[start - 1]):
            start -= 1
    if start is not None:
        listed = []
        for i in range(start, min(len(units), start + size)):
            if i > start and not in_list(units, i):
                break
            if i != best.position:  # short items (（五）组织实施；) are no candidates of their own
                listed.append(same.get(i) or Candidate(best.score / 2, best.rank, i, units[i], best.passage))
        if len(listed) >= 2:
            return listed
    out: list[Candidate] = []
    opener = re.compile(r"^(?:[-*•]\s*)?(?:第[二三四五六七八九十]+|其次|再次|然后|之后|最后|[二三四五六七八九十]是|[（(]?[二三四五六七八九十][)）、])")
    position = best.position + 1
    while room > 0 and position in same and opener.search(same[position].unit):
        out.append(same[position])
        position += 1
        room -= 1
    return out
