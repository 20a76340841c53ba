"""How the gate decides the number questions (几天、多少钱、百分之几) of the eval suites: answered, or refused and why.

A number question the material answers must not be refused because no passage states its number of what the asker
named (the ``number_absent`` rule in ``retrieve.HybridRetriever.decide``); a near miss on the same matter should be.
For each suite the script ingests its material into a store of its own under ``--data-dir`` (kept between runs:
vectors come from the vector cache), asks every single-turn question whose parts ask for a number, and prints per
suite and in all: answerable questions refused (by ``number_absent`` and by the probability) and near misses answered.
``--out`` writes every decision as JSON lines, so that two versions of the code can be compared question by question.

Usage:  python benchmarks/number_gate.py --data-dir /tmp/number-gate [--out decisions.jsonl] [suite ...]
        (default: every fresh suite, unseen and answers)
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

import yaml

from trainer_bot.bot import TrainerBot
from trainer_bot.question import analyse, sub_questions
from trainer_bot.settings import Settings

EVALS = Path(__file__).resolve().parent.parent / "evals"


def default_suites() -> list[str]:
    fresh = sorted((p.stem for p in EVALS.glob("fresh-*.yaml")), key=lambda s: (len(s), s))
    return [*fresh, "unseen", "answers"]


def suite_bot(suite: str, data_dir: Path) -> tuple[TrainerBot, list[dict]]:
    """The offline bot over the suite's material (a store of its own under ``data_dir``, ingested on first use) and the
    suite's single-turn cases."""
    spec = yaml.safe_load((EVALS / f"{suite}.yaml").read_text(encoding="utf-8"))
    store = data_dir / suite
    fresh = not store.exists()
    bot = TrainerBot.from_settings(Settings(_env_file=None, data_dir=store, engine="offline"))
    if fresh:
        bot.ingest([EVALS / m for m in spec["material"]])
    cases = [json.loads(line) for line in (EVALS / spec["cases"]).read_text(encoding="utf-8").splitlines()]
    return bot, [case for case in cases if "question" in case and not case.get("turns")]


def decisions(suite: str, data_dir: Path) -> list[dict]:
    bot, cases = suite_bot(suite, data_dir)
    out = []
    for case in cases:
        if not any(analyse(part).measure is not None for part in sub_questions(case["question"])):
            continue
        gate = bot.retriever.retrieve(case["question"], expand=True).gate
        out.append({"suite": suite, "id": case["id"], "question": case["question"],
                    "should_refuse": bool(case.get("should_refuse")), "answered": gate.covered,
                    "reason": gate.reason, "probability": gate.probability})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--out", type=Path)
    parser.add_argument("suites", nargs="*")
    args = parser.parse_args()
    rows: list[dict] = []
    for suite in args.suites or default_suites():
        found = decisions(suite, args.data_dir)
        rows += found
        c = Counter((r["should_refuse"], r["answered"], r["reason"]) for r in found)
        print(f"{suite:16} {len(found):4} number questions · answerable refused "
              f"{c[(False, False, 'number_absent')]} by number_absent, {c[(False, False, 'low_relevance')]} by probability"
              f" · near misses answered {sum(v for (ref, ans, _), v in c.items() if ref and ans)}")
    total = Counter((r["should_refuse"], r["answered"]) for r in rows)
    print(f"all: {len(rows)} number questions · answerable refused {total[(False, False)]} of "
          f"{total[(False, False)] + total[(False, True)]} · near misses answered {total[(True, True)]} of "
          f"{total[(True, True)] + total[(True, False)]}")
    if args.out:
        args.out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


if __name__ == "__main__":
    main()
