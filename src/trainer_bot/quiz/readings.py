"""How an item reads: its key, the span a false statement changes, the blank, the frame its stem opens with.

Shared by the validation rules (:mod:`.validate`, :mod:`.derivable`, :mod:`.fairness`) and the set-level check that one
fact is tested once (:mod:`.facts`).
"""

from __future__ import annotations

import re

from ..roles import misconception_pair, stated_belief
from .categories import glossary_categories
from .model import Question
from .terms import find_terms, word_bounds

BLANKS = re.compile(r"（\s*）|\(\s*\)|_{2,}")
FLIPS = {("不得", "可以"), ("禁止", "允许"), ("应当", "不必"), ("必须", "不必"), ("可以", "不得"), ("应当", "不得"),
          ("不得", "应当"), ("允许", "禁止"), ("必须", "不得")}


def judges_misconception(q: Question) -> bool:
    """A false 判断 whose stem is a misconception the quote pairs with its correction (see :mod:`.misconceptions`):
    grounded as false by the material itself, and the misconception is not stated as a fact."""
    pair = misconception_pair(q.source.quote) if q.type == "true_false" and q.answer is False else None
    if pair is None:
        return False
    belief = stated_belief(norm(pair[0]))  # (as the generator states it: see :mod:`.misconceptions`)
    return len(belief) >= 6 and belief in norm(q.stem)


def norm(text: str) -> str:
    """Text as compared with the material: no whitespace, and a table's cell bar read as the colon a stem gives it."""
    return re.sub(r"\s+", "", text).replace("｜", "：").replace("|", "：")


def as_quoted(stem: str, quote: str) -> str:
    """The stem as its quote has it: a list item's stem ends with 。 where the item in the list ended without one."""
    return stem[:-1] if stem.endswith("。") and not quote.rstrip().endswith("。") else stem


def changed_span(stem: str, quote: str) -> tuple[str, str]:
    """(the quote's span, the stem's span) where a one-change statement differs from its quote, widened to
    the whole term it falls in (十八周岁 → 十九周岁, not 八 → 九)."""
    prefix = 0
    while prefix < min(len(stem), len(quote)) and stem[prefix] == quote[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(stem), len(quote)) - prefix and stem[-1 - suffix] == quote[-1 - suffix]:
        suffix += 1
    start, end = prefix, len(quote) - suffix
    for term in find_terms(quote, glossary_categories()):
        if term.start <= start and end <= term.end and term.end - term.start > end - start:
            start, end = term.start, term.end
            break
    else:  # not inside a known term: widen to whole words (调解员 → 网格员, not 调解 → 网格)
        bounds = sorted(word_bounds(quote))
        if start < end:
            start = max(b for b in bounds if b <= start)
            end = min(b for b in bounds if b >= end)
    shift = len(stem) - len(quote)
    return quote[start:end], stem[start:end + shift]


def key_text(q: Question) -> str | None:
    if q.type == "single_choice":
        return q.options[q.answer[0]] if q.options and q.answer else None
    if q.type == "fill_blank":
        return q.answer[0]
    return None


def before_blank(stem: str) -> str:
    """The stem's text before its blank."""
    return BLANKS.split(stem, maxsplit=1)[0]


TOPIC_FRAME = re.compile(r"[^，。：]{2,40}中，|根据《[^《》]{2,40}》，")  # 村级公益岗位聘用中，… / 根据《…办法》，…
ABOUT = re.compile(r"关于([^，。：]{2,20})，")  # 关于财政补贴，… / 关于一级（50—199人），…
