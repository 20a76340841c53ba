"""Key terms of a sentence, typed, and same-category alternatives for them.

Kinds (how a term was found): glossary terms, 《documents》, quoted terms, named terms (a word of
the form …委员会 / …会议 / …制 in uploaded material), dates, numbers with units, places. Every term
also has a category (:mod:`.categories`); a distractor always shares it.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from ..tokenizer import aliases, pos_words, words
from .categories import (BODY, COUNT, COUNT_UNITS, DATE, DATE_PATTERN, FRACTION, LEVEL_UNITS, MATTER, MEASURE_UNITS,
                         MONTH, MONTH_PATTERN, PLACE, ROLE, TIME_UNITS, category_of, infer_category)

_CN = "零一二三四五六七八九十两百"
_UNITS = "|".join(sorted(TIME_UNITS + COUNT_UNITS + LEVEL_UNITS + MEASURE_UNITS, key=len, reverse=True))
_VALUE = rf"(?:\d+(?:\.\d+)?|[{_CN}]+)[万千]?"
# a number and its whole unit: 十八周岁 (not 十八周), 15个工作日, 三至九人, 0.7平方米, 2万粒, 每30天; not 第三、三年级、一般、
# 个人, 几十年, 每一户
_NUMBER = re.compile(rf"(?<![\d{_CN}年月第.．几数多余])(?!(?<=每)一)({_VALUE}(?:至{_VALUE})?)({_UNITS})"
                     r"(?![常般度龄级代人别体岁])(?!一度)")  # 一年一度 is an idiom, not a period
_DOCUMENT = re.compile(r"《([^《》]{2,40})》")
_QUOTED = re.compile(r"[“\"]([^“”\"]{2,12})[”\"]")
_PLACE = re.compile(r"([\u4e00-\u9fff]{2,3}(?:省|市|县))(?![级域委长政区里])")
_NAMED = re.compile(r"[\u4e00-\u9fff]{2,8}?(?:委员会|调委会|代表会议|会议|议事会|工作法|机制|制|人民政府|政府|人民法院|法院|"
                    r"办事处|部门|服务站|服务中心|监理站|管理站|工作站|监测站)(?![度定订])")
_VERB_ZHI = re.compile(r"(?:控|限|抵|强|编|克|压|研|复|绘|管|节|体|牵)制$")
_FUNCTION_CHARS = set("在于从到的和与是为向对把被及由经")
_PLACE_STOP = {"城市", "设区的市", "都市", "县级", "市县", "省市", "地级市", "全省", "全市", "全县", "本市", "本县", "某市",
               "某县", "该市", "该县", "各省", "各市", "各县", "超大城市", "大城市", "中小城市"}
TYPICAL = {  # values a rule of that unit plausibly sets, for deadlines and terms of office
    "日": (3, 5, 7, 10, 15, 20, 30, 60, 90), "天": (3, 5, 7, 10, 15, 20, 30, 60, 90),
    "个工作日": (3, 5, 7, 10, 15, 20, 30), "工作日": (3, 5, 7, 10, 15, 20, 30), "小时": (1, 2, 6, 12, 24, 48, 72),
    "个月": (1, 2, 3, 6, 12), "年": (1, 2, 3, 5, 10), "周": (1, 2, 4, 8), "届": (2, 3, 5),
}


FIGURES = ("number", "date", "month")  # kinds of term whose alternatives are computed, not drawn from the material


@dataclass(frozen=True)
class Term:
    text: str  # as it appears in the sentence
    kind: str  # glossary | document | quoted | named | actor | date | month | number | place
    start: int
    category: str = MATTER

    @property
    def end(self) -> int:
        return self.start + len(self.text)


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


@dataclass(frozen=True)
class Value:
    """A number as written: 30, 0.7, 2万, 十五 — its amount and how to write another one the same way."""

    amount: float
    chinese: bool
    multiplier: str  # 万 / 千 / ""
    decimals: int

    def write(self, amount: float) -> str:
        if self.chinese:
            return int_to_cn(int(amount)) + self.multiplier
        text = f"{amount:.{self.decimals}f}" if self.decimals else str(int(round(amount)))
        return text + self.multiplier


def parse_value(text: str) -> Value | None:
    m = re.fullmatch(r"(.+?)([万千]?)", text)
    if not m:
        return None
    body, multiplier = m.group(1), m.group(2)
    if re.fullmatch(r"\d+(?:\.\d+)?", body):
        decimals = len(body.partition(".")[2])
        return Value(float(body), False, multiplier, decimals)
    n = cn_to_int(body)
    return Value(float(n), True, multiplier, 0) if n is not None else None


def int_to_cn(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return (digits[tens] if tens > 1 else "") + "十" + (digits[ones] if ones else "")
    return str(n)


def find_terms(sentence: str, glossary: Mapping[str, str]) -> list[Term]:
    """Terms of ``sentence`` in order; ``glossary`` maps terms to categories (longest match wins)."""
    found: list[Term] = []
    taken: list[tuple[int, int]] = []

    def add(text: str, kind: str, start: int, category: str) -> None:
        end = start + len(text)
        if any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        found.append(Term(text, kind, start, category))

    for m in _DOCUMENT.finditer(sentence):
        add(m.group(0), "document", m.start(), category_of(m.group(0), glossary))
    for m in DATE_PATTERN.finditer(sentence):
        add(m.group(0), "date", m.start(), DATE)
    for term in sorted(glossary, key=len, reverse=True):
        if term in sentence:
            for m in re.finditer(re.escape(term), sentence):
                add(term, "glossary", m.start(), glossary[term])
    for m in _QUOTED.finditer(sentence):
        add(m.group(1), "quoted", m.start(1), category_of(m.group(1), glossary))
    for m in MONTH_PATTERN.finditer(sentence):
        add(m.group(0), "month", m.start(), MONTH)
    for m in _NUMBER.finditer(sentence):
        if m.group(2) == "分" and re.match(r"[\u4e00-\u9fff]", sentence[m.end(): m.end() + 1]) \
                and sentence[m.end()] not in "的以或为":
            continue  # 三分之一、五分类: not points
        if parse_value(m.group(1).split("至")[0]) is not None:
            add(m.group(0), "number", m.start(), infer_category(m.group(0)))
    for m in FRACTION.finditer(sentence):
        add(m.group(0), "number", m.start(), COUNT)
    spans = None
    for m in _NAMED.finditer(sentence):
        if _VERB_ZHI.search(m.group()):
            continue  # 严格控制、限制: a verb, not a mechanism
        spans = spans if spans is not None else _word_spans(sentence)
        named = _named_before(spans, m.end())
        if named:
            add(sentence[named:m.end()], "named", named, infer_category(sentence[named:m.end()]))
    for start, actor in _actors(sentence):
        add(actor, "actor", start, actor_category(actor))
    for m in _PLACE.finditer(sentence):
        place, start = m.group(1), m.start(1)
        if len(place) > 3 and place[0] in _FUNCTION_CHARS:  # 在浙江省 → 浙江省
            place, start = place[1:], start + 1
        if place not in _PLACE_STOP and not place.startswith(("某", "各", "全", "本", "该")):
            add(place, "place", start, PLACE)
    return sorted(found, key=lambda t: t.start)


# the body or person a rule makes act: 由村集体组织清除、报县民政局审批、向镇农办报告、经乡镇人民政府审核
_ACTS = ("负责|组织|统一|牵头|审核|审批|审查|备案|批准|同意|提出|申请|报告|核实|核查|登记|兑付|发放|办理|签字|确认|决定|研究|"
         "实施|承担|保管|核定|验收|公示|上报|汇报|进行|处理|处置|协调|指导|督促|清除|清理|收集|转运|监督|评定|评议|考核|聘用|"
         "建设|管理|维护|运维|出具|召集|主持|兼任|担任|任")
# not the first character of another word: 经营、由于、向来、报名
_TRIGGER = re.compile(r"(?:交由|交给|报送|报请|报告|由(?![于此衷])|报(?![名道纸酬表刊销警价案])|向(?![来往导上下前后外内])|"
                      r"经(?![营济过常验费历典纪办手由]))")
_ACT_AFTER = re.compile(rf"^(?:[\u4e00-\u9fff]{{0,4}}?(?:{_ACTS})|[，。；、]|$)")


def _actors(sentence: str) -> Iterator[tuple[int, str]]:
    """(start, name) of each body or person a trigger (由、报、向、经…) names before an act or the clause's end."""
    bounds: set[int] | None = None
    for m in _TRIGGER.finditer(sentence):
        start = m.end()
        bounds = bounds if bounds is not None else word_bounds(sentence)
        if start not in bounds and sentence[start] not in "县镇乡村区市":
            continue  # 报账员 is no 账员 that something is reported to (报镇农经站: jieba reads 报镇 as a word)
        for end in range(start + 2, min(len(sentence), start + 12) + 1):
            name = sentence[start:end]
            if not re.fullmatch(r"[\u4e00-\u9fff]+", name):
                break
            act = _ACT_AFTER.match(sentence[end:])
            if sentence[end:end + 1] in ("员", "人", "者", "们"):
                continue  # 乡镇档案工作人(员): the name goes on
            if act and _actor(name) and not _name_goes_on(sentence[end:end + act.end()]):
                yield start, name
                break


_BODY_TAIL = ("办", "所", "站", "局", "中心", "小组", "公司", "合作社", "集体", "组织", "单位", "委员会", "村委会", "居委会", "政府",
              "部门", "办公室", "服务社", "协会", "理事会", "工作组")
_PERSON_TAIL = ("户", "员", "长", "人", "者", "书记", "主任", "代表", "干部", "党员", "家属", "村民", "居民", "群众", "家长")


_ADVERBIAL = ("现场", "当场", "统一", "定期", "及时", "按时", "按月", "按季", "每月", "每年", "每季度", "共同", "自行", "集中")


def _name_goes_on(between: str) -> bool:
    """村集体｜经济组织负责: what stands between a name and its act is more of the name (a noun), not 现场、自行."""
    words = pos_words(between)
    return bool(words) and words[0][1].startswith("n") and not between.startswith(_ADVERBIAL) \
        and not re.match(rf"(?:{_ACTS})", between)


def _actor(text: str) -> str | None:
    """The name in ``text`` if it names a body or a person (all nouns, ending in one), else None."""
    if not text.endswith(_BODY_TAIL + _PERSON_TAIL) or len(text) < 2:
        return None
    words = pos_words(text)[:-1]  # the tail word is checked by its form: jieba tags 站、所 as it likes
    if any(f.startswith(("p", "c", "u", "d", "r", "m", "q", "x", "y", "e")) and w not in "县镇乡村区市" for w, f in words):
        return None  # 由于工作需要的人员、相应的管理单位: not a name
    return text


def actor_category(text: str) -> str:
    inferred = infer_category(text)
    if inferred != MATTER:
        return inferred
    return ROLE if text.endswith(_PERSON_TAIL) else BODY


_NOT_IN_NAME = ("v", "p", "r", "c", "d", "u", "s", "f", "t", "m", "q", "y", "e", "x", "zg", "a", "ad", "b")


def _word_spans(text: str) -> list[tuple[int, int, str]]:
    spans, at = [], 0
    for word, flag in pos_words(text):
        spans.append((at, at + len(word), flag))
        at += len(word)
    return spans


def _named_before(spans: list[tuple[int, int, str]], end: int) -> int | None:
    """Start of the name that ends at ``end`` (村里推行井长制 → 井长制): nouns back from the suffix word."""
    ending = [i for i, (_, e, _) in enumerate(spans) if e == end]
    if not ending:
        return None  # the suffix is inside a longer word: 无需制作
    i = ending[0]
    start = spans[i][0]
    while (i > 0 and not spans[i - 1][2].startswith(_NOT_IN_NAME) and end - spans[i - 1][0] <= 8
           and spans[i - 1][1] - spans[i - 1][0] > 1):  # 报乡镇人民政府: a one-character word is a verb's stem
        i -= 1
        start = spans[i][0]
    if i > 0 and (spans[i - 1][2].startswith(("a", "ad", "b", "m", "nr", "ns"))
                  or (not spans[i - 1][2].startswith(_NOT_IN_NAME) and spans[i - 1][1] - spans[i - 1][0] > 1)):
        return None  # (中央全面)深化改革委员会: the name goes on before what a walk back may take
    return start if end - start >= 3 else None


def word_bounds(text: str) -> set[int]:
    """Offsets where jieba puts a word boundary."""
    bounds, at = {0}, 0
    for word in words(text):
        at += len(word)
        bounds.add(at)
    return bounds


def split_number(term: str) -> tuple[str, str] | None:
    m = _NUMBER.fullmatch(term)
    return (m.group(1), m.group(2)) if m else None


_FRACTIONS = ("过半数", "三分之二以上", "五分之一以上", "十分之一以上", "四分之三以上", "三分之一以上")


def _ladder(value: int, unit: str = "") -> list[int]:
    """Other values on the key's own scale, so that no option stands out: small counts one or two apart
    (3 → 2, 4, 5, 6), round amounts by round steps (15 → 10, 20, 25, 30; 60 → 50, 70, 80, 30), others by tens
    (58 → 48, 68, 78) — not 13/16/17 around a round 15, which gives the key away."""
    if unit in ("周岁", "岁") and value > 10:  # 80周岁 → 70、75、85、90, not 160; 十六周岁 → 14–18, not 21
        return [value - 10, value - 5, value + 5, value + 10] if value >= 30 else [value - 2, value - 1, value + 1, value + 2]
    if value <= 10:
        return [value + 1, value - 1, value + 2, value - 2, value * 2]
    if value % 5 == 0:
        step = 5 if value < 50 else 10 if value < 200 else 50 if value < 1000 else 10 ** (len(str(value)) - 1)
        return [value - step, value + step, value + 2 * step, value - 2 * step, value * 2] + \
            ([value // 2] if value % 10 == 0 else [])  # 60 → 30, but 15 → not 7
    return [value + 10, value - 10, value + 20, value - 20]


# a value the stem's own period rules out (每周10天, 每天48小时): never an option
_PERIOD_CAPS = ((re.compile(r"每(?:周|星期)[^，。；]{0,8}$"), ("天", "日"), 7),
                (re.compile(r"每(?:天|日)[^，。；]{0,8}$"), ("小时",), 24),
                (re.compile(r"每(?:个)?月[^，。；]{0,8}$"), ("天", "日"), 31),
                (re.compile(r"每年[^，。；]{0,8}$"), ("个月",), 12))


def possible(candidate: str, before: str) -> bool:
    """Whether a number option fits the period the stem states just before it."""
    parts = split_number(candidate)
    if not parts:
        return True
    value = cn_to_int(parts[0].split("至")[-1])
    return value is None or not any(p.search(before) and parts[1] in units and value > cap
                                    for p, units, cap in _PERIOD_CAPS)


def number_distractors(term: str, rng: random.Random) -> list[str]:
    """Same unit, other plausible values: for deadlines the values rules commonly set (15日 → 7日、30日 …)."""
    if FRACTION.fullmatch(term):  # 过半数 ↔ 三分之二以上 …: the thresholds rules set
        others = [f for f in _FRACTIONS
                  if f != term and (term == "过半数" or term.endswith("以上") == f.endswith("以上"))]
        rng.shuffle(others)
        return others
    parts = split_number(term)
    if not parts:
        return []
    value_text, unit = parts
    if "至" in value_text:
        low, high = (parse_value(x) for x in value_text.split("至"))
        if low is None or high is None or low.decimals or high.decimals:
            return []
        a0, b0 = int(low.amount), int(high.amount)
        # on the range's own scale: 300至500户 → 200至400户、300至600户, not 298至498户 beside the one round range
        step = 2 if a0 < 20 or a0 % 5 or b0 % 5 else max(5, 10 ** (len(str(a0)) - 1))
        pairs = {(a0 + step, b0 + step), (max(1, a0 - step), b0 - step), (a0, b0 + 2 * step), (a0 + step, b0),
                 (a0 * 2, b0 * 2)}
        return [f"{low.write(a)}至{high.write(b)}{unit}" for a, b in sorted(pairs) if 0 < a < b and (a, b) != (a0, b0)]
    value = parse_value(value_text)
    if value is None:
        return []
    if value.decimals:  # 0.7平方米 → 0.5、1、1.4 …: other amounts with as many decimals
        step = 10 ** -value.decimals
        near_f = [value.amount * f for f in (0.5, 1.5, 2, 3)] + [value.amount - 2 * step, value.amount + 3 * step]
        rng.shuffle(near_f)
        out_f: list[str] = []
        for v in near_f:
            number = f"{v:.{value.decimals}f}".rstrip("0").rstrip(".")
            if v <= 0 or float(number) == value.amount:
                continue
            text = number + value.multiplier  # 6.2万 → 3.1万、9.3万 …
            if text != value_text and text not in out_f:
                out_f.append(text)
        return [f"{t}{unit}" for t in out_f]
    amount = int(value.amount)
    typical = TYPICAL.get(unit) if not value.multiplier else None
    if typical and amount in typical:  # neighbours on the scale of usual values first
        i = typical.index(amount)
        near = [typical[j] for j in (i - 1, i + 1, i - 2, i + 2, i + 3) if 0 <= j < len(typical)]
    else:
        near = _ladder(amount, unit)
        rng.shuffle(near)
    out = []
    for v in near:
        if v > 0 and v != amount and v not in out and not (unit == "%" and amount <= 100 < v):
            out.append(v)  # a share is no more than 100%
    return [f"{value.write(v)}{unit}" for v in out]


def _date_key(text: str) -> tuple[int, int, int]:
    m = DATE_PATTERN.fullmatch(text)
    return (int(m.group(1)), int(m.group(2) or 0), int(m.group(3) or 0)) if m else (0, 0, 0)


def date_distractors(term: str, sentence: str, rng: random.Random) -> list[str]:
    """Other dates that keep the order the sentence gives (a law is not passed after it takes effect)."""
    year = int(term[:4])
    rest = term[4:]
    key = _date_key(term)
    others = [_date_key(m.group()) for m in DATE_PATTERN.finditer(sentence) if m.group() != term]
    years = [year + d for d in (-3, -2, -1, 1, 2, 3)]
    rng.shuffle(years)
    out = []
    for y in years:
        candidate = f"{y}{rest}"
        k = _date_key(candidate)
        if all((k < o) == (key < o) and k != o for o in others):
            out.append(candidate)
    return out


def _month_key(text: str) -> tuple[int, int]:
    m = MONTH_PATTERN.fullmatch(text)
    return (int(m.group(1)), int(m.group(3) or m.group(1))) if m else (0, 0)


def month_distractors(term: str, sentence: str, rng: random.Random) -> list[str]:
    """The same time of year moved by a month or a few (9月至10月 → 10月至11月、7月至8月), staying within the
    year and in the order the sentence gives its other months (第一轮5月至6月 … 第二轮9月至10月)."""
    first, last = _month_key(term)
    if not first:
        return []
    others = [_month_key(m.group()) for m in MONTH_PATTERN.finditer(sentence) if m.group() != term]
    shifts = [-2, -1, 1, 2, 3]
    rng.shuffle(shifts)
    out = []
    for d in shifts:
        a, b = first + d, last + d
        if not (1 <= a <= 12 and 1 <= b <= 12):
            continue
        if any((a < o[0]) != (first < o[0]) or o[0] <= a <= o[1] for o in others):
            continue
        candidate = re.sub(r"\d+(?=月)", lambda m: str(int(m.group()) + d), term)
        out.append(candidate)
    return out


def dates_consistent(original: str, replacement: str, sentence: str) -> bool:
    """Replacing ``original`` by ``replacement`` keeps the order of the dates in ``sentence``."""
    key, new = _date_key(original), _date_key(replacement)
    others = [_date_key(m.group()) for m in DATE_PATTERN.finditer(sentence) if m.group() != original]
    return all((new < o) == (key < o) for o in others)


def _chars(text: str) -> set[str]:
    return set(text.strip("《》“”"))


def plausibility(key: str, candidate: str) -> float:
    """How close an alternative is in form: shared ending (…委员会/…制), shared characters, similar length."""
    a, b = key.strip("《》“”"), candidate.strip("《》“”")
    score = len(_chars(a) & _chars(b)) / max(1, len(_chars(a) | _chars(b)))
    for n in (3, 2, 1):
        if len(a) > n and len(b) > n and a[-n:] == b[-n:]:
            score += 0.3 * n
            break
    return score - 0.1 * abs(len(a) - len(b))


def same_thing(a: str, b: str) -> bool:
    """Two names of one thing: 居委会/居民委员会, 《中华人民共和国人民调解法》/《人民调解法》."""
    na, nb = (re.sub(r"^中华人民共和国", "", x.strip("《》“”")) for x in (a, b))
    titles = a.startswith("《") and b.startswith("《")  # 《城市居民委员会组织法》 / 《居民委员会组织法》
    return na == nb or nb in aliases().get(na, ()) or (titles and (na in nb or nb in na))


def pick_distractors(term: Term, pool: Iterable[str], sentence: str, rng: random.Random, n: int = 3,
                     avoid: Sequence[str] = (), bonus: Mapping[str, float] | None = None,
                     allowed: Callable[[str], bool] | None = None) -> list[str]:
    """Same-category alternatives that ``sentence`` does not state, the most plausible first."""
    if term.kind == "number":
        candidates = [c for c in number_distractors(term.text, rng) if possible(c, sentence[: term.start])]
    elif term.kind == "date":
        candidates = date_distractors(term.text, sentence, rng)
    elif term.kind == "month":
        candidates = month_distractors(term.text, sentence, rng)
    else:
        limit = 2 * len(term.text) + 2  # 调委会 is not answered by 中央全面深化改革委员会
        bonus = bonus or {}

        def score(c: str) -> float:
            return plausibility(term.text, c) + bonus.get(c, 0.0)

        ranked = sorted((c for c in set(pool) if len(c) <= limit), key=lambda c: (-score(c), c))
        head = ranked[: max(n * 2, 6)]
        rng.shuffle(head)
        candidates = sorted(head, key=lambda c: -score(c))  # keep the best, vary ties
    bare = term.text.strip("《》“”")
    booked = term.text.startswith("《")
    rest = sentence.replace(term.text, "\x00")
    out: list[str] = []
    for c in candidates:
        if term.kind not in FIGURES and (c.startswith("《") != booked or len(c.strip("《》")) < 3):
            continue  # 《意见》 is a reference, not a name; a title is answered by titles
        if term.kind not in FIGURES and any(c[i: i + 3] in rest for i in range(len(c) - 2)):
            continue  # 四议两公开 offered for “两公开”是（ ）: it repeats the stem
        cb = c.strip("《》“”")
        if (c and cb != bare and cb not in sentence and bare not in cb and cb not in bare and c not in out
                and not any(cb in a or a in cb for a in avoid) and not any(same_thing(c, o) for o in out)
                and (allowed is None or allowed(c))):
            out.append(c)
        if len(out) == n:
            break
    return out
