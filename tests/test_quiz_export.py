"""Every export format, parsed back; import from json and xlsx."""

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from trainer_bot.errors import TrainerBotError
from trainer_bot.quiz.export import export_quiz, import_quiz, read_json
from trainer_bot.quiz.model import QuizSet, make_question

QUOTE = {"source": "disputes/people-mediation.md", "quote": "人民调解委员会调解民间纠纷，不收取任何费用。"}
QUIZ = QuizSet(title="调解{练习}: 第1套", questions=[
    make_question(type="single_choice", stem="人民调解委员会调解民间纠纷，（    ）任何费用。",
             options=["不收取", "收取少量", "按标的收取", "按次收取"], answer=[0], explanation="见《人民调解法》: 不收费 = 免费", source=QUOTE),
    make_question(type="multiple_choice", stem="突发事件包括（    ）。", options=["自然灾害", "事故灾难", "公共卫生事件", "矛盾纠纷"],
             answer=[0, 1, 2], explanation="四类之三", source=QUOTE),
    make_question(type="true_false", stem="人民调解委员会调解民间纠纷，收取少量费用。", answer=False, explanation="不收费", source=QUOTE),
    make_question(type="fill_blank", stem="人民调解委员会调解民间纠纷，______任何费用。", answer=["不收取", "不收"], explanation="不收费",
             source=QUOTE),
    make_question(type="short_answer", stem="简述人民调解的收费规定。", answer="人民调解委员会调解民间纠纷，不收取任何费用。",
             explanation="答题要点：1. 不收取任何费用。", source=QUOTE),
])


def test_json_round_trip_follows_contract(tmp_path: Path):
    [path] = export_quiz(QUIZ, "json", tmp_path / "q.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["title"] == QUIZ.title
    first = data["questions"][0]
    assert set(first) == {"id", "type", "stem", "options", "answer", "explanation", "source"}
    assert "options" not in data["questions"][2] and data["questions"][2]["answer"] is False
    assert read_json(path).questions == QUIZ.questions


def test_markdown_has_options_answers_and_sources(tmp_path: Path):
    text = export_quiz(QUIZ, "md", tmp_path / "q.md")[0].read_text(encoding="utf-8")
    assert "- A. 不收取" in text and "答案：A" in text and "答案：ABC" in text and "答案：错误" in text
    assert "出处：disputes/people-mediation.md" in text


def _gift_split(block: str) -> tuple[str, str, str, str]:
    """(title, text before the answer block, answer block, text after) honouring backslash escapes."""
    m = re.match(r"::((?:\\.|[^:])*)::", block)
    title, rest = m.group(1), block[m.end():]
    start, end = None, None
    i = 0
    while i < len(rest):
        if rest[i] == "\\":
            i += 2
            continue
        if rest[i] == "{":
            start = i
        elif rest[i] == "}":
            end = i
            break
        i += 1
    return title, rest[:start], rest[start + 1:end], rest[end + 1:]


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text).strip()


def _gift_answers(block: str) -> tuple[list[tuple[str, str]], str]:
    body, _, feedback = re.split(r"(?<!\\)(####)", block, maxsplit=1) if "####" in block else (block, "", "")
    parts = re.findall(r"(?<!\\)([=~])((?:%-?[\d.]+%)?)((?:\\.|[^=~\\])*)", body)
    return [(mark + weight, _unescape(text)) for mark, weight, text in parts], _unescape(feedback)


def test_gift_is_syntactically_valid_and_parses_back(tmp_path: Path):
    text = export_quiz(QUIZ, "gift", tmp_path / "q.gift")[0].read_text(encoding="utf-8")
    blocks = [b for b in text.split("\n\n") if "::" in b]
    blocks = ["\n".join(line for line in b.splitlines() if not line.startswith(("//", "$CATEGORY"))) for b in blocks]
    assert len(blocks) == 5
    single, multi, judge, fill, essay = (_gift_split(b) for b in blocks)
    assert _unescape(single[1]) == QUIZ.questions[0].stem
    answers, feedback = _gift_answers(single[2])
    assert answers == [("=", "不收取"), ("~", "收取少量"), ("~", "按标的收取"), ("~", "按次收取")]
    assert feedback == "见《人民调解法》: 不收费 = 免费"  # special characters escaped and restored
    answers, _ = _gift_answers(multi[2])
    weights = [float(w.strip("~%")) for w, _ in answers]
    assert sum(w for w in weights if w > 0) == pytest.approx(100, abs=0.01)
    assert [w < 0 for w in weights] == [False, False, False, True]
    assert judge[2].startswith("FALSE")
    assert _unescape(fill[1]) + "______" + _unescape(fill[3]) == QUIZ.questions[3].stem
    assert [a for _, a in _gift_answers(fill[2])[0]] == ["不收取", "不收"]
    assert essay[2].startswith("####")


def test_moodle_xml_types_and_fractions(tmp_path: Path):
    root = ET.parse(export_quiz(QUIZ, "moodle-xml", tmp_path / "q.xml")[0]).getroot()
    questions = [q for q in root if q.get("type") != "category"]
    assert [q.get("type") for q in questions] == ["multichoice", "multichoice", "truefalse", "shortanswer", "essay"]
    single, multi, judge, fill, essay = questions
    assert single.findtext("single") == "true"
    assert [a.get("fraction") for a in single.findall("answer")] == ["100", "0", "0", "0"]
    assert multi.findtext("single") == "false"
    fractions = [float(a.get("fraction")) for a in multi.findall("answer")]
    assert sum(f for f in fractions if f > 0) == pytest.approx(100, abs=0.01) and fractions[3] == -100
    assert {a.findtext("text"): a.get("fraction") for a in judge.findall("answer")} == {"true": "0", "false": "100"}
    assert [a.findtext("text") for a in fill.findall("answer")] == ["不收取", "不收"]
    assert essay.find("graderinfo").findtext("text") == QUIZ.questions[4].answer
    assert "不收费" in single.find("generalfeedback").findtext("text")


def test_docx_paper_and_answer_key(tmp_path: Path):
    import docx

    paper, key = export_quiz(QUIZ, "docx", tmp_path / "试卷.docx")
    assert key.name == "试卷-答案解析.docx"
    paper_text = "\n".join(p.text for p in docx.Document(paper).paragraphs)
    key_text = "\n".join(p.text for p in docx.Document(key).paragraphs)
    assert "1.（单选题）" in paper_text and "A. 不收取" in paper_text and "答案" not in paper_text
    assert "1.（单选题）答案：A" in key_text and "解析：" in key_text and "出处：" in key_text


def test_xlsx_layout_round_trips_through_import(tmp_path: Path):
    from openpyxl import load_workbook

    [path] = export_quiz(QUIZ, "xlsx", tmp_path / "题库.xlsx")
    rows = list(load_workbook(path).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("题型", "题干", "选项A") and rows[1][0] == "单选题" and rows[1][8] == "A"
    back = import_quiz(path)
    assert [q.model_dump(exclude={"id"}) for q in back.questions] == [q.model_dump(exclude={"id"}) for q in QUIZ.questions]


def test_import_rejects_other_files(tmp_path: Path):
    bad = tmp_path / "q.csv"
    bad.write_text("x", encoding="utf-8")
    with pytest.raises(TrainerBotError):
        import_quiz(bad)
    broken = tmp_path / "q.json"
    broken.write_text('{"title": "x", "questions": [{"type": "single_choice"}]}', encoding="utf-8")
    with pytest.raises(TrainerBotError) as err:
        import_quiz(broken)
    assert "q.json" in str(err.value)


@pytest.mark.parametrize(("qtype", "raw", "expected"), [
    ("multiple_choice", "a、b d", [0, 1, 3]), ("single_choice", "C", [2]), ("true_false", "对", True),
    ("true_false", "错误", False), ("fill_blank", "十五日｜15日", ["十五日", "15日"])])
def test_answers_are_read_as_trainers_write_them(qtype: str, raw: str, expected):
    from trainer_bot.quiz.export import parse_answer

    assert parse_answer(qtype, raw) == expected


@pytest.mark.parametrize(("qtype", "raw", "says"), [
    ("single_choice", "甲", "选项字母"), ("true_false", "是的", "正确”或“错误"), ("fill_blank", "｜", "缺少答案"),
    ("short_answer", " ", "缺少参考答案")])
def test_an_answer_that_cannot_be_read_says_what_to_write(qtype: str, raw: str, says: str):
    from trainer_bot.quiz.export import parse_answer

    with pytest.raises(ValueError) as err:
        parse_answer(qtype, raw)
    assert says in str(err.value)
