"""Typed data that flows between the pipeline stages."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field, fields

from .clock import stamp, system_clock
from .roles import MISCONCEPTION_SECTION

# progress callbacks: (done, total, what is being worked on)
Progress = Callable[[int, int, str], None]


def now() -> str:
    """The time stored with records (UTC, ISO 8601, seconds)."""
    return stamp(system_clock())


@dataclass(frozen=True)
class Document:
    """A loaded and cleaned file: its text with Markdown-style headings (``#``) kept."""

    source: str  # path relative to the ingested folder (file name for a flat folder)
    title: str
    text: str
    sha256: str  # of the raw file bytes
    meta: dict[str, str] = field(default_factory=dict)  # e.g. topic, audience from front matter


OUTDATED = ("已修订", "已废止")
STATUSES = ("现行", *OUTDATED)


def chinese_date(value: str) -> str:
    """2024-06-28 → 2024年6月28日 (2024-06 → 2024年6月); anything else unchanged."""
    parts = value.split("-")
    if not all(p.isdigit() for p in parts) or not 1 <= len(parts) <= 3:
        return value
    return "".join(f"{int(p)}{unit}" for p, unit in zip(parts, ("年", "月", "日")))


@dataclass(frozen=True)
class Validity:
    """Whether a document's rule is in force (front matter, or set by a trainer for an upload)."""

    status: str = ""  # 现行 / 已修订 / 已废止; "" when not stated
    effective: str = ""  # 施行日期, YYYY-MM-DD (or YYYY-MM)
    basis: str = ""  # the law or document it rests on
    basis_date: str = ""  # when that text was adopted or last revised
    superseded_by: str = ""

    @classmethod
    def from_meta(cls, meta: Mapping[str, object]) -> Validity:
        return cls(**{f.name: str(meta.get(f.name) or "") for f in fields(cls)})

    def to_meta(self) -> dict[str, str]:
        """The stated fields, for flat metadata (Chroma, JSON)."""
        return {k: v for k, v in asdict(self).items() if v}

    @property
    def outdated(self) -> bool:
        return self.status in OUTDATED

    def line(self) -> str:
        """「依据：《…》（2025年10月28日，2026年1月1日起施行）· 现行」, or "" when nothing is known."""
        dates = "，".join(x for x in (chinese_date(self.basis_date),
                                      f"{chinese_date(self.effective)}起施行" if self.effective else "") if x)
        head = f"依据：《{self.basis}》" + (f"（{dates}）" if dates else "") if self.basis else dates
        status = self.status + (f"，已由《{self.superseded_by}》取代" if self.superseded_by and self.outdated else "")
        return " · ".join(x for x in (head, status) if x)


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
    validity: Validity = Validity()

    @property
    def role(self) -> str:
        """What the passage is (see material roles): ``example`` (案例/示例), ``misconception`` (误区) or ``statement``."""
        path = " ".join(self.heading_path)
        if "案例" in path or "示例" in path or "虚构" in path:
            return "example"
        if MISCONCEPTION_SECTION.search(path):
            return "misconception"
        return "statement"

    @property
    def heading(self) -> str:
        """The innermost heading of the chunk's section ("" for none)."""
        return self.heading_path[-1] if self.heading_path else ""

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
    # not covered, but not far off either: the refusal may show the nearest sentences, as such (never as the answer)
    near: bool = False


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
    retrieved: list[Passage] = field(default_factory=list)  # what the answer was chosen from, best first


@dataclass(frozen=True)
class SourceInfo:
    source: str
    title: str
    chunks: int
    sha256: str
    topic: str = ""
    validity: Validity = Validity()
