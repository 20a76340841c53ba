import pytest

from trainer_bot.db import Database
from trainer_bot.errors import NotFoundError
from trainer_bot.quiz.bank import QuizBank
from trainer_bot.quiz.model import QuizSet
from test_quiz_export import QUIZ


def test_save_edit_publish_list_delete(any_db: Database):
    bank = QuizBank(any_db)
    saved = bank.save(QUIZ.model_copy(update={"author": "peixun"}))
    assert saved.id and saved.status == "draft"
    again = QuizBank(Database(any_db.url)).get(saved.id)  # persisted: another connection reads it
    assert again.questions == QUIZ.questions and again.author == "peixun"
    edited = again.model_copy(update={"title": "新标题", "questions": again.questions[:2]})
    bank.save(edited)
    assert bank.get(saved.id).title == "新标题" and len(bank.get(saved.id).questions) == 2
    assert bank.list("published") == []
    bank.publish(saved.id)
    assert [s.id for s in bank.list("published")] == [saved.id]
    assert len(bank.published_questions()) == 2
    bank.delete(saved.id)
    with pytest.raises(NotFoundError):
        bank.get(saved.id)


def test_attempts_and_per_question_correct_rate(any_db: Database):
    bank = QuizBank(any_db)
    quiz = bank.save(QuizSet(title="t", questions=QUIZ.questions[:2]))
    q1, q2 = (q.id for q in quiz.questions)
    bank.record_attempt(quiz.id, "lisi", "set", {q1: True, q2: False}, "2026-11-28T08:00:00+00:00")
    bank.record_attempt(quiz.id, "wangwu", "set", {q1: True, q2: True}, "2026-11-28T09:00:00+00:00")
    bank.record_attempt(None, "lisi", "daily", {q1: False}, "2026-11-28T10:00:00+00:00")
    bank.record_attempt(None, "访客", "daily", {q1: True}, "2026-11-28T11:00:00+00:00")
    stats = {s.question_id: s for s in bank.question_stats(quiz.id)}
    assert (stats[q1].attempts, stats[q1].correct, stats[q1].guests) == (4, 3, 1)  # visitors counted apart too
    assert stats[q2].rate == 0.5
    attempts = bank.attempts(quiz.id)
    assert [(a["user"], a["score"], a["total"]) for a in attempts] == [("lisi", 1, 2), ("wangwu", 2, 2)]
