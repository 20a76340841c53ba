"""The per-question editor of the 出题 tab, on plain rows and a fixed source text (no server, no store)."""

import pytest

from trainer_bot.errors import TrainerBotError
from trainer_bot.web.quiz_editor import QuizEditor, set_problems, table_rows

SOURCE = "disputes/people-mediation.md"
TEXT = "人民调解委员会由委员三至九人组成。人民调解委员会调解民间纠纷，不收取任何费用。\n"
QUOTE = "人民调解委员会由委员三至九人组成。"
GOOD = ["单选题", "人民调解委员会由委员（ ）组成。", "三至九人", "三至五人", "五至七人", "七至十一人", "", "",
        "A", "", SOURCE, QUOTE]
TRUE_FALSE = ["判断题", "人民调解委员会调解民间纠纷，不收取任何费用。", *[""] * 6, "正确", "", SOURCE,
              "人民调解委员会调解民间纠纷，不收取任何费用。"]


@pytest.fixture
def editor() -> QuizEditor:
    return QuizEditor(lambda: {SOURCE: TEXT})


def test_overview_marks_each_item_with_its_own_problem(editor: QuizEditor):
    bad = list(GOOD)
    bad[8] = "BCDEF"
    rows, choice = editor.overview({"data": [GOOD, bad, TRUE_FALSE, [""] * 12]})
    assert [r[0] for r in rows] == [1, 2, 3]  # the empty row is not an item
    assert rows[0][4] == "✅ 通过" and rows[2][4] == "✅ 通过"
    assert rows[1][4].startswith("❌") and "E、F 没有对应的选项" in rows[1][4] and "A 到 D" in rows[1][4]
    assert rows[1][2] == GOOD[1]  # the whole stem
    assert [c[1] for c in choice.choices] == [1, 2, 3]


def test_an_item_opens_with_its_options_one_per_line(editor: QuizEditor):
    qtype, stem, options, answer, _, source, quote, message = editor.load([TRUE_FALSE, GOOD], 2)
    assert (qtype, stem, answer, source, quote) == ("单选题", GOOD[1], "A", SOURCE, QUOTE)
    assert options.splitlines() == ["三至九人", "三至五人", "五至七人", "七至十一人"]
    assert message.startswith("**第 2 题**") and "通过" in message


def test_an_edit_that_fails_is_kept_and_the_problem_shown_beside_it(editor: QuizEditor):
    rows, message = editor.apply([GOOD], 1, "单选题", GOOD[1], "A. 三至九人\nB、三至五人\n五至七人", "D", "", SOURCE, QUOTE)
    assert rows[0][2:6] == ["三至九人", "三至五人", "五至七人", ""]  # A./B、 prefixes dropped
    assert rows[0][8] == "D"  # kept, so nothing typed is lost
    assert "第 1 题" in message and "D 没有对应的选项" in message and "改正后才能保存" in message
    rows, message = editor.apply(rows, 1, "单选题", GOOD[1], "三至九人\n三至五人\n五至七人", "A", "", SOURCE, QUOTE)
    assert "已应用修改" in message and "❌" not in message


def test_an_edit_whose_key_the_source_does_not_support_is_blocked(editor: QuizEditor):
    _, message = editor.apply([GOOD], 1, "单选题", GOOD[1], "三至九人\n三至五人\n五至七人", "B", "", SOURCE, QUOTE)
    assert "❌" in message and ("原文" in message)


def test_too_many_options_are_refused_without_changing_the_item(editor: QuizEditor):
    rows, message = editor.apply([GOOD], 1, "单选题", GOOD[1], "\n".join("甲乙丙丁戊己庚"), "A", "", SOURCE, QUOTE)
    assert rows[0] == GOOD and "最多 6 个选项" in message


def test_add_and_remove_items(editor: QuizEditor):
    rows, n, qtype, *_, message = editor.add([GOOD])
    assert n == 2 and len(rows) == 2 and qtype == "单选题" and "新题" in message
    rows, number, *_, message = editor.remove(rows, 1)
    assert number is None and rows[0][0] == "单选题" and rows[0][1] == "" and "已删除第 1 题" in message


def test_asking_for_an_item_that_is_not_there_says_so(editor: QuizEditor):
    with pytest.raises(TrainerBotError) as err:
        editor.load([GOOD], 5)
    assert "没有第 5 题" in str(err.value) and "共 1 题" in str(err.value)
    with pytest.raises(TrainerBotError) as err:
        editor.load([GOOD], None)
    assert "点选一题" in str(err.value)


def test_saving_names_each_blocked_item_and_an_unknown_source(editor: QuizEditor):
    unknown = list(TRUE_FALSE)
    unknown[10] = "nowhere.md"
    bad_answer = list(TRUE_FALSE)
    bad_answer[8] = "是的"
    questions, errors, _ = set_problems(table_rows([GOOD, unknown, bad_answer]), editor)
    assert questions == []
    assert errors[0].startswith("第 2 题：") and "nowhere.md" in errors[0] and "不是已导入的材料" in errors[0]
    assert errors[1].startswith("第 3 题：") and "正确”或“错误" in errors[1]
    questions, errors, _ = set_problems(table_rows([GOOD, TRUE_FALSE]), editor)
    assert errors == [] and len(questions) == 2 and QUOTE in questions[0].explanation


def test_table_rows_reads_a_dataframe_with_empty_cells():
    pandas = pytest.importorskip("pandas")
    frame = pandas.DataFrame([GOOD[:6] + [float("nan"), None] + GOOD[8:]])
    assert table_rows(frame) == [GOOD]
