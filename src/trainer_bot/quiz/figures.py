"""Figures in a sentence — numbers with their units, dates, months — and other values of the same kind for them.

A number keeps its whole unit (十八周岁, not 十八周) and is written the way the key is (十五 / 15 / 2万 / 0.7); other
values sit on the key's own scale (15日 → 10日、20日; 300至500户 → 200至400户), fit the period the stem states
(每周 is at most 7 days) and keep a sentence's dates and months in their order.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass

from .categories import COUNT_UNITS, DATE_PATTERN, FRACTION, LEVEL_UNITS, MEASURE_UNITS, MONTH_PATTERN, TIME_UNITS

_CN = "零一二三四五六七八九十两百"
_UNITS = "|".join(sorted(TIME_UNITS + COUNT_UNITS + LEVEL_UNITS + MEASURE_UNITS, key=len, reverse=True))
_VALUE = rf"(?:\d+(?:\.\d+)?|[{_CN}]+)[万千]?"
# a number and its whole unit: 十八周岁 (not 十八周), 15个工作日, 三至九人, 0.7平方米, 2万粒, 每30天; not 第三、三年级、一般、这两年、
# 个人, 几十年, 每一户
NUMBER = re.compile(rf"(?<![\d{_CN}年月第.．几数多余×*/÷时点:：这])(?!(?<=每)一)({_VALUE}(?:至{_VALUE})?)({_UNITS})"
                     # 一年一度、一年到头 are idioms, not periods; 一年租金 is an amount, ×100% part of a formula; the 30分
                     # of 23时30分 a time of day, not a span; 三轮车 a vehicle
                     r"(?![常般度龄级代人别体岁车])(?!一度|到头|四季|半载|(?:的)?(?:租金|工资|收入|利息|费用|保费))"
                     # 伐桩四周用土压实: all around, not four weeks (unless a span follows: 四周内、四周后)
                     r"(?!(?<=四周)(?!内|以内|后|之后|以后|前|之前|左右|时间|一次|$))")
TYPICAL = {  # values a rule of that unit plausibly sets, for deadlines and terms of office
    "日": (3, 5, 7, 10, 15, 20, 30, 60, 90), "天": (3, 5, 7, 10, 15, 20, 30, 60, 90),
    "个工作日": (3, 5, 7, 10, 15, 20, 30), "工作日": (3, 5, 7, 10, 15, 20, 30), "小时": (1, 2, 6, 12, 24, 48, 72),
    "个月": (1, 2, 3, 6, 12), "年": (1, 2, 3, 5, 10), "周": (1, 2, 4, 8), "届": (2, 3, 5),
    # lengths and times people state in round figures: 30分钟 → 20、45、60 (not 35); 100米 → 50、150、200 (not 90)
    "分钟": (5, 10, 15, 20, 30, 45, 60, 90, 120),
    "米": (1, 2, 3, 5, 10, 15, 20, 30, 50, 100, 150, 200, 300, 500, 1000, 2000, 3000, 5000),
    "公里": (1, 2, 3, 5, 10, 15, 20, 30, 50, 100), "千米": (1, 2, 3, 5, 10, 15, 20, 30, 50, 100),
}


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


def _amount(value: Value) -> float:
    return value.amount * {"万": 10000, "千": 1000}.get(value.multiplier, 1)


def magnitude(term: str) -> float | None:
    """How much a figure is (its first value, 万 and 千 counted): 2万元 → 20000, 三至九人 → 3."""
    parts = split_number(term)
    value = parse_value(re.split(r"至|—|-|~", parts[0])[0]) if parts else None
    return _amount(value) if value else None


def extent(figure: str) -> tuple[float, float, str] | None:
    """The lowest and highest value a figure says, and its unit: 1至7年 → (1, 7, 年)."""
    parts = split_number(figure)
    if parts is None:
        return None
    amounts = [_amount(v) for v in map(parse_value, re.split(r"至|—|-|~", parts[0])) if v]
    return (min(amounts), max(amounts), parts[1]) if amounts else None


def int_to_cn(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return (digits[tens] if tens > 1 else "") + "十" + (digits[ones] if ones else "")
    return str(n)


def is_figure(text: str) -> bool:
    """A number with its unit, a date or a month of the year: a value whose alternatives are computed."""
    return bool(split_number(text) or DATE_PATTERN.fullmatch(text) or MONTH_PATTERN.fullmatch(text))


def split_number(term: str) -> tuple[str, str] | None:
    m = NUMBER.fullmatch(term)
    return (m.group(1), m.group(2)) if m else None


_FRACTIONS = ("过半数", "三分之二以上", "五分之一以上", "十分之一以上", "四分之三以上", "三分之一以上")


def _ladder(value: int, unit: str = "") -> list[int]:
    """Other values on the key's own scale, so that no option stands out: small counts one or two apart
    (3 → 2, 4, 5, 6), round amounts by round steps (15 → 10, 20, 25, 30; 60 → 50, 70, 80, 30), others by tens
    (58 → 48, 68, 78) — not 13/16/17 around a round 15, which gives the key away."""
    if unit in ("周岁", "岁") and value > 10:  # the ages rules set: 18周岁 → 16、20、22 (not 19); 80周岁 → 70、75、85、90
        ages = (14, 16, 18, 20, 22, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90, 100)
        if value in ages:
            i = ages.index(value)
            return [ages[j] for j in (i - 1, i + 1, i - 2, i + 2) if 0 <= j < len(ages)]
        return [value - 10, value - 5, value + 5, value + 10] if value >= 30 else [value - 2, value - 1, value + 1, value + 2]
    if unit in ("%", "％") and value >= 20:  # a share is bounded and moves by steps: 90% → 80%、85%、95%, not 45%
        return [v for v in (value - 10, value + 10, value - 5, value + 5, value - 20, value + 20) if 0 < v <= 100]
    if value in (5, 10):  # 10人 → 8、15、20 (not 11, which no rule would say)
        return [value * 2, value // 2, value + value // 2, value - value // 5, value * 3]
    if value <= 10:
        return [value + 1, value - 1, value + 2, value - 2, value * 2]
    if value % 10 == 0 and value >= 20 and unit not in ("%", "％", "分", "成"):  # 100人 → 50、150、200、80, not 90/110
        # (a share or a score is bounded: it moves by steps)
        return [v for v in (value // 2, value * 2, value + value // 2, _round_down(value * 4 // 5), value * 3) if v != value]
    if value % 5 == 0:
        step = 5 if value < 50 else 10 if value < 200 else 50 if value < 1000 else 10 ** (len(str(value)) - 1)
        return [value - step, value + step, value + 2 * step, value - 2 * step, value * 2] + \
            ([value // 2] if value % 10 == 0 else [])  # 60 → 30, but 15 → not 7
    return [value + 10, value - 10, value + 20, value - 20]


def _round_down(value: int) -> int:
    """To two significant figures, the last a 0 or 5 (80 → 80, 160 → 150, 480 → 450)."""
    scale = 10 ** max(0, len(str(value)) - 2)
    return value // (5 * scale) * 5 * scale if value >= 10 else value


# a value the stem's own period rules out (每周10天, 每天48小时): never an option
_PERIOD_CAPS = ((re.compile(r"每(?:周|星期)[^，。；]{0,8}$"), ("天", "日"), 7),
                (re.compile(r"每(?:天|日)[^，。；]{0,8}$"), ("小时",), 24),
                (re.compile(r"每(?:个)?月[^，。；]{0,8}$"), ("天", "日"), 31),
                (re.compile(r"每年[^，。；]{0,8}$"), ("个月",), 12))


def possible(candidate: str, before: str, after: str = "") -> bool:
    """Whether a number option fits the period the stem states just before it, and the bound just after it."""
    parts = split_number(candidate)
    if not parts:
        return True
    value = cn_to_int(parts[0].split("至")[-1])
    if value == 1 and parts[1] in ("人", "名") and re.search(r"组|队|班子|委员会", before):
        return False  # 帮教小组不少于1人: a group of one is false on its face
    if value == 1 and re.match(r"(?:及|或者?)?以上", after):
        return False  # 同一日期有一户以上预约的，按登记先后安排: one or more is any, no rule (round 71)
    if value is None:
        return True
    # 80分以上不满（ ）: the upper bound of a band is above its lower bound (and the band below stays below)
    floor = re.search(rf"(\d+){re.escape(parts[1])}(?:及)?以上[、，,]?(?:不满|不足|未满|低于)$", before)
    if floor and value <= int(floor.group(1)):
        return False
    return not any(p.search(before) and parts[1] in units and value > cap for p, units, cap in _PERIOD_CAPS)


TIERS = ("级", "星", "档", "等", "类", "色")  # counts of tiers: a rule sets two to five or so


def number_distractors(term: str, rng: random.Random) -> list[str]:
    """Same unit, other plausible values: for deadlines the values rules commonly set (15日 → 7日、30日 …)."""
    if FRACTION.fullmatch(term):  # 过半数 ↔ 三分之二以上 …: the thresholds rules set
        if term != "过半数" and not term.endswith("以上"):  # 须超过三分之二 → 半数、四分之三 (not 超过过半数)
            bare = [re.sub(r"^过|以上$", "", f) for f in _FRACTIONS]
            others = [f for f in dict.fromkeys(bare) if f != term]
            rng.shuffle(others)
            return others
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
        # (1至2名 → 2至3名、1至4名, not 1至6名: a small range moves by ones)
        step = 1 if b0 - a0 <= 1 else 2 if a0 < 20 or a0 % 5 or b0 % 5 else max(5, 10 ** (len(str(a0)) - 1))
        pairs = {(a0 + step, b0 + step), (max(1, a0 - step), b0 - step), (a0, b0 + 2 * step), (a0 + step, b0),
                 (a0 * 2, b0 * 2)}
        return [f"{low.write(a)}至{high.write(b)}{unit}" for a, b in sorted(pairs) if 0 < a < b and (a, b) != (a0, b0)]
    value = parse_value(value_text)
    if value is None:
        return []
    if value.decimals:  # 0.7平方米 → 0.5、1、0.4、1.2 …: other amounts with as many decimals, a few steps away
        step = 10 ** -value.decimals
        # (not multiples: 身高1.2米以下 → 2.4米、3.6米 is no child's height; round 73)
        near_f = [value.amount + d * step for d in (-2, 3, -3, 5)] + [value.amount * 1.5]
        if round(value.amount / step) % 5 == 0:  # 3.5小时 → 3、4、4.5、2.5小时: half units move by halves
            near_f = [value.amount + d * 5 * step for d in (-1, 1, 2, -2, 3)]
        if value.amount >= 5:  # 10.5米 → 9、12、7.5、13.5米: what a rule might say instead, not 21 or 31.5 (multiples)
            near_f = [value.amount + d for d in (-1.5, 1.5, -3, 3)]
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
        if unit in TIERS and (v < 2 or v > 2 * amount - 1 and v > amount + 2):
            continue  # 分为五级: not 一级 (no tiers at all) nor 十级 (no rule has so many)
        if v > 0 and v != amount and v not in out and not (unit in ("%", "分") and amount <= 100 < v):
            out.append(v)  # a share is no more than 100%, nor a score than the 100 points most scales have
    return [f"{_counted(value.write(v), unit)}{unit}" for v in out]


def _counted(number: str, unit: str) -> str:
    """二 before a measure word is said 两 (两次、两名, not 二次, which reads as 'secondary'); a tier stays 二级."""
    return "两" if number == "二" and unit and unit[0] not in "级类等档星代期号批轮" else number


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
        if k[2] and not _exists(*k):
            continue  # 2021年2月29日
        if all((k < o) == (key < o) and k != o for o in others):
            out.append(candidate)
    return out


def _exists(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _month_key(text: str) -> tuple[int, int]:
    m = MONTH_PATTERN.fullmatch(text)
    return (int(m.group(1)), int(m.group(3) or m.group(1))) if m else (0, 0)


_PART_OF_MONTH = {"初": 1, "上旬": 5, "中旬": 15, "下旬": 25, "底": 31}


def _day_in_year(text: str) -> tuple[int, int]:
    """(month, day) of a yearly date, a part of a month read as a day of it (5月下旬 → (5, 25)); day 0 when not said."""
    m = MONTH_PATTERN.fullmatch(text)
    if not m:
        return (0, 0)
    part = re.search(r"(底|初|中旬|上旬|下旬)$", text)
    return (int(m.group(1)), int(m.group(2)) if m.group(2) else _PART_OF_MONTH[part.group(1)] if part else 0)


def month_distractors(term: str, sentence: str, rng: random.Random) -> list[str]:
    """The same time of year moved by a month or a few (9月至10月 → 10月至11月、7月至8月), staying within the
    year and in the order the sentence gives its other months (第一轮5月至6月 … 第二轮9月至10月)."""
    first, last = _month_key(term)
    if not first:
        return []
    # (by day when both say one: 于5月15日前完成排班，确保5月下旬起开展 — 6月15日 would come after the start; round 72)
    key_day = _day_in_year(term)
    said = [(m.group(), _day_in_year(m.group())) for m in MONTH_PATTERN.finditer(sentence) if m.group() != term]
    days = [day for _, day in said if key_day[1] and day[1]]
    others = [_month_key(t) for t, day in said if not (key_day[1] and day[1])]
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
        candidate = _real_days(term, candidate)
        moved = _day_in_year(candidate)
        if any((moved < o) != (key_day < o) or moved == o for o in days):
            continue
        if candidate:
            out.append(candidate)
    return out


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # a rule's yearly date: 2月 as in most years


def _real_days(term: str, candidate: str) -> str:
    """``candidate`` with days that exist: a month's last day stays the last day of the month it moves to (3月31日 →
    4月30日, a month-end deadline); another day a month lacks leaves no candidate (2月31日 never was); "" for none."""
    days = iter(re.findall(r"(\d+)月(\d+)日", term))

    def fix(m: re.Match[str]) -> str:
        month, day = int(m.group(1)), int(m.group(2))
        old_month, old_day = (int(x) for x in next(days))
        if old_day == _MONTH_DAYS[old_month - 1]:
            day = _MONTH_DAYS[month - 1]
        return f"{month}月{day}日" if day <= _MONTH_DAYS[month - 1] else "\x00"

    fixed = re.sub(r"(\d+)月(\d+)日", fix, candidate)
    return "" if "\x00" in fixed else fixed


def dates_consistent(original: str, replacement: str, sentence: str) -> bool:
    """Replacing ``original`` by ``replacement`` keeps the order of the dates in ``sentence``."""
    key, new = _date_key(original), _date_key(replacement)
    if key == (0, 0, 0) or new == (0, 0, 0):
        # a day of the year without its year (安装工作在12月31日前完成 after 登记截止2025年12月15日 → 10月31日: the
        # install would end before the sign-up; round 91), unless the sentence runs into the next year
        day, new_day = _day_key(original), _day_key(replacement)
        if day is None or new_day is None or re.search(r"次年|翌年|下一年|来年|明年|跨年", sentence):
            return True
        days = [k for m in _DAY.finditer(sentence) if m.group() != original and (k := _day_key(m.group()))]
        return all((new_day < o) == (day < o) for o in days if o != day)
    others = [_date_key(m.group()) for m in DATE_PATTERN.finditer(sentence) if m.group() != original]
    return all((new < o) == (key < o) for o in others)


_DAY = re.compile(r"(?:\d{4}年)?(\d{1,2})月(\d{1,2})日")


def _day_key(text: str) -> tuple[int, int] | None:
    m = _DAY.fullmatch(text)
    return (int(m.group(1)), int(m.group(2))) if m else None
