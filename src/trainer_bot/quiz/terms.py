"""Key terms of a sentence, by kind, and distractors of the same kind.

Kinds: glossary terms, 《documents》, quoted terms, dates, numbers with units, places.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

_CN = "零一二三四五六七八九十两百"
UNITS = "个|项|级|类|种|人|名|次|天|日|条|章|户|部分|方面|环节|步|届|小时|周|个月|年|倍|成|批"
_DATE = re.compile(r"\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?")
_NUMBER = re.compile(rf"(?<![\d{_CN}年第])((?:\d+|[{_CN}]+)(?:至(?:\d+|[{_CN}]+))?)({UNITS})")
_DOCUMENT = re.compile(r"《([^《》]{2,40})》")
_QUOTED = re.compile(r"[“\"]([^“”\"]{2,12})[”\"]")
_PLACE = re.compile(r"([\u4e00-\u9fff]{2,3}(?:省|市|县))(?![级域委长政区里])")
_FUNCTION_CHARS = set("在于从到的和与是为向对把被及")
_PLACE_STOP = {"城市", "设区的市", "都市", "县级", "市县", "省市", "地级市", "全省", "全市", "全县", "本市", "本县", "某市",
               "某县", "该市", "该县", "各省", "各市", "各县", "超大城市", "大城市", "中小城市"}


@dataclass(frozen=True)
class Term:
    text: str  # as it appears in the sentence
    kind: str  # glossary | document | quoted | date | number | place
    start: int


def cn_to_int(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")}
    digits["两"] = 2
    if text == "十":
        return 10
    if re.fullmatch(r"[一二三四五六七八九两]?十[一二三四五六七八九]?", text):
        tens, _, ones = text.partition("十")
        return (digits[tens] if tens else 1) * 10 + (digits[ones] if ones else 0)
    if len(text) == 1 and text in digits:
        return digits[text]
    return None


def int_to_cn(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return (digits[tens] if tens > 1 else "") + "十" + (digits[ones] if ones else "")
    return str(n)


def find_terms(sentence: str, glossary: Sequence[str]) -> list[Term]:
    found: list[Term] = []
    taken: list[tuple[int, int]] = []

    def add(text: str, kind: str, start: int) -> None:
        end = start + len(text)
        if any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        found.append(Term(text, kind, start))

    for m in _DOCUMENT.finditer(sentence):
        add(m.group(0), "document", m.start())
    for m in _DATE.finditer(sentence):
        add(m.group(0), "date", m.start())
    for term in glossary:  # longest first
        for m in re.finditer(re.escape(term), sentence):
            add(term, "glossary", m.start())
    for m in _QUOTED.finditer(sentence):
        add(m.group(1), "quoted", m.start(1))
    for m in _NUMBER.finditer(sentence):
        if cn_to_int(m.group(1).split("至")[0]) is not None:
            add(m.group(0), "number", m.start())
    for m in _PLACE.finditer(sentence):
        place, start = m.group(1), m.start(1)
        if len(place) > 3 and place[0] in _FUNCTION_CHARS:  # 在浙江省 → 浙江省
            place, start = place[1:], start + 1
        if place not in _PLACE_STOP and not place.startswith(("某", "各", "全", "本", "该")):
            add(place, "place", start)
    return sorted(found, key=lambda t: t.start)


def number_distractors(term: str, rng: random.Random) -> list[str]:
    m = _NUMBER.fullmatch(term)
    if not m:
        return []
    value_text, unit = m.group(1), m.group(2)
    if "至" in value_text:
        low, high = (cn_to_int(x) for x in value_text.split("至"))
        if low is None or high is None:
            return []
        chinese = not value_text.split("至")[0].isdigit()
        fmt = int_to_cn if chinese else str
        pairs = {(low + 1, high + 2), (max(1, low - 1), high - 1), (low + 2, high + 4), (low * 2, high * 2)}
        return [f"{fmt(a)}至{fmt(b)}{unit}" for a, b in sorted(pairs) if 0 < a < b and (a, b) != (low, high)]
    value = cn_to_int(value_text)
    if value is None:
        return []
    fmt = str if value_text.isdigit() else int_to_cn
    near = {value + 1, value + 2, value - 1, value * 2, value + 5, value - 2}
    near = sorted(v for v in near if v > 0 and v != value)
    rng.shuffle(near)
    return [f"{fmt(v)}{unit}" for v in near]


def date_distractors(term: str, rng: random.Random) -> list[str]:
    year = int(term[:4])
    rest = term[4:]
    years = [year + d for d in (-3, -2, -1, 1, 2, 3)]
    rng.shuffle(years)
    return [f"{y}{rest}" for y in years]


def pick_distractors(term: Term, pool: Iterable[str], quote: str, rng: random.Random, n: int = 3) -> list[str]:
    """Same-kind alternatives that the quote does not state, closest in length first."""
    if term.kind == "number":
        candidates = number_distractors(term.text, rng)
    elif term.kind == "date":
        candidates = date_distractors(term.text, rng)
    else:
        candidates = sorted(set(pool), key=lambda c: (abs(len(c) - len(term.text)), c))
        head = candidates[: max(n * 4, 12)]
        rng.shuffle(head)
        candidates = head
    out: list[str] = []
    for c in candidates:
        if c and c != term.text and c not in quote and term.text not in c and c not in out:
            out.append(c)
        if len(out) == n:
            break
    return out
