"""Condense: turn a follow-up ("那它和枫桥经验有什么区别？") into a standalone question.

The offline rule puts the topic of the previous question in place of a pronoun
(or in front of a bare follow-up); the LLM condenser asks the chat model and
falls back to the rule on any failure.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from .errors import redact
from .llm import to_messages
from .prompts import render
from .question import QUOTED_TERM, analyse, opening_subject
from .tokenizer import Tokenizer, load_glossary, longest_first, whole_words

log = logging.getLogger(__name__)
_ANAPHORA = re.compile(
    r"它们|它|他们|她们|前面说的|刚才说的|上述"
    # 这个站、那一条; not a time or a word that opens with the same characters (这个月、那一般、这一次、这一样)
    r"|(?:这|那|该)(?:部|项|个|种|一|两|些|条|套|张|份|笔|类)"
    r"(?!月|年|周|星期|季度|学期|天|日|时候|阵|段时间|般|样|直|起|定|下|点|回|次|会儿)"
    r"(?:工作法|委员会|法律|法规|条例|制度|机构|组织|改革|做法|办法|工作|规定|机制|经验|政策|文件|平台|模式|张网|网|格|会|法)?"
)
_KIND = re.compile(r"工作法|制度|机制|做法|办法|经验|模式|改革|政策")
# openings that continue the previous turn ("那……", "收到之后……", "具体……")
_CONTINUATION = re.compile(r"^(那么?|还有|另外|然后|之后|后来|具体|收到之后|除此之外|此外|同时)")


@dataclass(frozen=True)
class Turn:
    role: Literal["user", "assistant"]
    content: str


class Condenser(Protocol):
    def condense(self, question: str, history: Sequence[Turn]) -> str: ...


class RuleCondenser:
    def __init__(self, tokenizer: Tokenizer, glossary: Sequence[str] | None = None):
        self.tokenizer = tokenizer
        terms = list(glossary if glossary is not None else load_glossary())
        self.glossary = longest_first(terms)

    def topic(self, text: str) -> str:
        """The first two glossary terms of a question in reading order, longer terms taken first and none
        overlapping another (人民调解协议怎么申请司法确认 → 人民调解、司法确认, not 人民调解、调解协议)."""
        taken: list[tuple[int, str]] = []
        for term in self.glossary:
            start = text.find(term)
            if start >= 0 and not any(start < s + len(t) and s < start + len(term) for s, t in taken):
                taken.append((start, term))
        return "、".join(term for _, term in sorted(taken)[:2])

    def condense(self, question: str, history: Sequence[Turn]) -> str:
        previous = next((t.content for t in reversed(history) if t.role == "user"), "")
        if not previous:
            return question
        anaphor = _ANAPHORA.search(question)
        continues = bool(_CONTINUATION.match(question))
        if not anaphor and not continues and self.topic(question):
            return question  # names its own subject: a complete question
        reply = next((t.content for t in reversed(history) if t.role == "assistant"), "")
        # 这个工作法、该制度 point at a practice the reply named (“四议两公开”), not at what the question opened with
        kind = bool(anaphor and _KIND.search(anaphor.group()))
        topic = (self.topic(previous) or (self._salient_term(reply) if kind else "") or self._asked_term(previous)
                 or opening_subject(previous) or self._salient_term(reply) or self._main_word(previous))
        if not topic or topic in question:
            return question
        if anaphor:
            end = anaphor.end()
            # the noun the demonstrative points with, when the topic already ends with it (这个站 → …服务站)
            end += next((n for n in (3, 2, 1) if anaphor.group().startswith(("这", "那", "该"))
                         and len(question) >= end + n and topic.endswith(question[end:end + n])), 0)
            standalone = question[: anaphor.start()] + topic + question[end:]
            return re.sub(r"^(?:那么|那)(?=\S)", "", standalone) if anaphor.start() <= 2 else standalone
        return f"{topic}：{question}"

    @staticmethod
    def _asked_term(text: str) -> str:
        """The term the previous question named: quoted, the subject of 什么是X, a side of a comparison."""
        terms = [t for t in analyse(text).key_terms if 2 <= len(t) <= 12 and not re.search(r"[它他她这那，,？?]", t)]
        return terms[0] if terms else ""

    def _salient_term(self, text: str) -> str:
        """The glossary term an answer is most about: the most frequent, the earliest on a tie."""
        counts = {term: text.count(term) for term in self.glossary if term in text}
        counts |= {term: text.count(term) for term in re.findall(QUOTED_TERM, text)}
        # a term nested in a longer found term (两公开 in 四议两公开) does not count on its own
        whole = whole_words(list(counts))
        if not whole:
            return ""
        return min(whole, key=lambda t: (-counts[t], text.index(t)))

    def _main_word(self, text: str) -> str:
        """The first content word not nested in another (search mode yields sub-words too)."""
        tokens = list(dict.fromkeys(self.tokenizer(text)))
        whole = whole_words(tokens)
        return whole[0] if whole else ""


class LLMCondenser:
    def __init__(self, chat_model, fallback: RuleCondenser):
        self.chat_model = chat_model
        self.fallback = fallback

    def condense(self, question: str, history: Sequence[Turn]) -> str:
        if not history:
            return question
        prompt = render("condense", history=[{"role": t.role, "content": t.content} for t in history[-6:]],
                        question=question)
        try:
            reply = self.chat_model.invoke(to_messages(prompt))
            text = str(reply.content).strip().splitlines()[0].strip() if str(reply.content).strip() else ""
        except Exception as exc:  # any transport or API failure: the rule still works
            log.warning("LLM condense failed, using the rule: %s", redact(exc))
            text = ""
        return text or self.fallback.condense(question, history)
