"""The offline quiz generator: deterministic items built by rules from key sentences.

- 单选 / 填空: cloze on a key term; distractors of the same kind from elsewhere in the corpus
  (another 《document》 for a document, a nearby number for a number, another year for a date …);
- 判断: the sentence as it stands (true) or with one key term swapped (false);
- 多选: from an enumeration in the sentence (甲、乙和丙), plus items of other enumerations;
- 简答: a section's key sentences as the reference answer and its key points.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence

from ..split import chunk_units as answer_units
from ..models import Chunk
from .model import Question, QuoteSource
from .terms import Term, find_terms, pick_distractors

BLANK = "（    ）"
FILL = "______"
_ENUM_MARKERS = r"(?:包括|分为|分别是|是指|概括为|表述为|有|为|是|实行|坚持|要求|负责|做到|：|:)"
_ENUM_SPLIT = re.compile(r"(?:、|以及|和|及|与)")
_NOT_AN_ITEM = re.compile(r"^(如|例如|比如|像|包括)|属于|是|为|的|要|把|被|在|等$")
_PREFIX = re.compile(r"^(纠正|提示|注意|答)[：:]")


def _rng(*parts: str) -> random.Random:
    return random.Random(int(hashlib.sha1("\x00".join(parts).encode()).hexdigest()[:12], 16))


def enumeration(sentence: str) -> tuple[int, int, list[str]] | None:
    """(start, end, items) of an enumeration 甲、乙和丙 in the sentence, items 2–8 characters."""
    for clause in re.finditer(r"[^，。；：！？,;:]+", sentence):
        text = clause.group()
        if "、" not in text:
            continue
        marker = None
        for marker in re.finditer(_ENUM_MARKERS, text):
            pass
        body_start = marker.end() if marker and marker.end() < text.index("、") else 0
        body = text[body_start:]
        body = re.sub(r"(?:[一二三四五六七八九十两\d]+(?:类|个|项|种|方面))?(?:等)?$", "", body)
        items = [i for i in _ENUM_SPLIT.split(body) if i]
        if not all(re.fullmatch(r"[\u4e00-\u9fff]{2,8}", i) for i in items):
            continue
        lengths = [len(i) for i in items]
        if (2 <= len(items) <= 6 and all(2 <= n <= 8 for n in lengths) and max(lengths) - min(lengths) <= 3
                and len(set(items)) == len(items) and not any(_NOT_AN_ITEM.search(i) for i in items)):
            start = clause.start() + body_start
            return start, start + len(body), items
    return None


def is_example(chunk: Chunk) -> bool:
    """Invented cases (案例/示例) illustrate; they are not facts to test."""
    return any("案例" in h or "示例" in h for h in chunk.heading_path)


class CorpusPools:
    """Terms of every kind found across the material: where distractors come from."""

    def __init__(self, chunks: Sequence[Chunk], glossary: Sequence[str]):
        self.glossary = sorted(set(glossary), key=len, reverse=True)
        self.by_kind: dict[str, set[str]] = defaultdict(set)
        self.by_topic: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.enum_items: dict[str, set[str]] = defaultdict(set)  # topic -> items of its enumerations
        for chunk in chunks:
            for sentence in answer_units(chunk.text):
                for term in find_terms(sentence, self.glossary):
                    self.by_kind[term.kind].add(term.text)
                    self.by_topic[(chunk.topic, term.kind)].add(term.text)
                found = enumeration(sentence)
                if found:
                    self.enum_items[chunk.topic].update(i for i in found[2] if re.fullmatch(r"[\u4e00-\u9fff]{2,8}", i))


class RuleGenerator:
    name = "offline"

    def __init__(self, pools: CorpusPools):
        self.pools = pools

    def candidates(self, chunk: Chunk, qtype: str) -> Iterator[Question]:
        make = {"single_choice": self._single, "multiple_choice": self._multiple, "true_false": self._judge,
                "fill_blank": self._fill, "short_answer": self._short}[qtype]
        if qtype == "short_answer":
            item = make(chunk, "")
            if item:
                yield item
            return
        if is_example(chunk):
            return
        for sentence in answer_units(chunk.text):
            sentence = _PREFIX.sub("", sentence)
            if 12 <= len(sentence) <= 160 and not sentence.startswith(("误区", "例如")):
                item = make(chunk, sentence)
                if item:
                    yield item

    def _key_term(self, sentence: str) -> Term | None:
        terms = find_terms(sentence, self.pools.glossary)
        order = {"document": 0, "glossary": 1, "number": 2, "date": 3, "quoted": 4, "place": 5}
        terms.sort(key=lambda t: (order[t.kind], -len(t.text)))
        return terms[0] if terms else None

    def _distractors(self, chunk: Chunk, term: Term, sentence: str, rng: random.Random, n: int) -> list[str]:
        """Same kind, same topic first (another 《document》 of the topic for a document …), then anywhere."""
        near = pick_distractors(term, self.pools.by_topic[(chunk.topic, term.kind)], sentence, rng, n)
        if len(near) < n:
            rest = self.pools.by_kind[term.kind] - set(near)
            near += pick_distractors(term, rest, sentence + "".join(near), rng, n - len(near))
        return near

    def _source(self, chunk: Chunk, quote: str) -> QuoteSource:
        return QuoteSource(source=chunk.source, quote=quote)

    def _single(self, chunk: Chunk, sentence: str) -> Question | None:
        term = self._key_term(sentence)
        if not term:
            return None
        rng = _rng(chunk.id, sentence, "single")
        wrong = self._distractors(chunk, term, sentence, rng, 3)
        if len(wrong) < 3:
            return None
        options = [term.text, *wrong]
        rng.shuffle(options)
        stem = sentence[: term.start] + BLANK + sentence[term.start + len(term.text):]
        return Question(type="single_choice", stem=stem, options=options, answer=[options.index(term.text)],
                        explanation=f"根据《{chunk.title}》：{sentence}", source=self._source(chunk, sentence))

    def _fill(self, chunk: Chunk, sentence: str) -> Question | None:
        term = self._key_term(sentence)
        if not term or term.kind == "place":
            return None
        stem = sentence[: term.start] + FILL + sentence[term.start + len(term.text):]
        accepted = [term.text]
        if term.kind == "document":
            accepted.append(term.text.strip("《》"))
        return Question(type="fill_blank", stem=stem, answer=accepted,
                        explanation=f"根据《{chunk.title}》：{sentence}", source=self._source(chunk, sentence))

    def _judge(self, chunk: Chunk, sentence: str) -> Question | None:
        term = self._key_term(sentence)
        if not term:
            return None
        rng = _rng(chunk.id, sentence, "judge")
        if rng.random() < 0.5:
            return Question(type="true_false", stem=sentence, answer=True,
                            explanation=f"正确。《{chunk.title}》原文：{sentence}", source=self._source(chunk, sentence))
        wrong = self._distractors(chunk, term, sentence, rng, 1)
        if not wrong:
            return None
        stem = sentence[: term.start] + wrong[0] + sentence[term.start + len(term.text):]
        return Question(type="true_false", stem=stem, answer=False,
                        explanation=f"错误。应为“{term.text}”，不是“{wrong[0]}”。《{chunk.title}》原文：{sentence}",
                        source=self._source(chunk, sentence))

    def _multiple(self, chunk: Chunk, sentence: str) -> Question | None:
        found = enumeration(sentence)
        if not found:
            return None
        start, end, items = found
        rng = _rng(chunk.id, sentence, "multiple")
        lengths = [len(i) for i in items]

        def fits(i: str) -> bool:
            return i not in sentence and not any(i in k or k in i for k in items) and \
                min(lengths) - 1 <= len(i) <= max(lengths) + 1

        same_topic = sorted(i for i in self.pools.enum_items[chunk.topic] if fits(i))
        elsewhere = sorted(i for t, v in self.pools.enum_items.items() if t != chunk.topic for i in v if fits(i))
        rng.shuffle(same_topic)
        rng.shuffle(elsewhere)
        wrong = (same_topic + elsewhere)[: max(1, min(2, 5 - len(items)))]
        if not wrong:
            return None
        options = [*items, *wrong]
        rng.shuffle(options)
        stem = sentence[:start] + BLANK + sentence[end:]
        return Question(type="multiple_choice", stem=stem, options=options,
                        answer=sorted(options.index(i) for i in items),
                        explanation=f"根据《{chunk.title}》：{sentence}", source=self._source(chunk, sentence))

    def _short(self, chunk: Chunk, _: str) -> Question | None:
        sentences = [s for s in answer_units(chunk.text) if len(s) >= 10 and not s.startswith(("误区", "纠正"))]
        if len(sentences) < 2 or not chunk.heading_path:
            return None
        picked = sentences[:4]
        reference = "".join(picked)
        if reference not in chunk.text:  # keep the quote verbatim: take a contiguous run
            picked = sentences[:1]
            reference = picked[0]
        section = chunk.heading_path[-1]
        points = "；".join(f"{i + 1}. {s.rstrip('。；')}" for i, s in enumerate(picked))
        return Question(type="short_answer", stem=f"请简述《{chunk.title}》中“{section}”部分的要点。",
                        answer=reference, explanation=f"答题要点：{points}。", source=self._source(chunk, reference))
