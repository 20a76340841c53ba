"""Ingest: files → load → clean → split → embed → store, idempotent by content hash.

A file whose bytes did not change is skipped; a changed file replaces its chunks
(new vectors are computed before the old ones are removed, so a failure never
loses what was stored); one bad file is reported and the others still land.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from .clean import clean_document
from .errors import LoadError, TrainerBotError
from .load import SUPPORTED, load_file
from .models import Chunk, Progress
from .split import chunk_document, chunk_units

from .store import KnowledgeStore

Status = Literal["added", "updated", "unchanged", "failed"]


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


def discover(paths: Iterable[Path]) -> tuple[list[tuple[Path, str]], list[FileResult]]:
    """Files to ingest with their source names, and failures for paths that do not exist.

    A file's source name is its path relative to the folder it was found in
    (its file name for a flat folder or a file given directly).
    """
    found: list[tuple[Path, str]] = []
    missing: list[FileResult] = []
    for path in paths:
        if path.is_dir():
            for file in sorted(path.rglob("*")):
                rel = file.relative_to(path)
                if file.is_file() and file.suffix.lower() in SUPPORTED and not any(
                        part.startswith((".", "_")) for part in rel.parts):
                    found.append((file, rel.as_posix()))
        elif path.is_file():
            found.append((path, path.name))
        else:
            missing.append(FileResult(str(path), path.name, "failed", error=f"{path}: 路径不存在。请检查文件或文件夹路径。"))
    return found, missing


def ingest_file(store: KnowledgeStore, path: Path, source: str, max_chars: int) -> FileResult:
    doc = clean_document(load_file(path, source))
    previous = store.source_sha256(source)
    if previous == doc.sha256:
        return FileResult(str(path), source, "unchanged")
    chunks = chunk_document(doc, max_chars)
    if not chunks:
        raise LoadError(f"{source}: 清洗后没有可用的文字内容。请确认这是一份培训材料。")
    vectors = embed_units(store.embeddings, chunks)
    if previous is not None:
        store.delete_source(source)
    store.add(chunks, vectors)
    return FileResult(str(path), source, "updated" if previous else "added", len(chunks))


def embed_units(embeddings, chunks: Sequence[Chunk]) -> list[list[list[float]]]:
    """One vector per answer unit of every chunk, embedded in one batch."""
    units = [chunk_units(c.text) for c in chunks]
    flat = embeddings.embed_documents([u for us in units for u in us])
    out, start = [], 0
    for us in units:
        out.append(flat[start:start + len(us)])
        start += len(us)
    return out


def ingest_paths(store: KnowledgeStore, paths: Sequence[Path], max_chars: int = 360,
                 progress: Progress | None = None) -> IngestReport:
    files, missing = discover(paths)
    report = IngestReport(list(missing))
    for done, (path, source) in enumerate(files):
        if progress:
            progress(done, len(files), source)
        try:
            report.results.append(ingest_file(store, path, source, max_chars))
        except TrainerBotError as exc:
            report.results.append(FileResult(str(path), source, "failed", error=str(exc)))
    if progress:
        progress(len(files), len(files), "")
    if not files and not missing:
        report.results.append(FileResult("", "", "failed", error="没有找到可导入的文件（支持 md、txt、html、pdf、docx）。"))
    return report
