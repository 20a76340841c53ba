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
from dataclasses import replace

from ..models import Answer, Citation, Passage, Retrieval
from ..question import QUOTED_TERM, QuestionInfo, analyse, asked_size, sub_questions
from ..roles import ASKING_LINE
from ..split import chunk_units
from ..tokenizer import Tokenizer, aliases, whole_words
from .base import NEAREST_LEAD, refusal_text
from .kinds import ASKED_ABOUT, FORBIDS, NUMBER, KindFit
from .lists import (ASKS_PROCEDURE, CARRIES_ON, CONDITIONS_SECTION, LEAD_IN, MAX_LISTED, Candidate, announces,
                    carried_over, continuation, in_list, is_label, label_before, lead_in, names_list,
                    opening_unit, situation_and_handling, spells_out_procedure, step_sections)
from .ranking import UnitEvidence, UnitWeights
from .tables import header_row, render_row
from .roles import MISCONCEPTION, correction_of, render_unit, whole_correction, strip_bullet, wants_example

_TRAILING_PUNCT = re.compile(r"[。！？；：!?;:]+[”’」』）)]*$")
# a unit that speaks of what the one before it named (三者相互衔接, 将其发展为七个方面, 该制度…, 对上述“三资”…)
_REFERS_BACK = re.compile(r"^(?:[一二两三四五六七八九十]者|其|这|该|此|它|以上|前者|后者)|[将把对使]其|上述|前述")
# a procedure or system named in quotes: 应当走“四议两公开”程序
NAMED_PROCEDURE = re.compile(QUOTED_TERM + r"\s*(?:程序|制度|办法|流程|工作法)")
_DOC_PRIOR = {0: 0.06, 1: 0.02}  # by the rank of the unit's document among the retrieved ones
# words of a heading that say what kind of section it is, not what it is about
_SECTION_GENERIC = re.compile(r"^(?:步骤|程序|流程|环节|要求|工作|做法|办法|内容|主要|怎么|如何|哪些|什么|有关|规定|基本|要点|具体)$")
_GENERIC_DEED = re.compile(r"办|做|弄|处|走|操|管|搞|整|干|样|回|才|能|可|会|应|要|对|去|来|跟|和|给|让|把|开|进|说|算|的|个|些|么")
# a Q&A's own question (问：…): what follows it answers it
_QA_QUESTION = re.compile(r"^(?:问|Q)\s*[：:]")


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
                 max_sentences: int = 3, max_passages: int = 16, weights: UnitWeights | None = None):
        self.tokenizer = tokenizer
        self.idf = idf
        self.topics = topics
        self.max_sentences = max_sentences
        self.max_passages = max_passages
        self.fit = KindFit(tokenizer)
        self.weights = weights or UnitWeights.load()

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
        asked = self.fit.asked(info)
        action = asked_action(question)
        raw: list[tuple[UnitEvidence, int, int, str, Passage]] = []
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
                if len(key) < 6 or key in seen or is_label(units, position, passage.chunk.text):
                    continue
                if role == MISCONCEPTION and correction_of(unit, units, position, passage.chunk.text) is None:
                    continue  # the misconception line itself is never quoted
                if ASKING_LINE.search(unit) or ASKED_ABOUT.search(unit) or header_row(unit, passage.chunk.text):
                    continue  # a question (问：…？, 啥叫“九小场所”？, 不少村干部来问…), a table's header row: no answer
                seen.add(key)
                # (a table's row says what its columns name; a unit is said with the label that heads it)
                said = render_row(unit, passage.chunk.text) or label_before(units, position, passage.chunk.text) + unit
                tokens = set(self.tokenizer(said))
                tokens |= {t for t in weights if t not in tokens and any(a in said for a in aliases().get(t, ()))}
                lexical = sum(w for t, w in weights.items() if t in tokens) / total
                heading = sum(w for t, w in weights.items() if t in context_words and t not in tokens) / total
                overlap = len(q_bigrams & _bigrams(said)) / len(q_bigrams) if q_bigrams else 0.0
                dense = passage.unit_scores[position] if position < len(passage.unit_scores) else None
                fit = bonus = self.fit.bonus(info, unit, passage, asked)
                if info.kind == "list" and len(unit) <= 30 and not LEAD_IN.search(unit) and announces(units, position):
                    bonus += 0.2  # a short unit the items follow (能干的活，我给大家列一下： 1. …), as 以下…： does
                if asked.forbidden and (FORBIDS.search(unit) or (
                        announces(units, position) and position + 1 < len(units) and FORBIDS.search(units[position + 1]))):
                    bonus += 0.2  # 哪几条不能干的事 ← 应当遵守下列规定： 1. 不得挪作他用…
                if info.conditions and names_list(units, position, passage.chunk.heading, CONDITIONS_SECTION):
                    bonus += 0.15  # 得满足啥条件 ← 同时符合下列条件的残疾人可以申请： 1. …, or the items under 三、报名条件
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
                if subject and not any(t in tokens or t in context_words for t in subject):
                    bonus -= 0.15
                raw.append((UnitEvidence(lexical, overlap, heading, fit, bonus - fit, 0.08 / (1 + rank),
                                         0.02 / (1 + position), _DOC_PRIOR.get(doc_rank[passage.chunk.source], 0.0),
                                         section_bonus, float(role == MISCONCEPTION), dense if dense is not None else -1.0),
                            rank, position, unit, passage))
        if not raw:
            return []
        known = [e.dense for e, *_ in raw if e.dense >= 0]
        lo, hi = (min(known), max(known)) if known else (0.0, 0.0)
        out = []
        for evidence, rank, position, unit, passage in raw:
            meaning = (evidence.dense - lo) / (hi - lo) if evidence.dense >= 0 and hi > lo else 0.5
            evidence = replace(evidence, meaning=meaning)
            out.append(Candidate(self.weights.score(evidence), rank, position, unit, passage, evidence))
        out.sort(key=lambda c: (-c.score, c.rank, c.position))
        return out

    def _section_asked(self, question: str, passage: Passage) -> bool:
        """Whether the question names the passage's own section: every word that sets its heading apart from the
        document's title is asked (四、处置与转介步骤 in 《…发现、报告与庇护转介》 → 处置)."""
        path = passage.chunk.heading_path
        if not path or path[-1] == passage.chunk.title or (len(path) == 1 and len(path[0]) > 20):
            return False
        words = [w for w in whole_words(list(dict.fromkeys(self.tokenizer(path[-1]))))
                 if not _SECTION_GENERIC.search(w) and not NUMBER.fullmatch(w) and w not in passage.chunk.title]
        return bool(words) and all(w in question for w in words)

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
            picked += continuation(best, cands, budget - 1, whole_table=info.kind == "list")
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
        carried: list[Candidate] = []
        for cand in picked:  # 二选一： at a passage's end, its table in the next passage
            items = carried_over(cand, cands)
            if items is None:
                carried.append(cand)
            elif items or len(picked) == 1:  # (an answer never ends on a colon it cannot follow)
                carried += [cand, *(c for c in items if c not in picked and c not in carried)]
        picked = carried
        for cand in list(picked):
            picked += [c for c in whole_correction(cand, cands) if c not in picked]
            if info.kind != "definition":
                picked += [c for c in situation_and_handling(cand, cands) if c not in picked]
        if spells_out_procedure(info):
            picked += self._named_procedure(picked, cands, budget + 2 - len(picked))
        # (a unit reached twice, as an item of two lists' continuations, is said once)
        once: dict[tuple[str, int], Candidate] = {}
        for cand in picked:
            once.setdefault((cand.passage.chunk.id, cand.position), cand)
        picked = list(once.values())
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
        # (whatever was asked, an item of a list follows the unit that announces it: ……三步走： then the steps)
        opening = lead_in(units, first.position)
        if opening is not None and opening < first.position and any(c.position == opening for c in before):
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

    def _compare(self, cands: Sequence[Candidate], info: QuestionInfo) -> list[Candidate]:
        """A unit for each side (the one that best defines or describes it), plus one that relates them all: from
        the best unit's document when it speaks of every side, else from any."""
        top = [c for c in cands if c.passage.chunk.source == cands[0].passage.chunk.source]
        if len(top) < len(cands) and all(any(self.fit.names(side, c.unit) for c in top) for side in info.sides):
            return self._compare_in(top, info)
        return self._compare_in(cands, info)

    def _compare_in(self, cands: Sequence[Candidate], info: QuestionInfo) -> list[Candidate]:
        picked: list[Candidate] = []
        both = [c for c in cands if all(self.fit.names(s, c.unit) for s in info.sides)]
        if both:
            picked.append(both[0])
        for side in info.sides:
            own = [c for c in cands if self.fit.names(side, c.unit) and c not in picked
                   and not any(self.fit.names(o, c.unit) for o in info.sides if o != side)]
            own = own or [c for c in cands if self.fit.names(side, c.unit) and c not in picked]
            own = own or [c for c in cands if side in " ".join((c.passage.chunk.title, *c.passage.chunk.heading_path))
                          and c not in picked]
            if own:
                picked.append(own[0])
        if 2 * sum(any(self.fit.names(side, c.unit) for c in picked) for side in info.sides) < len(info.sides):
            return []  # most sides unspoken of: not a comparison the material makes
        return picked[: max(self.max_sentences + 1, len(info.sides) + 1)]
