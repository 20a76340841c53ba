"""Chat Markdown: the answer with [n] markers, then each cited passage as an expandable footnote."""

from __future__ import annotations

import html
import re

from ..answer.render import source_line
from ..models import Answer

SOURCES_HEADER = "**来源**"


def chat_markdown(answer: Answer) -> str:
    if answer.refused or not answer.citations:
        return answer.text
    parts = [answer.text, "", SOURCES_HEADER, ""]
    for citation in answer.citations:
        chunk = citation.passage.chunk
        summary = html.escape(source_line(citation.n, chunk), quote=False)
        body = html.escape(chunk.text, quote=False).replace("\n", "<br>")
        parts.append(f'<details class="tb-source"><summary>{summary}</summary>\n\n{body}\n\n</details>\n')
    return "\n".join(parts)


def strip_sources(markdown: str) -> str:
    """The answer part of an earlier assistant message (for condensing follow-ups)."""
    text = markdown.split(SOURCES_HEADER, 1)[0]
    return re.sub(r"\[\d+\]", "", text).strip()
