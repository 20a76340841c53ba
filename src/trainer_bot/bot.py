"""The assembled pipeline: one object holding what every entry point needs (built once, passed in)."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from langchain_core.embeddings import Embeddings

from .answer import Answerer, ExtractiveAnswerer
from .answer.lists import spells_out_procedure
from .answer.offline import NAMED_PROCEDURE
from .condense import Condenser, LLMCondenser, RuleCondenser, Turn
from .embed import make_embeddings
from .ingest import IngestReport, ingest_paths
from .models import Answer, Chunk, Passage, Progress, Retrieval, SourceInfo, Validity
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
            from .answer.llm import LLMAnswerer
            from .llm import make_chat_model

            answerer: Answerer = LLMAnswerer(settings, offline, max_passages=settings.top_k)
            condenser: Condenser = LLMCondenser(make_chat_model(settings, streaming=False), rule)
        else:
            answerer, condenser = offline, rule
        return cls(settings, store, tokenizer, retriever, answerer, condenser)

    def retrieve(self, question: str, sources: Sequence[str] | None = None) -> Retrieval:
        """Passages for the question. A comparison also retrieves what each side is, so both are answered;
        a how-to whose top passages name a procedure (走“四议两公开”程序) also retrieves what it is."""
        info = analyse(question)
        current = not info.history
        retrieval = self.retriever.retrieve(question, sources=sources, expand=True, current_only=current)
        if spells_out_procedure(info) and retrieval.gate.covered:
            named = dict.fromkeys(m.group(1) for p in retrieval.passages[:5] for m in NAMED_PROCEDURE.finditer(p.chunk.text))
            extra = [self._definition(term, sources, current).passages for term in list(named)[:2]]
            return replace(retrieval, passages=_merged(retrieval.passages, *extra))
        if info.kind != "comparison" or len(info.sides) != 2 or retrieval.gate.reason in ("term_absent", "no_content_words"):
            return retrieval
        sides = [self._definition(side, sources, current) for side in info.sides]
        gate = retrieval.gate
        if not gate.covered and all(r.gate.covered for r in sides):
            gate = replace(gate, covered=True, reason="sides_covered")
        if not gate.covered:
            return retrieval
        passages = _merged(retrieval.passages[:1], *(r.passages for r in sides), retrieval.passages[1:])
        return Retrieval(retrieval.question, passages, gate)

    def _definition(self, term: str, sources: Sequence[str] | None, current: bool) -> Retrieval:
        return self.retriever.retrieve(f"什么是{term}", k=2, sources=sources, current_only=current)

    def standalone(self, question: str, history: Sequence[Turn] = ()) -> str:
        return self.condenser.condense(question, history) if history else question

    def stream(self, question: str, history: Sequence[Turn] = ()) -> Iterator[str | Answer]:
        """Pieces of the answer text as they come, then the final :class:`Answer`."""
        standalone = self.standalone(question, history)
        retrieval = self.retrieve(standalone)
        for item in self.answerer.stream(retrieval):
            if isinstance(item, Answer):
                item.question = question
                item.standalone_question = standalone
                item.retrieved = retrieval.passages
                note = outdated_note(item)
                if note:
                    item.text += "\n\n" + note
                    yield "\n\n" + note
            yield item

    def ask(self, question: str, history: Sequence[Turn] = ()) -> Answer:
        final = None
        for item in self.stream(question, history):
            if isinstance(item, Answer):
                final = item
        assert final is not None
        return final

    def ingest(self, paths: Sequence[Path], progress: Progress | None = None, skip: Collection[str] = (),
               isolate: bool = False) -> IngestReport:
        report = ingest_paths(self.store, paths, self.settings.max_chunk_chars, progress, skip=skip, isolate=isolate)
        if any(r.status in ("added", "updated") for r in report.results):
            self.retriever.warm_up()
        return report

    def set_validity(self, source: str, validity: Validity) -> int:
        """Status and dates for one source (the chunks it has); what answers and quizzes then respect."""
        return self.store.set_validity(source, validity)

    def set_topic(self, source: str, topic: str) -> int:
        """A topic a trainer gave the source (an upload has no folder, a PDF no front matter)."""
        return self.store.set_topic(source, topic)

    def chunks(self) -> list[Chunk]:
        """Every stored chunk, in source order (quiz material, quote checks)."""
        return self.store.all_chunks()

    def source_texts(self) -> dict[str, str]:
        """The cleaned text of each source, as stored (what a quiz quote must be verbatim in); cached per revision."""
        from .quiz.generate import source_texts

        return self.store.derived.get("source_texts", lambda: source_texts(self.chunks()), wait=True)

    def count(self) -> int:
        return self.store.count()

    @property
    def embedding_id(self) -> str:
        """The embedding model the store was built with (eval results record it)."""
        return self.store.model_id

    def passages_about(self, topic: str, k: int, sources: Sequence[str] | None = None,
                       current_only: bool = True) -> list[Passage]:
        """The passages most about a topic (quiz material), without the answer-shaping of :meth:`retrieve`."""
        return self.retriever.retrieve(topic, k=k, sources=sources, current_only=current_only).passages

    def warm_up(self) -> None:
        """Build the derived indexes a first question would otherwise wait for."""
        self.retriever.warm_up()

    def remove(self, source: str) -> int:
        return self.store.delete_source(source)

    def sources(self) -> list[SourceInfo]:
        return self.store.sources()

    def topics(self) -> list[str]:
        return topics(self.store)

    def topic_map(self) -> dict[str, str]:
        """Source → topic (its front matter's, else its folder), for 专项答题; cached per store revision."""
        def compute() -> dict[str, str]:
            return {s.source: s.topic or (s.source.split("/")[0] if "/" in s.source else "") for s in self.store.sources()}

        return self.store.derived.get("topic_map", compute)

    def embed_questions(self, texts: Sequence[str]) -> list[list[float]]:
        """Question vectors (grouping refused questions by meaning)."""
        return [self.store.embeddings.embed_query(t) for t in texts]

    def cite(self, source: str, quote: str = "") -> str:
        """Where a quote is, as a reader names it: 《title》 · its section; the path if the source is gone."""
        chunks = [c for c in self.retriever.lexical().chunks if c.source == source]
        if not chunks:
            return source
        compact = "".join(quote.split())
        chunk = next((c for c in chunks if compact and compact in "".join(c.text.split())), chunks[0])
        section = chunk.heading_path[-1] if chunk.heading_path and compact else ""
        return f"《{chunk.title}》" + (f" · {section}" if section and section != chunk.title else "")


def outdated_note(answer: Answer) -> str:
    """What an answer must say when it quotes material that is no longer in force (a question about history)."""
    if answer.refused:
        return ""
    old: dict[str, tuple[str, Validity]] = {}
    for citation in answer.citations:
        chunk = citation.passage.chunk
        if chunk.validity.outdated:
            old.setdefault(chunk.source, (chunk.title, chunk.validity))
    parts = []
    for title, validity in old.values():
        name = validity.basis or title
        later = f"，现行规定见《{validity.superseded_by}》" if validity.superseded_by else ""
        parts.append(f"《{name}》{validity.status}{later}")
    return ("注意：以上部分内容出自" + "；".join(parts) + "，仅说明过去的规定，不是现行要求。") if parts else ""


def _merged(*groups: Sequence[Passage]) -> list[Passage]:
    """The passages of all groups in order, each chunk once (where it first appears)."""
    merged: dict[str, Passage] = {}
    for group in groups:
        for passage in group:
            merged.setdefault(passage.chunk.id, passage)
    return list(merged.values())


def topics(store: KnowledgeStore) -> list[str]:
    """What a refusal suggests asking about: the material's topics, largest first (titles where untagged).

    Cached per store revision: a refusal must not scan every chunk's metadata.
    """
    def compute() -> list[str]:
        weight: dict[str, int] = {}
        for s in store.sources():
            label = s.topic or s.title
            weight[label] = weight.get(label, 0) + s.chunks
        return sorted(weight, key=lambda label: (-weight[label], label))[:6]

    return store.derived.get("topics", compute)
