"""Metric functions without a judge. Pure: lists in, numbers out. ``None`` means "no gold to score"."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from pathlib import PurePosixPath

from ..answer.roles import FRAMES

_MARKER = re.compile(r"\[(\d+)\]")
_LOWER_IS_BETTER = ("duplicate_rate", "judge_errors")


def lower_is_better(name: str) -> bool:
    """Latencies and the duplicate rate improve as they fall; every other metric improves as it rises."""
    return name.startswith("latency") or name in _LOWER_IS_BETTER


def file_name(source: str) -> str:
    """C3 compares sources by file name."""
    return PurePosixPath(source.replace("\\", "/")).name


def first_relevant_rank(retrieved: Sequence[str], expected: Sequence[str]) -> int | None:
    gold = {file_name(s) for s in expected}
    for rank, source in enumerate(retrieved, 1):
        if file_name(source) in gold:
            return rank
    return None


def hit_at(retrieved: Sequence[str], expected: Sequence[str], k: int) -> float | None:
    if not expected:
        return None
    rank = first_relevant_rank(retrieved[:k], expected)
    return 1.0 if rank is not None else 0.0


def reciprocal_rank(retrieved: Sequence[str], expected: Sequence[str]) -> float | None:
    if not expected:
        return None
    rank = first_relevant_rank(retrieved, expected)
    return 1.0 / rank if rank else 0.0


def ndcg_at(retrieved: Sequence[str], expected: Sequence[str], k: int = 5) -> float | None:
    """Binary relevance over the de-duplicated source ranking."""
    if not expected:
        return None
    gold = {file_name(s) for s in expected}
    dcg = sum(1.0 / math.log2(i + 1) for i, s in enumerate(retrieved[:k], 1) if file_name(s) in gold)
    ideal = sum(1.0 / math.log2(i + 1) for i in range(1, min(len(gold), k) + 1))
    return dcg / ideal


def keyword_recall(answer: str, keywords: Sequence[str]) -> float | None:
    if not keywords:
        return None
    return sum(k in answer for k in keywords) / len(keywords)


def citation_valid(answer: str, n_citations: int) -> bool:
    """Every [n] in the answer points at one of its cited passages, and a non-empty answer cites something."""
    numbers = [int(n) for n in _MARKER.findall(answer)]
    return all(1 <= n <= n_citations for n in numbers) and (bool(numbers) or n_citations == 0)


def _bigrams(text: str) -> list[str]:
    chars = re.sub(r"[\W_]", "", text)
    return [chars[i:i + 2] for i in range(len(chars) - 1)] or ([chars] if chars else [])


def supported(sentence: str, passage: str, min_overlap: float = 0.8) -> bool:
    grams = _bigrams(sentence)
    if not grams:
        return True
    have = set(_bigrams(passage))
    return sum(g in have for g in grams) / len(grams) >= min_overlap


def groundedness(answer: str, passages_by_n: dict[int, str], min_overlap: float = 0.8) -> float | None:
    """Share of answer sentences whose character bigrams are (mostly) found in a passage they cite."""
    sentences = [s for s in re.split(r"(?<=[。！？!?])|\n+", answer) if re.sub(r"[\W_]|\[\d+\]", "", s)]
    if not sentences:
        return None
    good = 0
    for sentence in sentences:
        cited = [int(n) for n in _MARKER.findall(sentence)]
        text = _MARKER.sub("", sentence)
        for frame in FRAMES:  # (the engine's words that say what a quoted line is: 常见误区是认为“…”，正确的理解是：…)
            text = text.replace(frame, "")
        good += any(supported(text, passages_by_n.get(n, ""), min_overlap) for n in cited)
    return good / len(sentences)


def refusal_scores(should: Sequence[bool], did: Sequence[bool]) -> dict[str, float | None]:
    """Accuracy over all cases; precision and recall of refusing (None where undefined)."""
    pairs = list(zip(should, did))
    if not pairs:
        return {"refusal_accuracy": None, "refusal_precision": None, "refusal_recall": None}
    tp = sum(s and d for s, d in pairs)
    refused = sum(d for _, d in pairs)
    positives = sum(s for s, _ in pairs)
    return {
        "refusal_accuracy": sum(s == d for s, d in pairs) / len(pairs),
        "refusal_precision": tp / refused if refused else None,
        "refusal_recall": tp / positives if positives else None,
    }


def mean(values: Sequence[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


def percentile(values: Sequence[float], q: float) -> float | None:
    """Nearest-rank percentile (q in 0..100)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]
