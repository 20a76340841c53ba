"""Fit the relevance gate on labelled questions and write ``resources/gate.json``.

The gate is a logistic model over (dense_z, coverage) — see ``trainer_bot.retrieve``.
Data: ``benchmarks/data/gate_calibration.jsonl`` ({"question", "covered", "kind"}) over the
bundled knowledge/. Prints 5-fold cross-validated accuracy (honest) and the fit on all data.

Usage:  python benchmarks/calibrate_gate.py [--write]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import tempfile
from collections import Counter
from pathlib import Path

import numpy as np

from trainer_bot.bot import TrainerBot
from trainer_bot.resources import bundled_dir, resource
from trainer_bot.settings import Settings

DATA = Path(__file__).parent / "data" / "gate_calibration.jsonl"


def fit(x: np.ndarray, y: np.ndarray, l2: float = 0.01, steps: int = 20000, lr: float = 0.1) -> np.ndarray:
    """Logistic regression by gradient descent; x has a bias column last."""
    w = np.zeros(x.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(x @ w)))
        grad = x.T @ (p - y) / len(y) + l2 * np.r_[w[:-1], 0.0]
        w -= lr * grad
    return w


def predict(w: np.ndarray, x: np.ndarray) -> np.ndarray:
    return (x @ w) >= 0


def report(name: str, y: np.ndarray, pred: np.ndarray) -> str:
    refuse_true, refuse_pred = ~y.astype(bool), ~pred
    tp = int((refuse_true & refuse_pred).sum())
    precision = tp / max(1, refuse_pred.sum())
    recall = tp / max(1, refuse_true.sum())
    return (f"{name}: accuracy {np.mean(pred == y.astype(bool)):.3f}, refusal precision {precision:.3f}, "
            f"refusal recall {recall:.3f} (n={len(y)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="write the fitted parameters to resources/gate.json")
    args = parser.parse_args()
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        bot = TrainerBot.from_settings(Settings(_env_file=None, data_dir=Path(tmp)))
        assert bot.ingest([bundled_dir("knowledge")]).ok
        feats, labels, kinds, rule_refused = [], [], [], []
        for row in rows:
            gate = bot.retrieve(row["question"]).gate
            if gate.reason == "no_content_words":  # decided by rule, not by the model
                rule_refused.append(row)
                continue
            feats.append([gate.features["dense_z"], gate.features["coverage"], 1.0])
            labels.append(1.0 if row["covered"] else 0.0)
            kinds.append(row["kind"])
    x, y = np.array(feats), np.array(labels)
    print(f"{len(rows)} questions; {len(rule_refused)} refused by rule (no content words), "
          f"{sum(r['covered'] for r in rule_refused)} of them wrongly")

    rng = np.random.default_rng(0)
    order = rng.permutation(len(y))
    folds = np.array_split(order, 5)
    cv_pred = np.zeros(len(y), dtype=bool)
    for k, test in enumerate(folds):
        train = np.concatenate([f for j, f in enumerate(folds) if j != k])
        cv_pred[test] = predict(fit(x[train], y[train]), x[test])
    print(report("5-fold CV", y, cv_pred))
    wrong = Counter(k for k, p, t in zip(kinds, cv_pred, y) if p != bool(t))
    print("CV errors by kind:", dict(wrong))

    w = fit(x, y)
    print(report("fit on all", y, predict(w, x)))
    params = {"w_dense_z": round(float(w[0]), 4), "w_coverage": round(float(w[1]), 4), "bias": round(float(w[2]), 4),
              "threshold": 0.5, "fitted_on": DATA.name, "n": int(len(y)),
              "cv_accuracy": round(float(np.mean(cv_pred == y.astype(bool))), 4),
              "fitted": dt.date.today().isoformat()}
    print(json.dumps(params, ensure_ascii=False))
    if args.write:
        resource("gate.json").write_text(json.dumps(params, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print("written to", resource("gate.json"))


if __name__ == "__main__":
    main()
