"""The assembled pipeline: one object holding what every entry point needs (built once, passed in)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from langchain_core.embeddings import Embeddings

from .answer import Answerer, ExtractiveAnswerer
from .embed import make_embeddings
from .ingest import IngestReport, Progress, ingest_paths
from .models import Answer, Retrieval, SourceInfo
from .retrieve import HybridRetriever
from .settings import Settings
from .store import KnowledgeStore
from .tokenize import Tokenizer


@dataclass
class TrainerBot:
    settings: Settings
    store: KnowledgeStore
    tokenizer: Tokenizer
    retriever: HybridRetriever
    answerer: Answerer

    @classmethod
    def from_settings(cls, settings: Settings, embeddings: Embeddings | None = None) -> TrainerBot:
        embeddings = embeddings or make_embeddings(settings)
        store = KnowledgeStore(settings, embeddings)
        tokenizer = Tokenizer()
        retriever = HybridRetriever(store, tokenizer, settings.top_k, settings.candidates)
        bot = cls(settings, store, tokenizer, retriever, answerer=None)  # type: ignore[arg-type]
        bot.answerer = ExtractiveAnswerer(tokenizer, lambda t: retriever.lexical().idf(t), bot.topics,
                                          max_sentences=settings.answer_sentences)
        return bot

    def retrieve(self, question: str, sources: Sequence[str] | None = None) -> Retrieval:
        return self.retriever.retrieve(question, sources=sources)

    def ask(self, question: str) -> Answer:
        return self.answerer.answer(self.retrieve(question))

    def ingest(self, paths: Sequence[Path], progress: Progress | None = None) -> IngestReport:
        report = ingest_paths(self.store, paths, self.settings.max_chunk_chars, progress)
        if any(r.status in ("added", "updated") for r in report.results):
            self.retriever.warm_up()
        return report

    def remove(self, source: str) -> int:
        return self.store.delete_source(source)

    def sources(self) -> list[SourceInfo]:
        return self.store.sources()

    def topics(self) -> list[str]:
        """What the refusal suggests asking about: the material's topics, largest first (titles where untagged)."""
        weight: dict[str, int] = {}
        for s in self.store.sources():
            label = s.topic or s.title
            weight[label] = weight.get(label, 0) + s.chunks
        return sorted(weight, key=lambda label: (-weight[label], label))[:6]
