"""What kind of thing a term names, so that a distractor is a thing of the same kind.

A glossary line may carry the category as its fourth field (``枫桥经验 3000 nz 机制/方法``); a term
without one (and every term found in uploaded material) gets it from its form: 《…》 and …条例 are
documents, …委员会 a body, …会议 a meeting, …员/…长 a role, …制/…机制 a mechanism, and so on.
Numbers and dates are categorised by their unit.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

MECHANISM, DOCUMENT, BODY, MEETING, LEVEL, ROLE = "机制/方法", "法规/文件", "组织/机构", "会议", "级别/等级", "职务/角色"
DEADLINE, COUNT, DATE, PLACE, PRINCIPLE, MATTER = "时限", "数量", "日期", "地名", "原则/理念", "事项/对象"
MONTH = "月份"  # a time of year a recurring task falls in (每年3月底前、第二轮在9月至10月)
EVENT, INDICATOR, PARTY_MEETING, NATIONAL_BODY, STATE = "事件类型", "指标", "重要会议", "中央机构", "国家机关"
_NATIONAL = ("中央", "中共中央", "国务院", "全国", "党中央")
CATEGORIES = (MECHANISM, DOCUMENT, BODY, MEETING, LEVEL, ROLE, DEADLINE, COUNT, DATE, MONTH, PLACE, PRINCIPLE, MATTER, EVENT,
              INDICATOR, PARTY_MEETING, NATIONAL_BODY, STATE)

# numbers: a unit of time is a deadline or a term of office; a unit of people, money or times is a count
TIME_UNITS = ("个工作日", "工作日", "小时", "个月", "天", "日", "周", "年")
COUNT_UNITS = ("周岁", "万元", "元", "人次", "批次", "册次", "户次", "车次", "架次", "场次", "人", "名", "户", "次", "倍", "岁", "%",
               "个工日", "工日", "平方米", "立方米", "公里", "公斤", "千克", "克", "毫升", "升", "厘米", "毫米汞柱", "毫米", "分钟", "米", "亩", "吨", "块", "座", "台套", "台", "辆", "份", "套",
               "盏", "粒", "株", "棵", "家", "所", "间", "层", "只", "头", "袋", "瓶", "桶", "箱", "本", "册", "课时", "学时", "轮",
               "分")  # 分: points (加2分、扣5至10分), not 分钟 or 三分之一 (see terms._NUMBER)
LEVEL_UNITS = ("级",)
MEASURE_UNITS = ("届", "个", "项", "类", "种", "方面", "条", "章", "部分", "环节", "步", "批", "成", "张", "句")

_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (MECHANISM, ("工作法", "方法", "议事法", "工作机制")),
    (DOCUMENT, ("法", "条例", "规定", "办法", "意见", "决定", "通知", "纲要", "规划", "方案", "准则", "细则", "章程",
                "公约", "规约", "决议")),
    (MEETING, ("会议", "大会", "议事会", "恳谈会", "听证会", "评议会", "座谈会", "协商会", "联席会")),
    (STATE, ("政府", "法院", "检察院", "办事处", "部门", "司法所", "派出所", "局", "厅")),
    (BODY, ("委员会", "调委会", "村委会", "居委会", "监委会", "中心", "服务站",
            "党组织", "党支部", "党委", "支部", "组织", "协会", "理事会", "参事会", "工作站", "监理站", "管理站", "监测站",
            "两委", "街道", "乡镇",
            "服务团", "评判团", "顾问团", "议事团", "志愿队", "服务队")),
    (LEVEL, ("级", "等级", "预警", "响应", "色")),
    (ROLE, ("员", "长", "书记", "主任", "委员", "代表", "干部", "志愿者", "党员", "户主", "责任人", "负责人", "当事人",
            "社工", "乡贤", "楼长")),
    (EVENT, ("事件", "灾害", "灾难", "事故")),
    (INDICATOR, ("率",)),
    (PRINCIPLE, ("原则", "理念", "方针", "思维", "观念", "路线", "宗旨", "思想")),
    (MECHANISM, ("制", "机制", "制度", "模式", "联动", "融合", "清单", "公开", "经验", "体系", "程序", "一张网", "统管",
                 "通办", "即办", "报到", "吹哨", "包保", "叫应", "闭环", "治理", "调解", "工作法")),
)


def infer_category(term: str) -> str:
    """The category of a term from its form alone."""
    text = term.strip()
    if text.startswith("《") and text.endswith("》"):
        return DOCUMENT
    if DATE_PATTERN.fullmatch(text):
        return DATE
    if MONTH_PATTERN.fullmatch(text):
        return MONTH
    unit = number_unit(text)
    if unit:
        return unit_category(unit)
    if FRACTION.fullmatch(text):
        return COUNT
    for category, endings in _RULES:
        if text.endswith(endings):
            if category in (MEETING, BODY, STATE) and text.startswith(_NATIONAL):
                return PARTY_MEETING if category == MEETING else NATIONAL_BODY  # not a village's meeting or body
            return category
    return MATTER


DATE_PATTERN = re.compile(r"(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})日)?)?")  # groups: year, month, day
FRACTION = re.compile(r"过半数|半数以上|[二三四五六七八九十]分之[一二三四五六七八九](?:以上)?")
_ONE_NUM = r"(?:\d+(?:\.\d+)?|[零一二三四五六七八九十两百千]+)[万千]?"
_NUM = rf"{_ONE_NUM}(?:至{_ONE_NUM})?"
# a time of year: 3月底、5月至6月、10月1日 (a date with its year is DATE_PATTERN's)
MONTH_PATTERN = re.compile(r"(?<![\d.])(?<!\d年)(1[0-2]|[1-9])月(?:([1-3]?\d)日)?(?:至(1[0-2]|[1-9])月(?:[1-3]?\d日)?)?"
                           r"(?:底|初|中旬|上旬|下旬)?(?![份度])")


_NUMBER_TERM = re.compile(
    rf"{_NUM}({'|'.join(sorted(TIME_UNITS + COUNT_UNITS + LEVEL_UNITS + MEASURE_UNITS, key=len, reverse=True))})"
    r"(?:以内|以上|以下|内)?")


def number_unit(text: str) -> str | None:
    """The unit of a number term (三至九人 → 人, 15个工作日 → 个工作日), or None if it is not one."""
    m = _NUMBER_TERM.fullmatch(text)
    return m.group(1) if m else None


def unit_category(unit: str) -> str:
    if unit in TIME_UNITS:
        return DEADLINE
    if unit in LEVEL_UNITS:
        return LEVEL
    return COUNT


# a count a rule sets (救生圈不少于2个, 每户1份): worth remembering even in a bare measure word
_LIMIT_BEFORE = re.compile(r"(?:不少于|至少|不超过|不得超过|不多于|不低于|不高于|最多|最少|每人|每户|每村|每处|每次)$")


def is_bare_measure(text: str, before: str = "") -> bool:
    """一种、四个、三方面: a count of things rather than a fact worth remembering (``before``: the text before
    it; 不少于2个 is a limit a rule sets, not a bare count)."""
    unit = number_unit(text)
    return unit in MEASURE_UNITS and not _LIMIT_BEFORE.search(before)


def parse_glossary(path: Path) -> dict[str, str]:
    """``{term: category}`` from a glossary file; the category is inferred where the line has none."""
    out: dict[str, str] = {}
    if not path.is_file():
        return out
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split()
        if not fields or line.lstrip().startswith("#"):
            continue
        term = fields[0]
        given = fields[3] if len(fields) > 3 else ""
        out[term] = given if given in CATEGORIES else infer_category(term)
    return out


@lru_cache(maxsize=4)
def _bundled(path: Path) -> Mapping[str, str]:
    return parse_glossary(path)


def glossary_categories(path: Path | None = None) -> Mapping[str, str]:
    """The bundled glossary's ``{term: category}`` (read once)."""
    from ..resources import glossary_path

    return _bundled(path or glossary_path())


def category_of(term: str, known: Mapping[str, str] | None = None) -> str:
    known = glossary_categories() if known is None else known
    bare = term.strip("《》“”\"")
    return known.get(term) or known.get(bare) or infer_category(term)
