"""How an :class:`Answer` is shown: Markdown for people, a JSON object for scripts (contract C2)."""

from __future__ import annotations

from ..models import Answer


def source_line(n: int, title: str, source: str, heading_path: tuple[str, ...]) -> str:
    where = " › ".join(heading_path)
    return f"[{n}] 《{title}》 · {source}" + (f" · {where}" if where else "")


def to_markdown(answer: Answer) -> str:
    if answer.refused or not answer.citations:
        return answer.text
    lines = [answer.text, "", "**来源**", ""]
    for citation in answer.citations:
        chunk = citation.passage.chunk
        lines.append("- " + source_line(citation.n, chunk.title, chunk.source, chunk.heading_path))
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
            }
            for c in answer.citations
        ],
    }
