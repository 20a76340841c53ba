"""How the offline engine weighs what it knows of a unit (a sentence or an enumeration) to choose what to quote.

Each candidate unit carries a :class:`UnitEvidence`: how much of the question its words say (IDF-weighted words,
character bigrams, words of its title and sections), how well it fits the kind of question asked (a number question
and a unit stating such a number, a list question and an enumeration: :class:`~trainer_bot.answer.kinds.KindFit`), the
rules about where it stands (a Q&A answer to the question asked, a step of another deed), the rank of its passage and
document, and its meaning (the question's cosine to the unit's own vector). The score is a weighted sum of these.

``benchmarks/fit_unit_ranker.py`` fits the weights on labelled questions (a unit that states an expected keyword of the
question answers it), validated on folds of whole suites that the fit never saw, and ``--write`` puts them in
``resources/unit_ranker.json``, which :meth:`UnitWeights.load` reads. No fitted file ships: on 2026-12-01 the fit
that holds the rules, the fit to the kind and the section asked at their hand-set values gained 4 passes of 760 on
held-out suites and lost a keyword threshold of evals/heldout and the pass threshold of fresh-blind55; the free fits,
which gain more, undo the rules (see the script). The hand-set weights below apply.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields

from ..resources import resource


@dataclass(frozen=True)
class UnitEvidence:
    lexical: float  # IDF-weighted share of the question's words the unit (with its label) says
    overlap: float  # share of the question's character bigrams the unit has
    heading: float  # IDF-weighted share said by its title and sections only
    fit: float  # fit to the kind of question (KindFit.bonus)
    rules: float  # the other rules' adjustments (a Q&A's own answer, a list announced, another deed's steps…)
    passage_rank: float  # 0.08 / (1 + the passage's rank)
    position: float  # 0.02 / (1 + the unit's position in its passage)
    document: float  # the prior of its document's rank (best document first)
    section: float  # the section named by the question (list and how-to questions)
    misconception: float  # 1.0 for a 常见误区 correction
    dense: float  # the question's cosine to the unit, -1 when unknown
    meaning: float = 0.5  # ``dense`` scaled to 0..1 over the question's candidates

    @staticmethod
    def names() -> tuple[str, ...]:
        return _NAMES

    def vector(self) -> tuple[float, ...]:
        """The values the weights multiply, in the order of :meth:`names` (an unknown cosine, -1, as none)."""
        return tuple(max(self.dense, 0.0) if name == "dense" else getattr(self, name) for name in _NAMES)


_NAMES = tuple(f.name for f in fields(UnitEvidence))


HAND = {"lexical": 0.5, "overlap": 0.25, "heading": 0.3, "fit": 1.0, "rules": 1.0, "passage_rank": 1.0,
        "position": 1.0, "document": 1.0, "section": 1.0, "misconception": 0.0, "dense": 0.0, "meaning": 0.45}


@dataclass(frozen=True)
class UnitWeights:
    weights: dict[str, float]

    @classmethod
    def load(cls, name: str = "unit_ranker.json") -> UnitWeights:
        path = resource(name)
        if not path.exists():
            return cls(dict(HAND))
        return cls(json.loads(path.read_text(encoding="utf-8"))["weights"])

    def score(self, evidence: UnitEvidence) -> float:
        return sum(self.weights.get(name, 0.0) * value for name, value in zip(_NAMES, evidence.vector()))
