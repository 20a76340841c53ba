"""The offline quiz generator: deterministic items built by rules from the statements of the material.

- 单选 / 填空: a cloze on the fact worth remembering in a sentence (a number with its unit, a
  deadline, the body or role responsible, a named mechanism, the term a definition defines);
  distractors share its category and are close in form, numbers keep their unit and dates their order;
- 判断: the statement as it stands (true), or with one fact changed to a same-category value (a
  deadline, a count, the body or role responsible); the 解析 gives the correct statement whole. The
  rule is not flipped (不得 → 可以): that reads false on its face;
- 多选: from clean enumerations only (each option a complete item);
- 简答: a question built from the section heading; the reference answer is numbered key points.
Nothing is drawn from an invented 案例 or a 误区 (see :mod:`.pools`).
"""

from __future__ import annotations

import hashlib
import logging
import random
import re
from collections.abc import Callable, Iterator

from ..models import Chunk
from ..tokenizer import aliases, pos_words
from .categories import (BODY, DATE, DEADLINE, DOCUMENT, LEVEL, MATTER, MEETING, MONTH, ROLE, category_of,
                         is_bare_measure)
from .model import ChoiceQuestion, FillBlankQuestion, Question, QuoteSource, TrueFalseQuestion
from .pools import (DEFINITION_LEAD, CorpusPools, content_bigrams, enumeration, field_of, gives_away, is_example,
                    self_contained, usable_term, verb_led, where_in)
from .statements import COLOUR, Statement, asked_matter, has_subject, statements_in_context, tier_frame
from .short import subject_of, topic_frame
from .figures import TIERS, cn_to_int, dates_consistent, int_to_cn, is_figure, magnitude, possible, split_number
from .terms import FIGURES, Term, find_terms, pick_distractors, plausibility, same_thing

log = logging.getLogger(__name__)

BLANK = "（    ）"
FILL = "______"
# how much a fact is worth testing, by category; 0 = never the key
# a date a law was passed, a government level (乡镇人民政府 is also a 地方人民政府) are trivia or traps: not keys
_WORTH = {DEADLINE: 5, "数量": 5, MONTH: 4, LEVEL: 4, BODY: 4, ROLE: 4, MEETING: 4, "机制/方法": 3, DOCUMENT: 3, "原则/理念": 3,
          "事件类型": 3, "指标": 3, "重要会议": 2, DATE: 0, MATTER: 1, "地名": 0, "国家机关": 0, "中央机构": 0}
_SWAPPABLE = (DEADLINE, "数量", MONTH, LEVEL, BODY, ROLE, MEETING)  # what a false statement may change
_DEFINES = re.compile(rf"^{DEFINITION_LEAD}[“《]?([\u4e00-\u9fff]{{2,12}})[”》]?(?:是指|指的是|是)")


# kinds whose members belong to one field (a role, a named period, a law): from elsewhere, only of a kind the
# document speaks of. Bodies and meetings of the same setting are alternatives anywhere (村务监督委员会 ↔ 人民调解委员会)
_OWN_FIELD = (ROLE, DEADLINE, DOCUMENT)
_OWNERLESS = re.compile(r"(?:成员|委员)(?![会大代])")  # 成员任期与村民委员会任期相同: members of what?
_COLOUR = re.compile(COLOUR)  # a tier's colour is no key: guessed by convention
_ANYONE = {"群众", "村民", "居民", "农户", "当事人", "住户", "大家", "个人", "本人", "他人", "群众们", "老百姓"}
_NAME_TAIL = set("办委局站栏牌墙榜卡册簿员")  # 村务公开(栏), 红黑(榜)
_BROAD = ("机制/方法", "原则/理念", MATTER)


def _rng(*parts: str) -> random.Random:
    return random.Random(int(hashlib.sha1("\x00".join(parts).encode()).hexdigest()[:12], 16))


def _closed(sentence: str) -> str:
    """A statement as a whole sentence in a 解析 (a list item's ； was dropped from the stem)."""
    return sentence if re.search(r"[。！？!?]$", sentence) else sentence + "。"


_PER_PERIOD = re.compile(r"每(?:年|月|个月|季度|半年|周|星期|天|日)[^，。；]{0,6}$")


def _one(term: Term, before: str = "") -> bool:
    """一次、一人: an adverbial 'once' rather than a count worth testing (a deadline of 1年 still is, and so is a
    frequency: 每年接受一次安全检验)."""
    parts = split_number(term.text) if term.kind == "number" else None
    return (parts is not None and parts[0] in ("一", "1") and category_of(term.text) != DEADLINE
            and not (parts[1] == "次" and _PER_PERIOD.search(before)))


def _guarded(make: Callable[[Chunk, str], Iterator[tuple[Question, float]]], chunk: Chunk,
             sentence: str) -> Iterator[tuple[Question, float]]:
    """The items of one sentence; a sentence the rules trip on costs its items, not the trainer's whole set (the
    traceback goes to the log, to be fixed)."""
    try:
        yield from list(make(chunk, sentence))
    except Exception:  # noqa: BLE001 — one odd sentence of a trainer's upload
        log.exception("quiz rules failed on a sentence of %s: %s", chunk.source, sentence[:60])


def _setting(text: str) -> str:
    """Where a text is set: 村 (a village), 城 (a city's community), or "" (both or neither)."""
    rural = bool(re.search(r"村|乡|农", text))
    urban = bool(re.search(r"居民|居委|社区|街道|业主|物业|小区|城市", text))
    return "" if rural == urban else ("村" if rural else "城")


def _complements(key: str, sentence: str) -> bool:
    """Another percentage in the sentence makes up 100 with ``key``."""
    value = key.rstrip("%")
    others = [m.group(1) for m in re.finditer(r"(\d+(?:\.\d+)?)%", sentence)]
    return value.replace(".", "").isdigit() and any(abs(float(o) + float(value) - 100) < 1e-6 for o in others)


_NATIONAL = ("中央", "国家", "国务院", "全国", "中共中央", "党中央")
_NEGATION = re.compile(r"不得|不能|不作为|不是|不属于|不再|禁止|严禁|不准|不予|不可|无权|不负责|非")
_RULE = re.compile(r"应当|不得|严禁|禁止|必须|一律|不准|方可")
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


def _comparable(figure: str, key: str) -> bool:
    """Within a factor of five of the key: another rule's 100至120次 (a pace of chest compressions) is no plausible
    count of weekly checks (每周检查2次), nor 9.6元 a premium of 40元."""
    a, b = magnitude(figure), magnitude(key)
    return a is not None and b is not None and b > 0 and 0.2 <= a / b <= 5


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


def _alias_in(name: str, text: str) -> bool:
    """Another name of ``name`` stands in ``text`` (村委会 for 村民委员会)."""
    return any(a in text for a in aliases().get(name.strip("《》“”"), ()))


def _key(item: Question) -> str:
    """What a choice or blank item asks for ("" for a 判断)."""
    if isinstance(item, ChoiceQuestion):
        return "、".join(item.options[i] for i in item.answer)
    return item.answer[0] if isinstance(item, FillBlankQuestion) and item.answer else ""


def _opens_with_subject(sentence: str) -> bool:
    """Who or what the statement is about comes first, after any 根据《…》， (每个社区、“停车议事会”、网格员 — not 从发现到
    认定、每年3月31日前)."""
    rest = re.sub(r"^(?:根据|按照|依据|依照)[^，。]{2,30}，", "", sentence).lstrip("“\"「")
    return rest.startswith(("每个", "每名", "每户", "各")) or has_subject(rest)


def _in_list(sentence: str, term: Term) -> bool:
    return sentence[term.start - 1: term.start] == "、" or sentence[term.end: term.end + 1] == "、"


class RuleGenerator:
    name = "offline"

    def __init__(self, pools: CorpusPools):
        self.pools = pools
        self.scores: dict[str, float] = {}

    def candidates(self, chunk: Chunk, qtype: str) -> Iterator[Question]:
        # nothing from an invented 案例, nor from a 常见误区 section: its correction restates what the main text
        # rules, so an item from it tests a fact twice, and its misconception is never a statement
        if is_example(chunk) or chunk.role == "misconception":
            return
        if qtype == "short_answer":
            item = self._short(chunk)
            if item:
                yield item
            return
        make = {"single_choice": self._single, "multiple_choice": self._multiple, "true_false": self._judge,
                "fill_blank": self._fill}[qtype]
        topic = subject_of(chunk.title)
        for statement, sentence in self._pieces(chunk, qtype):
            lead = statement.lead
            if (8 if lead else 12) <= len(sentence) <= 120 and self_contained(f"{lead}{sentence}") \
                    and not _OWNERLESS.match(sentence):
                frame = ""
                # (and a statement that opens with no subject of its own: 从发现到认定，原则上15天内完成)
                # in a Q&A, what the question asked (关于继承登记，材料齐全的，…办结) says more than the topic
                # (not one the sentence names itself, nor one the topic says as well: 整治工作 in 空心房整治)
                matter = asked_matter(statement.asked)
                asked = statement.asked if statement.asked and not lead and matter not in sentence and \
                    re.sub(r"工作|问题|情况|事项|有关|相关", "", matter) not in topic else ""
                # (a tier's frame, 关于红色（重大隐患），, says where the rule applies: one frame, not two layers)
                unframed = (statement.relabelled or not content_bigrams(topic) & content_bigrams(lead + sentence)
                            or not (lead or _opens_with_subject(sentence)))
                if ((topic or asked) and unframed and not tier_frame(lead)
                        and not self.pools.defined_term(sentence)):  # a definition frames itself
                    # 拟聘人员名单在村内公示不少于（ ）: which hiring? The document's topic says; a section label
                    # (村内公示：) then reads as clutter and gives way to it
                    frame, lead = asked or topic_frame(topic), "" if statement.heading else lead
                for item, score in _guarded(make, chunk, sentence):
                    key = _key(item)
                    # a topic that names the key (网格化管理中，（网格员）…) would give it away: that item goes unframed
                    framed = frame if not (frame and key and (gives_away(key, frame) or any(
                        _alias_in(k, frame) for k in key.split("、")))) else ""
                    stem = framed + lead + item.stem  # 选址禁止安排在以下区域：（    ） — the item alone would not say what it lists
                    if not re.search(r"[。！？?!]$", stem):
                        stem += "。"  # a list item that closed with ； or nothing still reads as a whole sentence
                    if stem != item.stem:
                        item = type(item).model_validate({**item.model_dump(), "stem": stem, "id": ""})
                    self.scores[item.id] = score
                    yield item

    @staticmethod
    def _pieces(chunk: Chunk, qtype: str) -> Iterator[tuple[Statement, str]]:
        """The sentences items are made from. A 判断 takes one rule of a sentence that strings three or more together
        with ；（狗要拴养；绳长不超过1.5米；不得饲养烈性犬）: judged as one, a learner need not know them all."""
        for statement in statements_in_context(chunk):
            parts = [p for p in statement.text.rstrip("。").split("；") if len(p) >= 8]
            # (not the items of one list: 重点看以下几项：楼道…；有没有飞线充电…)
            # (nor the steps of an inline procedure, （二）召开…；（三）…审核: a step alone says not of what)
            if qtype == "true_false" and statement.text.count("；") >= 2 and "：" not in statement.text and parts \
                    and not re.search(r"[（(][二三四五六七八九十][)）]", statement.text):
                yield from ((statement, part) for part in parts)
            else:
                yield statement, statement.text

    def score(self, item: Question) -> float:
        """How much an item is worth to a trainer (the fact it tests), for serving the best items first."""
        return self.scores.get(item.id, 0.0)

    # --- the fact a sentence tests -------------------------------------------------------------------------

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
            if ((_WORTH.get(t.category, 1) <= 0 and t.kind != "actor") or is_bare_measure(t.text, sentence[:t.start]) or _one(t, sentence[:t.start])
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
            if sentence[:t.start].endswith("一式"):
                return False  # 一式两份: a stock phrase, not a rule worth a question
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
            if paired(t) or _in_list(sentence, t):
                return False  # 村民会议或者（ ）, 道德评议会、（ ）、新时代文明实践站: its siblings give it away or fit too
            if (t.kind != "number" and sentence[t.end: t.end + 1] in _NAME_TAIL) \
                    or _alias_in(bare, sentence):
                return False  # 河长(办): part of a longer name; 调委会 with 人民调解委员会 in the stem
            return t.category != DATE or named_law

        keep = [t for t in terms if fit(t)]
        return sorted(keep, key=lambda t: self.worth(t, sentence, title), reverse=True)

    def worth(self, term: Term, sentence: str, title: str = "") -> float:
        """The value of testing ``term``: a deadline over a body over a mechanism …; the document's own topic
        (枫桥经验 in 《枫桥经验》) and a date are worth little, the term a definition defines much."""
        bare = term.text.strip("《》“”")
        value = max(_WORTH.get(term.category, 1), 4 if term.kind == "actor" else 0) + min(len(bare), 8) / 10
        defined = _DEFINES.match(sentence)
        if term.kind == "defined" or (defined and term.start <= 1 and bare == defined.group(1)):
            value += 2
        if title and bare in title:
            value -= 3
        return value

    def _distractors(self, chunk: Chunk, term: Term, sentence: str, rng: random.Random, n: int) -> list[str]:
        if term.kind in FIGURES:
            ladder = pick_distractors(term, (), sentence, rng, n)
            if term.kind != "number" or not ladder:
                return ladder
            # the value another rule of the document sets in the same unit (良好档 200元 for 优秀档 300元): wrong here, and
            # the 解析 can say whose it is; at most one, the rest from the key's own scale
            unit = split_number(term.text)
            digits = bool(re.match(r"\d", term.text))

            ranged = bool(re.search(r"至|—|-|~", term.text))

            def kin(f: str) -> bool:  # same unit, kind and shape (3次 with 2次, not with 两次; a range with ranges)
                parts = split_number(f)
                return (parts is not None and unit is not None and parts[1] == unit[1]
                        and bool(re.match(r"\d", f)) == digits and category_of(f) == category_of(term.text)
                        and bool(re.search(r"至|—|-|~", f)) == ranged and cn_to_int(parts[0]) != cn_to_int(unit[0])
                        and _comparable(f, term.text))

            sibling = sorted(f for f in self.pools.figure_said.get(chunk.source, {}) if f != term.text
                             and f not in sentence and kin(f) and possible(f, sentence[: term.start]))
            if sibling:
                pick = rng.choice(sibling)
                return [pick, *[c for c in ladder if c != pick]][:n]
            return ladder
        near, rest = self.pools.category_pool(field_of(chunk), term.category)
        if term.kind == "defined":  # the document's other defined terms first: 信息采集 → 隐患排查、矛盾发现
            near = near | self.pools.siblings(chunk.source, term.text)
        fellows = self.pools.fellow_actors(chunk.source, term.category, term.text)
        near = near | fellows  # who else the document gives tasks to: 由（农户）清除 → 村集体、管理单位
        avoid = [c for c in near | rest if same_thing(c, term.text)]
        # closest in form first (后陈经验 for 枫桥经验), the same topic's terms a little ahead of the rest
        stem = sentence[: term.start] + sentence[term.end:]
        broad = term.category in _BROAD and term.kind != "defined"

        setting = _setting(chunk.title + sentence)

        def allowed(c: str) -> bool:
            # in a broad kind (机制/方法 holds 清单制 and 枫桥经验 alike) an alternative must look like the key
            if self.pools.also_true(c, stem) or (broad and plausibility(term.text, c) <= 0.1):
                return False
            if _alias_in(c, stem):
                return False  # 村委会 for 「村民委员会…报（ ）备案」: the stem's own subject
            if c.startswith(_NATIONAL) and not term.text.startswith(_NATIONAL):
                return False  # 国家信访局、中央社会工作部 where a village reports a field fire
            if self.pools.either(c, term.text, chunk.source):
                return False  # 村民会议 for 村民代表会议 where the material says 村民会议或者村民代表会议: right as well
            if term.category in _OWN_FIELD and c not in near and not self.pools.of_this_kind(c, chunk.source):
                return False  # 护林员、巡河员 for a property dispute: another field's role, absurd here
            return _setting(c) in ("", setting) or not setting  # 居委会 is no option in a village's rule, nor 村 in a city's

        # the same topic a little ahead; an alternative the material says something about ahead too, so that
        # the 解析 can say what it is instead of a stock line
        pool = (near | rest) - set(avoid)
        bonus = {c: 0.25 * (c in near) + 0.3 * (c.strip("《》“”") in self.pools.glosses) + 0.5 * (c in fellows)
                 for c in pool}
        return pick_distractors(term, pool, sentence, rng, n, bonus=bonus, allowed=allowed)

    def _why_wrong(self, wrong: list[str], key: str, listed: bool = False, source: str = "", quote: str = "") -> str:
        """For choice items, option by option: what the material says each wrong option is (a definition, else
        the shortest statement about it); for a number, the rule the document sets that value by, else that the rule
        sets another value."""
        notes = []
        for option in wrong:
            said = self.pools.said_about(option.strip("《》“”"), source)
            elsewhere = self.pools.figure_said.get(source, {}).get(option) if is_figure(option) else None
            if said:
                notes.append(f"“{option}”：{said}")
            elif listed:
                notes.append(f"“{option}”不在材料所列之中。")
            elif elsewhere and elsewhere != quote:
                notes.append(f"“{option}”是材料中另一项规定的数值（{_closed(elsewhere).rstrip('。')}），不是本题所问。")
            elif is_figure(option):
                notes.append(f"“{option}”与规定的“{key}”不符。")
            else:
                notes.append(f"“{option}”不是原文所说的“{key}”。")
        return "错误选项：" + "".join(notes)

    # --- item types ------------------------------------------------------------------------------------------

    def _single(self, chunk: Chunk, sentence: str) -> Iterator[tuple[Question, float]]:
        rng = _rng(chunk.id, sentence, "single")
        for term in self.key_terms(sentence, chunk.title)[:2]:
            wrong = self._distractors(chunk, term, sentence, rng, 3)
            if len(wrong) < 3:
                continue
            options = [term.text, *wrong]
            rng.shuffle(options)
            stem = sentence[: term.start] + BLANK + sentence[term.end:]
            yield ChoiceQuestion(type="single_choice", stem=stem, options=options, answer=[options.index(term.text)],
                           explanation=f"依据{where_in(chunk)}：{_closed(sentence)}{self._why_wrong(wrong, term.text, source=chunk.source, quote=sentence)}",
                           source=QuoteSource(source=chunk.source, quote=sentence)), \
                self.worth(term, sentence, chunk.title)

    def _fill(self, chunk: Chunk, sentence: str) -> Iterator[tuple[Question, float]]:
        # a two-character word (群众、法治、复查) is guessed from the sentence or fits with its synonyms: no blank
        for term in [t for t in self.key_terms(sentence, chunk.title) if (_WORTH.get(t.category, 1) >= 3
                     or t.kind == "defined") and (t.kind in FIGURES or len(t.text.strip("《》“”")) > 2)][:2]:
            stem = sentence[: term.start] + FILL + sentence[term.end:]
            accepted = [term.text]
            if term.kind == "document":
                accepted.append(term.text.strip("《》"))
            yield FillBlankQuestion(type="fill_blank", stem=stem, answer=accepted, explanation=f"依据{where_in(chunk)}：{_closed(sentence)}",
                           source=QuoteSource(source=chunk.source, quote=sentence)), \
                self.worth(term, sentence, chunk.title)

    def _false_version(self, chunk: Chunk, sentence: str,
                       rng: random.Random) -> tuple[str, str, str, float] | None:
        """(statement, original span, changed span, worth of that fact): one fact changed to a same-kind value."""
        negated = bool(_NEGATION.search(sentence))
        for term in self.key_terms(sentence, chunk.title):
            if term.category not in _SWAPPABLE or _in_list(sentence, term):
                continue  # changing one member of 一级、二级、三级 is false by form alone
            if negated and term.kind not in FIGURES:
                continue  # 村股份经济合作社是入市主体，村委会不作为入市主体: another body is not one either
            wrong = self._distractors(chunk, term, sentence, rng, 1)
            if wrong and (term.category != DATE or dates_consistent(term.text, wrong[0], sentence)):
                return (sentence[: term.start] + wrong[0] + sentence[term.end:], term.text, wrong[0],
                        self.worth(term, sentence, chunk.title))
        # no fact to change: no item. Flipping the rule (不得 → 可以) reads false on its face (「可以占用消防车通道」),
        # so a learner who knows nothing answers it; graders marked such items bad.
        return None

    def _judge(self, chunk: Chunk, sentence: str) -> Iterator[tuple[Question, float]]:
        rng = _rng(chunk.id, sentence, "judge")
        false = self._false_version(chunk, sentence, rng)
        source = QuoteSource(source=chunk.source, quote=sentence)
        if false is None:
            # no fact to change: a rule the material lays down (不得将包装物卖给废品收购站) is still worth stating as
            # true; the set pairs it with a false item. Anything else tests nothing either way.
            if _RULE.search(sentence) and len(sentence) >= 15:
                yield TrueFalseQuestion(type="true_false", stem=sentence, answer=True,
                                        explanation=f"正确。依据{where_in(chunk)}：{_closed(sentence)}", source=source), 2.0
            return
        stem, original, changed, value = false
        true = TrueFalseQuestion(type="true_false", stem=sentence, answer=True,
                                 explanation=f"正确。依据{where_in(chunk)}：{_closed(sentence)}", source=source)
        wrong = TrueFalseQuestion(type="true_false", stem=stem, answer=False,
                                  explanation=f"错误。题干把“{original}”改成了“{changed}”。正确的说法是：{_closed(sentence)}"
                                              f"（依据{where_in(chunk)}）", source=source)
        # both versions, in an order of chance: the set takes the one its mix of answers needs (one per sentence)
        for item in ((true, wrong) if rng.random() < 0.5 else (wrong, true)):
            yield item, value

    def _multiple(self, chunk: Chunk, sentence: str) -> Iterator[tuple[Question, float]]:
        item = self._multiple_item(chunk, sentence)
        if item:
            yield item, 4.0

    def _multiple_item(self, chunk: Chunk, sentence: str) -> ChoiceQuestion | None:
        found = enumeration(sentence, self.pools.glossary)
        if not found:
            return None
        start, end, items = found
        if len(items) > 4:
            return None  # five keys and one wrong option test little
        rng = _rng(chunk.id, sentence, "multiple")
        lengths = [len(i) for i in items]
        text = self.pools.chunk_text.get(chunk.id, sentence)

        led = verb_led(items[0])

        def fits(i: str) -> bool:
            return (i not in text and not any(i in k or k in i or same_thing(i, k) for k in items)
                    and min(lengths) - 1 <= len(i) <= max(lengths) + 1 and verb_led(i) == led)

        kinds = {category_of(i, self.pools.glossary) for i in items}
        kind = kinds.pop() if len(kinds) == 1 else MATTER
        if kind == MATTER:  # items of no known kind (预售、炒卖墓位; 婚姻家庭、邻里关系): nothing tells a plausible wrong
            return None  # option from an absurd one (文物保护区 among ways to handle pesticide bottles) or a true one

        def pool(topic_items: set[str], terms: set[str]) -> list[str]:
            """Items of other enumerations, or terms, of the same kind as the listed ones."""
            found = {i for i in topic_items | terms if category_of(i, self.pools.glossary) == kind}
            return sorted(i for i in found if fits(i))

        field = field_of(chunk)
        near_terms, far_terms = self.pools.category_pool(field, kind)
        same_topic = pool(self.pools.enum_items[field], near_terms)
        elsewhere = pool({i for t, v in self.pools.enum_items.items() if t != field for i in v}, far_terms)
        if kind in _OWN_FIELD:  # (林长、河长 among who patrols a residential building: another field's roles)
            elsewhere = [i for i in elsewhere if self.pools.of_this_kind(i, chunk.source)]

        def close(i: str) -> float:
            return -max(plausibility(k, i) for k in items)

        ranked = list(dict.fromkeys(sorted(same_topic, key=close)[:4] + sorted(elsewhere, key=close)[:4]))
        rng.shuffle(ranked)
        wrong = sorted(ranked, key=close)[: max(1, min(2, 5 - len(items)))]
        if not wrong:
            return None
        options = [*items, *wrong]
        rng.shuffle(options)
        stem = sentence[:start] + BLANK + sentence[end:]
        return ChoiceQuestion(type="multiple_choice", stem=stem, options=options,
                        answer=sorted(options.index(i) for i in items),
                        explanation=f"依据{where_in(chunk)}：{_closed(sentence)}{self._why_wrong(wrong, '', listed=True, source=chunk.source)}",
                        source=QuoteSource(source=chunk.source, quote=sentence))

    def _short(self, chunk: Chunk) -> Question | None:
        from .short import short_answer

        item = short_answer(chunk)
        if item:
            self.scores[item.id] = 4.0
        return item
