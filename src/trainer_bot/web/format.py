"""Chat Markdown: the answer with [n] markers, then each cited passage as an expandable footnote."""

from __future__ import annotations

import hashlib
import html
import re

from ..models import Answer, Chunk

SOURCES_HEADER = "**来源**"


def footnote_title(n: int, chunk: Chunk) -> str:
    """「[n] 《title》 · section › subsection · 依据：《…》（dates）· status」: what a reader names a source by."""
    section = " › ".join(h for h in chunk.heading_path if h != chunk.title)
    return " · ".join(p for p in (f"[{n}] 《{chunk.title}》", section, chunk.validity.line()) if p)


def chat_markdown(answer: Answer) -> str:
    """The answer with each [n] a link to footnote n (which opens on the jump), then the footnotes; a footnote
    shows the passage and, last, the file it comes from."""
    if not answer.citations:  # a refusal cites only when it shows the nearest sentences
        return answer.text
    key = hashlib.sha1(answer.text.encode()).hexdigest()[:8]  # ids unique across the answers of a conversation
    numbers = {c.n for c in answer.citations}
    text = re.sub(r"\[(\d+)\]", lambda m: f'<a class="tb-ref" href="#tb-{key}-{m.group(1)}">[{m.group(1)}]</a>'
                  if int(m.group(1)) in numbers else m.group(0), answer.text)
    parts = [text, "", SOURCES_HEADER, ""]
    for citation in answer.citations:
        chunk = citation.passage.chunk
        summary = html.escape(footnote_title(citation.n, chunk), quote=False)
        body = html.escape(chunk.text, quote=False).replace("\n", "<br>")
        parts.append(f'<details class="tb-source" id="tb-{key}-{citation.n}"><summary>{summary}</summary>\n\n{body}'
                     f'<br><small>文件：{html.escape(chunk.source, quote=False)}</small>\n\n</details>\n')
    return "\n".join(parts)


def strip_sources(markdown: str) -> str:
    """The answer part of an earlier assistant message (for condensing follow-ups)."""
    text = markdown.split(SOURCES_HEADER, 1)[0]
    text = re.sub(r"<a [^>]*>(\[\d+\])</a>", r"\1", text)
    return re.sub(r"\[\d+\]", "", text).strip()
