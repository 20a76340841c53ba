"""Eval suites: JSON Lines cases (contract C3), optionally with a YAML file beside them naming
the cases file, the material to ingest first, and metric thresholds."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..condense import Turn
from ..errors import TrainerBotError


@dataclass(frozen=True)
class EvalCase:
    id: str
    question: str
    expected_sources: tuple[str, ...] = ()
    expected_keywords: tuple[str, ...] = ()
    should_refuse: bool = False
    history: tuple[Turn, ...] = ()
    tags: tuple[str, ...] = ()


@dataclass
class Suite:
    name: str
    cases: list[EvalCase]
    material: list[Path] = field(default_factory=list)  # ingested into a fresh store before the run
    thresholds: dict[str, float] = field(default_factory=dict)  # metric name -> minimum (latency: maximum)
    path: Path | None = None


def parse_case(line: str, where: str) -> EvalCase:
    try:
        raw = json.loads(line)
        history = tuple(Turn(h["role"], h["content"]) for h in raw.get("history", []))
        if any(t.role not in ("user", "assistant") for t in history):
            raise ValueError("history role must be user or assistant")
        return EvalCase(
            id=str(raw["id"]),
            question=str(raw["question"]),
            expected_sources=tuple(raw.get("expected_sources", [])),
            expected_keywords=tuple(raw.get("expected_keywords", [])),
            should_refuse=bool(raw.get("should_refuse", False)),
            history=history,
            tags=tuple(raw.get("tags", [])),
        )
    except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise TrainerBotError(f"{where}: 不是有效的评测用例（{type(exc).__name__}: {exc}）。"
                              "每行应为 JSON：{\"id\", \"question\", \"expected_sources\", \"expected_keywords\", \"should_refuse\"}。") from None


def load_cases(path: Path) -> list[EvalCase]:
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except OSError as exc:
        raise TrainerBotError(f"无法读取评测集 {path}（{exc.strerror}）。") from None
    cases = [parse_case(line, f"{path.name} 第 {i} 行") for i, line in enumerate(lines, 1) if line.strip()]
    ids = [c.id for c in cases]
    duplicated = sorted({i for i in ids if ids.count(i) > 1})
    if duplicated:
        raise TrainerBotError(f"{path.name}: 用例 id 重复：{', '.join(duplicated)}。")
    if not cases:
        raise TrainerBotError(f"{path.name}: 没有评测用例。")
    return cases


def load_suite(path: Path) -> Suite:
    """``SUITE.jsonl`` (with ``SUITE.yaml`` beside it, if any) or ``SUITE.yaml`` naming its cases."""
    path = Path(path)
    config_path = path if path.suffix in (".yaml", ".yml") else path.with_suffix(".yaml")
    config: dict = {}
    if config_path.is_file():
        config = yaml.safe_load(config_path.read_text(encoding="utf-8")) or {}
    elif path.suffix in (".yaml", ".yml"):
        raise TrainerBotError(f"找不到评测配置 {path}。")
    cases_path = (config_path.parent / config["cases"]) if "cases" in config else path.with_suffix(".jsonl")
    if not cases_path.is_file():
        raise TrainerBotError(f"找不到评测集 {cases_path}。请给出 .jsonl 文件，或在 YAML 中用 cases: 指明。")
    return Suite(
        name=str(config.get("name") or cases_path.stem),
        cases=load_cases(cases_path),
        material=[(config_path.parent / m).resolve() for m in config.get("material", [])],
        thresholds={str(k): float(v) for k, v in (config.get("thresholds") or {}).items()},
        path=cases_path,
    )
