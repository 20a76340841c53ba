"""Run a suite against a :class:`TrainerBot` and score every case; results follow contract C3."""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass

from .. import __version__
from ..bot import TrainerBot
from ..models import Progress
from . import metrics as m
from .suite import EvalCase, Suite

RETRIEVAL_METRICS = ("hit@1", "hit@3", "hit@5", "mrr", "ndcg@5")
JUDGE_METRICS = ("judge_faithfulness", "judge_relevance")


@dataclass
class CaseResult:
    id: str
    question: str
    answer: str
    refused: bool
    retrieved_sources: list[str]
    latency_ms: float
    passed: bool
    should_refuse: bool
    expected_sources: list[str]
    tags: list[str]
    standalone_question: str
    scores: dict[str, float | None]


def score_case(case: EvalCase, answer_text: str, refused: bool, retrieved: list[str],
               passages_by_n: dict[int, str]) -> tuple[dict[str, float | None], bool]:
    scores: dict[str, float | None] = {}
    gold = list(case.expected_sources) if not case.should_refuse else []
    for k in (1, 3, 5):
        scores[f"hit@{k}"] = m.hit_at(retrieved, gold, k)
    scores["mrr"] = m.reciprocal_rank(retrieved, gold)
    scores["ndcg@5"] = m.ndcg_at(retrieved, gold, 5)
    answered = not refused and not case.should_refuse
    # a refusal recalls nothing, also when it shows the nearest sentences (they are not given as the answer)
    scores["keyword_recall"] = (0.0 if refused else m.keyword_recall(answer_text, case.expected_keywords)) \
        if not case.should_refuse else None
    scores["citation_validity"] = float(m.citation_valid(answer_text, len(passages_by_n))) if answered else None
    scores["groundedness"] = m.groundedness(answer_text, passages_by_n) if answered else None
    if case.should_refuse:
        passed = refused
    else:
        passed = (not refused and scores["hit@5"] in (None, 1.0)
                  and (scores["keyword_recall"] is None or scores["keyword_recall"] >= 0.5)
                  and scores["citation_validity"] == 1.0)
    return scores, passed


def aggregate(results: list[CaseResult]) -> dict[str, float | None]:
    out: dict[str, float | None] = {"cases": float(len(results)),
                                    "pass_rate": m.mean([float(r.passed) for r in results])}
    for name in (*RETRIEVAL_METRICS, "keyword_recall", "citation_validity", "groundedness"):
        out[name] = m.mean([r.scores.get(name) for r in results])
    for name in JUDGE_METRICS:
        if any(name in r.scores for r in results):
            out[name] = m.mean([r.scores.get(name) for r in results])  # over the answers the judge did score
    if any("judge_errors" in r.scores for r in results):  # judge calls that failed or gave no score, counted apart
        out["judge_errors"] = float(sum(r.scores.get("judge_errors") or 0.0 for r in results))
    out.update(m.refusal_scores([r.should_refuse for r in results], [r.refused for r in results]))
    latencies = [r.latency_ms for r in results]
    out["latency_p50_ms"] = m.percentile(latencies, 50)
    out["latency_p95_ms"] = m.percentile(latencies, 95)
    return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in out.items()}


def run_case(bot: TrainerBot, case: EvalCase, judge=None) -> CaseResult:
    start = time.perf_counter()
    answer = bot.ask(case.question, case.history)
    latency = (time.perf_counter() - start) * 1000
    standalone = answer.standalone_question or case.question
    retrieved = list(dict.fromkeys(p.chunk.source for p in answer.retrieved))
    # (a section's heading is part of what a citation points to: 第一步：摸底建册 is quoted from it)
    passages_by_n = {c.n: "\n".join((*c.passage.chunk.heading_path, c.passage.chunk.text)) for c in answer.citations}
    scores, passed = score_case(case, answer.text, answer.refused, retrieved, passages_by_n)
    if judge is not None and not answer.refused:
        judged = judge.score(standalone, answer.text, list(passages_by_n.values()))
        scores.update(judged)
        scores["judge_errors"] = float(sum(v is None for v in judged.values()))  # not a low score: no score
    return CaseResult(case.id, case.question, answer.text, answer.refused, retrieved, round(latency, 2), passed,
                      case.should_refuse, list(case.expected_sources), list(case.tags), standalone, scores)


def run_suite(bot: TrainerBot, suite: Suite, progress: Progress | None = None, judge=None) -> dict:
    if suite.material:
        report = bot.ingest(suite.material)
        if not report.ok:
            from ..errors import TrainerBotError

            raise TrainerBotError("评测材料导入失败：" + "；".join(r.error for r in report.results if r.error))
    results: list[CaseResult] = []
    for i, case in enumerate(suite.cases):
        if progress:
            progress(i, len(suite.cases), case.id)
        results.append(run_case(bot, case, judge))
    if progress:
        progress(len(suite.cases), len(suite.cases), "")
    tags = sorted({t for r in results for t in r.tags})
    by_tag = {t: aggregate([r for r in results if t in r.tags]) for t in tags}
    settings = bot.settings
    return {
        "suite": suite.name,
        "config": {"version": __version__, "engine": bot.answerer.name, "embedding": bot.embedding_id,
                   "top_k": settings.top_k, "candidates": settings.candidates,
                   "max_chunk_chars": settings.max_chunk_chars, "answer_sentences": settings.answer_sentences,
                   "chunks": bot.count(), "thresholds": suite.thresholds, "judge": judge is not None},
        "metrics": aggregate(results),
        "metrics_by_tag": by_tag,
        "cases": [asdict(r) for r in results],
    }


def check_thresholds(results: dict, thresholds: dict[str, float]) -> list[str]:
    """Failed thresholds as readable lines (maxima for lower-is-better metrics, minima for the rest)."""
    failures = []
    for name, bound in thresholds.items():
        value = results["metrics"].get(name)
        is_max = m.lower_is_better(name)
        if value is None or (value > bound if is_max else value < bound):
            failures.append(f"{name} = {value} {'>' if is_max else '<'} {bound}")
    return failures
