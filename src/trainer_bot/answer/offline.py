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
from ..question import QuestionInfo, analyse, asked_units, sub_questions
from ..split import chunk_units
from ..tokenizer import Tokenizer, aliases
from .base import refusal_text
from .roles import MISCONCEPTION, correction_of, render_unit, strip_bullet, wants_example

_NUMERAL = "0-9０-９一二三四五六七八九十两百千万半"
_TRAILING_PUNCT = re.compile(r"[。！？；：!?;:]+[”’」』）)]*$")
_ENUMERATION = re.compile(r"[、；;]|第[一二三四五六七八九十]+[，、是]|[一二三四五六七八九十]是|首先|其次|再次|最后|[①②③④⑤⑥]")
_STEP = re.compile(r"先|再|然后|之后|最后|首先|其次|第[一二三四五六七八九十]+|步|环节|程序|流程|经过|→")
_RULE = re.compile(r"不得|应当|必须|可以|禁止|不能|不收取|不是|无需|不必|不需要|严禁|有权|不属于|属于|不应|应该")
_REASON = re.compile(r"因为|为了|目的|意义|作用|才能|有利于|有助于|避免|防止|否则|关键在于|所以|因此|由于|是为|强调|宁可")
# a procedure or system named in quotes: 应当走“四议两公开”程序
NAMED_PROCEDURE = re.compile(r"[“\"「]([^”\"」]{2,10})[”\"」]\s*(?:程序|制度|办法|流程|工作法)")
_DOC_PRIOR = {0: 0.06, 1: 0.02}  # by the rank of the unit's document among the retrieved ones
_FIRST_STEP = re.compile(r"^(?:第一[，、,]|一是|首先|第一步|[（(]一[)）]|①)")
# a unit that announces the list after it (按以下步骤处置：, 议事按照下列程序进行：), and a unit that is one of its items
LEAD_IN = re.compile(r"(?:下列|以下|如下|这样|几个?|步骤|程序|流程|环节|要求|条件|材料)[^。；！？]{0,12}[：:]\s*$")
_ITEM = re.compile(r"^(?:[-*•·]\s*|\d+[.、．)）]\s*|[（(][一二三四五六七八九十\d]+[)）]|[①-⑩]|第[一二三四五六七八九十]+步)|[；;]\s*$")
MAX_LISTED = 10  # items taken after a lead-in
_HOW_HEADING = re.compile(r"怎么|如何|怎样|程序|步骤|流程|办法|方法|做法|环节")
_NUMBER = re.compile(f"[{_NUMERAL}]+")
_PLACE = re.compile(r"[\u4e00-\u9fff]{2,3}(?:省|市|县)(?![委民级政长场辖域])")
_ASKS_DOCUMENT = re.compile(r"(?:什么|哪部|哪个|哪些|哪一部|哪项)(?:法规|法律|文件|条例|规定|政策|法)|依据是什么|根据什么")
# 哪八条 / 分哪三类 / 哪四个环节: the size of the list asked for, and how a unit announces one of that size
_COUNT_WORDS = "个|项|条|类|种|步|方面|级|环节|部分|阶段|大|方|议|化"
_COUNT_ASKED = re.compile(f"哪([一二三四五六七八九十两]{{1,3}})(?:{_COUNT_WORDS})")
# the name of a practice or system: 清单制, 积分制, 四议两公开工作法, 枫桥经验, 网格化管理
_TERM_OF_ART = r"[\u4e00-\u9fff“”]{1,10}(?:制|工作法|机制|经验|模式|清单|管理)"
# numeral groups that carry a measure: 三至九人, 15日, 一千户至三千户
_MEASURE = f"[{_NUMERAL}]+(?:[至到\\-～~][{_NUMERAL}]+)?(?:个)?"


def _announces(units: Sequence[str], i: int) -> bool:
    """The unit announces the list after it: in so many words (按以下步骤处置：), or by a colon that list items
    follow (按照“三步走”处理： （一）…)."""
    return bool(LEAD_IN.search(units[i])) or (bool(re.search(r"[：:]\s*$", units[i])) and i + 1 < len(units)
                                                and bool(_ITEM.search(units[i + 1])))


def _in_list(units: Sequence[str], i: int) -> bool:
    """The unit is an item of a list: it looks like one, or it follows an item that ends in ； (the last item of a
    list ends in 。, and a Markdown list's numbers are gone from the text)."""
    return bool(_ITEM.search(units[i])) or (i > 0 and bool(re.search(r"[；;]\s*$", units[i - 1])))


def _lead_in(units: Sequence[str], position: int) -> int | None:
    """The unit that announces the list the unit at ``position`` opens or belongs to (按以下步骤处置：), if any:
    itself, or one at most ``MAX_LISTED`` units before it with nothing but list items between."""
    if _announces(units, position):
        return position
    if not _ITEM.search(units[position]):
        return None
    for i in range(position - 1, max(-1, position - MAX_LISTED), -1):
        if _announces(units, i):
            return i
        if not _ITEM.search(units[i]):
            return None
    return None


@dataclass(frozen=True)
class _Candidate:
    score: float
    rank: int
    position: int
    unit: str
    passage: Passage


@dataclass(frozen=True)
class _Asked:
    lists: re.Pattern[str] | None = None  # a unit enumerating the noun asked for (…等委员会)
    count: re.Pattern[str] | None = None  # a unit announcing the count asked for (八个方面)
    numeral: str = ""  # that count (八)
    more_measures: tuple[re.Pattern[str], ...] = ()  # 几章几条: the measures after the first


def colon_list(unit: str) -> bool:
    """Short items after a colon, separated by commas: 八个方面依次是：改进调查研究，精简会议活动，……"""
    head, colon, tail = unit.partition("：")
    items = [i for i in re.split(r"[，,]", tail.rstrip("。；")) if i.strip()]
    return bool(colon) and len(items) >= 3 and sum(map(len, items)) / len(items) <= 10


def _bigrams(text: str) -> set[str]:
    chars = re.sub(r"[^\w\u3400-\u9fff]", "", text)
    return {chars[i:i + 2] for i in range(len(chars) - 1)}


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
        greeting = retrieval.gate.reason == "no_content_words"
        return Answer(retrieval.question, refusal_text(retrieval.question, self.topics(), greeting), [], True, self.name)

    def answer(self, retrieval: Retrieval) -> Answer:
        if not retrieval.gate.covered or not retrieval.passages:
            return self.refuse(retrieval)
        info = analyse(retrieval.question)
        chosen = self.select(retrieval.question, retrieval.passages, info)
        if not chosen:
            return self.refuse(retrieval)
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
        text = "\n\n".join("".join(p) for p in paragraphs)
        return Answer(retrieval.question, text, citations, False, self.name)

    def stream(self, retrieval: Retrieval) -> Iterator[str | Answer]:
        answer = self.answer(retrieval)
        for piece in re.split(r"(?<=[。！？；\n])", answer.text):
            if piece:
                yield piece
        yield answer

    # -- unit selection ------------------------------------------------------------------------
    def candidates(self, question: str, passages: Sequence[Passage], info: QuestionInfo,
                   context: str = "") -> list[_Candidate]:
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
            units = chunk_units(passage.chunk.text)
            for position, unit in enumerate(units):
                key = re.sub(r"\W", "", unit)
                if len(key) < 6 or key in seen:
                    continue
                if role == MISCONCEPTION and correction_of(unit, units, position) is None:
                    continue  # the misconception line itself is never quoted
                seen.add(key)
                tokens = set(self.tokenizer(unit))
                tokens |= {t for t in weights if t not in tokens and any(a in unit for a in aliases().get(t, ()))}
                lexical = sum(w for t, w in weights.items() if t in tokens) / total
                heading = sum(w for t, w in weights.items() if t in context_words and t not in tokens) / total
                overlap = len(q_bigrams & _bigrams(unit)) / len(q_bigrams) if q_bigrams else 0.0
                words = 0.5 * lexical + 0.25 * overlap + 0.3 * heading
                dense = passage.unit_scores[position] if position < len(passage.unit_scores) else None
                bonus = self._kind_bonus(info, unit, passage, asked)
                if role == MISCONCEPTION:
                    bonus -= 0.05 if info.kind == "yesno" else 0.15
                bonus += 0.08 / (1 + rank) + 0.02 / (1 + position)
                bonus += _DOC_PRIOR.get(doc_rank[passage.chunk.source], 0.0)
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
            out.append(_Candidate(words + 0.45 * meaning, rank, position, unit, passage))
        out.sort(key=lambda c: (-c.score, c.rank, c.position))
        return out

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
        return _Asked(lists, re.compile(f"{count.group(1)}(?:个)?({_COUNT_WORDS})") if count else None,
                      count.group(1) if count else "",
                      tuple(re.compile(f"{_MEASURE}{re.escape(u)}") for u in asked_units(info.text)[1:]))

    def _kind_bonus(self, info: QuestionInfo, unit: str, passage: Passage, asked: _Asked = _Asked()) -> float:
        bonus = 0.0
        if _ASKS_DOCUMENT.search(info.text) and "《" in unit:  # 用什么法规固定下来的？ → 《……条例》
            bonus += 0.25
        terms = info.key_terms
        if terms and any(t in unit for t in terms):
            bonus += 0.1
        if info.kind == "definition" and info.subject:
            if re.search(rf"{re.escape(info.subject)}[”\"」』]?[^，。；]{{0,8}}(是|指|即|就是|是指|称为|叫做)", unit) or \
                    re.search(rf"(所谓|称为|叫做|简称)[“\"「]?{re.escape(info.subject)}", unit):
                bonus += 0.45
        elif info.kind in ("list", "howto"):
            if len(_ENUMERATION.findall(unit)) >= 2 or (info.kind == "list" and colon_list(unit)):
                bonus += 0.2 if info.kind == "list" else 0.08
            if asked.lists and asked.lists.search(unit):
                bonus += 0.3  # 哪些委员会 ← 设人民调解、治安保卫、公共卫生等委员会: it lists the very thing asked
            if asked.count and any(f"{asked.numeral}{m.group(1)}" not in info.text  # not the question's own 八项规定
                                   for m in asked.count.finditer(unit)):
                bonus += 0.25  # 哪八条 ← 八个方面依次是…
            if LEAD_IN.search(unit):  # 按以下步骤处置：(the steps follow, each a unit of its own)
                bonus += 0.25 if info.kind == "howto" else 0.2
            if _FIRST_STEP.search(strip_bullet(unit)):  # 第一，…  一是…  首先…: the opening of a procedure
                bonus += 0.3 if info.kind == "howto" else 0.2
            if info.kind == "howto" and _STEP.search(unit):
                bonus += 0.1
            if _HOW_HEADING.search(" ".join(passage.chunk.heading_path[1:] or passage.chunk.heading_path)):
                bonus += 0.1
        elif info.kind == "number":
            if info.unit and re.search(f"{_MEASURE}{re.escape(info.unit)}", unit):
                bonus += 0.35
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
        elif info.kind == "comparison" and len(info.sides) == 2:
            if all(s in unit for s in info.sides):
                bonus += 0.25
        return bonus

    def select(self, question: str, passages: Sequence[Passage], info: QuestionInfo | None = None) -> list[_Candidate]:
        parts = sub_questions(question)
        if len(parts) > 1:  # 可以吗？平时还能查哪些账？ — each part gets its own best units
            picked: list[_Candidate] = []
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
                    context: str = "") -> list[_Candidate]:
        cands = self.candidates(question, passages[: self.max_passages], info, context)
        if not cands:
            return []
        if info.kind == "comparison" and len(info.sides) == 2:
            return self._compare(cands, info)
        best = cands[0]
        picked = [best]
        budget = self.max_sentences + (2 if info.kind in ("list", "howto") else 0)
        if info.kind in ("list", "howto"):
            picked += self._continuation(best, cands, budget - 1)
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
        for cand in [c for c in announcing if _announces(chunk_units(c.passage.chunk.text), c.position)]:
            picked += [c for c in self._continuation(cand, cands, MAX_LISTED) if c not in picked]
        if info.kind == "howto":
            picked += self._named_procedure(picked, cands, budget + 2 - len(picked))
        first, rest = picked[0], picked[1:]
        same = sorted([c for c in rest if c.passage.chunk.id == first.passage.chunk.id], key=lambda c: c.position)
        before = [c for c in same if c.position < first.position]
        after = [c for c in same if c.position > first.position]
        others = sorted([c for c in rest if c.passage.chunk.id != first.passage.chunk.id], key=lambda c: (c.rank, c.position))
        # the deciding unit opens the answer unless it continues a unit just before it in the same passage
        if before and info.kind in ("list", "howto") and before[-1].position == first.position - 1:
            return [*before, first, *after, *others]
        return [first, *before, *after, *others]

    @staticmethod
    def _named_procedure(picked: Sequence[_Candidate], cands: Sequence[_Candidate], room: int) -> list[_Candidate]:
        """A how-to answer that names a procedure (应当走“四议两公开”程序) also gets the sentence that spells
        it out (“四议”是……), when the passages hold one (the bot retrieves it, see ``TrainerBot.retrieve``)."""
        named = {m.group(1) for c in picked for m in NAMED_PROCEDURE.finditer(c.unit)}
        out: list[_Candidate] = []
        for cand in cands:
            if room <= 0 or not named:
                break
            head = re.match(r"^[“\"「]([^”\"」]{2,10})[”\"」](?:是|指|即|就是)", strip_bullet(cand.unit))
            if cand not in picked and head and any(head.group(1) in term for term in named):
                out.append(cand)
                room -= 1
        return out

    @staticmethod
    def _continuation(best: _Candidate, cands: Sequence[_Candidate], room: int) -> list[_Candidate]:
        """Units right after the best one that carry on its enumeration or procedure (第二…、其次…、然后…); when
        the best unit announces a list (按以下步骤处置：) or is an item of one, the announcement and every item."""
        same = {c.position: c for c in cands if c.passage.chunk.id == best.passage.chunk.id}
        units = chunk_units(best.passage.chunk.text)
        lead = _lead_in(units, best.position)
        start, size = (lead, 1 + MAX_LISTED) if lead is not None else (None, MAX_LISTED)
        if start is None and _ITEM.search(units[best.position]):  # a list no unit announces (under 二、主要职责)
            start = best.position
            while start > 0 and _ITEM.search(units[start - 1]):
                start -= 1
        if start is not None:
            listed = []
            for i in range(start, min(len(units), start + size)):
                if i > start and not _in_list(units, i):
                    break
                if i != best.position:  # short items (（五）组织实施；) are no candidates of their own
                    listed.append(same.get(i) or _Candidate(best.score / 2, best.rank, i, units[i], best.passage))
            if len(listed) >= 2:
                return listed
        out: list[_Candidate] = []
        opener = re.compile(r"^(?:[-*•]\s*)?(?:第[二三四五六七八九十]+|其次|再次|然后|之后|最后|[二三四五六七八九十]是|[（(]?[二三四五六七八九十][)）、])")
        position = best.position + 1
        while room > 0 and position in same and opener.search(same[position].unit):
            out.append(same[position])
            position += 1
            room -= 1
        return out

    def _compare(self, cands: Sequence[_Candidate], info: QuestionInfo) -> list[_Candidate]:
        """A unit for each side (the one that best defines or describes it), plus one that relates both."""
        picked: list[_Candidate] = []
        both = [c for c in cands if all(s in c.unit for s in info.sides)]
        if both:
            picked.append(both[0])
        for side in info.sides:
            own = [c for c in cands if side in c.unit and c not in picked
                   and not any(o in c.unit for o in info.sides if o != side)]
            own = own or [c for c in cands if side in " ".join((c.passage.chunk.title, *c.passage.chunk.heading_path))
                          and c not in picked]
            if own:
                picked.append(own[0])
        if not picked:
            picked = list(cands[:2])
        return picked[: self.max_sentences + 1]
