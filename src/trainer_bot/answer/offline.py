"""The offline engine: an extractive answer built from the passages' best sentences.

Deterministic and grounded by construction: every sentence of the answer is a
sentence of a retrieved passage, followed by the number of that passage.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from ..models import Answer, Citation, Passage, Retrieval
from ..tokenizer import Tokenizer
from .base import refusal_text

_DEFINITION_Q = re.compile(r"^(?:什么是|何为|何谓|啥是)(.+?)[？?。]*$|^(.+?)(?:是什么|是指什么|指什么|是啥)[？?。]*$")
_QUOTED = re.compile(r"[“\"「『]([^”\"」』]{2,12})[”\"」』]")
_HOW_MANY = re.compile(r"(?:几|多少)(个|项|条|章|级|类|种|人|名|次|天|年|部分|方面|环节|步|级别)")
_NUMERAL = "0-9一二三四五六七八九十两百千"
_ANSWER_UNIT = re.compile(r"[^。！？!?\n]*(?:[。！？!?]+[”’」』）)]*|$)")
_TRAILING_PUNCT = re.compile(r"[。！？；!?;]+[”’」』）)]*$")


@dataclass(frozen=True)
class _Candidate:
    score: float
    rank: int
    position: int
    sentence: str
    passage: Passage


def _bigrams(text: str) -> set[str]:
    chars = re.sub(r"[^\w\u3400-\u9fff]", "", text)
    return {chars[i:i + 2] for i in range(len(chars) - 1)}


def cite(sentence: str, n: int) -> str:
    """Put ``[n]`` before the sentence's closing punctuation: ……就地解决[1]。"""
    match = _TRAILING_PUNCT.search(sentence)
    if match:
        return f"{sentence[:match.start()]}[{n}]{match.group()}"
    return f"{sentence}[{n}]"


class ExtractiveAnswerer:
    name = "offline"

    def __init__(self, tokenizer: Tokenizer, idf: Callable[[str], float], topics: Callable[[], Sequence[str]],
                 max_sentences: int = 3, max_passages: int = 4):
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
        chosen = self.select(retrieval.question, retrieval.passages[: self.max_passages])
        if not chosen:
            return self.refuse(retrieval)
        numbers: dict[str, int] = {}
        citations: list[Citation] = []
        paragraphs: list[list[str]] = []
        last_rank = None
        for cand in chosen:
            cid = cand.passage.chunk.id
            if cid not in numbers:
                numbers[cid] = len(numbers) + 1
                citations.append(Citation(numbers[cid], cand.passage))
            if cand.rank != last_rank:
                paragraphs.append([])
                last_rank = cand.rank
            paragraphs[-1].append(cite(cand.sentence, numbers[cid]))
        text = "\n\n".join("".join(p) for p in paragraphs)
        return Answer(retrieval.question, text, citations, False, self.name)

    def stream(self, retrieval: Retrieval) -> Iterator[str | Answer]:
        answer = self.answer(retrieval)
        for piece in re.split(r"(?<=[。！？；\n])", answer.text):
            if piece:
                yield piece
        yield answer

    # -- sentence selection ------------------------------------------------------------------
    def select(self, question: str, passages: Sequence[Passage]) -> list[_Candidate]:
        q_tokens = list(dict.fromkeys(self.tokenizer(question)))
        weights = {t: self.idf(t) for t in q_tokens}
        total = sum(weights.values()) or 1.0
        q_bigrams = _bigrams(question)
        defined = self._defined_terms(question)
        units = [re.compile(f"[{_NUMERAL}]+(?:至[{_NUMERAL}]+)?{re.escape(u)}") for u in _HOW_MANY.findall(question)]
        candidates: list[_Candidate] = []
        seen: set[str] = set()
        for rank, passage in enumerate(passages):
            context = set(self.tokenizer(" ".join(passage.chunk.heading_path)))
            for position, sentence in enumerate(answer_units(passage.chunk.text)):
                key = re.sub(r"\W", "", sentence)
                # a 误区 line states the misconception itself: never quote it as an answer
                if len(key) < 6 or key in seen or key.startswith("误区"):
                    continue
                seen.add(key)
                tokens = set(self.tokenizer(sentence))
                lexical = sum(w for t, w in weights.items() if t in tokens) / total
                heading = 0.5 * sum(w for t, w in weights.items() if t in context and t not in tokens) / total
                overlap = len(q_bigrams & _bigrams(sentence)) / len(q_bigrams) if q_bigrams else 0.0
                score = 0.55 * lexical + 0.25 * overlap + 0.2 * heading + 0.25 / (1 + rank) + 0.05 / (1 + position)
                if any(re.search(rf"{re.escape(term)}[”\"」』]?[^，。]{{0,6}}(是|指|即|就是|包括)", sentence) for term in defined):
                    score += 0.3
                if any(u.search(sentence) for u in units):  # 分为几级？ → 分为四级
                    score += 0.25
                candidates.append(_Candidate(score, rank, position, sentence, passage))
        if not candidates:
            return []
        candidates.sort(key=lambda c: -c.score)
        best = candidates[0].score
        picked = [c for c in candidates[: self.max_sentences] if c.score >= 0.6 * best]
        return sorted(picked, key=lambda c: (c.rank, c.position))

    @staticmethod
    def _defined_terms(question: str) -> list[str]:
        """Terms the question asks to define or explain: 什么是X / X是什么 / a quoted “X”."""
        terms = [m.group(1) for m in _QUOTED.finditer(question)]
        match = _DEFINITION_Q.match(question.strip())
        if match:
            terms.append((match.group(1) or match.group(2) or "").strip("“”\"' "))
        return [t for t in terms if t]


def answer_units(text: str) -> list[str]:
    """Sentences ending in 。！？ (a ；-separated enumeration stays one unit)."""
    return [s for s in (m.group().strip() for m in _ANSWER_UNIT.finditer(text)) if s]
