"""A false 判断 is fair: it changes one fact to a same-kind value, or flips the rule, and its own words do not give it
away; and what tells a story (两年来, 全县约9860人) is no fact to change or to blank."""

from __future__ import annotations

import re

from .categories import BODY, MATTER, MEETING, category_of
from .figures import cn_to_int, dates_consistent, magnitude
from .model import Question
from .readings import FLIPS, as_quoted, changed_span, judges_misconception
from .terms import same_thing

# a sentence that opens by telling what has happened (近两年，不少老小区…; 一年多来，我们在走访中发现…)
TOLD = re.compile(r"^(?:(?:近|最近|过去|这|前)(?:[一二两三四五六七八九十几\d]+|半)(?:个)?(?:年|月|周|天)(?:多)?(?:来|以来)?|"
                   r"(?:[一二两三四五六七八九十几\d]+|半)(?:个)?(?:年|月)(?:多)?(?:来|以来)|"
                   r"(?:今年|去年|近年|多年)(?:来|以来)|这些年|前些年|前几天|前段时间)[，,]")
# a place named after the body it belongs to (村委会广场, 杏树沟村委会大院): the body in it is no fact of a rule
PLACE_OF_BODY = re.compile(r"(?:广场|大院|院内|院子|门口|门前|会议室|礼堂|旁边|对面|楼下)")
_SPAN_OF_TIME = r"[\d一二两三四五六七八九十几半]+(?:个)?(?:年|月|周|天|日|星期|小时)"


def narrative_time(before: str, value: str, after: str) -> bool:
    """A span of time that tells the story, not a rule: 两年来、近两年，…、前两天、秋收那两周、臭了三年、两个月又臭了 (but
    近3年内 is a condition)."""
    return bool(re.fullmatch(_SPAN_OF_TIME, value)) and bool(re.match(r"\s*(?:多|余)?(?:来|以来)|\s*(?:又|就又|后又)", after)
                                                       or before.endswith("了") or (
        re.search(r"(?:(?:^|[，。；：])(?:近|最近|前|过去)|那|这)$", before) and not re.match(r"\s*(?:内|以内|之内)", after)))


_COUNTED = r"[\d一二两三四五六七八九十百千万约余多]+(?:个|名|户|人|家|处|所|座|辆|只|头|条|亩|万人|万户)"


def background_count(before: str, value: str) -> bool:
    """How many there are now, not a rule (全县约9860人、目前登记在册的留守儿童有…、全镇共有42家): a count of people, households
    or places the material reports (round 57)."""
    return bool(re.fullmatch(_COUNTED, value)) and bool(
        re.search(r"(?:全县|全镇|全区|全市|全乡|全村|全街道|辖区|目前|现有|现在|截至[^，。]{0,12}|登记在册|摸排|统计|累计)"
                  r"[^，。；]{0,16}(?:约|共|共有|有|达|为|总计|合计)?$", before))


def false_statement_fair(q: Question) -> str | None:
    """A false 判断 changes one fact to a same-kind value, or flips the rule the source states."""
    if q.type != "true_false" or q.answer is not False or judges_misconception(q):
        return None
    original, changed = changed_span(as_quoted(q.stem, q.source.quote), q.source.quote)
    if (original, changed) in FLIPS:
        return None
    at = q.source.quote.find(original)
    if original and at >= 0 and narrative_time(q.source.quote[:at], original, q.source.quote[at + len(original):]):
        return "改动的是叙述里的时间（两年来、近两年），不是要记的规定"
    if original and at >= 0 and background_count(q.source.quote[:at], original):
        return "改动的是背景统计数字（全县约9860人），不是要记的规定"
    if original and at >= 0 and re.search(r"[（(]$", q.source.quote[:at]) and \
            re.match(r"[)）]", q.source.quote[at + len(original):]) and category_of(original) != "数量":
        # 乡镇人民政府（街道办事处） → （业主委员会）: the bracket names the same body where there is no township (round 83)
        return "改动的是括号里对应的另一种叫法（乡镇人民政府（街道办事处）），不是要记的规定"
    kinds = {_body_kind(original), _body_kind(changed)} if original and changed else set()
    if "" not in kinds and "place" in kinds and len(kinds) == 2:
        # 村级电商服务站 → 村务监督委员会: a council put where a service point books a cold store (round 83; a council for
        # an office, 街道办事处 → 居民委员会, is a fair change: graded 0 of 8 place swaps good)
        return "改动后的机构与原来的不是一类（服务站点换成了委员会），凭常识就能判错"
    after = q.source.quote[at + len(original):] if original and at >= 0 else ""
    if original and at >= 0 and PLACE_OF_BODY.match(after):
        # 在村委会广场设置回收点 → 村务监督委员会广场: a place named after the body, no rule about who (round 86)
        return "改动的是地点名称里的机构（村委会广场），不是要记的规定"
    if original and at >= 0 and (re.match(r"[一二三四五六七八九十两\d]+[块元个]", after) or
                                 re.search(r"[一二三四五六七八九十两\d]+[块元个]$", q.source.quote[:at])):
        # 兜里揣着三块五块钱 → 一块五块: a loose pair of figures says "a few", not a fact (round 86)
        return "改动的是“三块五块”一类约数，不是要记的规定"
    new, old_value = magnitude(changed or ""), magnitude(original or "")
    if new is not None and old_value is not None and new < old_value and \
            re.match(r"(?:个工作日|工作日|日|天|小时|个月|周|年)?(?:以内|之内|内)均?(?:未|没有|没|无人)", after):
        # 7个工作日内均未申请 → 5个工作日内: still true (round 86)
        return "改小后的说法仍然成立（7日内均未申请，5日内自然也未申请），不能判为错误"
    once = re.fullmatch(r"一个?(月|天|日|年|周|季度)", original or "")
    if once and at >= 0 and (re.search(rf"按{once.group(1)}|每{once.group(1)}", q.source.quote) or (
            once.group(1) in "天日" and re.search(r"即\d{1,2}月\d{1,2}日、", q.source.quote[at:]))):
        # 按月装订，一个月凭证较多的 → 两个月; 每季度最后一天，即3月31日、6月30日… → 三天 (round 84)
        return "改动的“一个月”“一天”与句中的“按月”或所列的日子对不上，凭语句就能判错"
    if original and at >= 0 and _counts_the_named(q.source.quote[:at], original):
        return "改动的是紧跟在几方名称后的人数（放水员和用水员两人），改了就与列出的几方对不上，凭语句就能判错"
    kind = category_of(original)
    if not original or not changed or kind == MATTER or category_of(changed) != kind:
        return "判断题的错误说法应只改动一个同类事实（时限、数量、主体等）或把规定反过来"
    if kind == "日期" and not dates_consistent(original, changed, q.source.quote):
        return "改动后的日期与句中其他日期的先后矛盾"
    if same_thing(original, changed):  # 社区居民委员会主任 → 社区居委会主任: still true
        return "改动后的说法与原文同义，陈述仍然正确"
    return None


# what kind of body a name ends in: a place that serves (服务站, 便民服务中心, 窗口), a council of people (委员会, 协会,
# 筹备组), an office of government (民政局, 政府, 办公室, 司法所), a business (物业服务企业, 合作社)
_BODY_KINDS = (("place", re.compile(r"(?:站|服务中心|窗口|大厅|室|点|馆|仓|库)$")),
               ("council", re.compile(r"(?:委员会|理事会|议事会|协会|联合会|大会|会议|小组|工作组|筹备组|领导小组)$")),
               ("office", re.compile(r"(?:局|政府|办事处|办公室|办|所|部门|科|股|处|党委|党组织|支部|大队|中队)$")),
               ("business", re.compile(r"(?:企业|公司|合作社|银行|单位)$")))


def _body_kind(text: str) -> str:
    """The kind of body ``text`` names, or "" (see :data:`_BODY_KINDS`)."""
    if category_of(text) not in (BODY, MEETING):
        return ""
    return next((kind for kind, pattern in _BODY_KINDS if pattern.search(text)), "")


def _counts_the_named(before: str, figure: str) -> bool:
    """``figure`` counts the parties named just before it (管理所放水员和用水户协会的用水员两人; round 81)."""
    count = re.fullmatch(r"([\d一二两三四五六七八九十]+)(个|名|人|家|方|位|级)", figure)
    number = cn_to_int(count.group(1)) if count else None
    if number is None or count is None or number < 2:
        return False
    levels = re.search(r"[省市县乡镇村组]{2,}$", before)
    if count.group(2) == "级" and levels:
        return len(levels.group()) == number  # 乡村两级路长 → 乡村四级 (round 82)
    clause = re.split(r"[，。；：,;:]", before)[-1]
    named = [x for x in re.split(r"、|和|及|与|同", clause) if len(x) >= 2]
    return len(named) == number
