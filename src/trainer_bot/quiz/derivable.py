"""The key is not worked out from the stem: figures it gives that add, subtract, multiply or divide to the key, a date
range's days, a band's bounds, a count it lists, a key it says again in other words."""

from __future__ import annotations

import re
from datetime import date

from .figures import NUMBER, cn_to_int, split_number
from .model import Question
from .readings import BLANKS, as_quoted, before_blank, changed_span, judges_misconception, key_text, norm

# a span of days: 4月4日至4月6日, 4日至6日, 自2025年11月15日起至2026年3月15日
_DAY_SPAN = re.compile(r"(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日?(?:起)?\s*(?:至|到|—|-|～|~)\s*"
                       r"(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日")
# the period a yearly count of that many is one per (12次 a year: 每个月)
_PERIOD_OF_YEARLY = {"12": "月", "十二": "月", "4": "季度", "四": "季度", "2": "半年", "两": "半年", "52": "周"}
_QUARTER_END = {"一": "3月31日", "二": "6月30日", "三": "9月30日", "四": "12月31日",
                "1": "3月31日", "2": "6月30日", "3": "9月30日", "4": "12月31日"}
_HOUR_SPAN = re.compile(r"(?<!\d)(\d{1,2})(?:时|点|:00|：00)\s*(?:至|到|—|-|～|~)\s*(\d{1,2})(?:时|点|:00|：00)")
_FIGURE = re.compile(r"(\d+(?:\.\d+)?)\s*(元|分|天|日|人|名|个|次|小时|年|岁|周岁|户|亩|米|%)")


def key_not_derivable(q: Question) -> str | None:
    """The key is not worked out from figures the stem gives: the days of a date range it states (4月4日至4月6日 →
    三天), a band's bound plus one (80分至89分为B级 → 90分), the sum or difference of two amounts it names (医保支付
    9元，个人负担1元 → 10元, and back), or an amount times a count (每月2400元、每年10个月 → 24000元). A learner would
    answer by arithmetic, not by knowing the rule; and a false 判断 whose changed figure the others contradict (诊疗费30元，其中医保支付9元，个人负担1元) is false by arithmetic."""
    if q.type in ("single_choice", "fill_blank"):
        key, stem = key_text(q), BLANKS.sub("", q.stem)
    elif q.type == "true_false" and q.answer is False and not judges_misconception(q):
        quoted = as_quoted(q.stem, q.source.quote)
        # (a lead-in before the quoted words, 关于评分实行百分制，…: kept as stem, left out of the comparison)
        at = quoted.find(q.source.quote[:6]) if len(q.source.quote) >= 6 else -1
        lead, quoted = (quoted[:at], quoted[at:]) if at > 0 else ("", quoted)
        key, changed = changed_span(quoted, q.source.quote)
        stem = lead + quoted.replace(changed, "", 1) if changed else ""
    else:
        return None
    if key and stem and q.type != "true_false" and (norm(key) in norm(stem) or _share_restated(key, stem)
                                                    or figure_restated(key, stem)):
        return "题干中已出现答案"  # 12月25日前…（ ）; 一成 … （10%）; 质保期不少于2年 … （两年）
    if key and stem and q.type != "true_false":
        # (round 57) the year's end a stem says in words (跨年自动清零 → 12月31日), or the month after a date it gives
        # (8月31日前未完成认证的，（9月）起暂停)
        # a range whose top the stem gives as the next band's start (请假（1至3天）的…；超过3天的… ; round 76)
        band = re.fullmatch(r"[\d一二两三四五六七八九十]+至([\d一二两三四五六七八九十]+)(\S{1,3})", key)
        if band and re.search(rf"(?:超过|多于|高于|大于){re.escape(band.group(1) + band.group(2))}|"
                              rf"{re.escape(band.group(1) + band.group(2))}以上", stem):
            return "答案区间的上限就是题干里下一档的起点，读题干就能答"
        # a count the stem lists item by item (至少（4张），包括门口标识、室内全景、冰箱、洗手设施; round 74)
        counted = re.fullmatch(r"([\d一二两三四五六七八九十]+)(?:个|张|项|种|类|份|条|件|名|人|处)", key)
        listing = re.search(r"(?:包括|含|即|分别是|分别为|依次是)([^。；;（）()]+)", stem)
        if counted and listing and cn_to_int(counted.group(1)) == len(re.split(r"[、，,和及]", listing.group(1).strip("，, "))):
            return "答案是题干里逐项列出的个数，数一数就能答"
        if re.match(r"[^，。；即]{0,6}[，,]?\s*(?:即|也就是|相当于|折合|合计|共计)(?:为|是)?(?:不超过|不少于|不低于|最高|最低|最多|约)?"
                    r"\s*[\d一二两三四五六七八九十]", BLANKS.split(q.stem, maxsplit=1)[-1]):
            # 低保月标准的（1至3倍）之间确定，即820元至2460元; 补贴（60%）即24元 (rounds 77, 80)
            return "题干紧接着空位用另一种说法给出了答案（……即820元至2460元）"
        if re.fullmatch(r"(?:两|2)次", key) and re.search(r"(?:两|2)个?[^，。；]{0,16}各(?:有|安排|开展|进行)?(?:一|1)次", stem):
            return "答案可由题干里的“两个时段各一次”数出"  # 两个时段必须各有一次 → 不少于（2次） (round 81)
        if re.fullmatch(r"12月31日|年底|年末", key) and re.search(r"跨年|跨年度|年底|年末|次年|当年|全年", stem):
            return "答案可由题干里的“跨年”“年底”一类说法推出"
        if re.fullmatch(r"100[%％]", key) and re.search(r"全部|全面|一律|所有|全数|每一(?:名|户|个|位|家|人)|逐一|逐户", stem):
            return "答案可由题干里的“全部”“一律”推出"  # 全部更换 → 100% (round 60)
        if re.fullmatch(r"(?:两|2)次", key) and re.search(r"(?:春秋|春夏|秋冬|上下半年|早晚|春节前后)(?:两季|季)?$", before_blank(q.stem)):
            return "答案可由题干里的“春秋”“早晚”推出"  # 春秋（ ）集中灭鼠 → 两次
        month = re.fullmatch(r"(\d{1,2})月(?:1日|份)?", key)
        if month and re.search(rf"(?<!\d){int(month.group(1)) - 1 or 12}月(?:3[01]日|底|末|份)", stem):
            return "答案就是题干所给日期的下一个月"
        if re.fullmatch(r"7天|七天|7日|七日", key) and re.search(r"按周|每周|一周", before_blank(q.stem)[-12:]):
            return "答案可由题干里的“按周”推出"  # 确实需要按周结的，最长不能超过（7天） (round 63)
        if re.fullmatch(r"(?:两|2)(?:人|名)", key) and re.search(r"不得由同一人|不能由同一人|不得一人|不能一人", stem):
            return "答案可由题干里的“不得由同一人”推出"  # 分别由（两人）保管，不得由同一人同时持有 (round 63)
        if re.fullmatch(r"(?:4|四)[份次篇个]", key) and re.search(r"每季度[^，。；]{0,14}(?:1|一)[份次篇个]", stem) and re.search(
                r"共|累计|全年|一年", stem):
            return "答案可由题干里的“每季度一份”乘出"  # 每季度不少于1份，共不少于（4份） (round 63)
        yearly = re.fullmatch(r"(12|十二|4|四|2|两|52)[次份篇个回期]", key)
        if yearly and re.search(rf"每(?:个)?{_PERIOD_OF_YEARLY[yearly.group(1)]}", stem) and re.search(r"一年|全年|每年|年度|共|累计", stem):
            return "答案可由题干里的“每个月”“每季度”乘出"  # 每个月第二个周一集中培训，一年不少于（12次） (round 99)
        quarter = re.search(r"第([一二三四1-4])季度", stem)
        if quarter and key == _QUARTER_END[quarter.group(1)]:
            return "答案就是题干所说季度的最后一天"  # 第二季度的随访须在（6月30日）前完成 (round 68)
        if month and month.group(1) == "1" and re.search(r"年底|年末|12月", stem) and "次年" in before_blank(q.stem)[-6:]:
            return "答案就是题干所给日期的下一个月"  # 迁出地当年发到年底，迁入地从次年（1月）起发放 (round 62)
    parts = split_number(key) if key else None
    value = _amount(parts[0]) if parts else None
    if value is None or parts is None or not stem:
        return None
    unit = parts[1].lstrip("个")
    if unit in ("天", "日") and any(value in (days, days + 1) for days in map(_days_between, _DAY_SPAN.finditer(stem))
                                   if days):
        return "答案可由题干中的起止日期直接算出"
    if unit == "小时" and any(int(b) - int(a) == value for a, b in _HOUR_SPAN.findall(stem)):
        return "答案可由题干中的起止时刻直接算出"  # 每日20时至21时提供（1小时）服务 (round 64)
    figures = [float(n) for n, u in _FIGURE.findall(stem) if u.lstrip("周") == unit.lstrip("周")]
    if any(value in (f + 1, f - 1) for f in figures) and re.search(r"\d\s*[分元天日人名个次岁%]?\s*(?:至|到|—|-|～|~)\s*\d", stem):
        return "答案可由题干中相邻档次的界限直接推出"
    # the whole less its other parts: 评分实行百分制，利率报价占（60分），服务占20分，贷款情况占20分 (round 91); the same
    # for shares of 100% (甲占30%，乙占20%，丙占（50%）)
    whole = re.search(rf"(?:满分|总分|总计|合计|共计?)\s*(\d+(?:\.\d+)?)\s*{re.escape(unit)}", stem)
    parts_of = list(figures)
    if whole and float(whole.group(1)) in parts_of:
        parts_of.remove(float(whole.group(1)))
    total = float(whole.group(1)) if whole else 100.0 if (unit == "分" and "百分制" in stem) or (
        unit in ("%", "％") and len(parts_of) >= 2) else None  # (财政补贴70%，公司补贴（20%），农户自缴10%; round 92)
    if total is not None and parts_of and abs(total - sum(parts_of) - value) < 1e-9:
        return "答案可由题干给出的总数减去其余各项得出"
    # an amount and its rate give each other: 保险金额为每头（10000元），费率6%，每头保费600元 (round 92)
    rates = [float(n) / 100 for n in re.findall(r"(?<![\d.])(\d+(?:\.\d+)?)\s*[%％]", stem)] if unit in ("元", "万元") else []
    if any(abs(value * r - f) < 0.01 or abs(f * r - value) < 0.01 for r in rates for f in figures if r):
        return "答案可由题干中的金额和比例算出"
    if any(abs(a + b - value) < 1e-9 for i, a in enumerate(figures) for b in figures[i + 1:]):
        return "答案可由题干中的两个数相加得出"
    if any(abs(abs(a - b) - value) < 1e-9 for i, a in enumerate(figures) for b in figures[i + 1:]):
        return "答案可由题干中的两个数相减得出"
    if q.type in ("single_choice", "fill_blank") and re.fullmatch(r"(?:个|项|类|种|家|本|只|名|户|所|条|人)", unit):
        before = re.split(r"[，。；：,;:]", before_blank(q.stem))[-1]
        listed = [x for x in re.split(r"、|和|及|与", before) if len(x) >= 2]
        if 2 <= len(listed) == value:  # 县人民医院和县中医院（两家）: the stem names them
            return "答案数一数题干里列出的几项就能得出"
    ordinals = len(set(re.findall(r"([一二三四五六七八九十])是", stem)))
    if ordinals >= 2 and value == ordinals and re.fullmatch(r"(?:个|项|类|种|条|点|方面)", unit):
        return "答案数一数题干里的“一是、二是……”就能得出"  # 分三类：一是…二是…三是…
    if re.search(r"单数|奇数", stem) and q.type == "single_choice" and any(
            (split_number(o) or ("", ""))[0].isdigit() and int((split_number(o) or ("0", ""))[0]) % 2 == 0
            for o in q.options):
        return "题干说了单数，双数的选项一看就能排除"
    if unit in ("%", "％"):
        plain = [float(n) for n in re.findall(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.%％])", stem)]
        if any(b and abs(round(a / b * 100, 1) - value) < 0.051 for a in plain for b in plain if a < b):
            return "答案可由题干中的两个数相除得出"  # 抽检86批次，合格83批次，合格率（96.5%） (round 86)
    counts = [float(n) for n in re.findall(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])", stem)]  # 每月最高2400元、每年最多10个月
    counts += [float(n) for n in map(cn_to_int, re.findall(r"([两二三四五六七八九十])个?(?:学期|季度|批次|期|轮|档)", stem))
               if n]  # 分春季、秋季两个学期申请，每学期1500元 → 每年（3000元） (round 81)
    if any(abs(a * c - value) < 1e-9 for a in figures for c in counts if c >= 2 and c != a):
        return "答案可由题干中的两个数相乘得出"
    return None


def _days_between(m: re.Match[str]) -> int | None:
    """The days a :data:`_DAY_SPAN` match spans: within one month when it names at most one (4日至6日, 4月4日至6日);
    else from one date to the other, the next year's when the second is earlier and no year is given."""
    y1, m1, d1, y2, m2, d2 = m.groups()
    if not (m1 and m2) or (m1 == m2 and not (y1 or y2)):
        return int(d2) - int(d1) if int(d2) > int(d1) else None
    first_year = int(y1 or 2000)
    try:
        first, last = date(first_year, int(m1), int(d1)), date(int(y2) if y2 else first_year, int(m2), int(d2))
    except ValueError:
        return None
    if last < first and not y2:
        last = last.replace(year=first_year + 1)
    return (last - first).days if last > first else None


def figure_restated(key: str, stem: str) -> bool:
    """The stem states the key's figure in other numerals (2年 for 两年, round 60)."""
    parts = split_number(key)
    value = cn_to_int(parts[0]) if parts else None
    if parts is None or value is None:
        return False
    return any(m.group(2) == parts[1] and cn_to_int(m.group(1)) == value for m in NUMBER.finditer(stem))


def _share_restated(key: str, stem: str) -> bool:
    """一成 and 10% say one share: the stem giving either gives the key that is the other."""
    tenths = re.fullmatch(r"([一二两三四五六七八九])成", key)
    percent = re.fullmatch(r"(\d{1,2})0%", key)
    if tenths:
        return f"{cn_to_int(tenths.group(1))}0%" in stem
    if percent:
        return re.search(f"[{'一二两三四五六七八九'}]成", stem) is not None and \
            any(f"{c}成" in stem for c in "一二两三四五六七八九" if cn_to_int(c) == int(percent.group(1)))
    return False


def _amount(text: str) -> float | None:
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    n = cn_to_int(text)
    return float(n) if n is not None else None
