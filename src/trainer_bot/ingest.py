"""Ingest: files → load → clean → split → embed → store, idempotent by content hash.

A file whose bytes did not change is skipped; a changed file replaces its chunks
(new vectors are computed before the old ones are removed, so a failure never
loses what was stored); one bad file is reported and the others still land.
Files are embedded in batches across file boundaries and the store's revision is
bumped once per run: 10,000 small files cost about what embedding their text costs.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from .clean import clean_document
from .errors import LoadError, TrainerBotError
from .load import SUPPORTED, load_file
from .sandbox import load_isolated
from .models import Chunk, Progress
from .split import chunk_document, chunk_units

from .store import KnowledgeStore, embed_units

Status = Literal["added", "updated", "unchanged", "failed"]
BATCH_UNITS = 256  # answer units embedded and written together (several small files, or one large one)


@dataclass(frozen=True)
class FileResult:
    path: str
    source: str
    status: Status
    chunks: int = 0
    error: str = ""


@dataclass
class IngestReport:
    results: list[FileResult] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(r.status != "failed" for r in self.results)

    def count(self, status: Status) -> int:
        return sum(r.status == status for r in self.results)

    def summary(self) -> str:
        return (f"新增 {self.count('added')} 个，更新 {self.count('updated')} 个，"
                f"未变跳过 {self.count('unchanged')} 个，失败 {self.count('failed')} 个")


def discover(paths: Iterable[Path], skip: Collection[str] = ()) -> tuple[list[tuple[Path, str]], list[FileResult]]:
    """Files to ingest with their source names, and failures for paths that do not exist.

    A file's source name is its path relative to the folder it was found in
    (its file name for a flat folder or a file given directly); sources in ``skip`` are left out.
    """
    found: list[tuple[Path, str]] = []
    missing: list[FileResult] = []
    for path in paths:
        if path.is_dir():
            for file in sorted(path.rglob("*")):
                rel = file.relative_to(path)
                if file.is_file() and file.suffix.lower() in SUPPORTED and rel.as_posix() not in skip and not any(
                        part.startswith((".", "_")) for part in rel.parts):
                    found.append((file, rel.as_posix()))
        elif path.is_file():
            found.append((path, path.name))
        else:
            missing.append(FileResult(str(path), path.name, "failed", error=f"{path}: 路径不存在。请检查文件或文件夹路径。"))
    return found, missing


@dataclass
class _Pending:
    """A changed file, split and waiting to be embedded with others."""
    path: Path
    source: str
    slot: int
    chunks: list[Chunk]
    previous: str | None
    units: int = 0

    def __post_init__(self) -> None:
        self.units = sum(len(chunk_units(c.text)) for c in self.chunks)


def ingest_paths(store: KnowledgeStore, paths: Sequence[Path], max_chars: int = 360,
                 progress: Progress | None = None, batch_units: int = BATCH_UNITS,
                 skip: Collection[str] = (), isolate: bool = False) -> IngestReport:
    """Ingest files in batches: the answer units of several files are embedded and written together, and the
    store's revision is bumped once at the end, so readers rebuild their indexes once per run. Files found in
    folders whose source name is in ``skip`` are left out (bundled documents a trainer deleted). ``isolate``:
    parse each file in a child process with time and memory limits (untrusted uploads; see ``sandbox.py``)."""
    files, missing = discover(paths, skip)
    slots: list[FileResult | None] = [None] * len(files)
    stored = store.source_hashes() if files else {}
    pending: list[_Pending] = []
    waiting = 0  # answer units in pending
    changed = False

    def flush() -> None:
        nonlocal changed, waiting
        waiting = 0
        if not pending:
            return
        chunks = [c for p in pending for c in p.chunks]
        try:
            vectors = embed_units(store.embeddings, chunks)  # before anything is removed: a failure loses nothing
            for p in pending:
                if p.previous is not None:
                    store.delete_source(p.source, bump=False)
            store.add(chunks, vectors, bump=False)
            changed = True
            for p in pending:
                slots[p.slot] = FileResult(str(p.path), p.source, "updated" if p.previous else "added", len(p.chunks))
        except TrainerBotError as exc:
            for p in pending:
                slots[p.slot] = FileResult(str(p.path), p.source, "failed", error=f"{p.source}: {exc}")
        pending.clear()

    try:
        for done, (path, source) in enumerate(files):
            if progress:
                progress(done, len(files), source)
            try:
                doc = clean_document(load_isolated(path, source) if isolate else load_file(path, source))
                previous = stored.get(source)
                if previous == doc.sha256:
                    slots[done] = FileResult(str(path), source, "unchanged")
                    continue
                chunks = chunk_document(doc, max_chars)
                if not chunks:
                    raise LoadError(f"{source}: 清洗后没有可用的文字内容。请确认这是一份培训材料。")
            except TrainerBotError as exc:
                slots[done] = FileResult(str(path), source, "failed", error=str(exc))
                continue
            if any(p.source == source for p in pending):  # the same name twice in one run: the later one wins
                flush()
            pending.append(_Pending(path, source, done, chunks, previous))
            stored[source] = doc.sha256
            waiting += pending[-1].units
            if waiting >= batch_units:
                flush()
        flush()
    finally:
        if changed:
            store.bump()
    if progress:
        progress(len(files), len(files), "")
    report = IngestReport(list(missing) + [r for r in slots if r is not None])
    if not files and not missing:
        report.results.append(FileResult("", "", "failed", error="没有找到可导入的文件（支持 md、txt、html、pdf、docx）。"))
    return report
