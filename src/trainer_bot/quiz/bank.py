"""The quiz bank: quiz sets and practice attempts in the shared database (see ``db.py``)."""

from __future__ import annotations

import builtins
import json
import uuid
from dataclasses import dataclass

from sqlalchemy import select

from ..db import Database, attempts, quiz_sets
from ..errors import NotFoundError
from ..models import now
from .model import Question, QuizSet, parse_question

GUEST = "访客"  # the user an attempt is recorded under when nobody signed in


@dataclass(frozen=True)
class QuestionStat:
    question_id: str
    stem: str
    attempts: int
    correct: int
    guests: int = 0  # of the attempts, those by signed-out visitors (访客)

    @property
    def rate(self) -> float | None:
        return self.correct / self.attempts if self.attempts else None


class QuizBank:
    def __init__(self, db: Database):
        self.db = db

    def save(self, quiz: QuizSet) -> QuizSet:
        quiz = quiz.model_copy(update={"id": quiz.id or uuid.uuid4().hex[:12], "updated": now()})
        row = {"title": quiz.title, "topic": quiz.topic, "status": quiz.status, "author": quiz.author,
               "created": quiz.created, "updated": quiz.updated,
               "questions": json.dumps([q.model_dump() for q in quiz.questions], ensure_ascii=False)}
        self.db.put(quiz_sets, "id", quiz.id, row)
        return quiz

    def get(self, set_id: str) -> QuizSet:
        with self.db.begin() as conn:
            row = conn.execute(select(quiz_sets).where(quiz_sets.c.id == set_id)).first()
        if row is None:
            raise NotFoundError(f"没有编号为 {set_id} 的题库。")
        return _to_set(row)

    def list(self, status: str | None = None) -> list[QuizSet]:
        query = select(quiz_sets).order_by(quiz_sets.c.updated.desc())
        if status:
            query = query.where(quiz_sets.c.status == status)
        with self.db.begin() as conn:
            return [_to_set(r) for r in conn.execute(query)]

    def publish(self, set_id: str, published: bool = True) -> QuizSet:
        quiz = self.get(set_id)
        return self.save(quiz.model_copy(update={"status": "published" if published else "draft"}))

    def delete(self, set_id: str) -> None:
        self.get(set_id)
        self.db.remove(quiz_sets, "id", set_id)

    def record_attempt(self, set_id: str | None, user: str, mode: str, answers: dict[str, bool], started: str,
                       finished: str | None = None) -> int:
        """``answers`` maps question id → answered correctly."""
        return self.db.add(attempts, dict(
            set_id=set_id, user=user, mode=mode, started=started, finished=finished or now(), answers=json.dumps(answers),
            score=sum(answers.values()), total=len(answers)))

    def attempts(self, set_id: str | None = None, user: str | None = None, mode: str | None = None) -> builtins.list[dict]:
        query = select(attempts).order_by(attempts.c.id)
        if set_id:
            query = query.where(attempts.c.set_id == set_id)
        if user:
            query = query.where(attempts.c.user == user)
        if mode:
            query = query.where(attempts.c.mode == mode)
        with self.db.begin() as conn:
            rows = conn.execute(query).mappings().all()
        return [dict(r) | {"answers": json.loads(r["answers"])} for r in rows]

    def question_stats(self, set_id: str) -> builtins.list[QuestionStat]:
        """Per-question correct rate over every attempt that included the question."""
        quiz = self.get(set_id)
        seen: dict[str, list[bool]] = {q.id: [] for q in quiz.questions}
        guests: dict[str, int] = {q.id: 0 for q in quiz.questions}
        for attempt in self.attempts():
            for qid, ok in attempt["answers"].items():
                if qid in seen:
                    seen[qid].append(bool(ok))
                    guests[qid] += attempt["user"] in (GUEST, "", None)
        return [QuestionStat(q.id, q.stem, len(seen[q.id]), sum(seen[q.id]), guests[q.id]) for q in quiz.questions]

    def published_questions(self) -> builtins.list[Question]:
        return [q for s in self.list("published") for q in s.questions]


def _to_set(row) -> QuizSet:
    return QuizSet(id=row.id, title=row.title, topic=row.topic or "", status=row.status, author=row.author or "",
                   created=row.created, updated=row.updated,
                   questions=[parse_question(q) for q in json.loads(row.questions)])
