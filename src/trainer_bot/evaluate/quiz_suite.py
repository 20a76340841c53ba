"""Quiz suites: generate sets from named material and measure what reaches trainers.

A quiz suite is a YAML file with ``kind: quiz``, the material to ingest, and ``sets`` — each a
``source`` (or ``sources``) and/or ``topic``, a ``count`` and ``types``. Metrics: item validity rate
(candidates that passed validation), key-grounded rate (delivered items whose key the quote
supports, re-checked independently), duplicate rate, count fulfilment, type mix and drop reasons;
and one ``check_<rule>`` rate per quality rule of :mod:`trainer_bot.quiz.validate` (the share of
delivered items that pass it, re-checked on the set as delivered, so a generator or a pipeline
change that lets a bad item through shows up as a rate below 1).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .. import __version__
from ..bot import TrainerBot
from ..errors import TrainerBotError
from ..models import Progress
from ..quiz import validate
from ..quiz.generate import excluded_texts, generate_quiz, source_texts
from ..quiz.model import Question

QUALITY_CHECKS = tuple(rule.__name__ for rule in validate.QUALITY_RULES)


def quality_failures(questions: list[Question], texts: dict[str, str], excluded: dict[str, list[str]]) -> Counter:
    """How many delivered items fail each quality rule (and the set rules: roles, one fact once)."""
    failed: Counter = Counter()
    for i, q in enumerate(questions):
        failed.update(name for name, _ in validate.failures(q, texts.get(q.source.source, ""), validate.QUALITY_RULES))
        if validate.roles_respected(q, excluded.get(q.source.source, [])) is not None:
            failed["roles_respected"] += 1
        if any(validate.same_fact(q, earlier) for earlier in questions[:i]):
            failed["one_fact_once"] += 1
    return failed


@dataclass
class QuizSetSpec:
    id: str
    count: int
    types: list[str]
    sources: list[str] = field(default_factory=list)
    topic: str | None = None


@dataclass
class QuizSuite:
    name: str
    sets: list[QuizSetSpec]
    material: list[Path]
    thresholds: dict[str, float]


def is_quiz_suite(path: Path) -> bool:
    if path.suffix not in (".yaml", ".yml") or not path.is_file():
        return False
    return (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("kind") == "quiz"


def load_quiz_suite(path: Path) -> QuizSuite:
    config = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    try:
        sets = [QuizSetSpec(id=str(s.get("id") or f"set-{i + 1}"), count=int(s["count"]), types=list(s["types"]),
                            sources=list(s.get("sources") or ([s["source"]] if s.get("source") else [])),
                            topic=s.get("topic")) for i, s in enumerate(config["sets"])]
    except (KeyError, TypeError, ValueError) as exc:
        raise TrainerBotError(f"{path.name}: 出题评测配置有误（{exc}）。每套需要 count、types，以及 source 或 topic。") from None
    return QuizSuite(name=str(config.get("name") or path.stem), sets=sets,
                     material=[(path.parent / m).resolve() for m in config.get("material", [])],
                     thresholds={str(k): float(v) for k, v in (config.get("thresholds") or {}).items()})


def run_quiz_suite(bot: TrainerBot, suite: QuizSuite, progress: Progress | None = None) -> dict:
    if suite.material and not bot.ingest(suite.material).ok:
        raise TrainerBotError("评测材料导入失败。")
    chunks = bot.chunks()
    texts, excluded = source_texts(chunks), excluded_texts(chunks)
    cases: list[dict[str, Any]] = []
    types: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    failed: Counter[str] = Counter()
    delivered = requested = grounded = duplicates = dropped = 0
    for i, spec in enumerate(suite.sets):
        if progress:
            progress(i, len(suite.sets), spec.id)
        report = generate_quiz(bot, spec.count, spec.types, spec.sources, spec.topic)
        questions = report.quiz.questions
        ok = [q for q in questions if validate.quote_is_verbatim(q, texts.get(q.source.source, "")) is None
              and not any(validate.failures(q, texts.get(q.source.source, ""), (validate.key_supported,)))]
        stems = Counter(q.stem for q in questions)
        delivered += len(questions)
        requested += spec.count
        grounded += len(ok)
        duplicates += sum(n - 1 for n in stems.values())
        dropped += sum(report.dropped.values())
        types.update(q.type for q in questions)
        reasons.update(report.dropped)
        failed.update(quality_failures(questions, texts, excluded))
        cases.append({"id": spec.id, "question": spec.topic or "、".join(spec.sources), "answer": report.message,
                      "refused": False, "retrieved_sources": sorted({q.source.source for q in questions}),
                      "latency_ms": 0.0, "passed": len(questions) == spec.count and len(ok) == len(questions),
                      "delivered": len(questions), "requested": spec.count, "dropped": dict(report.dropped),
                      "set_problems": validate.set_problems(questions), "tags": ["quiz"]})
    if progress:
        progress(len(suite.sets), len(suite.sets), "")
    metrics = {
        "cases": float(len(cases)),
        "pass_rate": round(sum(c["passed"] for c in cases) / len(cases), 4) if cases else None,
        "validity_rate": round(delivered / (delivered + dropped), 4) if delivered + dropped else None,
        "key_grounded_rate": round(grounded / delivered, 4) if delivered else None,
        "duplicate_rate": round(duplicates / delivered, 4) if delivered else None,
        "fulfilment_rate": round(delivered / requested, 4) if requested else None,
    }
    for name in (*QUALITY_CHECKS, "roles_respected", "one_fact_once"):
        metrics[f"check_{name}"] = round(1 - failed[name] / delivered, 4) if delivered else None
    return {"suite": suite.name, "kind": "quiz",
            "config": {"version": __version__, "generator": "llm" if bot.settings.use_llm else "offline",
                       "thresholds": suite.thresholds},
            "metrics": metrics, "type_mix": dict(types), "drop_reasons": dict(reasons.most_common()),
            "metrics_by_tag": {}, "cases": cases}


def quiz_summary(results: dict, failures: list[str] | None = None) -> str:
    m = results["metrics"]
    lines = [f"## 出题评测：{results['suite']}（{int(m['cases'])} 套）", "", "| 指标 | 数值 |", "|---|---:|"]
    labels = {"pass_rate": "达标套数比例", "validity_rate": "候选题通过率", "key_grounded_rate": "答案有据率",
              "duplicate_rate": "重复题干率", "fulfilment_rate": "题量完成率"}
    labels |= {k: f"质量检查：{k.removeprefix('check_')}" for k in m if k.startswith("check_")}
    lines += [f"| {labels[k]} | {'—' if m[k] is None else f'{m[k]:.3f}'} |" for k in labels]
    lines += ["", "题型分布：" + "、".join(f"{k} {v}" for k, v in results["type_mix"].items()),
              "淘汰原因：" + ("；".join(f"{k} {v}" for k, v in results["drop_reasons"].items()) or "无")]
    if failures is not None:
        lines.append("门槛：" + ("全部达到" if not failures else "未达到 —— " + "；".join(failures)))
    return "\n".join(lines)
