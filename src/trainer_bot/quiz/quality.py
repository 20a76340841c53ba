"""How a trainer is likely to grade an item, learned from trainers' grades: serve the items they keep first.

The grading rounds in ``benchmarks/data/quiz_grading`` hold over 6,000 hand grades (good / acceptable / bad, by
``docs/quiz-rubric.md``) of generated items from some 450 documents. Two logistic models over what an item
reads like — its type, the characters and character pairs of its stem (digits as 0), how the stem opens and
ends, its length, a colon or a 「……中，」 frame in it, the key, the section its 解析 cites — estimate the chance that a grader calls it good
and the chance that one calls it bad. ``benchmarks/fit_quiz_quality.py`` fits them, on grades of items from
documents the code was not written against, and reports how they rank items of rounds the fit never saw.

Only what is said by many documents counts (a feature seen in fewer than twenty of them is dropped), so the
model learns how items read (「关于……，」 and label colons read stiffly; a short stem is a fragment), not which
documents were graded. Generation serves the items it doubts last and withholds the items it expects a
trainer to rewrite (see ``generate.DROP_BELOW``); every rule in :mod:`.validate` still decides what is valid.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache

from ..resources import resource
from .model import Question
from .pools import cited_section
from .statements import YES_NO
from .validate import tested_fact

FILE = "quiz_quality.json"
SHORT_TYPES = {"single_choice": "sc", "multiple_choice": "mc", "true_false": "tf", "fill_blank": "fb",
               "short_answer": "sa"}
_FRAME = re.compile(r"^[^，。：]{2,40}中，")
_BODY_FRAME = re.compile(r"^(?:根据《[^》]{1,40}》，|[^，。：]{2,40}中，|关于[^，。：]{1,20}，)")


def features(qtype: str, stem: str, key: str, explanation: str = "") -> dict[str, float]:
    """What an item reads like. ``qtype`` is a type of :data:`.model.TYPES`; ``key`` what the answer says (the
    key option's text, the blank's filling, 正确/错误; empty for a 简答); ``explanation`` its 解析, for the section
    it cites (:func:`_section`)."""
    text = re.sub(r"\d+", "0", stem)
    kind = SHORT_TYPES[qtype]
    out: dict[str, float] = {f"T={kind}": 1.0, f"^{text[:2]}": 1.0, f"${text[-2:]}": 1.0}
    for n in (1, 2):
        for i in range(len(text) - n + 1):
            out[f"s{n}:{text[i:i + n]}"] = 1.0
    answer = re.sub(r"\d+", "0", key)[:16]
    for ch in set(answer):
        out[f"k:{ch}"] = 1.0
    if kind == "tf":
        out[f"k:tf:{answer[:4]}"] = 1.0
    length = len(stem)
    out["len"] = min(length, 160) / 80
    for bound in (15, 25, 40, 70, 100):
        if length < bound:
            out[f"len<{bound}"] = 1.0
    if _FRAME.search(stem):
        out["frame"] = 1.0
    # how the stem's own words open, behind a frame (根据《…》，由村党组织主持…; …中，可以叠加…)
    body = _BODY_FRAME.sub("", text, count=1)
    if body != text:
        out[f"b^{body[:1]}"] = out[f"b^{body[:2]}"] = 1.0
    if "：" in stem:
        out["colon"] = float(stem.count("："))
    if "，" in stem:
        out["comma"] = min(stem.count("，"), 6) / 3
    out.update(_section(explanation))
    return out




def _section(explanation: str) -> dict[str, float]:
    """The section the 解析 cites (依据《…》“三、村集体自己要贷款发展产业，可以吗？”部分): whether there is one, whether it is a
    question, and its heading's character pairs. Items under a question heading (a WeChat article's, a Q&A's) graded 45%
    good and 18% bad over rounds 80–91, under other headings 70% and 7%: their stems lean on the question."""
    heading = cited_section(explanation)
    if not heading:
        return {"sec:none": 1.0}
    out = {"sec:?": 1.0} if re.search(r"[？?]$", heading) else {}
    if YES_NO.search(heading):
        out["sec:yn"] = 1.0
    text = re.sub(r"^[一二三四五六七八九十\d]+[、.．]\s*", "", re.sub(r"\d+", "0", heading))
    for i in range(len(text) - 1):
        out[f"hb:{text[i:i + 2]}"] = 1.0
    return out


def answer_text(item: Question) -> str:
    """What the key says, as :func:`features` reads it: the key's text (see :func:`.validate.tested_fact`), 正确 or 错误
    for a 判断, nothing for a 简答."""
    if item.type == "true_false":
        return "正确" if item.answer else "错误"
    return "" if item.type == "short_answer" else tested_fact(item)


@dataclass(frozen=True)
class Head:
    """One logistic model: the chance of a grade."""

    weights: dict[str, float]
    bias: float

    def chance(self, feats: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in feats.items())
        return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass(frozen=True)
class QualityModel:
    good: Head
    bad: Head

    def merit(self, item: Question) -> float:
        """P(good) − P(bad), in [−1, 1]: how much a trainer is likely to want the item."""
        feats = features(item.type, item.stem, answer_text(item), item.explanation)
        return self.good.chance(feats) - self.bad.chance(feats)

    def to_json(self) -> dict:
        return {head: {"bias": round(h.bias, 4), "weights": {k: round(w, 4) for k, w in sorted(h.weights.items())}}
                for head, h in (("good", self.good), ("bad", self.bad))}

    @classmethod
    def from_json(cls, data: dict) -> QualityModel:
        return cls(*(Head(dict(data[h]["weights"]), float(data[h]["bias"])) for h in ("good", "bad")))


@cache
def default_model() -> QualityModel | None:
    """The fitted model shipped with the package; None when it is missing (items are then served unranked)."""
    path = resource(FILE)
    if not path.exists():
        return None
    return QualityModel.from_json(json.loads(path.read_text(encoding="utf-8")))
