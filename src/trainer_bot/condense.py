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

from .prompts import render
from .tokenize import Tokenizer, load_glossary

log = logging.getLogger(__name__)
_ANAPHORA = re.compile(r"它们|它|这个制度|这个办法|这项工作|这种做法|这一做法|这个|这项|这种|该制度|该做法|上述做法|前面说的|刚才说的")


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
        self.glossary = sorted(set(terms), key=len, reverse=True)

    def topic(self, text: str) -> str:
        """Glossary terms of a question, longest first and not nested in one another."""
        found: list[str] = []
        for term in self.glossary:
            if term in text and not any(term in f for f in found):
                found.append(term)
        return "、".join(found[:2])

    def condense(self, question: str, history: Sequence[Turn]) -> str:
        previous = next((t.content for t in reversed(history) if t.role == "user"), "")
        if not previous:
            return question
        anaphor = _ANAPHORA.search(question)
        own_terms = self.topic(question)
        if not anaphor and (own_terms or len(self.tokenizer(question)) > 3):
            return question  # a complete question on its own
        topic = self.topic(previous) or "，".join(self.tokenizer(previous)[:4])
        if not topic:
            return question
        if anaphor:
            return question[: anaphor.start()] + topic + question[anaphor.end():]
        return f"{topic}：{question}"


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
            reply = self.chat_model.invoke([("system", prompt["system"]), ("human", prompt["user"])])
            text = str(reply.content).strip().splitlines()[0].strip() if str(reply.content).strip() else ""
        except Exception as exc:  # any transport or API failure: the rule still works
            log.warning("LLM condense failed, using the rule: %s", exc)
            text = ""
        return text or self.fallback.condense(question, history)
