"""Validation that every quiz item passes before anyone sees it, whichever engine made it.

Each rule returns ``None`` when the item passes, or a short reason (Chinese, shown to trainers).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence

from .model import Question
from .offline import BLANK, FILL

_ALL_OR_NONE = re.compile(r"以上(都|均|全)(对|不对|正确|不正确|错误|是|不是)|以上皆(是|非)")
_BLANKS = re.compile(r"（\s*）|\(\s*\)|_{2,}")


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _filled(stem: str, parts: Sequence[str]) -> str:
    """The stem with its blank(s) replaced by ``parts`` joined with 、."""
    return _BLANKS.sub(lambda _: "、".join(parts), stem, count=1)


def quote_is_verbatim(q: Question, source_text: str) -> str | None:
    if not q.source.quote.strip():
        return "缺少出处原文"
    if _norm(q.source.quote) not in _norm(source_text):
        return "出处原文与材料不一致"
    return None


def key_supported(q: Question) -> str | None:
    quote = _norm(q.source.quote)
    if q.type in ("single_choice", "multiple_choice"):
        keys = [q.options[i] for i in q.answer if 0 <= i < len(q.options)]  # type: ignore[union-attr,index]
        if len(keys) != len(q.answer):  # type: ignore[arg-type]
            return "答案序号超出选项范围"
        if not all(_norm(k) in quote for k in keys):
            return "正确选项在出处原文中找不到"
        if q.type == "single_choice" and _norm(_filled(q.stem, keys)) not in quote:
            return "把答案填回题干后与原文不符"
    elif q.type == "fill_blank":
        if not any(_norm(_filled(q.stem, [a])) in quote for a in q.answer):  # type: ignore[union-attr]
            return "把答案填回题干后与原文不符"
    elif q.type == "true_false":
        stated = _norm(q.stem) in quote
        if q.answer is True and not stated:
            return "判断为“正确”，但题干不是原文的陈述"
        if q.answer is False:
            if stated:
                return "判断为“错误”，但题干正是原文的陈述"
            if not _swapped_term_absent(q.stem, q.source.quote):
                return "判断为“错误”，但改动后的说法在原文中也成立"
    elif q.type == "short_answer":
        if _norm(q.answer) not in quote:  # type: ignore[arg-type]
            return "参考答案不是出处原文"
    return None


def _swapped_term_absent(stem: str, quote: str) -> bool:
    """A false statement differs from its quote in one span, and the stem's span is not in the quote."""
    prefix = 0
    while prefix < min(len(stem), len(quote)) and stem[prefix] == quote[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(stem), len(quote)) - prefix and stem[-1 - suffix] == quote[-1 - suffix]:
        suffix += 1
    changed = stem[prefix: len(stem) - suffix]
    original = quote[prefix: len(quote) - suffix]
    return bool(changed) and bool(original) and changed not in quote


def choice_rules(q: Question) -> str | None:
    if q.type not in ("single_choice", "multiple_choice"):
        return None
    options = q.options or []
    if len(options) < 3:
        return "选项少于 3 个"
    if len({_norm(o) for o in options}) != len(options) or any(not o.strip() for o in options):
        return "选项有重复或为空"
    if any(_ALL_OR_NONE.search(o) for o in options):
        return "不得使用“以上都对/以上都不对”类选项"
    if any(re.match(r"^[A-Fa-f][.．、]", o) for o in options):
        return "选项不应带 A. 前缀"
    keys = set(q.answer)  # type: ignore[arg-type]
    if q.type == "single_choice" and len(keys) != 1:
        return "单选题必须恰好一个正确选项"
    if q.type == "multiple_choice" and (len(keys) < 2 or len(keys) == len(options)):
        return "多选题须有至少 2 个正确选项和至少 1 个错误选项"
    quote = _norm(q.source.quote)
    wrong = [o for i, o in enumerate(options) if i not in keys]
    if any(_norm(o) in quote for o in wrong):
        return "有干扰项在出处原文中出现，可能也是正确答案"
    lengths = [len(o) for o in options]
    if max(lengths) > 3 * min(lengths) + 2:
        return "选项长短相差过大"
    has_digit = [bool(re.search(r"\d", o)) for o in options]
    if any(has_digit) and not all(has_digit):
        return "选项形式不一致（有的含数字，有的不含）"
    return None


def stem_rules(q: Question) -> str | None:
    if q.type in ("single_choice", "multiple_choice", "fill_blank") and not _BLANKS.search(q.stem):
        return "题干缺少空位"
    if q.type == "true_false" and (BLANK in q.stem or FILL in q.stem):
        return "判断题题干不应有空位"
    return None


RULES: tuple[Callable[[Question], str | None], ...] = (stem_rules, choice_rules, key_supported)


def check(q: Question, source_text: str) -> str | None:
    """The first reason ``q`` fails, or None."""
    reason = quote_is_verbatim(q, source_text)
    if reason:
        return reason
    for rule in RULES:
        reason = rule(q)
        if reason:
            return reason
    return None


def set_problems(questions: Sequence[Question]) -> list[str]:
    """Set-level rules: no duplicate stems; true/false items not all one answer."""
    problems = []
    stems = Counter(_norm(q.stem) for q in questions)
    if any(n > 1 for n in stems.values()):
        problems.append("有重复的题干")
    judged = [q.answer for q in questions if q.type == "true_false"]
    if len(judged) >= 2 and len(set(judged)) == 1:
        problems.append("判断题的答案全部相同")
    return problems
