"""How a figure may be changed for a false 判断 or a distractor: still false where the sentence sets a condition
(不足15年的 may only grow), not past a bound the sentence itself draws (最长不超过5年), not a band that overlaps the
text's other bands, and of a plausible size (within a factor of five of the key)."""

from __future__ import annotations

import re

from .figures import NUMBER, cn_to_int, extent, int_to_cn, magnitude, split_number
from .terms import Term


def comparable(figure: str, key: str) -> bool:
    """Within a factor of five of the key: another rule's 100至120次 (a pace of chest compressions) is no plausible count
    of weekly checks (每周检查2次), nor 9.6元 a premium of 40元; within two for a share (not 20% for a floor of 80%)."""
    a, b = magnitude(figure), magnitude(key)
    low, high = (0.5, 2) if key.endswith(("%", "％")) else (0.2, 5)
    return a is not None and b is not None and b > 0 and low <= a / b <= high


# a bound a condition sets on who or what a rule is for (累计缴费不足15年的，可以补缴; 年满60周岁以上的…)
_BELOW = re.compile(r"(?:不足|低于|少于|未满|不满|不超过|以内)$")
_ABOVE_AFTER = re.compile(r"^(?:以上|及以上)")
_BELOW_AFTER = re.compile(r"^(?:以下|及以下|以内)")
_ABOVE = re.compile(r"(?:超过|高于|多于|满|年满|不少于|不低于|至少)$")


def still_false(term, wrong: str, sentence: str) -> bool:
    """A changed bound in a condition (…不足15年的，…) still makes the statement false: a narrower condition (不足10年的
    可以补缴) is true of a subset and reads true. An upper bound may only grow, a lower bound only shrink."""
    if re.fullmatch(r"[一1]次", term.text) and re.search(
            r"每(?:周|星期)[一二三四五六日天]|每(?:月|季度|季|年|半年)(?:末|底|初|第[一二三四五六七八九十\d]+(?:[天日周]|个?(?:星期|周)))|"
            r"每(?:天|日)(?:早|晚|上午|下午|中午)|每晚|每日[早晚]|每(?:月|年)\d{1,2}(?:日|号)", sentence):
        return False  # 每周五汇总一次: a day comes once, 两次 is false by its wording alone (round 58); so does one
        # named after the count (每月召开1次，时间为每月第一个星期一; round 95)
    if re.match(r"(?:也|都)(?:不|要|得|会|须|必须|应当|照样)", sentence[term.end:]):
        return False  # 差一天也不予登记: 差三天 is refused all the more, the changed statement still true (round 66)
    opening = max(sentence.rfind(p, 0, term.start) for p in "，,。；;：:")
    clause = sentence[opening + 1:term.start]
    if re.search(r"就算|即使|哪怕|即便|纵然", clause):
        return False  # 家里就算有三辆，也只补一辆: any number of the case reads true
    # (a condition said with 如果/一旦/凡: 如果连续发热超过一周，一定要告诉医生 — 超过两周 is covered too)
    conditional = re.search(r"如果|假如|若|一旦|只要|凡是?|要是", clause) is not None
    clause_end = sentence.find("的", term.end)
    if not conditional and (clause_end < 0 or re.search(r"[，,。；;：:]", sentence[term.end:clause_end])):
        return True  # not inside a condition (…的): a rule's own figure (7日内报告), any change falsifies it
    a, b = magnitude(term.text), magnitude(wrong)
    if a is None or b is None:
        return True
    before, after = sentence[:term.start], sentence[term.end:]
    if _BELOW.search(before) or _BELOW_AFTER.match(after):
        return b > a
    if _ABOVE.search(before) or _ABOVE_AFTER.match(after):
        return b < a
    return True


_UPPER = re.compile(r"(?:最长|最多|最高|至多|不超过|不得超过|不能超过|不高于|上限为?)$")
_LOWER = re.compile(r"(?:最短|最少|最低|至少|不少于|不得少于|不低于|下限为?)$")


def past_bound(term: Term, wrong: str, sentence: str) -> bool:
    """A changed value beyond a bound the same sentence sets in the same unit (贷款期限一般为1至7年，最长不超过5年): false
    by the sentence's own words, no knowledge needed (round 61)."""
    changed = extent(wrong)
    if changed is None:
        return False
    own = sentence[max(0, term.start - 6):term.start]
    original = extent(term.text)
    for m in NUMBER.finditer(sentence):
        if m.start() == term.start:
            continue
        bound = extent(m.group())
        if bound is None or bound[2] != changed[2]:
            continue
        before = sentence[max(0, m.start() - 6):m.start()]
        if (_UPPER.search(before) and changed[1] > bound[1]) or (_LOWER.search(before) and changed[0] < bound[0]):
            return True
        # a value moved across the line the sentence draws (一层至三层，四层及以上不行 → 一层至五层; round 74)
        line = sentence[m.end():m.end() + 3]
        if original is not None and ((re.match(r"及?以上", line) and original[1] < bound[0] <= changed[1]) or (
                re.match(r"及?以下", line) and original[0] > bound[1] >= changed[0])):
            return True
        # the bound itself moved past the sentence's other value (一般为5年，最长不超过10年 → 不超过3年; round 72)
        if (_UPPER.search(own) and not _UPPER.search(before) and changed[1] < bound[0]) or (
                _LOWER.search(own) and not _LOWER.search(before) and changed[0] > bound[1]):
            return True
    return False


def bounds_apart(figure: str) -> list[str]:
    """The same figure one step below and above (超过3天 → 2天、4天): a changed bound when a rule's own values are all on
    the wrong side of it."""
    parts = split_number(figure)
    n = cn_to_int(parts[0]) if parts and re.fullmatch(r"\d+|[一二两三四五六七八九十]+", parts[0]) else None
    if parts is None or n is None:
        return []
    digits = parts[0].isdigit()
    return [f"{m if digits else int_to_cn(m)}{parts[1]}" for m in (n - 1, n + 1) if m > 0]


_BAND = re.compile(r"([\d一二两三四五六七八九十]+)至([\d一二两三四五六七八九十]+)(级|档|类|岁|周岁|分)")


def band_clash(wrong: str, key: str, text: str) -> bool:
    """A band that overlaps another band the text sets in the same unit (一至六级 and 七至十级 → 五至八级), or reaches past
    the highest grade it names (七至十四级 of ten grades): false by the text's own bands, not by the rule (round 58)."""
    m = _BAND.fullmatch(wrong)
    if not m:
        return False
    lo, hi = cn_to_int(m.group(1)), cn_to_int(m.group(2))
    others = [(cn_to_int(o.group(1)), cn_to_int(o.group(2))) for o in _BAND.finditer(text)
              if o.group(3) == m.group(3) and o.group() != key]
    if lo is None or hi is None or not others:
        return False
    own = _BAND.fullmatch(key)
    top = max([b for _, b in others if b is not None] + ([cn_to_int(own.group(2)) or 0] if own else []), default=0)
    return any(a is not None and b is not None and lo <= b and a <= hi for a, b in others) or (
        m.group(3) == "级" and hi > top)
