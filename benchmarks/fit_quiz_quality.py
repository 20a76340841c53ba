"""Fit the quiz quality model on the hand grades and write ``resources/quiz_quality.json``.

Data: every grading round under ``benchmarks/data/quiz_grading`` that has grades (``grades-*.md``: one row per item,
good / acceptable / bad with a reason) and the sets they grade (``set-N.md``, as ``trainer-bot quiz export`` writes
Markdown). Each grade is one example; an item graded by several graders counts once per grade.

Validation is by round, not random: the fit sees the rounds before ``--test-from`` and is measured on the rounds
from it on, whose documents it never saw. Printed: the area under the ROC curve of each head on the held-out
grades, and what the held-out items of the generator version graded last ("after" or "both" in ``sets.txt``) would
grade if the lowest-ranked tenth, fifth or third of them were left out. Then the fit on all rounds.

Usage:  python benchmarks/fit_quiz_quality.py [--test-from 45] [--write]
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
from scipy import sparse
from scipy.optimize import minimize

from trainer_bot.quiz.quality import FILE, Head, QualityModel, features
from trainer_bot.resources import resource

ROUNDS = Path(__file__).parent / "data" / "quiz_grading"
TYPES = {"单选": "single_choice", "多选": "multiple_choice", "判断": "true_false", "填空": "fill_blank",
         "简答": "short_answer"}
MIN_DOCS = 20  # a feature counts when items of at least this many documents have it
C = 0.03  # inverse strength of the L2 penalty (as scikit-learn's C): strong, the grades are noisy
_ITEM = re.compile(r"^\*\*(\d+)\.（(.+?)题）\*\*\s*(.*)$")


def parse_set(path: Path) -> dict[int, dict]:
    items: dict[int, dict] = {}
    current: dict | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        m = _ITEM.match(line)
        if m:
            current = {"type": m.group(2), "stem": m.group(3), "options": [], "answer": "", "explanation": ""}
            items[int(m.group(1))] = current
        elif current is not None and re.match(r"^- [A-F]\. ", line):
            current["options"].append(line[5:])
        elif current is not None and line.startswith("答案："):
            current["answer"] = line[3:]
        elif current is not None and line.startswith("解析："):
            current["explanation"] = line[3:]
    return items


def key_of(item: dict) -> str:
    if item["type"] in ("单选", "多选"):
        picked = [ord(c) - 65 for c in item["answer"] if "A" <= c <= "F"]
        return "、".join(item["options"][i] for i in picked if i < len(item["options"]))
    return "" if item["type"] == "简答" else item["answer"]


def examples() -> list[dict]:
    out = []
    for folder in sorted(ROUNDS.glob("round-*")):
        number = int(re.search(r"round-(\d+)", folder.name).group(1))  # type: ignore[union-attr]
        versions = {}
        if (folder / "sets.txt").exists():
            for line in (folder / "sets.txt").read_text(encoding="utf-8").splitlines():
                parts = line.split()
                if len(parts) >= 3:
                    versions[parts[0]] = (parts[1], parts[2])
        sets: dict[str, dict[int, dict]] = {}
        for grades in sorted(folder.glob("grades-*.md")):
            for line in grades.read_text(encoding="utf-8").splitlines():
                cells = [c.strip() for c in line.strip().strip("|").split("|")]
                if len(cells) < 4 or not re.fullmatch(r"set-\d+\.md", cells[0]) or not cells[1].isdigit() \
                        or cells[3] not in ("good", "acceptable", "bad"):
                    continue
                name = cells[0][:-3]
                if name not in sets:
                    path = folder / cells[0]
                    sets[name] = parse_set(path) if path.exists() else {}
                item = sets[name].get(int(cells[1]))
                if not item or item["type"] not in TYPES:
                    continue
                version, doc = versions.get(name, ("?", f"{folder.name}/{name}"))
                out.append({"round": number, "set": name, "n": int(cells[1]), "version": version, "doc": doc,
                            "grade": cells[3], "features": features(TYPES[item["type"]], item["stem"], key_of(item),
                                                                 item.get("explanation", ""))})
    return out


def vocabulary(rows: list[dict]) -> dict[str, int]:
    docs: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        for k in r["features"]:
            docs[k].add(r["doc"])
    kept = sorted(k for k, d in docs.items() if len(d) >= MIN_DOCS)
    return {k: i for i, k in enumerate(kept)}


def matrix(rows: list[dict], vocab: dict[str, int]) -> sparse.csr_matrix:
    data, cols, ptr = [], [], [0]
    for r in rows:
        for k, v in r["features"].items():
            if k in vocab:
                data.append(v)
                cols.append(vocab[k])
        ptr.append(len(data))
    return sparse.csr_matrix((data, cols, ptr), shape=(len(rows), len(vocab)))


def fit_head(x: sparse.csr_matrix, y: np.ndarray) -> tuple[np.ndarray, float]:
    """L2-penalised logistic regression: C · Σ log-loss + ½‖w‖² (the bias unpenalised)."""
    sign = 2 * y - 1

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = theta[:-1], theta[-1]
        margin = sign * (x @ w + b)
        value = C * np.logaddexp(0, -margin).sum() + 0.5 * w @ w
        g = -C * sign / (1 + np.exp(margin))
        return value, np.concatenate([x.T @ g + w, [g.sum()]])

    theta = minimize(loss, np.zeros(x.shape[1] + 1), jac=True, method="L-BFGS-B", options={"maxiter": 2000}).x
    return theta[:-1], float(theta[-1])


def fit(rows: list[dict]) -> QualityModel:
    vocab = vocabulary(rows)
    x = matrix(rows, vocab)
    names = list(vocab)
    heads = []
    for grade in ("good", "bad"):
        w, b = fit_head(x, np.array([r["grade"] == grade for r in rows], dtype=float))
        heads.append(Head({names[i]: float(w[i]) for i in range(len(names)) if abs(w[i]) >= 1e-4}, b))
    return QualityModel(*heads)


def auc(scores: list[float], positive: list[bool]) -> float:
    order = np.argsort(scores)
    ranks = np.empty(len(scores))
    ranks[order] = np.arange(1, len(scores) + 1)
    pos = np.array(positive)
    n_pos, n_neg = pos.sum(), (~pos).sum()
    return float((ranks[pos].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def held_out(rows: list[dict], test_from: int) -> None:
    train = [r for r in rows if r["round"] < test_from]
    test = [r for r in rows if r["round"] >= test_from]
    model = fit(train)
    print(f"fit on rounds < {test_from}: {len(train)} grades; held out rounds >= {test_from}: {len(test)} grades")
    for grade, head in (("good", model.good), ("bad", model.bad)):
        print(f"  AUC of P({grade}) on held-out grades: "
              f"{auc([head.chance(r['features']) for r in test], [r['grade'] == grade for r in test]):.3f}")
    items: dict[tuple, list[dict]] = defaultdict(list)
    for r in test:
        if r["version"] in ("after", "both"):
            items[(r["round"], r["set"], r["n"])].append(r)
    merit = {k: model.good.chance(v[0]["features"]) - model.bad.chance(v[0]["features"]) for k, v in items.items()}
    ranked = sorted(items, key=merit.__getitem__)
    for share in (0.0, 0.1, 0.2, 1 / 3):
        kept = ranked[int(len(ranked) * share):]
        counts = Counter(r["grade"] for k in kept for r in items[k])
        total = sum(counts.values())
        edge = merit[kept[0]] if kept else 0.0
        print(f"  leaving out the lowest {share:4.0%} (merit from {edge:+.2f}): {len(kept)} items, {counts['good'] / total:.0%} good, "
              f"{counts['bad'] / total:.0%} bad")
    for floor in (0.1, 0.2, 0.3, 0.4, 0.5):  # what generate.DROP_BELOW would keep at that merit
        kept = [k for k in ranked if merit[k] >= floor]
        counts = Counter(r["grade"] for k in kept for r in items[k])
        total = sum(counts.values()) or 1
        print(f"  keeping merit >= {floor:.1f}: {len(kept)} items, {counts['good'] / total:.0%} good, "
              f"{counts['bad'] / total:.0%} bad")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--test-from", type=int, default=45)
    parser.add_argument("--write", action="store_true", help="write the fit on all rounds to resources/")
    args = parser.parse_args()
    rows = examples()
    print(f"{len(rows)} grades from {len({r['doc'] for r in rows})} documents, "
          f"{dict(Counter(r['grade'] for r in rows))}")
    held_out(rows, args.test_from)
    model = fit(rows)
    print(f"fit on all rounds: {len(model.good.weights)} features")
    if args.write:
        resource(FILE).write_text(json.dumps(model.to_json(), ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
        print(f"wrote {resource(FILE)}")


if __name__ == "__main__":
    main()
