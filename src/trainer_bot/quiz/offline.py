"""The offline quiz generator: deterministic items built by rules from the statements of the material.

- 单选 / 填空: a cloze on the fact worth remembering in a sentence (a number with its unit, a
  deadline, the body or role responsible, a named mechanism, the term a definition defines);
  distractors share its category and are close in form, numbers keep their unit and dates their order;
- 判断: the statement as it stands (true), or with one fact changed to a same-category value (a
  deadline, a count, the body or role responsible); the 解析 gives the correct statement whole. The
  rule is not flipped (不得 → 可以): that reads false on its face;
- 多选: from clean enumerations only (each option a complete item);
- 简答: a question built from the section heading; the reference answer is numbered key points.
- 判断 also from a 常见误区 section: the misconception as stated, judged false (see :mod:`.misconceptions`).
Nothing else is drawn from an invented 案例 or a 误区 (see :mod:`.pools`).
"""

from __future__ import annotations

import hashlib
import logging
import random
import re
from collections.abc import Callable, Iterator

from ..models import Chunk
from .categories import BODY, DATE, DEADLINE, DOCUMENT, LEVEL, MATTER, MEETING, MONTH, ROLE, category_of
from .model import ChoiceQuestion, FillBlankQuestion, Question, QuoteSource, TrueFalseQuestion
from .pools import (CorpusPools, content_bigrams, enumeration, field_of, gives_away, is_example, self_contained,
                    topic_share, verb_led, where_in)
from .statements import Statement, asked_matter, has_subject, statements_in_context, tier_frame, uncounted
from .topics import paper_frame, subject_of, topic_frame
from .figures import cn_to_int, dates_consistent, is_figure, possible, split_number
from .keys import WORTH, KeyTerms, alias_in, in_list
from .changes import band_clash, bounds_apart, comparable, past_bound, still_false
from .misconceptions import misconception_items
from .terms import FIGURES, Term, pick_distractors, plausibility, same_thing

log = logging.getLogger(__name__)

BLANK = "（    ）"
FILL = "______"
# what a false statement may change: a figure written in digits (15个工作日 → 10个工作日, 3月 → 5月). Graded over rounds
# 70–91, such changes were 76% good and 6% bad (437 items); a body, role or level put for another (村委会 → 村务监督委员会,
# 排查人员 → 网格员) 26% good and 37% bad (56 items: another body often may do it too, or plainly may not), a figure in
# words (两家 → 三家, 一周 → 两周, 三分之二 → 五分之一) 38% good and 32% bad (91 items: a speech's figure, or a change that
# reads wrong on its face); a bound in words stays changeable (调委会由委员三至九人组成 → 一至七人: no narrative count)
_SWAPPABLE = (DEADLINE, "数量", MONTH)
_STATED = (*_SWAPPABLE, LEVEL, BODY, ROLE, MEETING)  # a fact a true statement states (who does it, at what level)



# kinds whose members belong to one field (a role, a named period, a law, a body named for its matter): from
# elsewhere, only of a kind the document speaks of (红白理事会 or 社区矫正机构 is no option for who reports a fire
# watch's list; 村务监督委员会 for a village's rule still is), and so does a meeting named for its members (业主大会 is
# no option in a cooperative's charter, nor 成员大会 in a property rule: round 49); 村民会议 and its like are general
_OWN_FIELD = (ROLE, DEADLINE, DOCUMENT, BODY, MEETING)
# the bodies of a village's or a community's self-government, alternatives to each other in any of its rules
_GENERAL_BODY = re.compile(r"(?:村民|居民|村务监督|村民选举|居民选举|人民调解)委员会|[村居]委会|监委会|调委会|"
                           r"街道办事处|(?:乡镇|乡|镇)人民政府|(?:村|社区)党(?:组织|支部|委)|村民代表会议|村民会议|居民会议")
_OWNERLESS = re.compile(r"(?:成员|委员)(?![会大代])")  # 成员任期与村民委员会任期相同: members of what?
_BROAD = ("机制/方法", "原则/理念", MATTER)


def _rng(*parts: str) -> random.Random:
    return random.Random(int(hashlib.sha1("\x00".join(parts).encode()).hexdigest()[:12], 16))


def _closed(sentence: str) -> str:
    """A statement as a whole sentence in a 解析 (a list item's ； was dropped from the stem)."""
    return sentence if re.search(r"[。！？!?]$", sentence) else sentence + "。"


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


_NATIONAL = ("中央", "国家", "国务院", "全国", "中共中央", "党中央")
_RULE = re.compile(r"应当|不得|严禁|禁止|必须|一律|不准|方可")
def _key(item: Question) -> str:
    """What a choice or blank item asks for ("" for a 判断)."""
    if isinstance(item, ChoiceQuestion):
        return "、".join(item.options[i] for i in item.answer)
    return item.answer[0] if isinstance(item, FillBlankQuestion) and item.answer else ""


# the paper naming itself (本问答所称…、本办法所称…): the learner does not have it before them (round 57)
_THIS_PAPER = re.compile(r"本(?:问答|要点|指引|指南|须知|办法|细则|规定|规则|通知|方案|章程|公约|制度|清单|通告|公告|条例|意见)"
                         r"(?=所称|所指|所说|中的|规定的)")


def _name_the_paper(stem: str, title: str) -> str:
    """本问答所称… → 《残疾人两项补贴户籍迁移衔接一问一答》所称…, when the title is a paper's name (not a headline)."""
    if not _THIS_PAPER.search(stem) or re.search(r"[？?！!，,]", title) or not 4 <= len(title) <= 30:
        return stem
    return _THIS_PAPER.sub(f"《{title.strip('《》')}》", stem, count=1)


def _opens_with_subject(sentence: str) -> bool:
    """Who or what the statement is about comes first, after any 根据《…》， (每个社区、“停车议事会”、网格员 — not 从发现到
    认定、每年3月31日前)."""
    rest = re.sub(r"^(?:根据|按照|依据|依照)[^，。]{2,30}，", "", sentence).lstrip("“\"「")
    return rest.startswith(("每个", "每名", "每户", "各")) or has_subject(rest)


def _said_again(lead: str, sentence: str) -> bool:
    """A label lead (关于借用户口簿，) whose words the sentence says itself (借出的户口簿应在…): graders call the pair
    repetitive and stiff (rounds 50–60: 关于… leads graded good a quarter of the time, against 59% for other frames)."""
    label = re.fullmatch(r"关于([^，]{2,20})，", lead)
    if not label or tier_frame(lead):
        return False
    return bool(content_bigrams(label.group(1))) and topic_share(label.group(1), sentence[:40]) >= 0.5


class RuleGenerator:
    name = "offline"

    def __init__(self, pools: CorpusPools):
        self.pools = pools
        self.keys = KeyTerms(pools)
        self.scores: dict[str, float] = {}

    def candidates(self, chunk: Chunk, qtype: str) -> Iterator[Question]:
        if qtype == "true_false" and chunk.role == "misconception" and not is_example(chunk):
            for judged, value in misconception_items(chunk):  # the misconception, judged false
                self.scores[judged.id] = value
                yield judged
        # nothing else from an invented 案例, nor from a 常见误区 section: its correction restates what the main text
        # rules, so an item from it tests a fact twice, and its misconception is never a statement
        if is_example(chunk) or (chunk.role == "misconception" and chunk.source not in self.pools.taught_by_corrections):
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
            lead = re.sub(r"[★☆※▲△●◆■]", "", statement.lead)  # (关于★闭水试验，: a checklist's mark is no word, round 60)
            if _said_again(lead, sentence):
                lead = ""  # 关于电动自行车，电动自行车及其蓄电池不得…: the sentence names it itself, the label only repeats it
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
                # (a word of the topic is not the topic: 贷款期限… is not said of 农民住房财产权抵押贷款, round 56)
                # (a 关于X， lead frames the item already: one frame, not two)
                unframed = (statement.relabelled or not (lead or _opens_with_subject(sentence))
                            or (topic_share(topic, lead + sentence) < 0.5 if not lead.startswith("关于")
                                else not content_bigrams(topic) & content_bigrams(lead + sentence)))
                if ((topic or asked) and unframed and not tier_frame(lead)
                        and not self.pools.defined_term(sentence)):  # a definition frames itself
                    # 拟聘人员名单在村内公示不少于（ ）: which hiring? The document's topic says; a section label
                    # (村内公示：) then reads as clutter and gives way to it
                    frame, lead = asked or paper_frame(chunk.title) or topic_frame(topic), "" if statement.heading else lead
                for item, score in _guarded(make, chunk, sentence):
                    key = _key(item)
                    # a topic that names the key (网格化管理中，（网格员）…) would give it away: that item goes unframed
                    framed = frame if not (frame and key and (gives_away(key, frame) or any(
                        alias_in(k, frame) for k in key.split("、")))) else ""
                    if frame and not framed and not lead and re.match(r"(?:可|应|须|需|要|请|均|也|还|并|另)", sentence):
                        continue  # 可到所在村的（ ）登记: of what, the topic would say, and saying it gives the key away
                    stem = framed + lead + item.stem  # 选址禁止安排在以下区域：（    ） — the item alone would not say what it lists
                    named = _name_the_paper(lead + item.stem, chunk.title)
                    if item.type != "true_false" and named != lead + item.stem:
                        stem = named  # (the paper's name frames it: no topic before it; a 判断 is checked span by span)
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
            parts = [uncounted(p) for p in statement.text.rstrip("。").split("；") if len(p) >= 8]  # (一是…；二是…)
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

    def key_terms(self, sentence: str, title: str = "") -> list[Term]:
        """Terms worth testing in ``sentence``, best first (see :mod:`.keys`)."""
        return self.keys.key_terms(sentence, title)

    def worth(self, term: Term, sentence: str, title: str = "") -> float:
        return self.keys.worth(term, sentence, title)

    def _distractors(self, chunk: Chunk, term: Term, sentence: str, rng: random.Random, n: int) -> list[str]:
        if term.kind in FIGURES:
            ladder = [d for d in pick_distractors(term, (), sentence, rng, n)
                      if not band_clash(d, term.text, chunk.text) and not past_bound(term, d, sentence)]
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
                        and comparable(f, term.text))

            sibling = sorted(f for f in self.pools.figure_said.get(chunk.source, {}) if f != term.text
                             and f not in sentence and kin(f) and possible(f, sentence[: term.start], sentence[term.end:]))
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
            if term.category in _OWN_FIELD and re.match(r"[报向到由送找请]", c) and not re.match(r"[报向到由送找请]",
                                                                                              term.text):
                return False  # 报镇双拥办 among 村级服务站、镇民政办: a deed, not a body (round 62)
            if re.search(r"调解委员会|调委会", c) and not re.search(r"调解|纠纷|矛盾|组织法|监督委员会|自治",
                                                                 self.pools.source_text.get(chunk.source, chunk.text)):
                return False  # 人民调解委员会 arranging a film's venue or certifying flood damage: absurd where the document
                # speaks of no dispute nor of the village's self-government (rounds 65–67)
            if re.match(r"[县市省]", term.text) and _GENERAL_BODY.fullmatch(c):
                return False  # 村委会、村务监督委员会 for a county's office that supervises a fund: absurd (round 65)
            if re.fullmatch(r"(?:管理|服务|工作|办事|综合|便民)(?:站|所|处|中心|室|点)", c):
                return False  # 管理站: the end of some longer name, no body of its own (rounds 61, 63)
            if alias_in(c, stem):
                return False  # 村委会 for 「村民委员会…报（ ）备案」: the stem's own subject
            if c.startswith(_NATIONAL) and not term.text.startswith(_NATIONAL):
                return False  # 国家信访局、中央社会工作部 where a village reports a field fire
            if self.pools.either(c, term.text, chunk.source):
                return False  # 村民会议 for 村民代表会议 where the material says 村民会议或者村民代表会议: right as well
            if term.category in _OWN_FIELD and c not in near and not _GENERAL_BODY.fullmatch(c) \
                    and not self.pools.of_this_kind(c, chunk.source):
                return False  # 护林员、巡河员 for a property dispute, 红白理事会 for a fire watch: another field's, absurd here
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
                notes.append(f"“{option}”是材料中另一处说到的数值（{_closed(elsewhere).rstrip('。')}），不是本题所问。")
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
        for term in [t for t in self.key_terms(sentence, chunk.title) if (WORTH.get(t.category, 1) >= 3
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
        """(statement, original span, changed span, worth of that fact): one fact changed to a same-kind value; or
        (sentence, "", "", worth) when its facts are only of kinds that are stated, never changed (see _SWAPPABLE)."""
        kept = None
        # (not a value the document sets for something near it: 20个工作日 → 15个工作日, the office's own promise,
        # reads true as well; round 66)
        stated = self.pools.figure_said.get(chunk.source, {})
        for term in self.key_terms(sentence, chunk.title):
            if term.category not in _STATED or in_list(sentence, term):
                continue  # changing one member of 一级、二级、三级 is false by form alone
            if term.category not in _SWAPPABLE or not re.search(r"\d|[至到]", term.text):
                kept = kept or (sentence, "", "", self.worth(term, sentence, chunk.title))
                continue  # (see _SWAPPABLE)
            wrong = [w for w in self._distractors(chunk, term, sentence, rng, 6) + bounds_apart(term.text)
                     if still_false(term, w, sentence) and not past_bound(term, w, sentence) and w not in stated][:1]
            if wrong and (term.category != DATE or dates_consistent(term.text, wrong[0], sentence)):
                return (sentence[: term.start] + wrong[0] + sentence[term.end:], term.text, wrong[0],
                        self.worth(term, sentence, chunk.title))
        # no fact to change: no false item. Flipping the rule (不得 → 可以) reads false on its face (「可以占用消防车通道」),
        # so a learner who knows nothing answers it; graders marked such items bad.
        return kept

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
        if not changed:  # a fact stated, none to change (村务监督委员会负责村民民主理财)
            yield true, value
            return
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

        item = short_answer(chunk) if chunk.id not in self.pools.split_sections else None
        if item:
            self.scores[item.id] = 4.0
        return item
