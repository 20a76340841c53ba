"""Fit the weights by which the offline engine chooses the units it quotes, and write ``resources/unit_ranker.json``.

A unit (sentence or enumeration) of the retrieved passages answers a question when it states one of the question's
expected keywords. For every answerable single-turn question of the suites that the gate answers, the script records the
:class:`~trainer_bot.answer.ranking.UnitEvidence` of each candidate unit and the share of the keywords it states, and
fits a listwise model: the softmax of the weighted evidence over a question's units should put its mass on the units that
state keywords (L-BFGS, L2 penalty). Weights are scaled so that ``lexical`` stays 0.5: the engine's relative thresholds
(a unit at least 0.65 of the best one) keep their meaning.

Validation is grouped: each fold holds out whole suites (fresh-blindN by N mod 5, and the development suites), so every
figure is on documents the fit never saw. The suites from ``--test-from`` on are never fitted on at all and reported
apart. Printed per fold and in all, for today's weights and the fitted ones: top-1 (the best unit states a keyword) and
top-3 (the three best state at least half of the keywords).

Findings of 2026-12-01 (3,169 training questions; the held-out test is unseen and fresh-blind53..62, 635 questions):
- every weight free: top-1 0.643 → 0.671, top-3 0.792 → 0.830 on the test, and `eval run` passes 3,792 → 3,901 of
  5,277 over all suites (held out blind53..62: +22 of 760); but the rules' weight falls to 0.28, six tests of rules
  fail (哪些人不能领 ← 不予发放的情形, a Q&A's own question…) and main loses two cases;
- the weights of the default ``--fixed`` held (the rules, the fit to the kind, words, meaning) and words said only by
  a heading counted up to twice a unit's own (``HEADING_CAP`` 2): 0.677, 0.820; `eval run` 3,792 → 3,867 (held out
  +14 of 760), but the issue's example 村委会想用集体收益修一条路，要走什么程序？ loses 四议两公开's steps, and
  调解的原则是什么 its 自愿;
- the same, capped at the unit's own words (``HEADING_CAP`` 1, the default): 0.658, 0.798, `eval run` +30 (held out
  +3), and the same 四议两公开 example is lost.
- the same with the section asked held too (``--fixed`` default since): 0.658, 0.798; `eval run` 3,792 → 3,822 (held
  out 542 → 546 of 760), main, library and unseen unchanged, every test of rules kept; but evals/heldout's keyword
  recall fell under its threshold (0.797 < 0.8) and fresh-blind55 lost two passes (under its threshold). No fitted
  file ships.
Most of the gain of the free fits is one effect: a unit whose section heading carries the question's words and
that does not repeat them (the rule under 二、补助标准) is more often the answer than a unit that restates the question.

Usage:  python benchmarks/fit_unit_ranker.py --data-dir /tmp/number-gate [--test-from 53] [--fixed lexical,fit,...]
                                          [--records /tmp/units.pkl] [--write]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import pickle
import re
import sys
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

from trainer_bot.answer.ranking import HAND, UnitEvidence, UnitWeights
from trainer_bot.answer.roles import render_unit
from trainer_bot.question import analyse
from trainer_bot.resources import resource

sys.path.insert(0, str(Path(__file__).resolve().parent))
from number_gate import default_suites, suite_bot  # noqa: E402

NAMES = UnitEvidence.names()
# the rules' adjustments and the fit to the kind of question each answer a case the suites hold few of (哪些人不能领 ←
# 不予发放的情形, a Q&A's own question): one weight for all of them would be fitted to the average case and undo each
FIXED = "lexical,overlap,fit,rules,document,meaning,misconception,section"
# words said only by a unit's title and sections count at most this many times the words the unit says itself
HEADING_CAP = 1.0


def records(suite: str, data_dir: Path) -> list[dict]:
    """Per question: the evidence matrix of its candidate units and the share of its keywords each states."""
    bot, cases = suite_bot(suite, data_dir)
    answerer = bot.answerer
    out = []
    for case in cases:
        keywords = case.get("expected_keywords") or []
        if case.get("should_refuse") or not keywords:
            continue
        retrieval = bot.retrieve(case["question"])
        if not retrieval.gate.covered:
            continue
        cands = answerer.candidates(case["question"], retrieval.passages[: answerer.max_passages], analyse(case["question"]))
        cands = [c for c in cands if c.evidence is not None]
        if not cands:
            continue
        stated = [[k for k in keywords if k in c.unit or k in render_unit(c.unit, c.passage)] for c in cands]
        out.append({"suite": suite, "x": np.array([c.evidence.vector() for c in cands]),
                    "y": np.array([len(s) / len(keywords) for s in stated]), "stated": stated, "n": len(keywords)})
    return out


def fit(train: list[dict], l2: float = 1.0, fixed: tuple[str, ...] = ()) -> np.ndarray:
    train = [q for q in train if q["y"].max() > 0]
    x = np.vstack([q["x"] for q in train])
    target = np.concatenate([q["y"] / q["y"].sum() for q in train])
    sizes = [len(q["y"]) for q in train]
    starts = np.cumsum([0, *sizes])[:-1]
    seg = np.repeat(np.arange(len(train)), sizes)
    n = len(train)

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        s = x @ w
        top = np.maximum.reduceat(s, starts)
        e = np.exp(s - top[seg])
        z = np.add.reduceat(e, starts)
        logp = s - top[seg] - np.log(z[seg])
        p = e / z[seg]
        return -(target * logp).sum() / n + l2 * (w @ w) / (2 * n), x.T @ (p - target) / n + l2 * w / n

    w0 = 10 * np.array([HAND[name] for name in NAMES])
    # (a fixed weight keeps its hand-set value; with lexical fixed the scale is the hand-set one, else lexical = 0.5)
    # (and none is negative: each piece of evidence is for a unit, or says nothing)
    # (and words said only by a unit's heading are capped: else a unit that restates the question ranks under its
    # neighbours that do not, 调解的原则 under 达成调解协议后…)
    bounds = [(v, v) if name in fixed else (0.0, HEADING_CAP * w0[0] if name == "heading" else None)
              for name, v in zip(NAMES, w0)]
    w = minimize(loss, w0, jac=True, method="L-BFGS-B", bounds=bounds, options={"maxiter": 500}).x
    return w / 10 if "lexical" in fixed else w * 0.5 / w[NAMES.index("lexical")]


def figures(questions: list[dict], w: np.ndarray) -> tuple[float, float]:
    top1 = top3 = 0
    for q in questions:
        order = np.argsort(-(q["x"] @ w), kind="stable")
        top1 += bool(q["stated"][order[0]])
        top3 += 2 * len({k for i in order[:3] for k in q["stated"][i]}) >= q["n"]
    return top1 / len(questions), top3 / len(questions)


def blind_number(suite: str) -> int:
    """N of fresh-blindN (fresh-blind is 1), 0 for any other suite."""
    m = re.fullmatch(r"fresh-blind(\d*)", suite)
    return int(m.group(1) or 1) if m else 0


def fold(suite: str) -> int:
    """The held-out fold of a suite: fresh-blindN by N mod 5, the development suites together in a sixth."""
    n = blind_number(suite)
    return n % 5 if n else 5


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--test-from", type=int, default=53, help="fresh-blindN from this N on: never fitted on")
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--fixed", default=FIXED, help="weights kept at their hand-set values (comma-separated)")
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--records", type=Path, help="keep the recorded evidence in this file and read it from there "
                        "next time (valid while the code that computes the evidence is unchanged)")
    parser.add_argument("suites", nargs="*")
    args = parser.parse_args()
    if args.records and args.records.exists():
        data = pickle.loads(args.records.read_bytes())
    else:
        data = []
        for suite in args.suites or default_suites():
            data += records(suite, args.data_dir)
            print(f"{suite:16s} {len(data)} questions so far", file=sys.stderr)
        if args.records:
            args.records.write_bytes(pickle.dumps(data))
    fixed = tuple(name for name in args.fixed.split(",") if name)
    hand = np.array([HAND[name] for name in NAMES])
    shipped = np.array([UnitWeights.load().weights.get(name, 0.0) for name in NAMES])
    # (the unseen-material fixture measures the engine on material it was not built on: never fitted on either)
    held = [q["suite"] == "unseen" or blind_number(q["suite"]) >= args.test_from for q in data]
    train = [q for q, h in zip(data, held) if not h]
    test = [q for q, h in zip(data, held) if h]
    print("held-out folds (whole suites)      hand top-1 top-3 | fitted top-1 top-3")
    totals = np.zeros(4)
    for k in sorted({fold(q["suite"]) for q in train}):
        part = [q for q in train if fold(q["suite"]) == k]
        w = fit([q for q in train if fold(q["suite"]) != k], args.l2, fixed)
        row = (*figures(part, hand), *figures(part, w))
        totals += len(part) * np.array(row)
        print(f"  fold {k} ({len(part):4d} questions)               {row[0]:.3f} {row[1]:.3f} | {row[2]:.3f} {row[3]:.3f}")
    t = totals / len(train)
    print(f"  all folds ({len(train)} questions)             {t[0]:.3f} {t[1]:.3f} | {t[2]:.3f} {t[3]:.3f}")
    w = fit(train, args.l2, fixed)
    if test:
        print(f"test: unseen and fresh-blind{args.test_from} on ({len(test)} questions, never fitted on): hand %.3f %.3f | "
              "shipped %.3f %.3f | fitted %.3f %.3f" % (*figures(test, hand), *figures(test, shipped), *figures(test, w)))
    print("weights:", {name: round(float(v), 4) for name, v in zip(NAMES, w)})
    if args.write:
        path = resource("unit_ranker.json")
        path.write_text(json.dumps({
            "weights": {name: round(float(v), 4) for name, v in zip(NAMES, w)},
            "fitted_on": f"answerable questions of the fresh suites before fresh-blind{args.test_from} and of answers",
            "fixed": list(fixed),
            "n": len(train), "validation": "grouped folds of whole suites", "cv_top1": round(float(t[2]), 4),
            "cv_top3": round(float(t[3]), 4), "fitted": dt.date.today().isoformat()}, ensure_ascii=False, indent=1) + "\n",
            encoding="utf-8")
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
