"""The LLM quiz generator: structured JSON from an OpenAI-compatible chat model, parsed into
:class:`Question` models, retried when the reply is not valid; the same validation follows."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator

from pydantic import ValidationError

from ..llm import LazyChatModel, to_messages
from ..errors import redact
from ..models import Chunk
from ..prompts import render
from ..settings import Settings
from .model import TYPE_LABELS, Question, parse_question
from .pools import is_example

log = logging.getLogger(__name__)
SCHEMAS = {
    "single_choice": '{"type": "single_choice", "stem": "题干，空位写作（    ）", "options": ["选项1", "选项2", "选项3", "选项4"], '
                     '"answer": [0], "explanation": "解析", "source": {"quote": "材料原文"}}',
    "multiple_choice": '{"type": "multiple_choice", "stem": "题干（    ）", "options": ["…", "…", "…", "…", "…"], '
                       '"answer": [0, 2, 3], "explanation": "解析", "source": {"quote": "材料原文"}}',
    "true_false": '{"type": "true_false", "stem": "一个陈述句", "answer": true, "explanation": "解析", '
                  '"source": {"quote": "材料原文"}}',
    "fill_blank": '{"type": "fill_blank", "stem": "带一个______空位的句子", "answer": ["标准答案"], "explanation": "解析", '
                  '"source": {"quote": "材料原文"}}',
    "short_answer": '{"type": "short_answer", "stem": "一个完整的问题？", "answer": "1. 材料原句\\n2. 材料原句", '
                    '"explanation": "评分参考", "source": {"quote": "包含各条原句的连续材料原文"}}',
}


def parse_items(text: str, chunk: Chunk, qtype: str) -> list[Question]:
    """Questions from a model reply; raises ValueError when the reply is not the JSON asked for."""
    match = re.search(r"\[.*\]", text, re.S)
    if not match:
        raise ValueError("回复中没有 JSON 数组")
    raw = json.loads(match.group())
    if not isinstance(raw, list):
        raise ValueError("回复不是 JSON 数组")
    items = []
    for entry in raw:
        if not isinstance(entry, dict):
            raise ValueError("数组元素不是对象")
        entry = {**entry, "type": qtype,
                 "source": {"source": chunk.source, "quote": str((entry.get("source") or {}).get("quote", ""))}}
        items.append(parse_question(entry))
    return items


def outage_reason(exc: BaseException) -> str:
    """Why the model could not be used, in a few Chinese words for the trainer (the details are in the log)."""
    name = type(exc).__name__ + " " + str(exc)[:200]
    if "Timeout" in name or "timed out" in name:
        return "响应超时"
    if "Connect" in name or "Connection" in name:
        return "无法连接"
    if "Authentication" in name or "401" in name or "403" in name:
        return "密钥无效或无权访问"
    return "服务返回错误"


class LLMQuizGenerator:
    name = "llm"

    def __init__(self, settings: Settings, per_call: int = 3, retries: int = 2, chat_model=None):
        self.settings = settings
        self.per_call = per_call
        self.retries = retries
        self._chat = LazyChatModel(settings, streaming=False, model=chat_model)
        self.unreachable = ""  # why the model could not be used (transport or API error); then no more calls

    def candidates(self, chunk: Chunk, qtype: str) -> Iterator[Question]:
        if is_example(chunk) or self.unreachable:
            return
        prompt = render("quiz", title=chunk.title, heading=" > ".join(chunk.heading_path), passage=chunk.text,
                        qtype=qtype, type_label=TYPE_LABELS[qtype], count=self.per_call, schema=SCHEMAS[qtype])
        messages = to_messages(prompt)
        for attempt in range(self.retries + 1):
            try:
                reply = self._chat().invoke(messages)
            except Exception as exc:  # transport and API errors: the model is not usable now (generate_quiz falls back)
                log.warning("LLM quiz call failed: %s", redact(exc))
                self.unreachable = outage_reason(exc)
                return
            text = str(reply.content)
            try:
                yield from parse_items(text, chunk, qtype)
                return
            except (ValueError, ValidationError, json.JSONDecodeError) as exc:
                log.info("LLM quiz reply rejected (attempt %d): %s", attempt + 1, redact(exc))
                messages += [("ai", text), ("human", f"上面的输出不符合要求（{str(exc)[:200]}）。请只输出符合格式的 JSON 数组。")]


def make_quiz_generator(settings: Settings, pools_factory):
    """The LLM generator when an LLM is configured, else the offline rules (``pools_factory()`` builds their pools)."""
    if settings.use_llm:
        return LLMQuizGenerator(settings)
    from .offline import RuleGenerator

    return RuleGenerator(pools_factory())
