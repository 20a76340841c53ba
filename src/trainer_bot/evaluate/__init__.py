"""Evaluate: run eval suites (contract C3), score them without a judge, report and compare runs."""

from .compare import compare_results
from .run import run_suite
from .suite import EvalCase, Suite, load_suite

__all__ = ["EvalCase", "Suite", "compare_results", "load_suite", "run_suite"]
