"""The LLM engine: any OpenAI-compatible chat endpoint through ``langchain-openai``.

The relevance gate still decides first (grounded or silent); the model only sees
the retrieved passages, must cite them as [n], and says a fixed marker when they
do not answer the question. Timeouts, API errors and uncited replies fall back to
the offline engine with a note, so a cadre always gets a grounded answer.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

from ..errors import redact
from ..llm import LazyChatModel, to_messages
from ..models import Answer, Citation, Passage, Retrieval
from ..question import QuestionInfo, analyse
from ..prompts import render
from ..settings import Settings
from .offline import ExtractiveAnswerer
from .roles import prompt_text, wants_example

log = logging.getLogger(__name__)
REFUSAL_MARKER = "材料未涉及"
FALLBACK_NOTE = "（大模型服务暂时不可用，以下内容由离线引擎从材料原文中摘录。）\n\n"
UNCITED_NOTE = "（大模型的回答没有标注出处，已改用材料原文摘录。）\n\n"


_GUIDANCE = {
    "definition": "问题问的是含义：第一句用材料中的定义作答。",
    "list": "问题要求列举：完整列出材料中的全部条目，不要遗漏，也不要添加材料以外的条目。",
    "howto": "问题问的是怎么做：按材料中的步骤或程序的先后顺序作答，不要用示例故事代替步骤。",
    "number": "问题问的是数字、期限或时间：第一句直接给出材料中的数字和单位。",
    "yesno": "问题问的是能不能、是不是：第一句先给出依据材料的结论，再说明依据。",
    "why": "问题问的是原因或目的：说明材料给出的理由。",
    "where": "问题问的是地点：第一句直接给出材料中的地名。",
    "naming": "问题描述了一种做法并问它叫什么：第一句给出材料中这种做法的名称，再用材料说明它是什么。",
}


def guidance(info: QuestionInfo) -> str:
    """How this kind of question is answered (a line of the answer prompt)."""
    if info.kind == "comparison":
        sides = "和".join(info.sides) if len(info.sides) == 2 else "比较的双方"
        return f"问题是比较：分别说明{sides}各自是什么，再说明它们的区别或关系；每一方都要标注出处。"
    return _GUIDANCE.get(info.kind, "")


class LLMAnswerer:
    name = "llm"

    def __init__(self, settings: Settings, fallback: ExtractiveAnswerer, max_passages: int = 5):
        self.settings = settings
        self.fallback = fallback
        self.max_passages = max_passages
        self._chat = LazyChatModel(settings, streaming=True)

    def usable(self, retrieval: Retrieval) -> list[tuple[Passage, str]]:
        """The passages the model sees, with the text it sees (material roles applied, as offline)."""
        example_wanted = wants_example(retrieval.question)
        out = []
        for passage in retrieval.passages:
            text = prompt_text(passage, example_wanted)
            if text:
                out.append((passage, text))
            if len(out) == self.max_passages:
                break
        return out

    def prompt(self, retrieval: Retrieval) -> dict[str, str]:
        passages = [{"n": i + 1, "title": p.chunk.title, "heading": " > ".join(p.chunk.heading_path), "text": text}
                    for i, (p, text) in enumerate(self.usable(retrieval))]
        return render("answer", question=retrieval.question, passages=passages, refusal_marker=REFUSAL_MARKER,
                      guidance=guidance(analyse(retrieval.question)))

    def answer(self, retrieval: Retrieval) -> Answer:
        final = None
        for item in self.stream(retrieval):
            if isinstance(item, Answer):
                final = item
        assert final is not None
        return final

    def stream(self, retrieval: Retrieval) -> Iterator[str | Answer]:
        if not retrieval.gate.covered or not retrieval.passages:
            yield self.fallback.refuse(retrieval)
            return
        parts: list[str] = []
        try:
            for chunk in self._chat().stream(to_messages(self.prompt(retrieval))):
                piece = chunk.content if isinstance(chunk.content, str) else ""
                if piece:
                    parts.append(piece)
                    yield piece
        except Exception as exc:  # openai raises timeouts, connection and HTTP status errors
            log.warning("LLM call failed, falling back to the offline engine: %s: %s", type(exc).__name__, redact(exc))
            yield self._fallback(retrieval, FALLBACK_NOTE)
            return
        yield self.finalize(retrieval, "".join(parts))

    def _fallback(self, retrieval: Retrieval, note: str) -> Answer:
        answer = self.fallback.answer(retrieval)
        if not answer.refused:
            answer.text = note + answer.text
        answer.engine = "offline-fallback"
        return answer

    def finalize(self, retrieval: Retrieval, text: str) -> Answer:
        """Keep only citations of passages that exist, renumbered in order of first use."""
        text = text.strip()
        if not text or REFUSAL_MARKER in text[:40]:
            return self.fallback.refuse(retrieval)
        passages = [p for p, _ in self.usable(retrieval)]
        mapping: dict[int, int] = {}
        citations: list[Citation] = []

        def renumber(match: re.Match) -> str:
            n = int(match.group(1))
            if not 1 <= n <= len(passages):
                return ""
            if n not in mapping:
                mapping[n] = len(mapping) + 1
                citations.append(Citation(mapping[n], passages[n - 1]))
            return f"[{mapping[n]}]"

        text = re.sub(r"\[(\d+)\]", renumber, text)
        if not citations:
            return self._fallback(retrieval, UNCITED_NOTE)
        return Answer(retrieval.question, text, citations, False, self.name)
