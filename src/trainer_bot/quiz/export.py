"""Export quiz sets (json, md, GIFT, Moodle XML, docx, xlsx) and import them back (json, xlsx)."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from ..errors import TrainerBotError
from .model import CHOICE_TYPES, LETTERS, TYPE_LABELS, Question, QuizSet, parse_question

FORMATS = ("json", "md", "gift", "moodle-xml", "docx", "xlsx")
XLSX_HEADER = ["题型", "题干", "选项A", "选项B", "选项C", "选项D", "选项E", "选项F", "答案", "解析", "出处", "出处原文"]
LABEL_TYPES = {v: k for k, v in TYPE_LABELS.items()}


def answer_text(q: Question) -> str:
    if q.type in ("single_choice", "multiple_choice"):
        return "".join(LETTERS[i] for i in q.answer)
    if q.type == "true_false":
        return "正确" if q.answer else "错误"
    if q.type == "fill_blank":
        return "｜".join(q.answer)
    return str(q.answer)


# -- json / md ------------------------------------------------------------------------------------------------------
def to_json(quiz: QuizSet) -> str:
    return json.dumps(quiz.contract(), ensure_ascii=False, indent=1)


def to_markdown(quiz: QuizSet) -> str:
    lines = [f"# {quiz.title}", ""]
    for n, q in enumerate(quiz.questions, 1):
        lines.append(f"**{n}.（{TYPE_LABELS[q.type]}）** {q.stem}")
        lines.append("")
        for i, option in enumerate(q.options or []):
            lines.append(f"- {LETTERS[i]}. {option}")
        lines += ["", f"答案：{answer_text(q)}", "", f"解析：{q.explanation}", "",
                  f"出处：{q.source.source} —— “{q.source.quote}”", ""]
    return "\n".join(lines)


# -- GIFT -------------------------------------------------------------------------------------------------------------
def gift_escape(text: str) -> str:
    return re.sub(r"([~=#{}:\\])", r"\\\1", text.replace("\n", " "))


def _gift_fraction(k: int) -> str:
    return f"{100 / k:.5f}".rstrip("0").rstrip(".")


def to_gift(quiz: QuizSet) -> str:
    out = [f"// {quiz.title}", "$CATEGORY: " + gift_escape(quiz.title), ""]
    for q in quiz.questions:
        feedback = f" ####{gift_escape(q.explanation)}" if q.explanation else ""
        head = f"// 出处：{q.source.source}\n::{gift_escape(q.id)}::"
        if q.type == "single_choice":
            answers = " ".join(("=" if i in q.answer else "~") + gift_escape(o) for i, o in enumerate(q.options))
            out.append(f"{head}{gift_escape(q.stem)} {{{answers}{feedback}}}")
        elif q.type == "multiple_choice":
            k, wrong = len(q.answer), len(q.options) - len(q.answer)
            answers = " ".join(
                (f"~%{_gift_fraction(k)}%" if i in q.answer else f"~%-{_gift_fraction(wrong)}%") + gift_escape(o)
                for i, o in enumerate(q.options))
            out.append(f"{head}{gift_escape(q.stem)} {{{answers}{feedback}}}")
        elif q.type == "true_false":
            out.append(f"{head}{gift_escape(q.stem)} {{{'TRUE' if q.answer else 'FALSE'}{feedback}}}")
        elif q.type == "fill_blank":
            answers = " ".join("=" + gift_escape(a) for a in q.answer)
            before, _, after = q.stem.partition("______")
            out.append(f"{head}{gift_escape(before)}{{{answers}{feedback}}}{gift_escape(after)}")
        else:
            out.append(f"{head}{gift_escape(q.stem)} {{{feedback.strip()}}}")
        out.append("")
    return "\n".join(out)


# -- Moodle XML -------------------------------------------------------------------------------------------------------
_MOODLE_FRACTIONS = (100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667,
                     14.28571, 12.5, 11.11111, 10, 5)


def _moodle_fraction(k: int) -> str:
    value = min(_MOODLE_FRACTIONS, key=lambda f: abs(f - 100 / k))
    return f"{value:g}"


def _text(tag: str, text: str, fmt: str | None = "html") -> str:
    attr = f' format="{fmt}"' if fmt else ""
    return f"<{tag}{attr}><text>{escape(text)}</text></{tag}>"


def to_moodle_xml(quiz: QuizSet) -> str:
    parts = ['<?xml version="1.0" encoding="UTF-8"?>', "<quiz>",
             f'<question type="category"><category><text>$course$/{escape(quiz.title)}</text></category></question>']
    for q in quiz.questions:
        feedback = q.explanation + (f"（出处：{q.source.source}：{q.source.quote}）" if q.source.quote else "")
        common = (f"<name><text>{escape(q.id)}</text></name>" + _text("questiontext", q.stem)
                  + _text("generalfeedback", feedback) + "<defaultgrade>1</defaultgrade>")
        if q.type in ("single_choice", "multiple_choice"):
            keys = set(q.answer)
            single = q.type == "single_choice"
            wrong = len(q.options) - len(keys)
            answers = "".join(
                f'<answer fraction="{(100 if single else _moodle_fraction(len(keys))) if i in keys else (0 if single else "-" + _moodle_fraction(wrong))}" format="html">'
                f"<text>{escape(o)}</text><feedback><text></text></feedback></answer>"
                for i, o in enumerate(q.options))
            parts.append(f'<question type="multichoice">{common}<single>{str(single).lower()}</single>'
                         f"<shuffleanswers>1</shuffleanswers><answernumbering>ABCD</answernumbering>{answers}</question>")
        elif q.type == "true_false":
            parts.append(f'<question type="truefalse">{common}'
                         f'<answer fraction="{100 if q.answer else 0}"><text>true</text></answer>'
                         f'<answer fraction="{0 if q.answer else 100}"><text>false</text></answer></question>')
        elif q.type == "fill_blank":
            answers = "".join(f'<answer fraction="100"><text>{escape(a)}</text></answer>' for a in q.answer)
            parts.append(f'<question type="shortanswer">{common}<usecase>0</usecase>{answers}</question>')
        else:
            parts.append(f'<question type="essay">{common}<responseformat>editor</responseformat>'
                         f"<responsefieldlines>10</responsefieldlines>"
                         f'<graderinfo format="html"><text>{escape(str(q.answer))}</text></graderinfo></question>')
    parts.append("</quiz>")
    return "\n".join(parts)


# -- docx ---------------------------------------------------------------------------------------------------------------
def write_docx(quiz: QuizSet, path: Path) -> list[Path]:
    """Two documents: the paper (试卷) at ``path`` and the key with 解析 beside it (…-答案解析.docx)."""
    import docx

    paper = docx.Document()
    paper.add_heading(quiz.title, level=1)
    paper.add_paragraph("姓名：__________　　单位：__________　　得分：______")
    key = docx.Document()
    key.add_heading(f"{quiz.title}（答案与解析）", level=1)
    for n, q in enumerate(quiz.questions, 1):
        paper.add_paragraph(f"{n}.（{TYPE_LABELS[q.type]}）{q.stem}")
        for i, option in enumerate(q.options or []):
            paper.add_paragraph(f"{LETTERS[i]}. {option}")
        if q.type == "true_false":
            paper.add_paragraph("（　）正确　（　）错误")
        if q.type == "short_answer":
            paper.add_paragraph("答：\n\n\n")
        key.add_paragraph(f"{n}.（{TYPE_LABELS[q.type]}）答案：{answer_text(q)}")
        key.add_paragraph(f"解析：{q.explanation}")
        key.add_paragraph(f"出处：{q.source.source}——“{q.source.quote}”")
    key_path = path.with_name(f"{path.stem}-答案解析{path.suffix}")
    paper.save(str(path))
    key.save(str(key_path))
    return [path, key_path]


# -- xlsx (the usual Chinese 题库 layout) ----------------------------------------------------------------------------
def quiz_rows(quiz: QuizSet) -> list[list[str]]:
    """Rows of the usual 题库 layout (also the editable table of the trainer app)."""
    rows = []
    for q in quiz.questions:
        options = list(q.options or []) + [""] * (6 - len(q.options or []))
        rows.append([TYPE_LABELS[q.type], q.stem, *options[:6], answer_text(q), q.explanation, q.source.source,
                     q.source.quote])
    return rows


TRUE_WORDS, FALSE_WORDS = ("正确", "对", "√", "是", "true"), ("错误", "错", "×", "✗", "否", "false")


def parse_answer(qtype: str, raw: str) -> list[int] | bool | list[str] | str:
    """An answer as a trainer writes it (A / ABD / A、B, 正确/错误, 答案一｜答案二); a ValueError says what to write."""
    raw = raw.strip()
    if qtype in CHOICE_TYPES:
        letters = re.sub(r"[\s、，,;；/]+", "", raw).upper()
        if not letters or any(c not in LETTERS for c in letters):
            raise ValueError(f"答案应写选项字母（如 A 或 ABD），不能是“{raw}”")
        return [LETTERS.index(c) for c in dict.fromkeys(letters)]
    if qtype == "true_false":
        if raw.lower() in TRUE_WORDS or raw.lower() in FALSE_WORDS:
            return raw.lower() in TRUE_WORDS
        raise ValueError(f"判断题的答案只能写“正确”或“错误”，不能是“{raw}”")
    if qtype == "fill_blank":
        answers = [a.strip() for a in re.split(r"[｜|]", raw) if a.strip()]
        if not answers:
            raise ValueError("填空题缺少答案（多个可接受的答案用｜分隔）")
        return answers
    if not raw:
        raise ValueError("简答题缺少参考答案")
    return raw


def cell_text(value: object) -> str:
    """A table cell as text: None and a spreadsheet's empty number (NaN) are empty."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value).strip()


def row_question(row: Sequence[object]) -> Question | None:
    """One 题库 row (``XLSX_HEADER`` order) as a question, None for a row with no 题干; a ValueError says what
    is wrong with it."""
    cells = [cell_text(c) for c in row] + [""] * len(XLSX_HEADER)
    cell = dict(zip(XLSX_HEADER, cells))
    if not cell["题干"]:
        return None
    qtype = LABEL_TYPES.get(cell["题型"])
    if not qtype:
        raise ValueError(f"未知题型“{cell['题型']}”。")
    options = [cell[f"选项{x}"] for x in "ABCDEF" if cell[f"选项{x}"]]
    if qtype in CHOICE_TYPES and not options:
        raise ValueError("选择题缺少选项。")
    return parse_question({"type": qtype, "stem": cell["题干"], "options": options or None,
                           "answer": parse_answer(qtype, cell["答案"]), "explanation": cell["解析"],
                           "source": {"source": cell["出处"], "quote": cell["出处原文"]}})


def rows_to_questions(rows: list, where: str = "") -> list[Question]:
    """Parse 题库 rows (``XLSX_HEADER`` order) back into questions; errors name the row."""
    questions = []
    for n, row in enumerate(rows, 2):
        try:
            question = row_question(row)
        except ValueError as exc:
            raise TrainerBotError(f"{where}第 {n} 行：{exc}") from None
        if question is not None:
            questions.append(question)
    return questions


def write_xlsx(quiz: QuizSet, path: Path) -> list[Path]:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "题库"
    sheet.append(XLSX_HEADER)
    for row in quiz_rows(quiz):
        sheet.append(row)
    for column, width in zip("ABCDEFGHIJKL", (8, 60, 16, 16, 16, 16, 16, 16, 12, 50, 30, 60)):
        sheet.column_dimensions[column].width = width
    book.save(path)
    return [path]


def read_xlsx(path: Path, title: str | None = None) -> QuizSet:
    from openpyxl import load_workbook

    try:
        rows = list(load_workbook(path, read_only=True).active.iter_rows(values_only=True))
    except Exception as exc:  # openpyxl raises zip, key and value errors for non-workbooks
        raise TrainerBotError(f"{path.name}: 不是有效的 Excel 题库文件（{exc}）。") from None
    header = [str(c or "").strip() for c in rows[0]] if rows else []
    if header[: len(XLSX_HEADER)] != XLSX_HEADER:
        raise TrainerBotError(f"{path.name}: 表头应为 {'、'.join(XLSX_HEADER)}。")
    return QuizSet(title=title or path.stem, questions=rows_to_questions(rows[1:], f"{path.name} "))


def read_json(path: Path) -> QuizSet:
    try:
        return QuizSet.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError) as exc:
        raise TrainerBotError(f"{path.name}: 不是有效的题库 JSON（{str(exc)[:200]}）。") from None


def import_quiz(path: Path) -> QuizSet:
    if path.suffix.lower() == ".json":
        return read_json(path)
    if path.suffix.lower() == ".xlsx":
        return read_xlsx(path)
    raise TrainerBotError(f"{path.name}: 只能导入 .json 或 .xlsx 题库。")


def export_quiz(quiz: QuizSet, fmt: str, out: Path) -> list[Path]:
    if fmt not in FORMATS:
        raise TrainerBotError(f"不支持的导出格式 {fmt}。可选：{', '.join(FORMATS)}。")
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "docx":
        return write_docx(quiz, out)
    if fmt == "xlsx":
        return write_xlsx(quiz, out)
    text = {"json": to_json, "md": to_markdown, "gift": to_gift, "moodle-xml": to_moodle_xml}[fmt](quiz)
    out.write_text(text, encoding="utf-8")
    return [out]
