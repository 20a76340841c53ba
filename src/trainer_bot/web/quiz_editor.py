"""The per-question editor of the 出题 tab, beside an overview of the set.

The editable table (``XLSX_HEADER`` rows) stays the one copy of the set being edited: the overview, the
editor and 保存 all read it, so they never disagree. Each item is checked as it is applied: a problem
that blocks saving (the key not in the quoted source, an answer letter with no option…) or advice from
the quality rules is shown beside the item it belongs to, in the overview's 校验 column and under the
editor. Plain methods over plain values, testable without a server.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import gradio as gr

from ..errors import TrainerBotError
from ..quiz import validate
from ..quiz.export import XLSX_HEADER, cell_text, row_question
from ..quiz.model import TYPE_LABELS, Question

OVERVIEW_HEADERS = ["题号", "题型", "题干", "答案", "校验"]
ANSWER_HINT = "单选/多选写字母（A 或 ABD），判断写 正确/错误，填空多个答案用｜分隔，简答分条写要点"
OPTION_PREFIX = re.compile(r"^\s*[A-Ha-h]\s*[.．、:：)）]\s*")
OK, BLOCKING, ADVICE = "✅ 通过", "❌ ", "⚠️ 建议："
WIDTH = len(XLSX_HEADER)


@dataclass(frozen=True)
class ItemCheck:
    """What is wrong with one item: ``error`` blocks saving, ``advice`` is the quality rules' suggestion."""
    error: str = ""
    advice: str = ""

    def label(self) -> str:
        return BLOCKING + self.error if self.error else ADVICE + self.advice if self.advice else OK


def table_rows(table) -> list[list[str]]:
    """The table's non-empty rows as text cells (a DataFrame, Gradio's dict, or a list of lists)."""
    if table is None:
        return []
    if isinstance(table, dict):
        raw = table.get("data", [])
    elif hasattr(table, "values"):  # a pandas DataFrame
        raw = table.values.tolist()
    else:
        raw = list(table)
    rows = [([cell_text(c) for c in row] + [""] * WIDTH)[:WIDTH] for row in raw]
    return [row for row in rows if any(row)]


def parse_row(row: Sequence[str]) -> Question:
    """One row as a question; a :class:`TrainerBotError` without a row number (the caller names the item)."""
    try:
        question = row_question(row)
    except ValueError as exc:
        raise TrainerBotError(str(exc).rstrip("。")) from None
    if question is None:
        raise TrainerBotError("题干为空")
    return question


def check_question(q: Question, texts: dict[str, str]) -> ItemCheck:
    """An item against the text of its source: the core rules (blocking), then the quality rules (advice)."""
    text = texts.get(q.source.source)
    if text is None:
        return ItemCheck(error=f"出处“{q.source.source or '（空）'}”不是已导入的材料")
    error = validate.check(q, text, rules=validate.CORE_RULES)
    return ItemCheck(error=error) if error else ItemCheck(advice=validate.check(q, text) or "")


class QuizEditor:
    """Handlers of the overview and the per-question editor; ``texts`` gives each indexed source's text."""

    def __init__(self, texts: Callable[[], dict[str, str]]):
        self.texts = texts

    # -- reading -------------------------------------------------------------------------------------
    def parsed(self, rows: Sequence[Sequence[str]]) -> list[tuple[Question | None, ItemCheck]]:
        """Each row as a question (None when it cannot be read) with its check."""
        texts = self.texts()
        out: list[tuple[Question | None, ItemCheck]] = []
        for row in rows:
            try:
                q = validate.with_source_in_explanation(parse_row(row))
            except TrainerBotError as exc:
                out.append((None, ItemCheck(error=str(exc))))
                continue
            out.append((q, check_question(q, texts)))
        return out

    def checks(self, rows: Sequence[Sequence[str]]) -> list[ItemCheck]:
        return [check for _, check in self.parsed(rows)]

    def overview(self, table) -> tuple[list[list], gr.Dropdown]:
        """The overview rows (题号, 题型, whole 题干, 答案, 校验) and the choice of item to edit."""
        rows = table_rows(table)
        lines = [[n, row[0], row[1], row[8], check.label()]
                 for n, (row, check) in enumerate(zip(rows, self.checks(rows)), 1)]
        return lines, gr.Dropdown(choices=[(f"第 {n} 题", n) for n in range(1, len(rows) + 1)])

    def load(self, table, number) -> tuple:
        """The editor's fields for item ``number`` (1-based), and its check beside it."""
        rows = table_rows(table)
        n = self._number(number, rows)
        row = rows[n - 1]
        options = "\n".join(o for o in row[2:8] if o)
        return (row[0], row[1], options, row[8], row[9], row[10], row[11], self._message(n, row))

    def pick(self, table, event: gr.SelectData) -> tuple:
        """A click on an overview row opens that item in the editor."""
        index = event.index[0] if isinstance(event.index, (list, tuple)) else event.index
        return (int(index) + 1, *self.load(table, int(index) + 1))

    # -- writing -------------------------------------------------------------------------------------
    def apply(self, table, number, qtype: str, stem: str, options: str, answer: str, explanation: str,
              source: str, quote: str) -> tuple[list[list[str]], str]:
        """Put the editor's fields into item ``number``; the table, and the item's check beside it.

        The edit is kept even when it does not pass, so nothing typed is lost; 保存 refuses until it does."""
        rows = table_rows(table)
        n = self._number(number, rows)
        listed = [OPTION_PREFIX.sub("", line).strip() for line in (options or "").splitlines()]
        listed = [o for o in listed if o]
        if len(listed) > 6:
            return rows, f"**第 {n} 题**：{BLOCKING}最多 6 个选项，现在有 {len(listed)} 个，未应用。"
        row = [qtype or "", (stem or "").strip(), *(listed + [""] * 6)[:6], (answer or "").strip(),
               (explanation or "").strip(), (source or "").strip(), (quote or "").strip()]
        rows[n - 1] = row
        return rows, self._message(n, row, applied=True)

    def add(self, table) -> tuple:
        """A new empty 单选题 at the end, opened in the editor."""
        rows = table_rows(table)
        rows.append([TYPE_LABELS["single_choice"]] + [""] * (WIDTH - 1))
        n = len(rows)
        return (rows, n, *self.load(rows, n)[:-1], f"**第 {n} 题**：新题，请填写题干、选项、答案和出处后点“应用修改”。")

    def remove(self, table, number) -> tuple:
        rows = table_rows(table)
        n = self._number(number, rows)
        stem = rows.pop(n - 1)[1]
        return rows, None, TYPE_LABELS["single_choice"], "", "", "", "", "", "", f"已删除第 {n} 题（{stem[:30]}…）；点“保存”后生效。"

    # -- helpers -------------------------------------------------------------------------------------
    @staticmethod
    def _number(number, rows: Sequence) -> int:
        try:
            n = int(number)
        except (TypeError, ValueError):
            raise TrainerBotError("请先在左侧题目一览中点选一题，或在“编辑第几题”中选择。") from None
        if not 1 <= n <= len(rows):
            raise TrainerBotError(f"没有第 {n} 题：这套题共 {len(rows)} 题。")
        return n

    def _message(self, n: int, row: Sequence[str], applied: bool = False) -> str:
        check = self.checks([row])[0]
        done = "已应用修改，" if applied else ""
        if check.error:
            return f"**第 {n} 题**：{done}{BLOCKING}{check.error}。改正后才能保存。"
        if check.advice:
            return f"**第 {n} 题**：{done}可以保存；{ADVICE}{check.advice}。"
        return f"**第 {n} 题**：{done}{OK}。"


def set_problems(rows: Sequence[Sequence[str]], editor: QuizEditor) -> tuple[list[Question], list[str], list[str]]:
    """The questions of the table, what blocks saving and what is advised, each naming its item (保存)."""
    parsed = editor.parsed(rows)
    checks = [check for _, check in parsed]
    errors = [f"第 {n} 题：{c.error}" for n, c in enumerate(checks, 1) if c.error]
    if errors:
        return [], errors, []
    questions = [q for q, _ in parsed if q is not None]  # every row was read: none has an error
    errors = validate.set_problems(questions, quality=False)
    advice = [f"第 {n} 题：{c.advice}" for n, c in enumerate(checks, 1) if c.advice]
    advice += [p for p in validate.set_problems(questions) if p not in errors]
    return questions, errors, advice
