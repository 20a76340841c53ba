"""The offline engine: an extractive answer built from the passages' best answer units.

Deterministic and grounded by construction: every sentence of the answer is a unit of a
retrieved passage (a sentence, or a ；-joined enumeration), followed by the number of that
passage. What is quoted depends on the kind of question (see :mod:`trainer_bot.question`):
a list question gets the whole enumeration, a how-to question the procedure, a number
question the unit that states the number, a comparison one unit for each side, a yes/no
question opens with the rule that decides it.

Units are scored by meaning (the question's cosine to each unit's own vector, computed at
ingest) and by words (IDF-weighted overlap, character bigrams, heading context). Invented
案例 are never quoted as fact; a 常见误区 correction is shown with its misconception as such.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from ..models import Answer, Citation, Passage, Retrieval
from ..question import QUOTED_TERM, WHEN_UNIT, QuestionInfo, analyse, asked_size, asked_units, counted_list, sub_questions
from ..roles import ASKING_LINE
from ..split import chunk_units
from ..tokenizer import Tokenizer, aliases, whole_words
from .base import NEAREST_LEAD, refusal_text
from .lists import (ASKS_PROCEDURE, CARRIES_ON, COUNTED_LEAD_IN, ENUMERATION, HOW_HEADING, ITEM, LEAD_IN, MAX_LISTED,
                    RULE_LIST, Candidate, announces, colon_list, continuation, in_list, lead_in, opening_unit, situation_and_handling,
                    step_sections)
from .roles import MISCONCEPTION, correction_of, render_unit, whole_correction, strip_bullet, wants_example

_NUMERAL = "0-9０-９一二三四五六七八九十两百千万半"
_TRAILING_PUNCT = re.compile(r"[。！？；：!?;:]+[”’」』）)]*$")
_STEP = re.compile(r"先|再|然后|之后|最后|首先|其次|第[一二三四五六七八九十]+|步|环节|程序|流程|经过|→")
_RULE = re.compile(r"不得|应当|必须|可以|禁止|不能|不收取|不是|无需|不必|不需要|严禁|有权|不属于|属于|不应|应该")
# a unit that speaks of what the one before it named (三者相互衔接, 将其发展为七个方面, 该制度…, 对上述“三资”…)
_REFERS_BACK = re.compile(r"^(?:[一二两三四五六七八九十]者|其|这|该|此|它|以上|前者|后者)|[将把对使]其|上述|前述")
# 哪几条不能干的事 / 有哪些禁止行为: a list of what is forbidden, which the material words as 不得/禁止/严禁
_ASKS_FORBIDDEN = re.compile(r"不能|不准|不许|不让|不可以|不允许|禁止|严禁|不得")
_FORBIDS = re.compile(r"不得|禁止|严禁|不准|不许|不能")
_REASON = re.compile(r"因为|为了|目的|意义|作用|才能|有利于|有助于|避免|防止|否则|关键在于|所以|因此|由于|是为|强调|宁可")
# a procedure or system named in quotes: 应当走“四议两公开”程序
NAMED_PROCEDURE = re.compile(QUOTED_TERM + r"\s*(?:程序|制度|办法|流程|工作法)")
_DOC_PRIOR = {0: 0.06, 1: 0.02}  # by the rank of the unit's document among the retrieved ones
_FIRST_STEP = re.compile(r"^(?:第一[，、,]|一是|首先|第一步|[（(]一[)）]|①)")
# words of a heading that say what kind of section it is, not what it is about
_SECTION_GENERIC = re.compile(r"^(?:步骤|程序|流程|环节|要求|工作|做法|办法|内容|主要|怎么|如何|哪些|什么|有关|规定|基本|要点|具体)$")
_GENERIC_DEED = re.compile(r"办|做|弄|处|走|操|管|搞|整|干|样|回|才|能|可|会|应|要|对|去|来|跟|和|给|让|把|开|进|说|算|的|个|些|么")
_NUMBER = re.compile(f"[{_NUMERAL}]+")
# whom to tell (该跟谁说？向谁报告？找哪个部门？): the unit that says to report to someone answers it
_ASKS_WHOM = re.compile(r"(?:跟|和|向|给|告诉|找|报给|报)谁|谁来管|(?:找|报|向|跟)哪(?:个|家|里|儿)")
_REPORTS = re.compile(r"报告|上报|报送|告知|反映|报(?:请|给)?[^，。；]{0,10}(?:所|站|办|局|中心|委员会|主任|员|书记|部门|乡镇|街道)")
_PLACE = re.compile(r"[\u4e00-\u9fff]{2,3}(?:省|市|县)(?![委民级政长场辖域])")
_ASKS_DOCUMENT = re.compile(r"(?:什么|哪部|哪个|哪些|哪一部|哪项)(?:法规|法律|文件|条例|规定|政策|法)|依据是什么|根据什么")
# 哪八条 / 分哪三类 / 哪四个环节: the size of the list asked for, and how a unit announces one of that size
_COUNT_WORDS = "个|项|条|类|种|步|方面|级|环节|部分|阶段|大|方|议|化"
_COUNT_ASKED = re.compile(f"哪([一二三四五六七八九十两]{{1,3}})(?:{_COUNT_WORDS})")
# a Q&A's own question (问：…): what follows it answers it
_QA_QUESTION = re.compile(r"^(?:问|Q)\s*[：:]")
# a unit that says what a thing is (所谓X，就是指…): not the list a question asks for, unless it enumerates one
_DEFINES = re.compile(r"所谓|是指|就是指|指的是|是一种|的一种")
# the name of a practice or system: 清单制, 积分制, 四议两公开工作法, 枫桥经验, 网格化管理
_TERM_OF_ART = r"[\u4e00-\u9fff“”]{1,10}(?:制|工作法|机制|经验|模式|清单|管理)"
# numeral groups that carry a measure: 三至九人, 15日, 一千户至三千户
_MEASURE = f"[{_NUMERAL}]+ ?(?:[至到\\-～~] ?[{_NUMERAL}]+)? ?(?:个)?"


@dataclass(frozen=True)
class _Asked:
    lists: re.Pattern[str] | None = None  # a unit enumerating the noun asked for (…等委员会)
    count: re.Pattern[str] | None = None  # a unit announcing the count asked for (八个方面)
    numeral: str = ""  # that count (八)
    more_measures: tuple[re.Pattern[str], ...] = ()  # 几章几条: the measures after the first
    size: re.Pattern[str] | None = None  # a unit announcing a list of the measure asked for, of any size (三类)
    forbidden: bool = False  # a list of what is forbidden asked for (哪几条不能干的事)


def _qa_question_before(units: Sequence[str], position: int) -> int | None:
    """The position of the Q&A question (问：…) whose answer the unit at ``position`` is part of, if any: the last
    question before it, with no other question between."""
    for i in range(position - 1, -1, -1):
        if _QA_QUESTION.search(units[i]):
            return i
        if ASKING_LINE.search(units[i]):
            return None
    return None


def _bigrams(text: str) -> set[str]:
    chars = re.sub(r"[^\w\u3400-\u9fff]", "", text)
    return {chars[i:i + 2] for i in range(len(chars) - 1)}


def asked_action(question: str) -> str:
    """The deed a how-to question asks about, when it names one (该怎么调解 → 调解; not 怎么办、如何处理)."""
    m = re.search(r"(?:怎么|如何|怎样|咋)([\u4e00-\u9fff]{2})", question)
    return m.group(1) if m and not _GENERIC_DEED.match(m.group(1)) else ""


def cite(sentence: str, n: int) -> str:
    """Put ``[n]`` before the sentence's closing punctuation: ……就地解决[1]。"""
    match = _TRAILING_PUNCT.search(sentence)
    if match:
        return f"{sentence[:match.start()]}[{n}]{match.group()}"
    return f"{sentence}[{n}]。"


class ExtractiveAnswerer:
    name = "offline"

    def __init__(self, tokenizer: Tokenizer, idf: Callable[[str], float], topics: Callable[[], Sequence[str]],
                 max_sentences: int = 3, max_passages: int = 16):
        self.tokenizer = tokenizer
        self.idf = idf
        self.topics = topics
        self.max_sentences = max_sentences
        self.max_passages = max_passages

    def refuse(self, retrieval: Retrieval) -> Answer:
        """The refusal; when the gate found the material close (``near``), with the sentences an answer would have
        quoted, introduced as what they are: the nearest the material comes, which may not answer the question."""
        if retrieval.gate.near and retrieval.passages:
            chosen = self.select(retrieval.question, retrieval.passages, analyse(retrieval.question))
            if chosen:
                text, citations = self._compose(chosen)
                return Answer(retrieval.question, f"{NEAREST_LEAD}\n\n{text}", citations, True, self.name)
        greeting = retrieval.gate.reason == "no_content_words"
        return Answer(retrieval.question, refusal_text(retrieval.question, self.topics(), greeting), [], True, self.name)

    def answer(self, retrieval: Retrieval) -> Answer:
        if not retrieval.gate.covered or not retrieval.passages:
            return self.refuse(retrieval)
        info = analyse(retrieval.question)
        if info.kind == "list" and (asked_size(info.text) in ("步", "环节", "阶段") or ASKS_PROCEDURE.search(info.text)):
            steps = step_sections(retrieval.passages)
            if steps:  # 分哪几步？ ← a procedure whose sections are its steps: the steps, each cited to its section
                return self._steps(retrieval, steps)
        chosen = self.select(retrieval.question, retrieval.passages, info)
        if not chosen:
            return self.refuse(retrieval)
        text, citations = self._compose(chosen)
        return Answer(retrieval.question, text, citations, False, self.name)

    @staticmethod
    def _compose(chosen: Sequence[Candidate]) -> tuple[str, list[Citation]]:
        """The chosen units as cited sentences, a paragraph per run of units from one passage."""
        numbers: dict[str, int] = {}
        citations: list[Citation] = []
        paragraphs: list[list[str]] = []
        last = None
        for cand in chosen:
            cid = cand.passage.chunk.id
            if cid not in numbers:
                numbers[cid] = len(numbers) + 1
                citations.append(Citation(numbers[cid], cand.passage))
            if cid != last:
                paragraphs.append([])
                last = cid
            paragraphs[-1].append(cite(render_unit(cand.unit, cand.passage), numbers[cid]))
        return "\n\n".join("".join(p) for p in paragraphs), citations

    def _steps(self, retrieval: Retrieval, steps: Sequence[tuple[str, Passage]]) -> Answer:
        citations = [Citation(n, passage) for n, (_, passage) in enumerate(steps, 1)]
        lines = [cite(heading + ("。" if n == len(steps) else "；"), n) for n, (heading, _) in enumerate(steps, 1)]
        return Answer(retrieval.question, "\n".join(lines), citations, False, self.name)

    def stream(self, retrieval: Retrieval) -> Iterator[str | Answer]:
        answer = self.answer(retrieval)
        for piece in re.split(r"(?<=[。！？；\n])", answer.text):
            if piece:
                yield piece
        yield answer

    # -- unit selection ------------------------------------------------------------------------
    def candidates(self, question: str, passages: Sequence[Passage], info: QuestionInfo,
                   context: str = "") -> list[Candidate]:
        """``context``: an earlier question whose subject this one leaves implicit (its words weigh half)."""
        q_tokens = list(dict.fromkeys(self.tokenizer(question)))
        weights = {t: self.idf(t) for t in q_tokens}
        carried = {t: 0.5 * self.idf(t) for t in self.tokenizer(context) if t not in weights}
        weights |= carried
        # the subject the earlier question named (its two longest terms, 村规民约, 居民委员会): a unit about
        # something else is not the later question's answer
        subject = sorted((t for t in carried if len(t) >= 3 and re.fullmatch(r"[\u4e00-\u9fff]+", t)), key=len,
                         reverse=True)[:2]
        total = sum(weights.values()) or 1.0
        q_bigrams = _bigrams(question)
        example_wanted = wants_example(question)
        asked = self.asked(info)
        action = asked_action(question)
        raw: list[tuple[float, float, int, int, str, Passage]] = []
        seen: set[str] = set()
        # retrieval ranks documents better than single sentences do: the best document's units start ahead
        doc_rank = {source: i for i, source in enumerate(dict.fromkeys(p.chunk.source for p in passages))}
        for rank, passage in enumerate(passages):
            role = passage.role
            if role == "example" and not example_wanted:
                continue  # invented illustrations are never stated as fact
            # a unit inherits its document's subject: words of the title and section count for every unit
            context_words = set(self.tokenizer(" ".join((passage.chunk.title, *passage.chunk.heading_path))))
            # a list or procedure asked for by the name of its section (处置与转介应做好哪些工作 ← 四、处置与转介步骤)
            # (and about the subject an earlier question named: 村规民约's 红线, not a 红线 section of another guide)
            section_bonus = 0.25 if info.kind in ("list", "howto") and self._section_asked(question, passage) and not (
                subject and not any(t in context_words or t in passage.chunk.text for t in subject)) else 0.0
            units = chunk_units(passage.chunk.text)
            section_text = " ".join(passage.chunk.heading_path)
            for position, unit in enumerate(units):
                key = re.sub(r"\W", "", unit)
                if len(key) < 6 or key in seen:
                    continue
                if role == MISCONCEPTION and correction_of(unit, units, position, passage.chunk.text) is None:
                    continue  # the misconception line itself is never quoted
                if ASKING_LINE.search(unit):
                    continue  # a question (问：…？, 啥叫“九小场所”？) answers nothing
                seen.add(key)
                tokens = set(self.tokenizer(unit))
                tokens |= {t for t in weights if t not in tokens and any(a in unit for a in aliases().get(t, ()))}
                lexical = sum(w for t, w in weights.items() if t in tokens) / total
                heading = sum(w for t, w in weights.items() if t in context_words and t not in tokens) / total
                overlap = len(q_bigrams & _bigrams(unit)) / len(q_bigrams) if q_bigrams else 0.0
                words = 0.5 * lexical + 0.25 * overlap + 0.3 * heading
                dense = passage.unit_scores[position] if position < len(passage.unit_scores) else None
                bonus = self._kind_bonus(info, unit, passage, asked)
                if info.kind == "list" and len(unit) <= 30 and not LEAD_IN.search(unit) and announces(units, position):
                    bonus += 0.2  # a short unit the items follow (能干的活，我给大家列一下： 1. …), as 以下…： does
                if asked.forbidden and (_FORBIDS.search(unit) or (
                        announces(units, position) and position + 1 < len(units) and _FORBIDS.search(units[position + 1]))):
                    bonus += 0.2  # 哪几条不能干的事 ← 应当遵守下列规定： 1. 不得挪作他用…
                # the answer to the material's own question that is the one asked (问：为什么要整治“空心房”？ 答：…),
                # every sentence of it, the first most
                asking = _qa_question_before(units, position)
                if asking is not None:
                    asked_there = _bigrams(units[asking])
                    share = len(asked_there & q_bigrams) / len(asked_there) if asked_there else 0.0
                    bonus += (0.4 if asking == position - 1 else 0.3) * share
                # steps of another deed (申请宅基地第一步… for 宅基地纠纷该怎么调解; 调处 is the same deed as 调解)
                if action and info.kind == "howto":
                    lead = lead_in(units, position)
                    if not any(action[0] in text for text in (unit, section_text, units[position if lead is None else lead])):
                        bonus = min(bonus, 0.1)
                # a procedure in another document than the best one is another deed's (危房改造's 农户申请… for 烧田埂草
                # 得咋申请): it may still be quoted for its words, not for being a procedure
                if info.kind == "howto" and doc_rank[passage.chunk.source] > 0:
                    bonus = min(bonus, 0.15)
                if role == MISCONCEPTION:
                    bonus -= 0.05 if info.kind == "yesno" else 0.15
                bonus += 0.08 / (1 + rank) + 0.02 / (1 + position)
                bonus += _DOC_PRIOR.get(doc_rank[passage.chunk.source], 0.0)
                bonus += section_bonus
                if subject and not any(t in tokens or t in context_words for t in subject):
                    bonus -= 0.15
                raw.append((words + bonus, dense if dense is not None else -1.0, rank, position, unit, passage))
        if not raw:
            return []
        known = [d for _, d, *_ in raw if d >= 0]
        lo, hi = (min(known), max(known)) if known else (0.0, 0.0)
        out = []
        for words, dense, rank, position, unit, passage in raw:
            meaning = (dense - lo) / (hi - lo) if dense >= 0 and hi > lo else 0.5
            out.append(Candidate(words + 0.45 * meaning, rank, position, unit, passage))
        out.sort(key=lambda c: (-c.score, c.rank, c.position))
        return out

    def _section_asked(self, question: str, passage: Passage) -> bool:
        """Whether the question names the passage's own section: every word that sets its heading apart from the
        document's title is asked (四、处置与转介步骤 in 《…发现、报告与庇护转介》 → 处置)."""
        path = passage.chunk.heading_path
        if not path or path[-1] == passage.chunk.title or (len(path) == 1 and len(path[0]) > 20):
            return False
        words = [w for w in whole_words(list(dict.fromkeys(self.tokenizer(path[-1]))))
                 if not _SECTION_GENERIC.search(w) and not _NUMBER.fullmatch(w) and w not in passage.chunk.title]
        return bool(words) and all(w in question for w in words)

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
                      info.kind == "list" and bool(_ASKS_FORBIDDEN.search(info.text)))

    def _kind_bonus(self, info: QuestionInfo, unit: str, passage: Passage, asked: _Asked = _Asked()) -> float:
        bonus = 0.0
        if _ASKS_DOCUMENT.search(info.text) and "《" in unit:  # 用什么法规固定下来的？ → 《……条例》
            bonus += 0.25
        terms = info.key_terms
        if terms and any(t in unit for t in terms):
            bonus += 0.1
        if _ASKS_WHOM.search(info.text) and _REPORTS.search(unit):
            bonus += 0.3
        if info.kind == "definition" and info.subject:
            if re.search(rf"{re.escape(info.subject)}[”\"」』]?(?:[^，。；]{{0,8}}|，)(是|指|即|就是|是指|称为|叫做)", unit) or \
                    re.search(rf"(所谓|所称|称为|叫做|简称)[“\"「]?{re.escape(info.subject)}", unit):
                bonus += 0.45
        elif info.kind in ("list", "howto"):
            # (what is forbidden asked for: an enumeration of anything else is not that list)
            if (len(ENUMERATION.findall(unit)) >= 2 or (info.kind == "list" and colon_list(unit))) and not (
                    asked.forbidden and not _FORBIDS.search(unit)):
                bonus += 0.2 if info.kind == "list" else 0.08
            if asked.lists and asked.lists.search(unit):
                bonus += 0.3  # 哪些委员会 ← 设人民调解、治安保卫、公共卫生等委员会: it lists the very thing asked
            if asked.count and any(f"{asked.numeral}{m.group(1)}" not in info.text  # not the question's own 八项规定
                                   for m in asked.count.finditer(unit)):
                bonus += 0.25  # 哪八条 ← 八个方面依次是…
            section = passage.chunk.heading_path[-1] if passage.chunk.heading_path else ""
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
            elif _NUMBER.search(unit):
                bonus += 0.08
        elif info.kind == "yesno":
            if _RULE.search(unit):
                bonus += 0.15
        elif info.kind == "why":
            if _REASON.search(unit):
                bonus += 0.15
        elif info.kind == "naming":  # the unit that names a practice: under a heading that names it, or defining it
            heading = passage.chunk.heading_path[-1] if passage.chunk.heading_path else ""
            named = re.search(_TERM_OF_ART, heading)
            if named and named.group() in unit:
                bonus += 0.35
            elif re.search(f"{_TERM_OF_ART}[”\"」]?(?:是指|是|即|常见的有|指的是|称为|叫做)", unit):
                bonus += 0.2
        elif info.kind == "where":
            if _PLACE.search(unit):
                bonus += 0.3
        elif info.kind == "comparison" and len(info.sides) >= 2:
            if all(self._names(s, unit) for s in info.sides):
                bonus += 0.25
        return bonus

    def select(self, question: str, passages: Sequence[Passage], info: QuestionInfo | None = None) -> list[Candidate]:
        parts = sub_questions(question)
        if len(parts) > 1:  # 可以吗？平时还能查哪些账？ — each part gets its own best units
            picked: list[Candidate] = []
            room = self.max_sentences + 2
            for i, part in enumerate(parts):
                # a later part often leaves its subject to the first (村规民约要走什么程序？内容上有哪些红线？):
                # the first part's words count for it too, at half weight
                info_part = analyse(part)  # one that names its own subject (“五治”多出来的是哪两治？) carries nothing
                chosen = self._select_one(part, passages, info_part,
                                          context=parts[0] if i and not info_part.key_terms else "")
                fresh = [c for c in chosen if c.unit not in {p.unit for p in picked}]
                keep = sorted(fresh, key=lambda c: -c.score)[: max(1, room // len(parts))]  # the best, in reading order
                picked += [c for c in fresh if c in keep]
            return picked[:room]
        return self._select_one(question, passages, info or analyse(question))

    def _select_one(self, question: str, passages: Sequence[Passage], info: QuestionInfo,
                    context: str = "") -> list[Candidate]:
        cands = self.candidates(question, passages[: self.max_passages], info, context)
        if not cands:
            return []
        compared = self._compare(cands, info) if info.kind == "comparison" and len(info.sides) >= 2 else []
        if compared:  # (when no unit speaks of any side, the best units answer as for any question)
            return compared
        best = opening_unit(cands, info)
        picked = [best]
        budget = self.max_sentences + (2 if info.kind in ("list", "howto") else 0)
        if info.kind in ("list", "howto"):
            picked += continuation(best, cands, budget - 1)
        for cand in cands[1:]:
            if len(picked) >= budget:
                break
            if cand in picked or cand.score < 0.65 * best.score:
                continue
            other = cand.passage.chunk.id != best.passage.chunk.id
            # a list, number or definition is answered by its one unit: other passages only when nearly as good,
            # and another document only when at least as good as the best one's runner-up would need to be
            if other and cand.score < (0.85 if info.kind in ("list", "number", "definition") else 0.8) * best.score:
                continue
            if cand.passage.chunk.source != best.passage.chunk.source and cand.score < 0.9 * best.score:
                continue
            picked.append(cand)
        # a unit that announces a list (下列程序：, 写明以下内容：) brings its items, whatever was asked: an answer
        # never ends on a colon
        announcing = picked[1:] if info.kind in ("list", "howto") else picked
        for cand in [c for c in announcing if announces(chunk_units(c.passage.chunk.text), c.position)]:
            picked += [c for c in continuation(cand, cands, MAX_LISTED) if c not in picked]
        for cand in list(picked):
            picked += [c for c in whole_correction(cand, cands) if c not in picked]
            if info.kind != "definition":
                picked += [c for c in situation_and_handling(cand, cands) if c not in picked]
        if info.kind == "howto":
            picked += self._named_procedure(picked, cands, budget + 2 - len(picked))
        first, rest = picked[0], picked[1:]
        same = sorted([c for c in rest if c.passage.chunk.id == first.passage.chunk.id], key=lambda c: c.position)
        before = [c for c in same if c.position < first.position]
        after = [c for c in same if c.position > first.position]
        others = sorted([c for c in rest if c.passage.chunk.id != first.passage.chunk.id], key=lambda c: (c.rank, c.position))
        # the deciding unit opens the answer unless it carries on a unit just before it in the same passage (a
        # later step or item; not a sentence that merely follows another: 侵犯宅基地权益的，要责令… before 邻里之间…)
        units = chunk_units(first.passage.chunk.text)
        if before and info.kind in ("list", "howto") and before[-1].position == first.position - 1 and (
                CARRIES_ON.search(first.unit) or in_list(units, first.position) or _REFERS_BACK.search(first.unit)):
            return [*before, first, *after, *others]
        return [first, *before, *after, *others]

    @staticmethod
    def _named_procedure(picked: Sequence[Candidate], cands: Sequence[Candidate], room: int) -> list[Candidate]:
        """A how-to answer that names a procedure (应当走“四议两公开”程序) also gets the sentence that spells
        it out (“四议”是……), when the passages hold one (the bot retrieves it, see ``TrainerBot.retrieve``)."""
        named = {m.group(1) for c in picked for m in NAMED_PROCEDURE.finditer(c.unit)}
        out: list[Candidate] = []
        for cand in cands:
            if room <= 0 or not named:
                break
            head = re.match(f"^{QUOTED_TERM}(?:是|指|即|就是)", strip_bullet(cand.unit))
            if cand not in picked and head and any(head.group(1) in term for term in named):
                out.append(cand)
                room -= 1
        return out

    def _names(self, side: str, text: str) -> bool:
        """The text speaks of the side: in so many words, or every word of it (发布暴雨黄色预警 ← 发布暴雨黄色及以上预警),
        short asides left out (村委会 ← 村（居）委会)."""
        text = re.sub(r"[（(][^（）()]{1,3}[）)]", "", text)
        if side in text:
            return True
        words = list(dict.fromkeys(self.tokenizer(side)))
        parts = [w for w in words if not any(o != w and o in w for o in words)]  # 乡镇政府 → 乡镇, 政府
        return len(parts) >= 2 and all(w in text for w in parts)

    def _compare(self, cands: Sequence[Candidate], info: QuestionInfo) -> list[Candidate]:
        """A unit for each side (the one that best defines or describes it), plus one that relates them all: from
        the best unit's document when it speaks of every side, else from any."""
        top = [c for c in cands if c.passage.chunk.source == cands[0].passage.chunk.source]
        if len(top) < len(cands) and all(any(self._names(side, c.unit) for c in top) for side in info.sides):
            return self._compare_in(top, info)
        return self._compare_in(cands, info)

    def _compare_in(self, cands: Sequence[Candidate], info: QuestionInfo) -> list[Candidate]:
        picked: list[Candidate] = []
        both = [c for c in cands if all(self._names(s, c.unit) for s in info.sides)]
        if both:
            picked.append(both[0])
        for side in info.sides:
            own = [c for c in cands if self._names(side, c.unit) and c not in picked
                   and not any(self._names(o, c.unit) for o in info.sides if o != side)]
            own = own or [c for c in cands if self._names(side, c.unit) and c not in picked]
            own = own or [c for c in cands if side in " ".join((c.passage.chunk.title, *c.passage.chunk.heading_path))
                          and c not in picked]
            if own:
                picked.append(own[0])
        if 2 * sum(any(self._names(side, c.unit) for c in picked) for side in info.sides) < len(info.sides):
            return []  # most sides unspoken of: not a comparison the material makes
        return picked[: max(self.max_sentences + 1, len(info.sides) + 1)]
