"""A training class at scale: roster import, a test taken by everyone, results and the 成绩单.

Builds a roster of N cadres in one class (xlsx), imports it (PBKDF2 hashing of every initial password
dominates), assigns a 20-question 测验, lets every learner start, answer all questions (random right or
wrong) and hand in, then computes the results and writes the 成绩单; also the per-request cost of what
every /learn request checks (the learner's profile and first-sign-in flag).

Usage:  python benchmarks/bench_learners.py [--learners 300] [--questions 20] [--database-url URL]
Prints figures; asserts nothing. Targets (issue 14): import ≤ 0.25 s per learner; a saved answer
p95 ≤ 50 ms; results for the class ≤ 2 s; a profile check ≤ 10 ms (SQLite, 2 cores).
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from openpyxl import Workbook

from trainer_bot.db import Database
from trainer_bot.learners.classes import Classroom
from trainer_bot.clock import CHINA
from trainer_bot.learners.people import People
from trainer_bot.learners.results import results, write_gradesheet
from trainer_bot.learners.roster import import_roster, read_roster
from trainer_bot.quiz.bank import QuizBank
from trainer_bot.quiz.model import Question, QuizSet


def quiz(n: int) -> QuizSet:
    source = {"source": "bench.md", "quote": "人民调解委员会调解民间纠纷，不收取任何费用。"}
    questions = []
    for i in range(n):
        if i % 2:
            questions.append(Question(type="true_false", stem=f"第{i}条规定成立吗？", answer=bool(i % 3), source=source))
        else:
            questions.append(Question(type="single_choice", stem=f"第{i}题的正确选项是（    ）。",
                                      options=["甲", "乙", "丙", "丁"], answer=[i % 4], source=source))
    return QuizSet(title="基准测验", questions=questions, status="published")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--learners", type=int, default=300)
    parser.add_argument("--questions", type=int, default=20)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(args.database_url or f"sqlite:///{tmp}/bench.sqlite3")
        book = Workbook()
        book.active.append(["姓名", "单位", "手机号", "班级"])
        for i in range(args.learners):
            book.active.append([f"学员{i}", f"第{i % 30}村", f"139{i:08d}", "基准班"])
        book.save(Path(tmp) / "roster.xlsx")
        start = time.perf_counter()
        report = import_roster(db, read_roster(Path(tmp) / "roster.xlsx"))
        took = time.perf_counter() - start
        print(f"roster import: {len(report.created)} learners in {took:.1f} s ({took / args.learners:.3f} s per learner)")

        bank = QuizBank(db)
        saved = bank.save(quiz(args.questions))
        moment = [datetime(2026, 12, 1, 9, 0, tzinfo=CHINA)]
        people = People(db)
        room = Classroom(db, bank, people, lambda: moment[0])
        task = room.assign(saved.id, "基准班", "测验", moment[0], moment[0] + timedelta(hours=2), minutes=60)
        checks = []
        for item in report.imported[:100]:
            t = time.perf_counter()
            people.must_change(item.account)
            people.get(item.account)
            checks.append(time.perf_counter() - t)
        print(f"profile check per request: p50 {1000 * statistics.median(checks):.1f} ms, "
              f"max {1000 * max(checks):.1f} ms")
        answers, starts = [], []
        for item in report.imported:
            t = time.perf_counter()
            sitting = room.start(item.account, task.id)
            starts.append(time.perf_counter() - t)
            for q in sitting.paper:
                response = q.answer if rng.random() < 0.7 else (not q.answer if q.type == "true_false" else [(q.answer[0] + 1) % 4])
                t = time.perf_counter()
                room.answer(sitting.id, item.account, q.id, response if q.type == "true_false" else response[0])
                answers.append(time.perf_counter() - t)
            room.hand_in(sitting.id, item.account)
        answers.sort()
        print(f"start: p50 {1000 * statistics.median(starts):.1f} ms; saved answer: p50 {1000 * statistics.median(answers):.1f} ms, "
              f"p95 {1000 * answers[int(0.95 * len(answers))]:.1f} ms ({len(answers)} answers)")
        t = time.perf_counter()
        found = results(room, task.id)
        took = time.perf_counter() - t
        t = time.perf_counter()
        write_gradesheet(found, Path(tmp) / "成绩单.xlsx")
        print(f"results: {len(found.taken)} of {len(found.learners)} handed in, average {found.average:.1f}, "
              f"in {took:.2f} s; 成绩单 written in {time.perf_counter() - t:.2f} s")


if __name__ == "__main__":
    main()
