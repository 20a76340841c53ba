"""The quiz bank: quiz sets and practice attempts in SQLite in the data directory."""

from __future__ import annotations

import json
import sqlite3
import threading
import uuid
from collections.abc import Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..errors import NotFoundError
from .model import Question, QuizSet, now

SCHEMA = """
CREATE TABLE IF NOT EXISTS quiz_sets (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, topic TEXT, status TEXT NOT NULL, author TEXT,
    created TEXT NOT NULL, updated TEXT NOT NULL, questions TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT, set_id TEXT, user TEXT, mode TEXT, started TEXT, finished TEXT,
    answers TEXT NOT NULL, score REAL NOT NULL, total INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS attempts_set ON attempts(set_id);
"""


@dataclass(frozen=True)
class QuestionStat:
    question_id: str
    stem: str
    attempts: int
    correct: int

    @property
    def rate(self) -> float | None:
        return self.correct / self.attempts if self.attempts else None


class QuizBank:
    def __init__(self, data_dir: Path):
        self.path = Path(data_dir) / "quiz.sqlite3"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        with self._db() as db:
            db.executescript(SCHEMA)

    @contextmanager
    def _db(self):
        with self._lock:
            db = sqlite3.connect(self.path)
            try:
                yield db
                db.commit()
            finally:
                db.close()

    def save(self, quiz: QuizSet) -> QuizSet:
        quiz = quiz.model_copy(update={"id": quiz.id or uuid.uuid4().hex[:12], "updated": now()})
        with self._db() as db:
            db.execute("INSERT OR REPLACE INTO quiz_sets VALUES (?,?,?,?,?,?,?,?)",
                       (quiz.id, quiz.title, quiz.topic, quiz.status, quiz.author, quiz.created, quiz.updated,
                        json.dumps([q.model_dump() for q in quiz.questions], ensure_ascii=False)))
        return quiz

    def get(self, set_id: str) -> QuizSet:
        with self._db() as db:
            row = db.execute("SELECT * FROM quiz_sets WHERE id = ?", (set_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"没有编号为 {set_id} 的题库。")
        return _to_set(row)

    def list(self, status: str | None = None) -> list[QuizSet]:
        query, args = "SELECT * FROM quiz_sets", ()
        if status:
            query, args = query + " WHERE status = ?", (status,)
        with self._db() as db:
            rows = db.execute(query + " ORDER BY updated DESC", args).fetchall()
        return [_to_set(r) for r in rows]

    def publish(self, set_id: str, published: bool = True) -> QuizSet:
        quiz = self.get(set_id)
        return self.save(quiz.model_copy(update={"status": "published" if published else "draft"}))

    def delete(self, set_id: str) -> None:
        self.get(set_id)
        with self._db() as db:
            db.execute("DELETE FROM quiz_sets WHERE id = ?", (set_id,))

    def record_attempt(self, set_id: str | None, user: str, mode: str, answers: dict[str, bool], started: str) -> int:
        """``answers`` maps question id → answered correctly."""
        score = sum(answers.values())
        with self._db() as db:
            cur = db.execute("INSERT INTO attempts (set_id, user, mode, started, finished, answers, score, total) "
                             "VALUES (?,?,?,?,?,?,?,?)",
                             (set_id, user, mode, started, now(), json.dumps(answers), score, len(answers)))
            return int(cur.lastrowid)

    def attempts(self, set_id: str | None = None) -> list[dict]:
        query, args = "SELECT id, set_id, user, mode, started, finished, answers, score, total FROM attempts", ()
        if set_id:
            query, args = query + " WHERE set_id = ?", (set_id,)
        with self._db() as db:
            rows = db.execute(query + " ORDER BY id", args).fetchall()
        keys = ("id", "set_id", "user", "mode", "started", "finished", "answers", "score", "total")
        return [dict(zip(keys, r)) | {"answers": json.loads(r[6])} for r in rows]

    def question_stats(self, set_id: str) -> list[QuestionStat]:
        """Per-question correct rate over every attempt that included the question."""
        quiz = self.get(set_id)
        seen: dict[str, list[bool]] = {q.id: [] for q in quiz.questions}
        for attempt in self.attempts():
            for qid, ok in attempt["answers"].items():
                if qid in seen:
                    seen[qid].append(bool(ok))
        return [QuestionStat(q.id, q.stem, len(seen[q.id]), sum(seen[q.id])) for q in quiz.questions]

    def published_questions(self) -> list[Question]:
        return [q for s in self.list("published") for q in s.questions]


def _to_set(row: Sequence) -> QuizSet:
    return QuizSet(id=row[0], title=row[1], topic=row[2] or "", status=row[3], author=row[4] or "", created=row[5],
                   updated=row[6], questions=[Question.model_validate(q) for q in json.loads(row[7])])
