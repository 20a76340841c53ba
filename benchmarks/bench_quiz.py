"""Quiz generation time in process: 10 items from one document, over the bundled knowledge.

Ingests ``knowledge/`` into a temporary data directory (or uses ``--data-dir``), then for each of
six documents times ``generate_quiz`` (count 10, all five types) three times and prints the
median, with how many items were delivered. The first call also builds the corpus pools
(typed terms of every document); later calls reuse them, as a running app does.

Usage:  python benchmarks/bench_quiz.py [--data-dir DIR]
Prints figures; asserts nothing. Target: under 2 s per set of 10 items on a 2-core machine.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from trainer_bot.bot import TrainerBot
from trainer_bot.quiz.generate import generate_quiz
from trainer_bot.quiz.model import TYPES
from trainer_bot.settings import Settings

REPO = Path(__file__).resolve().parents[1]
DOCUMENTS = ["governance/governance-toolbox.md", "autonomy/villagers-committee-law.md",
             "disputes/petition-regulations.md", "emergency/emergency-response-law.md", "urban/grid-management.md",
             "disputes/people-mediation.md"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path)
    args = parser.parse_args()
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="bench-quiz-"))
    bot = TrainerBot.from_settings(Settings(data_dir=data_dir))
    if not bot.store.all_chunks():
        bot.ingest([REPO / "knowledge"])
    started = time.perf_counter()
    generate_quiz(bot, 10, TYPES, [DOCUMENTS[0]])
    print(f"first set (builds the corpus pools): {time.perf_counter() - started:.2f} s")
    print(f"{'document':45} {'items':>5} {'median s':>9} {'max s':>7}")
    for source in DOCUMENTS:
        times, made = [], 0
        for _ in range(3):
            started = time.perf_counter()
            report = generate_quiz(bot, 10, TYPES, [source])
            times.append(time.perf_counter() - started)
            made = len(report.quiz.questions)
        print(f"{source:45} {made:>5} {statistics.median(times):>9.2f} {max(times):>7.2f}")


if __name__ == "__main__":
    main()
