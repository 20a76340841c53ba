"""Load: read md, txt, html, pdf and docx files into text with ``#`` headings kept.

Text files may be UTF-8, UTF-8 with BOM, or GBK/GB18030. Every failure is a
:class:`LoadError` whose message names the file and says what to do.
"""

from __future__ import annotations

import hashlib
import re
from itertools import islice
from pathlib import Path

import yaml

from .errors import LoadError
from .models import Document

SUPPORTED = {".md", ".markdown", ".txt", ".html", ".htm", ".pdf", ".docx"}
_SENTENCE_END = "。！？；：…”’）》」』!?;:"


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decode_text(data: bytes, name: str) -> str:
    """Decode bytes of a text file: UTF-8 (with or without BOM), then GB18030, then a best guess."""
    if b"\x00" in data[:8192]:
        raise LoadError(f"{name}: 这是二进制文件，不是文本。请提供 md、txt、html、pdf 或 docx 文件。")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise LoadError(f"{name}: 无法识别文件编码。请另存为 UTF-8 编码后重试。")
    return str(best)


def split_front_matter(text: str) -> tuple[dict, str]:
    """YAML front matter between ``---`` lines at the top of a Markdown file."""
    match = re.match(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*\r?\n", text, re.S)
    if not match:
        return {}, text
    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError:
        return {}, text
    return (meta if isinstance(meta, dict) else {}), text[match.end():]


def _strip_markdown(text: str) -> str:
    text = re.sub(r"```.*?```", "", text, flags=re.S)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?m)^\s{0,3}>\s?", "", text)
    text = re.sub(r"(?m)^\s*([-*+]|\d+[.)])\s+", "", text)  # list markers: keep the item text
    text = re.sub(r"(?m)^\s*(-{3,}|\*{3,})\s*$", "", text)
    return text


def load_markdown(data: bytes, name: str) -> tuple[str, str, dict[str, str]]:
    meta, body = split_front_matter(decode_text(data, name))
    body = _strip_markdown(body)
    title = str(meta.get("title") or "")
    if not title:
        first = re.search(r"(?m)^#\s+(.+)$", body)
        title = first.group(1).strip() if first else ""
    flat = {k: _flatten(v) for k, v in meta.items() if k in ("topic", "audience", "updated")}
    return title, body, flat | validity_meta(meta)


VALIDITY_KEYS = ("status", "effective", "basis", "basis_date", "superseded_by", "supersedes")


def validity_meta(meta: dict) -> dict[str, str]:
    """Status and dates from front matter (contract: material roles). The basis is ``basis:`` when given,
    else the reference in force from the document's ``effective`` date, else the first current one, else
    the latest."""
    out = {k: _flatten(meta[k]) for k in VALIDITY_KEYS if meta.get(k) not in (None, "")}
    refs = [r for r in meta.get("references") or () if isinstance(r, dict) and r.get("title")]
    if refs and "basis" not in out:
        chosen = next((r for r in reversed(refs) if out.get("effective") and str(r.get("effective", "")) == out["effective"]),
                      None) or next((r for r in refs if r.get("status") == out.get("status", "现行")), None) or \
            max(refs, key=lambda r: str(r.get("date", "")))  # policy documents state no status: the latest
        out["basis"] = str(chosen["title"])
        if chosen.get("date"):
            out["basis_date"] = str(chosen["date"])
    elif "basis" in out and "basis_date" not in out:
        same = next((r for r in refs if str(r["title"]) == out["basis"] and r.get("date")), None)
        if same is not None:
            out["basis_date"] = str(same["date"])
    return out


def _flatten(value) -> str:
    if isinstance(value, (list, tuple)):
        return "、".join(str(v) for v in value)
    return str(value)


def load_txt(data: bytes, name: str) -> tuple[str, str, dict[str, str]]:
    return "", mark_bare_headings(decode_text(data, name)), {}


_BARE_HEADING = re.compile(r"[\u4e00-\u9fff][\u4e00-\u9fff“”]{1,15}")


def mark_bare_headings(text: str) -> str:
    """Plain text has no #: a short line of words alone in its paragraph, with no punctuation, before a longer
    paragraph (「办理流程」 then its steps) is a heading. The first line stays what it is (the title)."""
    lines = text.splitlines()
    seen_text = False
    for i, line in enumerate(lines):
        bare = line.strip()
        if not bare:
            continue
        before = lines[i - 1].strip() if i else ""
        after = next((x.strip() for x in lines[i + 1:] if x.strip()), "")
        if (seen_text and not before and _BARE_HEADING.fullmatch(bare) and len(after) > len(bare)
                and not _looks_like_heading(bare) and not _signs(lines[i + 1:])):
            lines[i] = "## " + bare
        seen_text = True
    return "\n".join(lines)


def _signs(after: list[str]) -> bool:
    """The lines after a bare line are the issuers and the date that sign a notice (at most three, one a date, no
    sentence): the bare line is one of the issuers, no section."""
    rest = list(islice((x.strip() for x in after if x.strip()), 4))
    return len(rest) <= 3 and any(re.search(r"\d{4}年\d{1,2}月\d{1,2}日", x) for x in rest) \
        and not any("。" in x for x in rest)


_DROP_TAGS = ["script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe",
              "button", "select", "svg", "template"]
_DROP_ATTR = re.compile(
    r"(^|[-_\s])(nav|menu|footer|header|sidebar|side|breadcrumb|crumb|comment|comments|share|"
    r"related|recommend|copyright|advert|ads?|banner|login|toolbar|pager|pagination|hot)([-_\s]|$)",
    re.I,
)
_CONTENT = ["p", "ol", "ul", "table", "h1", "h2", "h3", "h4", "h5", "h6"]
_BLOCKS = {"p", "div", "section", "article", "li", "tr", "br", "blockquote", "pre", "td", "dd", "dt"}


def load_html(data: bytes, name: str) -> tuple[str, str, dict[str, str]]:
    from bs4 import BeautifulSoup, Comment

    soup = BeautifulSoup(decode_text(data, name), "lxml")
    title = soup.title.get_text(strip=True) if soup.title else ""
    for node in soup.find_all(string=lambda s: isinstance(s, Comment)):
        node.extract()
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(True):
        if tag.attrs is None:
            continue
        marks = " ".join([str(tag.get("id") or ""), *(tag.get("class") or [])])
        if marks.strip() and _DROP_ATTR.search(marks) and tag.name not in ("body", "html", "main", "article"):
            tag.decompose()
    root = soup.find("article") or soup.find("main") or _densest(soup) or soup.body or soup
    h1 = root.find("h1") or soup.find("h1")
    if h1 and h1.get_text(strip=True):
        title = h1.get_text(strip=True)
    lines: list[str] = []
    _walk(root, lines)
    text = "\n".join(line for line in (" ".join(x.split()) for x in lines) if line)
    return title, text, {}


def _densest(soup):
    """The container whose direct paragraphs hold the most text: the article body on most sites."""
    best, best_len = None, 0
    for tag in soup.find_all(["div", "section", "td"]):
        size = sum(len(p.get_text(strip=True)) for p in tag.find_all("p", recursive=False))
        if size > best_len:
            best, best_len = tag, size
    if best_len < 80:
        return None
    # a box inside the article (a note, a quote) is not the article: while the headings, paragraphs and lists
    # beside it hold more text than it does, the article is its parent
    while best.parent is not None and best.parent.name not in ("[document]", "html"):
        beside = sum(len(c.get_text(strip=True)) for c in best.parent.find_all(_CONTENT, recursive=False) if c is not best)
        if beside <= len(best.get_text(strip=True)):
            break
        best = best.parent
    return best


def _walk(node, lines: list[str]) -> None:
    from bs4 import NavigableString, Tag

    buffer: list[str] = []

    def flush() -> None:
        if buffer:
            lines.append("".join(buffer))
            buffer.clear()

    for child in node.children:
        if isinstance(child, NavigableString):
            buffer.append(str(child))
        elif isinstance(child, Tag):
            if re.fullmatch(r"h[1-6]", child.name):
                flush()
                lines.append("#" * int(child.name[1]) + " " + child.get_text(" ", strip=True))
            elif child.name == "tr":  # a table's row on one line, its cells apart (as a .docx table's): a rule
                flush()               # stays beside the tier or case it is for
                cells = [" ".join(c.get_text(" ", strip=True).split()) for c in child.find_all(["td", "th"])]
                lines.append("｜".join(dict.fromkeys(c for c in cells if c)))
            elif child.name in _BLOCKS or child.find(list(_BLOCKS)):
                flush()
                _walk(child, lines)
                flush()
            else:
                buffer.append(child.get_text())
    flush()


def load_pdf(data: bytes, name: str) -> tuple[str, str, dict[str, str]]:
    from io import BytesIO

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
        title = str(reader.metadata.get("/Title") or "") if reader.metadata else ""
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise LoadError(f"{name}: PDF 文件已损坏或无法解析（{exc}）。请用原软件重新导出 PDF 后重试。") from None
    if not any(p.strip() for p in pages):
        raise LoadError(f"{name}: PDF 中没有可提取的文字（可能是扫描件）。请先做文字识别（OCR）再导入。")
    return title, join_broken_lines("\n".join(pages)), {}


def join_broken_lines(text: str) -> str:
    """Join lines that a PDF broke in mid-sentence; drop bare page numbers."""
    out: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if re.fullmatch(r"[-—\s]*\d{1,4}[-—\s]*|第\s*\d+\s*页(\s*[/共]\s*\d+\s*页?)?", line):
            continue
        if not line:
            if out and out[-1]:
                out.append("")
            continue
        prev = out[-1] if out else ""
        if prev and not prev.endswith(tuple(_SENTENCE_END)) and not _looks_like_heading(prev):
            glue = " " if re.search(r"[A-Za-z0-9]$", prev) and re.match(r"[A-Za-z0-9]", line) else ""
            out[-1] = prev + glue + line
        else:
            out.append(line)
    return "\n".join(out)


def _looks_like_heading(line: str) -> bool:
    from .split import heading_rank

    return heading_rank(line) is not None


# a .docx is a zip archive: what it would expand to is checked before any of it is parsed
MAX_ARCHIVE_ENTRIES = 2000
MAX_XML_BYTES = 30 * 1024 * 1024  # all XML parts together, uncompressed (a 500-page document has a few MB)
MAX_RATIO = 200  # uncompressed : compressed, for a part over 1 MB (text XML compresses about 5-20×)


def check_archive(data: bytes, name: str) -> None:
    """Refuse a zip bomb: too many parts, too much XML, or a part that expands far beyond text's ratio.
    The sizes are the archive's own; Python's zipfile stops reading a part at its declared size."""
    from io import BytesIO
    from zipfile import BadZipFile, ZipFile

    try:
        infos = ZipFile(BytesIO(data)).infolist()
    except BadZipFile:
        return  # not a zip at all: the parser says so in its own words
    refuse = f"{name}: 这个 Word 文件解压后异常庞大（{{}}），疑似损坏或恶意构造，已拒绝导入。请用 Word/WPS 另存后再上传。"
    if len(infos) > MAX_ARCHIVE_ENTRIES:
        raise LoadError(refuse.format(f"{len(infos)} 个内部文件"))
    xml = sum(i.file_size for i in infos if i.filename.endswith((".xml", ".rels")))
    if xml > MAX_XML_BYTES:
        raise LoadError(refuse.format(f"文字部分约 {xml // (1024 * 1024)} MB"))
    for info in infos:
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise LoadError(refuse.format(f"{info.filename} 压缩比超过 {MAX_RATIO} 倍"))


def load_docx(data: bytes, name: str) -> tuple[str, str, dict[str, str]]:
    from io import BytesIO
    from zipfile import BadZipFile

    import docx
    from docx.text.paragraph import Paragraph

    check_archive(data, name)
    try:
        document = docx.Document(BytesIO(data))
    except (BadZipFile, KeyError, ValueError) as exc:
        raise LoadError(f"{name}: 不是有效的 Word（.docx）文件（{exc}）。请用 Word/WPS 另存为 .docx 后重试。") from None
    lines: list[str] = []
    title = document.core_properties.title or ""
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(block, document)
            text = paragraph.text.strip()
            if not text:
                continue
            style = (paragraph.style.name if paragraph.style is not None else "") or ""
            level = re.search(r"(?:Heading|标题)\s*(\d)", style)
            if style in ("Title", "标题") and not title:
                title = text
            elif level:
                lines.append("#" * int(level.group(1)) + " " + text)
                continue
            lines.append(text)
        elif tag == "tbl":
            table = docx.table.Table(block, document)
            for row in table.rows:
                cells = [c.text.strip() for c in row.cells]
                lines.append("｜".join(dict.fromkeys(c for c in cells if c)))
    return title, "\n\n".join(lines), {}


_LOADERS = {
    ".md": load_markdown,
    ".markdown": load_markdown,
    ".txt": load_txt,
    ".html": load_html,
    ".htm": load_html,
    ".pdf": load_pdf,
    ".docx": load_docx,
}


def load_file(path: Path, source: str | None = None) -> Document:
    """Read one file into a :class:`Document` (not yet cleaned)."""
    source = source or path.name
    suffix = path.suffix.lower()
    if suffix not in _LOADERS:
        raise LoadError(f"{source}: 不支持的文件类型 {suffix or '（无扩展名）'}。支持：md、txt、html、pdf、docx。")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LoadError(f"{source}: 无法读取文件（{exc.strerror}）。请检查路径和读取权限。") from None
    if not data.strip():
        raise LoadError(f"{source}: 文件是空的。请确认文件内容后重新导入。")
    title, text, meta = _LOADERS[suffix](data, source)
    return Document(source=source, title=title.strip(), text=text, sha256=sha256_bytes(data), meta=meta)
