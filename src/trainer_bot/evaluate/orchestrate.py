"""One way to run a suite file, for the CLI (``eval run``) and the trainer app's 评测 tab alike."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..models import Progress
from .quiz_suite import QuizSuite, is_quiz_suite, load_quiz_suite, quiz_summary, run_quiz_suite
from .report import html_report, markdown_summary
from .run import check_thresholds, run_suite
from .suite import Suite, load_suite


def load_any_suite(path: Path) -> Suite | QuizSuite:
    """An answer suite (JSONL, or its YAML) or a quiz suite (YAML with ``kind: quiz``)."""
    return load_quiz_suite(path) if is_quiz_suite(path) else load_suite(path)


@dataclass
class EvalRun:
    results: dict
    failures: list[str]  # thresholds not met, as readable lines
    quiz: bool
    has_thresholds: bool

    def summary(self) -> str:
        return (quiz_summary if self.quiz else markdown_summary)(self.results, self.failures if self.has_thresholds else None)

    def write(self, json_path: Path | None = None, html_path: Path | None = None) -> None:
        if json_path:
            json_path.parent.mkdir(parents=True, exist_ok=True)
            json_path.write_text(json.dumps(self.results, ensure_ascii=False, indent=1), encoding="utf-8")
        if html_path:
            html_path.parent.mkdir(parents=True, exist_ok=True)
            html_path.write_text(html_report(self.results, self.failures if self.has_thresholds else None),
                                 encoding="utf-8")


def run_loaded(bot, suite: Suite | QuizSuite, progress: Progress | None = None, judge=None) -> EvalRun:
    if isinstance(suite, QuizSuite):
        results, quiz = run_quiz_suite(bot, suite, progress), True
    else:
        results, quiz = run_suite(bot, suite, progress, judge), False
    return EvalRun(results, check_thresholds(results, suite.thresholds), quiz, bool(suite.thresholds))
