"""LLM clients and chat messages, in one place for every stage that may call a model.

The answer engine, the condenser, the quiz generator and the eval judge all talk to the same
OpenAI-compatible endpoint through ``langchain-openai``; no client is built at import time.
"""

from __future__ import annotations

from .settings import Settings


def make_chat_model(settings: Settings, streaming: bool = True):
    from langchain_openai import ChatOpenAI
    from pydantic import SecretStr

    return ChatOpenAI(
        model=settings.llm_model or "gpt-4o-mini",
        base_url=settings.llm_base_url,
        api_key=SecretStr(settings.llm_api_key or "not-needed"),
        timeout=settings.llm_timeout,
        max_retries=0,
        temperature=settings.llm_temperature,
        streaming=streaming,
    )


class LazyChatModel:
    """A chat model built on first use (no client is created at import or construction time)."""

    def __init__(self, settings: Settings, streaming: bool, model=None):
        self.settings = settings
        self.streaming = streaming
        self._model = model

    def __call__(self):
        if self._model is None:
            self._model = make_chat_model(self.settings, streaming=self.streaming)
        return self._model


def to_messages(prompt: dict[str, str]) -> list[tuple[str, str]]:
    """A rendered prompt (``prompts/*.yaml``: system and user) as chat messages."""
    return [("system", prompt["system"]), ("human", prompt["user"])]
