"""Material roles when quoting: misconceptions never stated as true, dangling references resolved.

A 常见误区 section pairs a misconception with its correction (「误区：……。纠正：……。」):
only the correction may be quoted, and it is shown with the misconception named as such
(「误区：……；正确的理解是：……」), never as a bare 「纠正：……」. A unit that opens with a
dangling reference (这一工作法、该制度、上述……) gets its subject from the document title.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..models import Passage
from ..roles import FIX, MISTAKE, strip_bullet
from ..split import chunk_units
from .lists import Candidate, label_before, same_passage, unit_at
from .tables import render_row

EXAMPLE, MISCONCEPTION, STATEMENT = "example", "misconception", "statement"
# the engine's own words around a quoted misconception and an invented example (not the material's)
_MISTAKE_FRAME, _FIX_FRAME, _EXAMPLE_FRAME = "常见误区是认为“", "”，正确的理解是：", "（材料中的示例，情节为虚构）"
FRAMES = (_MISTAKE_FRAME, _FIX_FRAME, _EXAMPLE_FRAME)
_WANTS_EXAMPLE = re.compile(r"案例|例子|举例|示例")
_DANGLING = re.compile(
    r"^(?:(这一|这项|这种|这个|这套|这些)|(该|此|上述))"
    r"(工作法|制度|机制|做法|办法|法律|法规|条例|规定|改革|经验|模式|组织|机构|平台|工作|方法|理念|意见|决定)"
)


def wants_example(question: str) -> bool:
    """The asker asks for an example (举个例子), so an invented case may be shown, labelled as such."""
    return bool(_WANTS_EXAMPLE.search(question))


def correction_of(unit: str, units: Sequence[str], position: int, chunk_text: str) -> str | None:
    """For a correction unit of a 误区 section, the misconception it corrects ("" if unnamed, or if the unit is a
    later sentence of the correction on the correction's own line, which ``chunk_text`` tells); else None."""
    text = strip_bullet(unit)
    if not FIX.match(text):
        # a later sentence of a correction (纠正：时间很短。住在二层以上的，应就近躲避…): part of it, quoted as a
        # statement; any other line of the section is not (a misconception, however it is marked)
        start = next((i for i in range(position - 1, -1, -1) if FIX.match(strip_bullet(units[i]))), None)
        if start is None or MISTAKE.match(text):
            return None
        opens = chunk_text.find(units[start])
        ends = chunk_text.find("\n", opens)
        line = chunk_text[opens:] if ends < 0 else chunk_text[opens:ends]
        if opens >= 0 and all(u in line for u in units[start + 1:position + 1]):
            return ""
        # the items a correction announces (正解：……按“告知—自清—协助清理—复绿”四步走： then a line per step)
        return "" if re.search(r"[：:]\s*$", line) and not any(
            MISTAKE.match(strip_bullet(u)) for u in units[start + 1:position + 1]) else None
    if position > 0:
        previous = strip_bullet(units[position - 1])
        if MISTAKE.match(previous):
            return MISTAKE.sub("", previous).rstrip("。；; ")
    return ""


def whole_correction(cand: Candidate, cands: Sequence[Candidate]) -> list[Candidate]:
    """The other sentences of the correction a chosen unit is part of (纠正：时间很短。住在二层以上的，应就近躲避…):
    a correction is quoted whole, as a list is."""
    if cand.passage.role != MISCONCEPTION:
        return []
    text = cand.passage.chunk.text
    units = chunk_units(text)
    if correction_of(cand.unit, units, cand.position, text) is None:
        return []
    start = cand.position
    while start > 0 and not FIX.match(strip_bullet(units[start])):
        start -= 1
    same = same_passage(cand, cands)
    out = []
    for i in range(start, len(units)):
        if i > start and (FIX.match(strip_bullet(units[i])) or correction_of(units[i], units, i, text) != ""):
            break
        if i != cand.position:
            out.append(unit_at(cand, same, units, i))
    return out


def subject_of(passage: Passage) -> str:
    """What the document is about, for a sentence that refers to it as 这一工作法 / 该制度."""
    title = passage.chunk.title.strip()
    # a named institution in the title (村级水井管护：井长制工作指引 → 井长制), else the title's head
    named = re.search(r"[\u4e00-\u9fff]{1,6}(?:制|工作法|经验|机制|模式)(?![度定])", title)
    if named:
        return named.group()
    head = re.split(r"[：:——（(，,]", title, maxsplit=1)[0].strip("《》“”\" ")
    return head if 2 <= len(head) <= 14 else ""


def render_unit(unit: str, passage: Passage) -> str:
    """The unit as it is shown in an answer (bullet removed, role respected, subject restored)."""
    text = strip_bullet(unit)
    if passage.role == MISCONCEPTION:
        units = chunk_units(passage.chunk.text)
        position = units.index(unit) if unit in units else -1
        mistake = correction_of(unit, units, position, passage.chunk.text) if position >= 0 else None
        fix = FIX.sub("", text)
        if mistake:
            return f"{_MISTAKE_FRAME}{mistake}{_FIX_FRAME}{fix}"
        return fix
    if passage.role == EXAMPLE:
        return f"{_EXAMPLE_FRAME}{text}"
    row = render_row(unit, passage.chunk.text)
    if row:
        return row  # 重度Ⅰ级（3级）——居家上门护理（每月服务时长）：12小时；…: a row with its columns named
    units = chunk_units(passage.chunk.text)
    label = label_before(units, units.index(unit), passage.chunk.text) if unit in units else ""
    if label:
        # **不要用嘴吸。** 吸不出多少毒液… → 不要用嘴吸：吸不出多少毒液…: one sentence, said with the label it explains
        return f"{strip_bullet(label).rstrip('。！!')}：{text}"
    match = _DANGLING.match(text)
    subject = subject_of(passage)
    if match and subject and subject not in text:
        if match.group(1):  # 这一工作法… → 四议两公开这一工作法…
            return f"{subject}{text}"
        return f"{subject}{text[match.end():]}" if match.group(3) in ("工作法", "制度", "机制", "做法", "模式", "经验") \
            else f"{subject}{text}"
    return text


def prompt_text(passage: Passage, wants_example: bool = False) -> str | None:
    """A passage as an LLM may see it: invented cases left out (unless the asker wants an example),
    a 误区 section reduced to its corrections with the misconceptions named as such."""
    if passage.role == EXAMPLE:
        return f"（以下为材料中的示例，情节为虚构，不能当作事实）{passage.chunk.text}" if wants_example else None
    if passage.role == MISCONCEPTION:
        units = chunk_units(passage.chunk.text)
        lines = [render_unit(u, passage) for i, u in enumerate(units)
                 if correction_of(u, units, i, passage.chunk.text) is not None]
        return "\n".join(lines) or None
    return passage.chunk.text
