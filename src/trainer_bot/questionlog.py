"""The question log: what cadres asked, what they got and what they thought of it (👍/👎).

Kept in the shared database unless ``TRAINER_BOT_LOG_QUESTIONS=false``: the question, the answer text,
the cited sources, the engine, whether it was refused, who asked (an account, or 访客) and when. From it a
trainer sees 知识缺口 (refused questions grouped by meaning: what material to add next), the answers cadres
marked 👎, and turns a question into an eval case.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import numpy as np
from sqlalchemy import func, or_, select, update

from .db import Database, question_log
from .clock import CHINA, Clock, local_day, stamp, system_clock
from .models import Answer

MAX_ANSWER_CHARS = 4000


@dataclass(frozen=True)
class LoggedQuestion:
    id: int
    at: str
    user: str
    question: str
    answer: str
    sources: tuple[str, ...]
    engine: str
    refused: bool
    rating: int | None = None  # 1 👍, -1 👎
    reason: str = ""


@dataclass(frozen=True)
class Gap:
    """Refused questions that ask about the same thing."""

    question: str  # the one closest to the others
    count: int
    examples: list[str] = field(default_factory=list)


def _row(r) -> LoggedQuestion:
    return LoggedQuestion(r.id, r.at, r.user, r.question, r.answer, tuple(json.loads(r.sources or "[]")), r.engine or "",
                          bool(r.refused), r.rating, r.reason or "")


class QuestionLog:
    def __init__(self, db: Database, enabled: bool = True, clock: Clock = system_clock):
        self.db = db
        self.enabled = enabled
        self.clock = clock

    def record(self, user: str, question: str, answer: Answer) -> int | None:
        if not self.enabled:
            return None
        sources = sorted({c.passage.chunk.source for c in answer.citations})
        return self.db.add(question_log, dict(
            at=stamp(self.clock()), user=user, question=question[:500], answer=answer.text[:MAX_ANSWER_CHARS],
            sources=json.dumps(sources, ensure_ascii=False), engine=answer.engine, refused=int(answer.refused)))

    def rate(self, user: str, question: str, liked: bool, reason: str = "") -> bool:
        """👍/👎 on the latest answer to ``question`` asked by ``user``; whether there was one to rate."""
        if not self.enabled:
            return False
        with self.db.begin() as conn:
            latest = conn.execute(select(question_log.c.id).where(question_log.c.user == user,
                                                                 question_log.c.question == question[:500])
                                  .order_by(question_log.c.id.desc()).limit(1)).scalar()
            if latest is None:
                return False
            conn.execute(update(question_log).where(question_log.c.id == latest)
                         .values(rating=1 if liked else -1, reason=(reason or "")[:500]))
        return True

    def get(self, entry_id: int) -> LoggedQuestion | None:
        with self.db.begin() as conn:
            row = conn.execute(select(question_log).where(question_log.c.id == int(entry_id))).first()
        return _row(row) if row else None

    def search(self, text: str = "", day: date | None = None, kind: str = "", limit: int = 200) -> list[LoggedQuestion]:
        """Newest first; ``kind``: "" (all), "refused", "disliked" or "liked"."""
        query = select(question_log).order_by(question_log.c.id.desc()).limit(limit)
        if text.strip():
            like = f"%{text.strip()}%"
            query = query.where(or_(question_log.c.question.like(like), question_log.c.answer.like(like)))
        if day is not None:
            start = datetime(day.year, day.month, day.day, tzinfo=CHINA)
            query = query.where(question_log.c.at >= stamp(start), question_log.c.at < stamp(start + timedelta(days=1)))
        if kind == "refused":
            query = query.where(question_log.c.refused == 1)
        elif kind in ("disliked", "liked"):
            query = query.where(question_log.c.rating == (-1 if kind == "disliked" else 1))
        with self.db.begin() as conn:
            return [_row(r) for r in conn.execute(query)]

    def count(self, user: str) -> int:
        with self.db.begin() as conn:
            return int(conn.execute(select(func.count()).select_from(question_log)
                                    .where(question_log.c.user == user)).scalar() or 0)

    def days(self) -> list[date]:
        """The days (Beijing time) with questions, newest first."""
        with self.db.begin() as conn:
            stamps = [r.at for r in conn.execute(select(question_log.c.at).order_by(question_log.c.id.desc()).limit(5000))]
        return sorted({local_day(s) for s in stamps}, reverse=True)

    def gaps(self, embed: Callable[[Sequence[str]], list[list[float]]], threshold: float = 0.88,
             limit: int = 500) -> list[Gap]:
        """Refused questions grouped by meaning (cosine of their embeddings ≥ ``threshold`` to a group's first
        member, greedily, most asked first); the largest groups first."""
        refused = self.search(kind="refused", limit=limit)
        texts = list(dict.fromkeys(q.question for q in refused))  # each distinct question once
        if not texts:
            return []
        asked = {t: sum(q.question == t for q in refused) for t in texts}
        texts.sort(key=lambda t: -asked[t])
        vectors = np.asarray(embed(texts), dtype=float)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-12
        groups: list[list[int]] = []
        for i in range(len(texts)):
            best = max(groups, key=lambda g: float(vectors[g[0]] @ vectors[i]), default=None)
            if best is not None and float(vectors[best[0]] @ vectors[i]) >= threshold:
                best.append(i)
            else:
                groups.append([i])
        found = []
        for group in groups:
            centre = vectors[group].mean(axis=0)
            head = max(group, key=lambda i: float(vectors[i] @ centre))
            found.append(Gap(texts[head], sum(asked[texts[i]] for i in group), [texts[i] for i in group]))
        return sorted(found, key=lambda g: (-g.count, g.question))
