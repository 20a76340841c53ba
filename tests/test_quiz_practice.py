import datetime as dt

from trainer_bot.quiz.practice import challenge_order, daily_set, grade, key_points
from test_quiz_export import QUIZ

single, multi, judge, fill, essay = QUIZ.questions


def test_grading_each_type():
    assert grade(single, 0) and grade(single, [0]) and not grade(single, 1)
    assert grade(multi, [2, 0, 1]) and not grade(multi, [0, 1]) and not grade(multi, [0, 1, 2, 3])
    assert grade(judge, False) and not grade(judge, True) and grade(judge, "错误")
    assert grade(fill, " 不收取 ") and grade(fill, "不收") and grade(fill, "不收取。") and not grade(fill, "收取")
    assert grade(essay, "人民调解不收取任何费用") and not grade(essay, "要收钱")


def test_short_answer_key_points_come_from_the_explanation():
    assert key_points(essay) == ["不收取任何费用"]


def test_daily_set_is_stable_for_a_day_and_changes_between_days():
    pool = [q.model_copy(update={"id": f"q{i}", "stem": f"{q.stem}{i}"}) for i in range(6) for q in QUIZ.questions[:4]]
    monday = daily_set(pool, "lisi", dt.date(2026, 11, 30))
    assert len(monday) == 5
    assert [q.id for q in monday] == [q.id for q in daily_set(pool, "lisi", dt.date(2026, 11, 30))]
    assert [q.id for q in monday] != [q.id for q in daily_set(pool, "lisi", dt.date(2026, 12, 1))]
    assert all(q.type != "short_answer" for q in daily_set([*pool, essay], "x"))


def test_challenge_order_covers_every_gradable_question_once():
    order = challenge_order(QUIZ.questions, "seed")
    assert sorted(q.id for q in order) == sorted(q.id for q in QUIZ.questions[:4])
