"""How well an answer unit fits the kind of question asked: the rule for a yes/no, the reason for a why, the unit
that enumerates the list asked for or announces its size, the procedure's opening for a how-to, the measure for a
number, a unit naming both sides for a comparison. A bonus added to the unit's score by meaning and by words."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import Passage
from ..question import WHEN_UNIT, QuestionInfo, asked_size, asked_units, counted_list
from ..tokenizer import Tokenizer
from .lists import (ASKS_PROCEDURE, COUNTED_LEAD_IN, ENUMERATION, HOW_HEADING, ITEM, LEAD_IN, PAPERS_SECTION, RULE_LIST,
                    colon_list)
from .roles import strip_bullet

NUMERAL = "0-9０-９一二三四五六七八九十两百千万半"
NUMBER = re.compile(f"[{NUMERAL}]+")
# (and what excludes or takes away: 有下列情形之一的，不予发放；…取消资格、停发、摘牌)
FORBIDS = re.compile(r"不得|禁止|严禁|不准|不许|不能|不予|取消|停发|摘牌|不再享受|不享受|不列入|不纳入")
_STEP = re.compile(r"先|再|然后|之后|最后|首先|其次|第[一二三四五六七八九十]+|步|环节|程序|流程|经过|→")
_RULE = re.compile(r"不得|应当|必须|可以|禁止|不能|不收取|不是|无需|不必|不需要|严禁|有权|不属于|属于|不应|应该")
# 哪几条不能干的事 / 有哪些禁止行为: a list of what is forbidden, which the material words as 不得/禁止/严禁
_ASKS_FORBIDDEN = re.compile(r"不能|不准|不许|不让|不可以|不允许|禁止|严禁|不得|不给|取消|停发|摘牌|摘掉")
_REASON = re.compile(r"因为|为了|目的|意义|作用|才能|有利于|有助于|避免|防止|否则|关键在于|所以|因此|由于|是为|强调|宁可")
# a sentence that tells the background, not the rule: what has happened (这两年…, 去年全镇发生…), or why a paper was
# issued (现将有关事项通知如下): it shares the asker's words, for it retells the problem
BACKGROUND = re.compile(r"^(?:这两年|这些年|近年来|近几年|近两年|近些年|近期|最近|今年以来|前些年|前段时间|过去|以往|以前|"
                        r"逢年过节|每年[^，。]{0,6}季，|今年我(?:县|镇|区|市)[^，。；]{0,30}陆续)|"
                        r"^为(?:了)?[^，。；]{2,40}[，,](?:根据|按照|依据|经)[^。；]{2,60}[，,][^。；]{0,20}(?:决定|制定|研究)|"
                        # (and an anecdote: 还有位奶奶，回家看到孙子…; 他说，…; 今天把各乡镇卫生院院长…请过来)
                        r"^(?:还有|有)(?:一?位|一?个|一户|一家)[\u4e00-\u9fff]{0,4}?(?:奶奶|大爷|大妈|大娘|老人|老汉|村民|群众|"
                        r"家长|阿姨|小伙|姑娘|妇女|老太太|户主|老板)|^(?:他|她)(?:说|讲|告诉)|^今天(?:把|请|召集)[^。]{0,40}(?:请过来|请来|召集)|"
                        r"总有(?:个别|一些)|现将[^，。]{0,12}(?:通知|公告|公布|说明|明确)如下|为破解|"
                        r"(?:去年|今年|上半年)[^，。；]{0,12}(?:发生|受理|接到|查处)[^，。；]{0,10}[0-9一二三四五六七八九十]+(?:起|件|次)")
# a sentence that reports the question being asked (不少村干部打电话询问…怎么申报, 经常有人问…): never its answer
ASKED_ABOUT = re.compile(r"(?:不少|很多|一些|有的|个别|经常有)[^，。；]{0,12}(?:来问|询问|打电话问|问起|问到|咨询)|经常(?:听到|有人问)")
_FIRST_STEP = re.compile(r"^(?:第一[，、,]|一是|首先|第一步|[（(]一[)）]|①)")
# whom to tell (该跟谁说？向谁报告？找哪个部门？): the unit that says to report to someone answers it
# (and where to apply, who approves: 上哪儿办？找哪个部门批？归谁管？)
_ASKS_WHOM = re.compile(r"(?:跟|和|向|给|告诉|找|报给|报)谁|谁来管|(?:找|报|向|跟)哪(?:个|家|里|儿)|"
                        r"(?:上|去|到|在)哪(?:儿|里)?(?:办|申请|报名|交|报)|哪个(?:部门|单位)|谁(?:来)?(?:批|审批|审核|负责)|归谁管")
_OFFICE = r"(?:所|站|办|局|中心|大队|委员会|政府|窗口|服务厅|服务站)"
_REPORTS = re.compile(r"报告|上报|报送|告知|反映|报(?:请|给)?[^，。；]{0,10}(?:所|站|办|局|中心|委员会|主任|员|书记|部门|乡镇|街道)|"
                      rf"(?:向|到|找)[^，。；]{{1,16}}{_OFFICE}[^，。；]{{0,6}}(?:申请|提交|申报|办理|报批|审批|备案|登记|报名)|"
                      rf"由[^，。；]{{1,16}}{_OFFICE}[^，。；]{{0,4}}(?:审批|批准|审核|核发|受理|负责)")
_PLACE = re.compile(r"[\u4e00-\u9fff]{2,3}(?:省|市|县)(?![委民级政长场辖域])")
# papers to bring: named in a unit (携带以下材料：, 需提交身份证、户口簿…) or in the heading of its section (三、需要准备的材料)
_PAPERS = re.compile(r"材料|证件|资料|携带|带上|带好|提交|提供|出示")
_PAPER = re.compile(r"(?:证|证明|表|书|簿|卡|合同|协议|照片|复印件|原件|发票|单据|清单)(?=[、，,；;（(）)]|$|。)")
_ASKS_DOCUMENT = re.compile(r"(?:什么|哪部|哪个|哪些|哪一部|哪项)(?:法规|法律|文件|条例|规定|政策|法)|依据是什么|根据什么")
# 哪八条 / 分哪三类 / 哪四个环节: the size of the list asked for, and how a unit announces one of that size
_COUNT_WORDS = "个|项|条|类|种|步|方面|级|环节|部分|阶段|大|方|议|化"
_COUNT_ASKED = re.compile(f"哪([一二三四五六七八九十两]{{1,3}})(?:{_COUNT_WORDS})")
# a unit that says what a thing is (所谓X，就是指…): not the list a question asks for, unless it enumerates one
_DEFINES = re.compile(r"所谓|是指|就是指|指的是|是一种|的一种")
# the name of a practice or system: 清单制, 积分制, 四议两公开工作法, 枫桥经验, 网格化管理
_TERM_OF_ART = r"[\u4e00-\u9fff“”]{1,10}(?:制|工作法|机制|经验|模式|清单|管理)"
# numeral groups that carry a measure: 三至九人, 15日, 一千户至三千户
_MEASURE = f"[{NUMERAL}]+ ?(?:[至到\\-～~] ?[{NUMERAL}]+)? ?(?:个)?"


# what a figure measures, as the asker and the material write it (72岁 / 70周岁, 十二三万 / 5万元, 60块 / 30元)
_CLASSES = {"岁": "age", "周岁": "age", "元": "money", "块": "money", "万": "money", "万元": "money", "年": "time",
            "个月": "time", "月": "time", "天": "time", "日": "time", "亩": "area", "平方米": "area", "平米": "area",
            "人": "people", "户": "people", "名": "people", "公斤": "weight", "斤": "weight", "吨": "weight"}
_CLASS_UNITS = "周岁|万元|平方米|个月|岁|元|块|万|年|月|天|日|亩|平米|人|户|名|公斤|斤|吨"
_STATED = re.compile(rf"(?<![第几多])[{NUMERAL}]{{1,6}}(?:[{NUMERAL}])?({_CLASS_UNITS})(?![之内])")
_AGE_ONLY = re.compile(r"(?:今年|已经|都|快)[0-9一二三四五六七八九十]{2,3}(?:了|多)")  # 大爷今年72了
# a rule's bound on such a figure: who or what it is for (70周岁以下, 超过5万元的, 不满半年)
_BOUND = re.compile(r"以上|以下|不满|未满|超过|不足|不超过|不低于|低于|高于|至|之间|以内|满")


def stated_classes(question: str) -> frozenset[str]:
    """What the figures the asker states of their own case measure (俺爹72了 → age; 外墙维修要十二三万 → money), not
    those the question asks for (几天、多少钱)."""
    found = {_CLASSES[m.group(1)] for m in _STATED.finditer(question)}
    if _AGE_ONLY.search(question):
        found.add("age")
    return frozenset(found)


def bounds_stated(unit: str, classes: frozenset[str]) -> bool:
    """The unit sets a bound on a figure of one of those classes (年龄在18周岁至70周岁之间, 5万元以上的): the rule the
    asker's case falls under or outside."""
    return any(_CLASSES[m.group(1)] in classes and _BOUND.search(unit[max(0, m.start() - 4):m.end() + 4])
               for m in _STATED.finditer(unit))


@dataclass(frozen=True)
class _Asked:
    lists: re.Pattern[str] | None = None  # a unit enumerating the noun asked for (…等委员会)
    count: re.Pattern[str] | None = None  # a unit announcing the count asked for (八个方面)
    numeral: str = ""  # that count (八)
    more_measures: tuple[re.Pattern[str], ...] = ()  # 几章几条: the measures after the first
    size: re.Pattern[str] | None = None  # a unit announcing a list of the measure asked for, of any size (三类)
    forbidden: bool = False  # a list of what is forbidden asked for (哪几条不能干的事)
    situation: frozenset[str] = frozenset()  # what the figures of the asker's own case measure (72了 → age)


class KindFit:
    def __init__(self, tokenizer: Tokenizer):
        self.tokenizer = tokenizer

    def asked(self, info: QuestionInfo) -> _Asked:
        """What the question asks for beyond its kind, worked out once per question (not once per unit)."""
        head = ""
        m = re.search(r"(?:哪些|哪几(?:个|类|种|项|条)?)([^？?，,。；;]{1,12})", info.text) if info.kind == "list" else None
        if m:  # 哪些专门的委员会 → 委员会, 需要满足哪些条件 → 条件
            words = self.tokenizer(m.group(1))
            head = words[-1] if words and len(words[-1]) >= 2 else ""
        noun = re.escape(head)
        lists = re.compile(rf"[、，][^，。；]{{1,16}}等[^，。；]{{0,4}}{noun}|{noun}(?:包括|主要有|分为|有)[：:]") if head else None
        count = _COUNT_ASKED.search(info.text)
        # 分哪几类 / 分哪几个组: a list asked for without its size (a unit announcing 三类 or 四个组 answers)
        size = asked_size(info.text) if info.kind == "list" and not count else ""
        return _Asked(lists, re.compile(f"{count.group(1)}(?:个)?({_COUNT_WORDS})") if count else None,
                      count.group(1) if count else "",
                      tuple(re.compile(f"{_MEASURE}{re.escape(u)}") for u in asked_units(info.text)[1:]),
                      counted_list(size) if size else None,
                      info.kind == "list" and bool(_ASKS_FORBIDDEN.search(info.text)),
                      stated_classes(info.text) if info.kind != "number" else frozenset())

    def bonus(self, info: QuestionInfo, unit: str, passage: Passage, asked: _Asked = _Asked()) -> float:
        bonus = 0.0
        if _ASKS_DOCUMENT.search(info.text) and "《" in unit:  # 用什么法规固定下来的？ → 《……条例》
            bonus += 0.25
        terms = info.key_terms
        if terms and any(t in unit for t in terms):
            bonus += 0.1
        if info.kind not in ("why", "definition") and BACKGROUND.search(strip_bullet(unit)):
            bonus -= 0.15  # (a why may be answered by what a paper was issued for)
        if _ASKS_WHOM.search(info.text) and _REPORTS.search(unit):
            bonus += 0.3
        if asked.situation and bounds_stated(unit, asked.situation):
            bonus += 0.12  # 志愿者大爷今年72了，能报上不 ← 年龄在16周岁至70周岁之间: the rule the case falls under
        if info.kind == "definition" and info.subject:
            if re.search(rf"{re.escape(info.subject)}[”\"」』]?(?:[^，。；]{{0,8}}|，)(是|指|即|就是|是指|称为|叫做)", unit) or \
                    re.search(rf"(所谓|所称|称为|叫做|简称)[“\"「]?{re.escape(info.subject)}", unit):
                bonus += 0.45
        elif info.kind in ("list", "howto"):
            # (what is forbidden asked for: an enumeration of anything else is not that list)
            if (len(ENUMERATION.findall(unit)) >= 2 or (info.kind == "list" and colon_list(unit))) and not (
                    asked.forbidden and not FORBIDS.search(unit)):
                bonus += 0.2 if info.kind == "list" else 0.08
            if info.materials:
                section = passage.chunk.heading
                papers = len(_PAPER.findall(unit))
                if PAPERS_SECTION.search(section) and not _STEP.search(section):
                    bonus += 0.3  # 得带些啥？ ← the items under 三、需要准备的材料
                elif _PAPERS.search(unit) and (papers >= 2 or LEAD_IN.search(unit)):
                    bonus += 0.25  # 申请时提交以下材料： / 携带身份证、户口簿和…
                elif papers >= 2:
                    bonus += 0.1
            if asked.lists and asked.lists.search(unit):
                bonus += 0.3  # 哪些委员会 ← 设人民调解、治安保卫、公共卫生等委员会: it lists the very thing asked
            if asked.count and any(f"{asked.numeral}{m.group(1)}" not in info.text  # not the question's own 八项规定
                                   for m in asked.count.finditer(unit)):
                bonus += 0.25  # 哪八条 ← 八个方面依次是…
            section = passage.chunk.heading
            if asked.size and (any(m.group() not in info.text for m in asked.size.finditer(unit))
                               or (asked.size.search(section) and (ITEM.search(unit) or LEAD_IN.search(unit)))):
                bonus += 0.25  # 分哪几类 ← 说白了就三类：…; 按哪几步走 ← the items under 四、村社推进五步法
            if info.kind == "list" and _DEFINES.search(unit) and len(ENUMERATION.findall(unit)) < 2 and not (
                    LEAD_IN.search(unit) or unit.rstrip().endswith(("：", ":"))):
                bonus -= 0.25  # what the thing is, not what it has (unless it announces the list: …负责的三件事：)
            # 按以下步骤处置：(the steps follow, each a unit of its own); for a how-to, not a list of rules, duties or
            # conditions (应当遵守下列规定：, 不得有下列行为：, 应当具备下列条件：): they say what is allowed, not what to do
            if LEAD_IN.search(unit) and not (info.kind == "howto" and RULE_LIST.search(unit)):
                bonus += 0.25 if info.kind == "howto" else 0.2
            elif info.kind == "list" and COUNTED_LEAD_IN.search(unit) and len(unit) <= 30:
                bonus += 0.3  # 哪几个方面 ← 每个场所至少要看这五样：(only an announcement; the items follow)
            if _FIRST_STEP.search(strip_bullet(unit)):  # 第一，…  一是…  首先…: the opening of a procedure
                bonus += 0.3 if info.kind == "howto" else 0.2
            if info.kind == "howto" and _STEP.search(unit):
                bonus += 0.1
            if HOW_HEADING.search(" ".join(passage.chunk.heading_path[1:] or passage.chunk.heading_path)):
                bonus += 0.1
                # 要经过哪些程序？ ← the numbered steps under 三、申请与审批流程
                if ASKS_PROCEDURE.search(info.text) and (ITEM.search(unit) or LEAD_IN.search(unit)):
                    bonus += 0.25
        elif info.kind == "number":
            if info.measure is not None and info.measure.search(unit):
                # (a date asked, 啥时候: less, for a day is stated in many a sentence beside the one asked about)
                bonus += 0.2 if info.unit == WHEN_UNIT else 0.35
                # 几章几条: a unit stating every measure asked for answers the whole question
                bonus += 0.15 * sum(1 for measure in asked.more_measures if measure.search(unit))
            elif NUMBER.search(unit):
                bonus += 0.08
        elif info.kind == "yesno":
            if _RULE.search(unit):
                bonus += 0.15
        elif info.kind == "why":
            if _REASON.search(unit):
                bonus += 0.15
        elif info.kind == "naming":  # the unit that names a practice: under a heading that names it, or defining it
            heading = passage.chunk.heading
            named = re.search(_TERM_OF_ART, heading)
            if named and named.group() in unit:
                bonus += 0.35
            elif re.search(f"{_TERM_OF_ART}[”\"」]?(?:是指|是|即|常见的有|指的是|称为|叫做)", unit):
                bonus += 0.2
        elif info.kind == "where":
            if _PLACE.search(unit):
                bonus += 0.3
        elif info.kind == "comparison" and len(info.sides) >= 2:
            if all(self.names(s, unit) for s in info.sides):
                bonus += 0.25
        return bonus

    def names(self, side: str, text: str) -> bool:
        """The text speaks of the side: in so many words, or every word of it (发布暴雨黄色预警 ← 发布暴雨黄色及以上预警),
        short asides left out (村委会 ← 村（居）委会)."""
        text = re.sub(r"[（(][^（）()]{1,3}[）)]", "", text)
        if side in text:
            return True
        words = list(dict.fromkeys(self.tokenizer(side)))
        parts = [w for w in words if not any(o != w and o in w for o in words)]  # 乡镇政府 → 乡镇, 政府
        return len(parts) >= 2 and all(w in text for w in parts)
