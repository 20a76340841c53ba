"""A blind grading round of generated quiz sets: generate, shuffle for the graders, and count their grades.

A round compares two generators (``before``, ``after``) on material neither was written against. Each document gets
one offline set of 10 (all five types) from each; sets identical in both are graded once and count for both. Graders
see only the shuffled ``set-N.md`` files, the rubric (``docs/quiz-rubric.md``) and the source documents; which set
came from which generator is kept in ``private/sets.txt`` until the grades are in.

Usage:
  python benchmarks/quiz_rounds.py generate STORE OUT FILE...    # one set per source of the store, as OUT/FILE.md
  python benchmarks/quiz_rounds.py prepare ROUND NUMBER           # ROUND/before, ROUND/after → ROUND/sets, prompt.txt
  python benchmarks/quiz_rounds.py tally ROUND grades-a.md ...    # counts per version and type (ROUND/sets.txt)

Run ``generate`` with ``PYTHONPATH`` pointing at the other version's ``src`` for the "before" sets. The round's
material goes in ROUND/mat (the graders open it there). Results kept in ``benchmarks/data/quiz_grading/round-N-…``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TYPES = ["single_choice", "multiple_choice", "true_false", "fill_blank", "short_answer"]
GRADES = ("good", "acceptable", "bad")
LABELS = ("单选", "多选", "判断", "填空", "简答")
_ROW = re.compile(r"^\|\s*(set-\d+)(?:\.md)?\s*\|\s*(\d+)\s*\|\s*([^|]+?)\s*\|\s*(good|acceptable|bad)\s*\|")

PROMPT = """You grade quiz items generated from training material for Chinese grassroots cadres.

- The rubric: {round}/rubric.md. Read it first and apply it strictly: an item is bad if any bad criterion holds; good only
  if every good criterion holds; otherwise acceptable. Grade as a trainer who must decide whether to publish the item.
- The sets: {round}/sets/set-1.md … set-{n}.md. Each set's first line names its source document; the documents are in
  {round}/mat/ (docx: read with python-docx, tables included; -gbk.txt files are GBK). Open the source to check keys,
  distractors, whether a stem stands alone, and whether a fact comes from an invented 案例 or a 误区.
- Some sets of the same document may appear twice with small differences; grade each item on its own.
- Write your grades to the file you are told, as a Markdown table with one row per item, every item of every set you
  are given, in order:

| file | item | type | grade | reason |
|---|---|---|---|---|
| set-1.md | 1 | 单选 | good | 一句中文理由 |

  type is one of 单选/多选/判断/填空/简答; grade is exactly good, acceptable or bad; the reason is one line of Chinese
  saying what decides the grade.
- After the table, add a small summary table of counts per type and grade.
- Do not read anything under /work or {round}/private, and do not look for how the items were generated.
"""


def generate(store: Path, out: Path, names: list[str]) -> None:
    from trainer_bot.bot import TrainerBot
    from trainer_bot.quiz.export import to_markdown
    from trainer_bot.quiz.generate import generate_quiz
    from trainer_bot.settings import Settings

    out.mkdir(parents=True, exist_ok=True)
    bot = TrainerBot.from_settings(Settings(data_dir=store))
    for name in names:
        quiz = generate_quiz(bot, 10, TYPES, [name]).quiz.model_copy(update={"title": name})
        (out / f"{name}.json").write_text(json.dumps(quiz.contract(), ensure_ascii=False, indent=1), encoding="utf-8")
        (out / f"{name}.md").write_text(to_markdown(quiz), encoding="utf-8")
        print(f"{name}: {len(quiz.questions)}")


def prepare(round_dir: Path, number: int) -> None:
    pairs: list[tuple[str, str, str]] = []
    for after in sorted((round_dir / "after").glob("*.md")):
        name, text = after.name[:-3], after.read_text(encoding="utf-8")
        before = (round_dir / "before" / after.name).read_text(encoding="utf-8")
        pairs += [("both", name, text)] if text == before else [("before", name, before), ("after", name, text)]
    random.Random(number).shuffle(pairs)
    (round_dir / "sets").mkdir(exist_ok=True)
    (round_dir / "private").mkdir(exist_ok=True)
    lines = []
    for i, (version, name, text) in enumerate(pairs, 1):
        (round_dir / "sets" / f"set-{i}.md").write_text(text, encoding="utf-8")
        lines.append(f"set-{i} {version} {name}")
    (round_dir / "private" / "sets.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    shutil.copy(ROOT / "docs" / "quiz-rubric.md", round_dir / "rubric.md")
    (round_dir / "prompt.txt").write_text(PROMPT.format(round=round_dir, n=len(pairs)), encoding="utf-8")
    print(f"{len(pairs)} sets: " + ", ".join(f"{v} {n}" for v, n in Counter(v for v, _, _ in pairs).most_common()))


def tally(round_dir: Path, grade_files: list[str]) -> None:
    versions = {}
    for line in (round_dir / "sets.txt").read_text(encoding="utf-8").splitlines():
        if line.strip():
            set_name, version, name = line.split(" ", 2)
            versions[set_name] = (version, name)
    counts: Counter[tuple[str, str]] = Counter()
    by_type: Counter[tuple[str, str, str]] = Counter()
    items: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for grades in grade_files:
        for line in (round_dir / grades).read_text(encoding="utf-8").splitlines():
            m = _ROW.match(line)
            if not m:
                continue
            set_name, item, qtype, grade = m.groups()
            version, name = versions[set_name]
            for v in ("before", "after") if version == "both" else (version,):
                counts[v, grade] += 1
                by_type[v, qtype, grade] += 1
                items[v].add((name, item))
    for v in ("before", "after"):
        total = sum(counts[v, g] for g in GRADES)
        if not total:
            continue
        shares = ", ".join(f"{g} {counts[v, g]} ({counts[v, g] / total:.1%})" for g in GRADES)
        print(f"{v}: {len(items[v])} items, {total} grades: {shares}")
        for label in LABELS:
            row = [by_type[v, label, g] for g in GRADES]
            if sum(row):
                print(f"   {label} {row[0]}/{row[1]}/{row[2]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    g = sub.add_parser("generate")
    g.add_argument("store", type=Path)
    g.add_argument("out", type=Path)
    g.add_argument("names", nargs="+")
    p = sub.add_parser("prepare")
    p.add_argument("round_dir", type=Path)
    p.add_argument("number", type=int)
    t = sub.add_parser("tally")
    t.add_argument("round_dir", type=Path)
    t.add_argument("grades", nargs="+")
    args = parser.parse_args()
    if args.command == "generate":
        generate(args.store, args.out, args.names)
    elif args.command == "prepare":
        prepare(args.round_dir, args.number)
    else:
        tally(args.round_dir, args.grades)


if __name__ == "__main__":
    main()
