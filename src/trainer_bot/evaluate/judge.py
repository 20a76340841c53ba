"""Optional LLM judge (faithfulness, answer relevance) with Chinese prompts from ``prompts/``.

Never needed for the default suites; used by ``eval run --judge`` when an LLM is configured.
Scores 1–5 are mapped to 0–1; an unusable reply scores ``None`` (left out of the mean).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Sequence

from ..errors import redact
from ..llm import to_messages
from ..prompts import render

log = logging.getLogger(__name__)


def parse_score(text: str) -> float | None:
    match = re.search(r"\{.*\}", text, re.S)
    try:
        score = int(json.loads(match.group())["score"]) if match else None
    except (ValueError, KeyError, TypeError):
        score = None
    if score is None or not 1 <= score <= 5:
        return None
    return (score - 1) / 4


class LLMJudge:
    def __init__(self, chat_model):
        self.chat_model = chat_model

    def _ask(self, prompt_name: str, **variables) -> float | None:
        prompt = render(prompt_name, **variables)
        try:
            reply = self.chat_model.invoke(to_messages(prompt))
        except Exception as exc:  # a judge failure must not fail the run
            log.warning("judge call failed: %s", redact(exc))
            return None
        return parse_score(str(reply.content))

    def score(self, question: str, answer: str, passages: Sequence[str]) -> dict[str, float | None]:
        return {
            "judge_faithfulness": self._ask("judge_faithfulness", question=question, answer=answer,
                                            passages=list(passages)),
            "judge_relevance": self._ask("judge_relevance", question=question, answer=answer),
        }
