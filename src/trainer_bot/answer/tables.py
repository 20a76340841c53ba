"""Table rows in answers: a row is quoted with the names of its columns, a header row is never quoted alone.

Loaders write a table's row on one line, its cells apart (``重度Ⅰ级（3级）｜12小时｜40元`` from .docx and .html, a
Markdown row as ``| 重度Ⅰ级（3级） | 12小时 | 40元 |``). Quoted bare, a row does not say what its figures are; its
table's first row does. So ``重度Ⅰ级（3级）——居家上门护理（每月服务时长）：12小时；机构护理（每日限额）：40元``.
"""

from __future__ import annotations

import re

from ..split import is_header_row, table_cells as cells

# columns a reader needs no answer from: a row's number, a box to tick, a remark left blank
_IDLE_COLUMN = re.compile(r"^(?:序号|编号|核查结果|自查结果|检查结果|完成情况|备注|签字|签名|打勾)$")
_IDLE_CELL = re.compile(r"^(?:[□☐■√✓×\s]|是|否)*$|^[-—－\s]*$")
_RULE = re.compile(r"[\s|｜:：\-—]+")  # a Markdown table's |---|---| line


def _table_of(unit: str, text: str) -> tuple[list[str], int] | None:
    """The rows of the table the unit is a row of, and the unit's index among them."""
    if not cells(unit):
        return None  # (most units are no row: the answer engine asks of every unit it scores)
    lines = text.split("\n")
    at = next((i for i, line in enumerate(lines) if line.strip() == unit.strip()), None)
    if at is None or not cells(lines[at]):
        return None
    start = at
    while start > 0 and cells(lines[start - 1]):
        start -= 1
    end = at
    while end + 1 < len(lines) and cells(lines[end + 1]):
        end += 1
    rows = [lines[i] for i in range(start, end + 1) if not _RULE.fullmatch(lines[i])]
    index = next((i for i, row in enumerate(rows) if row.strip() == unit.strip()), None)
    return (rows, index) if index is not None and len(rows) >= 2 else None


def header_row(unit: str, text: str) -> bool:
    """Whether the unit is the header of a table in ``text`` (失能等级｜居家上门护理（每月服务时长）｜机构护理), or a
    Markdown table's |---|---| rule: it says what the columns are, and answers nothing itself."""
    if _RULE.fullmatch(unit):
        return True
    found = _table_of(unit, text)
    return found is not None and found[1] == 0 and is_header_row(found[0][0])


def render_row(unit: str, text: str) -> str | None:
    """The row with its columns named, or None when the unit is no row of a table with a header."""
    found = _table_of(unit, text)
    if found is None or found[1] == 0:
        return None
    rows, _ = found
    names, row = cells(rows[0]), cells(unit)
    if not is_header_row(rows[0]) or len(names) != len(row):
        return None
    pairs = [(n, c) for n, c in zip(names, row) if not _IDLE_COLUMN.match(n) and not _IDLE_CELL.match(c)]
    if len(pairs) < 2:
        return None
    (_, first), rest = pairs[0], pairs[1:]
    return f"{first}——" + "；".join(f"{n}：{c}" for n, c in rest)
