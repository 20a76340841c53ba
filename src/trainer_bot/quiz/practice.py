"""Practice: grading one answer, and the sets a cadre practises (random, 每日答题, 挑战答题)."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import re
from collections.abc import Sequence

from .model import Question

DAILY_COUNT = 5


def _norm(text: str) -> str:
    text = re.sub(r"[０-９Ａ-Ｚａ-ｚ]", lambda m: chr(ord(m.group()) - 0xFEE0), text)
    return re.sub(r"[\s\W_]", "", text).lower()


def key_points(q: Question) -> list[str]:
    """Key points of a short answer: the numbered points of its 解析, else its reference sentences."""
    points = re.findall(r"\d+\.\s*([^；。]+)", q.explanation)
    return points or [s for s in re.split(r"[。；]", str(q.answer)) if s.strip()]


def grade(q: Question, response) -> bool:
    """Whether ``response`` is right: option indexes for choices, bool, text for fill/short answers."""
    if q.type == "single_choice":
        picked = response if isinstance(response, list) else [response]
        return sorted(int(p) for p in picked if p is not None) == sorted(q.answer)
    if q.type == "multiple_choice":
        return sorted(int(p) for p in (response or [])) == sorted(q.answer)
    if q.type == "true_false":
        return response is q.answer or (isinstance(response, str) and (response in ("对", "正确", "true")) == q.answer)
    if q.type == "fill_blank":
        return _norm(str(response or "")) in {_norm(a) for a in q.answer}
    # short answer: at least 60 % of the key points' main words appear in the response
    text = _norm(str(response or ""))
    points = key_points(q)
    hits = sum(_point_hit(p, text) for p in points)
    return bool(points) and hits / len(points) >= 0.6


def _point_hit(point: str, text: str) -> bool:
    normalized = _norm(point)
    grams = {normalized[i:i + 2] for i in range(len(normalized) - 1)} or {normalized}
    return sum(g in text for g in grams) / len(grams) >= 0.5


def random_set(questions: Sequence[Question], n: int, seed: str) -> list[Question]:
    rng = random.Random(int(hashlib.sha1(seed.encode()).hexdigest()[:12], 16))
    pool: list[Question] = [q for q in questions if q.type != "short_answer"]
    rng.shuffle(pool)
    return pool[:n]


def daily_set(questions: Sequence[Question], user: str, day: dt.date | None = None) -> list[Question]:
    """每日答题: the same 5 questions for a user all day, different from day to day."""
    day = day or dt.date.today()
    return random_set(questions, DAILY_COUNT, f"daily:{user}:{day.isoformat()}")


def challenge_order(questions: Sequence[Question], seed: str) -> list[Question]:
    """挑战答题: every auto-gradable question in a shuffled order; the run ends at the first wrong answer."""
    return random_set(questions, len(questions), f"challenge:{seed}")
