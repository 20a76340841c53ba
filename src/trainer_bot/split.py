"""Split: Chinese-aware chunking.

Headings (Markdown ``#``, 第X章/节/条, 一、, （一）) open sections whose path is
kept on every chunk; inside a section paragraphs are packed up to a size, long
paragraphs are cut at sentence ends (。！？；), long sentences at commas.
Chunk ids are derived from content, so the same file always yields the same ids.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator

from .models import Chunk, Document, Validity

_NUM = "一二三四五六七八九十百零〇两"
_HEADING_PATTERNS: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(rf"^第[{_NUM}\d]+编\s*\S"), 10),
    (re.compile(rf"^第[{_NUM}\d]+章(\s+\S.*)?$"), 11),
    (re.compile(rf"^第[{_NUM}\d]+节(\s+\S.*)?$"), 12),
    (re.compile(rf"^[{_NUM}]+、\S"), 13),
    (re.compile(rf"^[（(][{_NUM}]+[)）]\S"), 14),
    # a bare line naming an invented case or the misconceptions (plain text has no #): 案例（示例，人物与情节为虚构）
    # a line wrapped in 【】 (【献血前要注意啥】、【说个身边的例子（示例，虚构）】): a heading in plain text
    (re.compile(r"^【[^【】。！？]{2,28}】[：:]?$"), 13),
    # (also as an appendix: 附二：常见误区)
    (re.compile(rf"^(?:附(?:件|录)?[{_NUM}\d]*[：:、.．\s]*)?[【\[]?(?:典型)?(?:案例|示例|常见误区|误区辨析)[】\]]?(?:\s*[（(：:][^。！？]*)?$"), 13),
    # an attachment of a notice (附件1, 附件2：整改告知书（样式）, 附件 alone above its form): a section of its own, not
    # part of the last article
    (re.compile(rf"^附件(?:\s*[{_NUM}\d]+(?:[：:、.．\s]\s*[^。！？；]{{0,30}})?|[：:]?)$"), 13),
)
# a paragraph that tells an invented story without a heading of its own (讲个例子（示例，人物与情节为虚构）：…)
_INLINE_EXAMPLE = re.compile(r"[（(](?:示例|案例)[^）)]{0,16}虚构[^）)]{0,10}[）)]|(?:示例|案例)[（(·・，,、\s]{0,2}虚构"
                             r"|^(?:[讲说举]个|举一个|讲一个)(?:例子|案例)[^。]{0,8}[（(]示例")
# the emoji and marks a WeChat article sets before a heading (📌、▶、★、■)
_DECORATION = re.compile("^[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\u25A0-\u25FF\u2190-\u21FF\uFE0F\u200d\s]+")
_ARTICLE = re.compile(rf"^(第[{_NUM}\d]+条)[\s　]*")
_ORDINAL_PARAGRAPH = re.compile(rf"^(第[{_NUM}]+|首先|其次|再次|最后)[，,]([^，,。！？；]{{2,30}})[，,。]")
# a line end closes a sentence too (re.M): a list item or a line with no final 。 is not dropped
_SENTENCE = re.compile(r"[^。！？；!?;\n]*(?:[。！？；!?;]+[”’」』）)]*|$)", re.M)
_ANSWER_UNIT = re.compile(r"[^。！？!?\n]*(?:[。！？!?]+[”’」』）)]*|$)", re.M)


def heading_rank(line: str) -> int | None:
    """Rank of a heading line (smaller = higher), or None for body text."""
    line = _DECORATION.sub("", line.strip())  # 📌 案例（示例，人物与情节为虚构）: a WeChat article's marks open its headings
    md = re.match(r"^(#{1,6})\s+\S", line)
    if md:
        return len(md.group(1))
    if len(line) > 40 or re.search(r"[。！？；]$", line):
        return None
    for pattern, rank in _HEADING_PATTERNS:
        if pattern.match(line):
            return rank
    return None


def split_sentences(text: str) -> list[str]:
    """Sentences ending in 。！？； (closing quotes stay with their sentence)."""
    return [s for s in (m.group().strip() for m in _SENTENCE.finditer(text)) if s]


def chunk_units(text: str) -> list[str]:
    """Answer units of a chunk: sentences ending in 。！？ or a line end (a ；-separated enumeration stays one unit).

    Each unit gets its own vector at ingest, and the offline engine quotes whole units.
    """
    return [s for s in (m.group().strip() for m in _ANSWER_UNIT.finditer(text)) if s]


_MARKERS = {13: re.compile(rf"^[{_NUM}]+、"), 14: re.compile(rf"^[（(][{_NUM}]+[)）]")}


def _listed_lines(lines: list[str]) -> set[int]:
    """Lines that look like 一、… or （一）… headings but stand among items of the same marker with no text of
    their own between (（一）户口簿 （二）收入证明；（三）…): the items of a list, kept as text instead of
    becoming empty sections."""
    filled = [n for n, line in enumerate(lines) if line]
    listed: set[int] = set()
    for i, n in enumerate(filled):
        rank = heading_rank(lines[n])
        if rank not in _MARKERS or lines[n].startswith("#"):
            continue
        neighbours = [filled[j] for j in (i - 1, i + 1) if 0 <= j < len(filled)]
        if any(_MARKERS[rank].match(lines[m]) for m in neighbours):
            listed.add(n)
    return listed


def _sections(text: str) -> Iterator[tuple[tuple[str, ...], list[str]]]:
    """Yield (heading path, paragraphs) for each run of body text."""
    stack: list[tuple[int, str]] = []
    paragraphs: list[str] = []
    current: list[str] = []

    def path() -> tuple[str, ...]:
        return tuple(h for _, h in stack)

    def close_paragraph() -> None:
        if current:
            paragraphs.append("\n".join(current))
            current.clear()

    lines = [raw.strip() for raw in text.split("\n")]
    listed = _listed_lines(lines)
    for n, line in enumerate(lines):
        rank = heading_rank(line) if n not in listed else None
        article = _ARTICLE.match(line) if rank is None else None
        ordinal = _ORDINAL_PARAGRAPH.match(line) if rank is None and not article else None
        if rank is not None or article or ordinal:
            close_paragraph()
            if paragraphs:
                yield path(), paragraphs
                paragraphs = []
            if rank is not None:
                title = _DECORATION.sub("", line.lstrip("#").strip())  # (## 📌 案例…: the heading is 案例…)
            elif article:
                rank, title = 16, article.group(1)
            else:
                assert ordinal is not None  # one of the three matched
                rank, title = 15, f"{ordinal.group(1)}，{ordinal.group(2)}"
            while stack and stack[-1][0] >= rank:
                stack.pop()
            stack.append((rank, title))
            if rank in (15, 16):
                current.append(line)
            continue
        if line:
            current.append(line)
        else:
            close_paragraph()
    close_paragraph()
    if paragraphs:
        yield path(), paragraphs


def _pieces(paragraph: str, limit: int) -> Iterator[str]:
    """A paragraph, or its sentences (or comma clauses) when it is longer than ``limit``."""
    if len(paragraph) <= limit:
        yield paragraph
        return
    for sentence in split_sentences(paragraph):
        if len(sentence) <= limit:
            yield sentence
            continue
        clause = ""
        for part in re.split(r"(?<=[，,、])", sentence):
            if clause and len(clause) + len(part) > limit:
                yield clause
                clause = ""
            clause += part
        if clause:
            yield clause


_BAR = re.compile(r"\s*[｜|]\s*")


def table_cells(line: str) -> list[str]:
    """The cells of a table row as loaders write it (a .docx or .html row ``a｜b｜c``, a Markdown ``| a | b |``);
    none when the line is no row."""
    if "｜" not in line and not re.match(r"^\s*\|.*\|\s*$", line):
        return []
    parts = _BAR.split(line.strip().strip("｜|"))
    return [p.strip() for p in parts] if len(parts) >= 2 else []


def is_header_row(line: str) -> bool:
    """A table's first row names its columns: short cells, no figures (序号｜检查事项｜标准要求｜完成时限)."""
    cells = table_cells(line)
    return any(re.search(r"\w", c) for c in cells) and all(len(c) <= 16 and not re.search(r"\d", c) for c in cells if c)


def chunk_document(doc: Document, max_chars: int = 360) -> list[Chunk]:
    """Cut a cleaned document into chunks of at most ``max_chars`` characters (sentences kept whole where possible)."""
    chunks: list[Chunk] = []
    seen: dict[str, int] = {}
    title = doc.title
    for path, paragraphs in _sections(doc.text):
        if path and path[0] in (title, _DECORATION.sub("", title)):
            path = path[1:]
        buffer = ""
        header = ""  # the header of the table being cut, repeated atop a chunk that continues it

        def flush() -> None:
            nonlocal buffer
            if buffer:
                chunks.append(_make_chunk(doc, title, path, buffer, len(chunks), seen))
                buffer = ""

        for whole in paragraphs:
            # a talk's invented story told in the flow (…。讲个例子（示例，虚构）：…): from the sentence that marks it,
            # a passage of its own marked as an example, so that it is never quoted or tested as fact
            story = _INLINE_EXAMPLE.search(whole)
            start = whole.rfind("。", 0, story.start()) + 1 if story else len(whole)
            para, told = whole[:start].rstrip(), whole[start:].lstrip()
            # a paragraph too long for one chunk is cut line by line (a Markdown table, a list without blank lines):
            # its line breaks stay, or two rows would be glued into one
            lines = para.split("\n") if len(para) > max_chars else [para]
            for line in (x for x in lines if x.strip()):
                row = table_cells(line)
                if row and is_header_row(line):
                    header = line
                elif not row or (header and len(row) != len(table_cells(header))):
                    header = ""
                for i, piece in enumerate(_pieces(line, max_chars)):
                    if buffer and len(buffer) + len(piece) + 1 > max_chars:
                        flush()
                    if not buffer and header and row and piece == line != header:
                        buffer = header  # a row without its header would not say what its cells are
                    # sentences of one line stay glued as in the source; lines and paragraphs get a line break
                    buffer += ("" if not buffer or i else "\n") + piece
            if told:
                flush()
                for piece in _pieces(told, max_chars):
                    chunks.append(_make_chunk(doc, title, (*path, "示例"), piece, len(chunks), seen))
        flush()
    return chunks


def _make_chunk(doc: Document, title: str, path: tuple[str, ...], text: str, index: int,
                seen: dict[str, int]) -> Chunk:
    digest = hashlib.sha256(f"{doc.source}\x00{' > '.join(path)}\x00{text}".encode()).hexdigest()[:16]
    seen[digest] = seen.get(digest, 0) + 1
    chunk_id = digest if seen[digest] == 1 else f"{digest}-{seen[digest]}"
    return Chunk(
        id=chunk_id,
        source=doc.source,
        title=title,
        text=text,
        heading_path=path,
        index=index,
        sha256=doc.sha256,
        topic=doc.meta.get("topic", ""),
        validity=Validity.from_meta(doc.meta),
    )
