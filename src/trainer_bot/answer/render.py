"""How an :class:`Answer` is shown: Markdown for people, a JSON object for scripts (contract C2)."""

from __future__ import annotations

from ..models import Answer, Chunk


def source_line(n: int, chunk: Chunk) -> str:
    """「[n] 《title》 · source · section · 依据：《…》（dates）· status」"""
    parts = [f"[{n}] 《{chunk.title}》", chunk.source, " › ".join(chunk.heading_path), chunk.validity.line()]
    return " · ".join(p for p in parts if p)


def to_markdown(answer: Answer) -> str:
    if not answer.citations:  # a refusal cites only when it shows the nearest sentences
        return answer.text
    lines = [answer.text, "", "**来源**", ""]
    for citation in answer.citations:
        lines.append("- " + source_line(citation.n, citation.passage.chunk))
    return "\n".join(lines)


def to_json(answer: Answer) -> dict:
    return {
        "answer": answer.text,
        "refused": answer.refused,
        "sources": [
            {
                "source": c.passage.chunk.source,
                "title": c.passage.chunk.title,
                "chunk_id": c.passage.chunk.id,
                "score": c.passage.score,
                "text": c.passage.chunk.text,
                **c.passage.chunk.validity.to_meta(),  # status, effective, basis… where stated
            }
            for c in answer.citations
        ],
    }
