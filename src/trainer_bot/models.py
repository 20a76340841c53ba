"""Typed data that flows between the pipeline stages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone

# progress callbacks: (done, total, what is being worked on)
Progress = Callable[[int, int, str], None]


def now() -> str:
    """The time stored with records (UTC, ISO 8601, seconds)."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Document:
    """A loaded and cleaned file: its text with Markdown-style headings (``#``) kept."""

    source: str  # path relative to the ingested folder (file name for a flat folder)
    title: str
    text: str
    sha256: str  # of the raw file bytes
    meta: dict[str, str] = field(default_factory=dict)  # e.g. topic, audience from front matter


@dataclass(frozen=True)
class Chunk:
    id: str
    source: str
    title: str
    text: str
    heading_path: tuple[str, ...]
    index: int
    sha256: str
    topic: str = ""

    @property
    def role(self) -> str:
        """What the passage is (see material roles): ``example`` (案例/示例), ``misconception`` (误区) or ``statement``."""
        path = " ".join(self.heading_path)
        if "案例" in path or "示例" in path or "虚构" in path:
            return "example"
        if "误区" in path:
            return "misconception"
        return "statement"

    def embedding_text(self) -> str:
        """What the dense model sees: the passage with its title and section as context."""
        context = " > ".join((self.title, *self.heading_path))
        return f"{context}\n{self.text}"


@dataclass(frozen=True)
class Passage:
    """A chunk as retrieved for one question."""

    chunk: Chunk
    score: float  # fused hybrid score, 1.0 = ranked first by both retrievers
    dense: float | None = None  # cosine similarity, when the dense retriever found it
    bm25: float | None = None
    unit_scores: tuple[float, ...] = ()  # question ↔ each answer unit of the chunk (cosine), when known

    @property
    def role(self) -> str:
        return self.chunk.role


@dataclass(frozen=True)
class GateDecision:
    covered: bool
    probability: float
    features: dict[str, float]
    reason: str = ""


@dataclass(frozen=True)
class Retrieval:
    question: str
    passages: list[Passage]
    gate: GateDecision


@dataclass(frozen=True)
class Citation:
    n: int
    passage: Passage


@dataclass
class Answer:
    question: str
    text: str  # sentences with inline [n] markers; the refusal text when refused
    citations: list[Citation]
    refused: bool
    engine: str = "offline"
    standalone_question: str | None = None


@dataclass(frozen=True)
class SourceInfo:
    source: str
    title: str
    chunks: int
    sha256: str
    topic: str = ""
