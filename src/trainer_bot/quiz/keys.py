"""Which fact of a sentence an item tests: the terms worth blanking, best first, and what each is worth.

A deadline over a body over a mechanism …; never a bare measure word, a place, a word the sentence repeats or gives
away, the document's own topic, a count the sentence lists anyway, one end of a range, part of a longer name.
"""

from __future__ import annotations

import re

from ..tokenizer import aliases, pos_words
from .categories import BODY, DATE, DEADLINE, DOCUMENT, LEVEL, MATTER, MEETING, MONTH, ROLE, category_of, is_bare_measure
from .figures import TIERS, cn_to_int, int_to_cn, split_number
from .pools import DEFINITION_LEAD, CorpusPools, gives_away, usable_term
from .statements import COLOUR
from .terms import FIGURES, Term, find_terms

# how much a fact is worth testing, by category; 0 = never the key
# a date a law was passed, a government level (乡镇人民政府 is also a 地方人民政府) are trivia or traps: not keys
WORTH = {DEADLINE: 5, "数量": 5, MONTH: 4, LEVEL: 4, BODY: 4, ROLE: 4, MEETING: 4, "机制/方法": 3, DOCUMENT: 3, "原则/理念": 3,
         "事件类型": 3, "指标": 3, "重要会议": 2, DATE: 0, MATTER: 1, "地名": 0, "国家机关": 0, "中央机构": 0}
_DEFINES = re.compile(rf"^{DEFINITION_LEAD}[“《]?([\u4e00-\u9fff]{{2,12}})[”》]?(?:是指|指的是|是)")

_COLOUR = re.compile(COLOUR)  # a tier's colour is no key: guessed by convention
_ANYONE = {"群众", "村民", "居民", "农户", "当事人", "住户", "大家", "个人", "本人", "他人", "群众们", "老百姓"}
_NAME_TAIL = set("办委局站栏牌墙榜卡册簿员")  # 村务公开(栏), 红黑(榜)

_PER_PERIOD = re.compile(r"每(?:年|月|个月|季度|半年|周|星期|天|日)[^，。；]{0,6}$")


def _one(term: Term, before: str = "") -> bool:
    """一次、一人: an adverbial 'once' rather than a count worth testing (a deadline of 1年 still is, and so is a
    frequency: 每年接受一次安全检验)."""
    parts = split_number(term.text) if term.kind == "number" else None
    # (a measure is no 'once': 每户按1立方米核减水费, 每袋1公斤 are amounts worth testing; round 61 material)
    return (parts is not None and parts[0] in ("一", "1") and category_of(term.text) != DEADLINE
            and not re.fullmatch(r"(?:平方|立方)?(?:米|厘米|毫米|公里|千米)|公斤|千克|克|吨|升|毫升|亩|公顷|元|万元|度|千瓦时|%",
                                 parts[1])
            and not (parts[1] == "次" and _PER_PERIOD.search(before)))


_PLACE_CHARS = set("省市县区乡镇村街")


def _attached(before: str) -> bool:
    """The text before a term ends with a word its name goes on from (县 of 县民政局, 农业综合 of 农业综合服务中心)."""
    if not before or not re.match(r"[\u4e00-\u9fff]", before[-1]):
        return False
    words = pos_words(before[-8:])
    if not words:
        return False
    word, flag = words[-1]
    return flag.startswith(("n", "vn", "j", "b")) and (len(word) >= 2 or word in _PLACE_CHARS) \
        or (len(word) == 1 and word in _PLACE_CHARS)


def _complements(key: str, sentence: str) -> bool:
    """Another percentage in the sentence makes up 100 with ``key``."""
    value = key.rstrip("%")
    others = [m.group(1) for m in re.finditer(r"(\d+(?:\.\d+)?)%", sentence)]
    return value.replace(".", "").isdigit() and any(abs(float(o) + float(value) - 100) < 1e-6 for o in others)


def _counted_elsewhere(number: tuple[str, str], rest: str) -> bool:
    """The rest of a stem states a count's number in another form: 双 for 2, or the same number of tiers (五星)."""
    value = cn_to_int(number[0])
    if value is None:
        return False
    if value == 2 and "双" in rest:
        return True
    if value >= 10 and re.search(rf"(?<![\d.]){value}(?![\d.])", rest):
        return True  # 全街道共86个网格，配备（86名）网格员: the same count in another unit
    if number[1] == "分" and re.search(r"满分100|百分制", rest) and any(
            int(m) + value == 100 for m in re.findall(r"(?<![\d.])(\d{1,2})分", rest)):
        return True  # 百分制…60分以上通过，扣（40分）: the rest of 100
    if number[1] in ("人", "名") and value >= 2:
        parts = [cn_to_int(m) for m in re.findall(r"([\d一二两三四五六七八九十]+)(?:名|人|位)", rest)]
        if len(parts) >= 2 and None not in parts and sum(p for p in parts if p) == value:
            return True  # 配一名管理员、一名备岗人员，共（两人）: the sum of what the stem lists
    if number[1] in ("天", "日") and value in (28, 29, 30, 31) and re.search(r"(?:1日|一日|月初)[^，。；]{0,6}(?:开始|起)[^。；]{0,8}(?:月底|月末)", rest):
        return True  # 从下月1日开始，到月底结束，为期（30天）: the calendar gives it
    return number[1] in TIERS and bool(re.search(rf"(?<![\d十百])(?:{value}|{int_to_cn(value)})[{''.join(TIERS)}]", rest))


def alias_in(name: str, text: str) -> bool:
    """Another name of ``name`` stands in ``text`` (村委会 for 村民委员会)."""
    return any(a in text for a in aliases().get(name.strip("《》“”"), ()))


def in_list(sentence: str, term: Term) -> bool:
    return sentence[term.start - 1: term.start] == "、" or sentence[term.end: term.end + 1] == "、"


class KeyTerms:
    """The terms of a sentence worth testing, for one corpus's glossary and defined terms."""

    def __init__(self, pools: CorpusPools):
        self.pools = pools

    def key_terms(self, sentence: str, title: str = "") -> list[Term]:
        """Terms worth blanking, best first. Not: a bare measure word, a place, a word the sentence repeats or
        gives away (枫桥区 … 枫桥经验), the document's own topic (枫桥经验 in 《枫桥经验》), a count the sentence
        lists anyway (村、镇两级), a title asked for in a sentence full of its dates, a date of an unnamed law."""
        terms = find_terms(sentence, self.pools.glossary)
        definition = self.pools.defined_term(sentence)
        if definition:  # the term a definition defines is a key as such (所谓“一线三员”，是指…), not as a quoted word
            terms = [t for t in terms if not (t.start < definition.end and definition.start < t.end and t.text.strip("“”")
                                              == definition.text and t.kind in ("quoted", "named"))]
            if not any(t.start < definition.end and definition.start < t.end for t in terms):
                terms.append(definition)
        named_law = any(t.kind == "document" and len(t.text) > 6 for t in terms)
        has_figures = any(t.kind in FIGURES for t in terms)

        def paired(t: Term) -> bool:
            for o in terms:
                if o is t or o.category != t.category:
                    continue
                gap = sentence[o.end: t.start] if o.end <= t.start else sentence[t.end: o.start]
                if gap in ("或者", "或", "和", "及", "与", "以及", "、"):
                    return True
            return False

        def fit(t: Term) -> bool:
            bare = t.text.strip("《》“”")
            if ((WORTH.get(t.category, 1) <= 0 and t.kind != "actor") or is_bare_measure(t.text, sentence[:t.start]) or _one(t, sentence[:t.start])
                    or len(bare) < 2 or bare in _ANYONE or _COLOUR.fullmatch(bare)
                    or not usable_term(t, self.pools.glossary)):
                return False  # 一种、一次、“出了什么事”; 不得向（群众）收费: 村民、居民 fit as well
            # a definition repeats what kind of thing it defines (外来入侵植物，是指……的植物): the head noun tells nothing
            telling = bare[:-2] if t.kind == "defined" and len(bare) >= 4 else bare
            if sentence.count(bare) != 1 or gives_away(telling, sentence[: t.start] + sentence[t.end:]):
                return False
            if t.category in (LEVEL, "数量") and "、" in re.split(r"[，。；：,;:]", sentence[:t.start])[-1]:
                return False  # 村、镇两级: a count of what the clause lists
            unit = split_number(t.text)
            if unit and re.search(rf"第[一二三四五六七八九十\d]+{unit[1]}", sentence):
                return False  # 组织两轮清除：第一轮…第二轮…: the stem counts them itself
            if t.kind in FIGURES and (re.search(r"\d[^\d，。；]{0,3}(?:至|到|~|-|—)$", sentence[: t.start])
                                      or re.match(r"(?:至|到|~|-|—)\d", sentence[t.end:])):
                return False  # 75分至（89分）: one end of a range, which the next tier's bound gives away
            if t.kind in FIGURES and re.search(r"(?:满分|总分|合计|共计)$", sentence[: t.start]):
                return False  # 满分（100分）: the total the listed parts add up to
            if unit and _counted_elsewhere(unit, sentence[: t.start] + sentence[t.end:]):
                return False  # 双联系人…（2名）, 一星至五星…分为（五级）: the stem says the number in other words
            if t.category == "数量" and re.search(r"分别(?:在|是|为|于)?[^，。；]*(?:和|、|及)|(?:和|、|与)[^，。；]{1,12}各",
                                                 sentence[t.end:]):
                return False  # 每年检查两次，分别在6月和12月; 一式三份，双方和居委会各执一份: the stem lists what it counts
            if t.text.endswith("%") and _complements(t.text, sentence):
                return False  # 先拨付60%，验收后拨付剩余（40%）: the rest of 100 is no knowledge
            if t.kind in FIGURES and re.search(r"(?:比如|例如|譬如|像|有的|有些|个别)[^，。；]{0,8}$", sentence[:t.start]):
                return False  # 比如调到5000元以内: an example, and 2500元 would fit the advice as well (round 64)
            if t.text.endswith("所") and re.match(r"[有在属需得以谓]", sentence[t.end:t.end + 1]):
                return False  # 屋檐所（有人）: 所有 is a word, not an office's name (round 64)
            if sentence[:t.start].endswith("一式"):
                return False  # 一式两份: a stock phrase, not a rule worth a question
            if t.text == "24小时" and re.match(r"(?:全天候|不间断|轮流)?(?:在岗|值班|值守|开放|服务|有人|接听|营业|监控|畅通|热线|抢修|"
                                             r"运行|开通|巡逻|应急|服务热线|报修)", sentence[t.end:]):
                return False  # 24小时在岗、24小时抢修电话: round the clock, and 48小时在岗 is absurd (rounds 60, 62)
            if title and bare in title and t.kind not in FIGURES:
                return False  # 耕地 in 《村级耕地保护巡查工作手册》: the set's topic answers it
            if t.kind in ("glossary", "named") and _attached(sentence[:t.start]):
                return False  # 镇农业综合（服务中心）、县（民政局）: the end of a longer name
            if t.start >= 2 and sentence[t.start - 1] in "“\"" and re.match(r"[\u4e00-\u9fff]", sentence[t.start - 2]):
                return False  # 村“两委”成员: a word inside a longer name (quoted or a glossary term alike)
            if t.kind not in FIGURES and t.start >= 1 and sentence[t.start - 1] in "”\"》":
                return False  # 村“两委”（联席会议）: the name goes on from the quote, and nothing else fits after it
            if t.kind == "document" and has_figures:
                return False
            if re.match(r"(?:改为|调整为|延长为|缩短为|改成)", sentence[t.end:]) and sentence[:t.start].endswith("由"):
                return False  # 由三年改为五年: the old value is history, not the rule
            if paired(t) or in_list(sentence, t):
                return False  # 村民会议或者（ ）, 道德评议会、（ ）、新时代文明实践站: its siblings give it away or fit too
            if (t.kind != "number" and sentence[t.end: t.end + 1] in _NAME_TAIL) \
                    or alias_in(bare, sentence):
                return False  # 河长(办): part of a longer name; 调委会 with 人民调解委员会 in the stem
            return t.category != DATE or named_law

        keep = [t for t in terms if fit(t)]
        return sorted(keep, key=lambda t: self.worth(t, sentence, title), reverse=True)

    def worth(self, term: Term, sentence: str, title: str = "") -> float:
        """The value of testing ``term``: a deadline over a body over a mechanism …; the document's own topic
        (枫桥经验 in 《枫桥经验》) and a date are worth little, the term a definition defines much."""
        bare = term.text.strip("《》“”")
        value = max(WORTH.get(term.category, 1), 4 if term.kind == "actor" else 0) + min(len(bare), 8) / 10
        defined = _DEFINES.match(sentence)
        if term.kind == "defined" or (defined and term.start <= 1 and bare == defined.group(1)):
            value += 2
        if title and bare in title:
            value -= 3
        return value
