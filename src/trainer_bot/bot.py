"""The assembled pipeline: one object holding what every entry point needs (built once, passed in)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from langchain_core.embeddings import Embeddings

from .answer import Answerer, ExtractiveAnswerer
from .answer.offline import NAMED_PROCEDURE
from .condense import Condenser, LLMCondenser, RuleCondenser, Turn
from .embed import make_embeddings
from .ingest import IngestReport, ingest_paths
from .models import Answer, Passage, Progress, Retrieval, SourceInfo
from .question import analyse
from .retrieve import HybridRetriever
from .settings import Settings
from .store import KnowledgeStore
from .tokenizer import Tokenizer


@dataclass
class TrainerBot:
    settings: Settings
    store: KnowledgeStore
    tokenizer: Tokenizer
    retriever: HybridRetriever
    answerer: Answerer
    condenser: Condenser

    @classmethod
    def from_settings(cls, settings: Settings, embeddings: Embeddings | None = None) -> TrainerBot:
        embeddings = embeddings or make_embeddings(settings)
        store = KnowledgeStore(settings, embeddings)
        tokenizer = Tokenizer()
        retriever = HybridRetriever(store, tokenizer, settings.top_k, settings.candidates)
        offline = ExtractiveAnswerer(tokenizer, lambda t: retriever.lexical().idf(t), lambda: topics(store),
                                     max_sentences=settings.answer_sentences)
        rule = RuleCondenser(tokenizer)
        if settings.use_llm:
            from .answer.llm import LLMAnswerer, make_chat_model

            answerer: Answerer = LLMAnswerer(settings, offline, max_passages=settings.top_k)
            condenser: Condenser = LLMCondenser(make_chat_model(settings, streaming=False), rule)
        else:
            answerer, condenser = offline, rule
        return cls(settings, store, tokenizer, retriever, answerer, condenser)

    def retrieve(self, question: str, sources: Sequence[str] | None = None) -> Retrieval:
        """Passages for the question; a comparison also retrieves for each side, so both are answered."""
        retrieval = self.retriever.retrieve(question, sources=sources, expand=True)
        info = analyse(question)
        if info.kind == "howto" and retrieval.gate.covered:
            retrieval = self._with_named_procedures(retrieval, sources)
        if info.kind != "comparison" or len(info.sides) != 2 or retrieval.gate.reason in ("term_absent", "no_content_words"):
            return retrieval
        merged: dict[str, Passage] = {}
        sides = [self.retriever.retrieve(f"什么是{side}", k=2, sources=sources) for side in info.sides]
        gate = retrieval.gate
        if not gate.covered and all(r.gate.covered for r in sides):
            gate = replace(gate, covered=True, reason="sides_covered")
        if not gate.covered:
            return retrieval
        for passage in [*retrieval.passages[:1], *(p for r in sides for p in r.passages), *retrieval.passages[1:]]:
            merged.setdefault(passage.chunk.id, passage)
        return Retrieval(question, list(merged.values()), gate)

    def _with_named_procedures(self, retrieval: Retrieval, sources: Sequence[str] | None) -> Retrieval:
        """How-to: a top passage that names a procedure (走“四议两公开”程序) brings the passages that
        spell it out, so the answer can give the steps and not only their name."""
        named = dict.fromkeys(m.group(1) for p in retrieval.passages[:3] for m in NAMED_PROCEDURE.finditer(p.chunk.text))
        extra: dict[str, Passage] = {}
        for term in list(named)[:2]:
            for passage in self.retriever.retrieve(f"什么是{term}", k=2, sources=sources).passages:
                extra.setdefault(passage.chunk.id, passage)
        known = {p.chunk.id for p in retrieval.passages}
        added = [p for cid, p in extra.items() if cid not in known]
        return replace(retrieval, passages=[*retrieval.passages, *added]) if added else retrieval

    def standalone(self, question: str, history: Sequence[Turn] = ()) -> str:
        return self.condenser.condense(question, history) if history else question

    def stream(self, question: str, history: Sequence[Turn] = ()) -> Iterator[str | Answer]:
        """Pieces of the answer text as they come, then the final :class:`Answer`."""
        standalone = self.standalone(question, history)
        for item in self.answerer.stream(self.retrieve(standalone)):
            if isinstance(item, Answer):
                item.question = question
                item.standalone_question = standalone
            yield item

    def ask(self, question: str, history: Sequence[Turn] = ()) -> Answer:
        final = None
        for item in self.stream(question, history):
            if isinstance(item, Answer):
                final = item
        assert final is not None
        return final

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
        return topics(self.store)


def topics(store: KnowledgeStore) -> list[str]:
    """What a refusal suggests asking about: the material's topics, largest first (titles where untagged).

    Cached per store revision: a refusal must not scan every chunk's metadata.
    """
    revision = store.revision()
    cached = store.derived.get("topics")
    if cached and cached[0] == revision:
        return cached[1]
    weight: dict[str, int] = {}
    for s in store.sources():
        label = s.topic or s.title
        weight[label] = weight.get(label, 0) + s.chunks
    result = sorted(weight, key=lambda label: (-weight[label], label))[:6]
    store.derived["topics"] = (revision, result)
    return result
