"""Uploaded originals: the files trainers upload, kept in the shared database (see ``db.py``).

In the database rather than a directory, so that every replica can re-index them without a shared
disk, and a backup of the database is a backup of the material. Ingest reads files, so
:meth:`UploadStore.materialise` writes them to a local folder first.
"""

from __future__ import annotations

import builtins
import hashlib
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from .db import Database, files, removed_sources
from .models import now


@dataclass(frozen=True)
class Upload:
    name: str
    sha256: str
    size: int
    uploaded: str
    uploader: str


class UploadStore:
    def __init__(self, db: Database):
        self.db = db

    def put(self, name: str, content: bytes, uploader: str = "") -> Upload:
        upload = Upload(name, hashlib.sha256(content).hexdigest(), len(content), now(), uploader)
        self.db.put(files, "name", name, {"sha256": upload.sha256, "size": upload.size, "content": content,
                                          "uploaded": upload.uploaded, "uploader": uploader})
        return upload

    def list(self) -> list[Upload]:
        with self.db.begin() as conn:
            rows = conn.execute(select(files.c.name, files.c.sha256, files.c.size, files.c.uploaded, files.c.uploader)
                                .order_by(files.c.name)).all()
        return [Upload(r.name, r.sha256, r.size, r.uploaded, r.uploader or "") for r in rows]

    def remove(self, name: str) -> bool:
        return self.db.remove(files, "name", name)

    def materialise(self, folder: Path, names: builtins.list[str] | None = None) -> builtins.list[Path]:
        """Write the uploads (all, or those named) into ``folder``; their paths, for ingest."""
        folder.mkdir(parents=True, exist_ok=True)
        query = select(files.c.name, files.c.content).order_by(files.c.name)
        if names is not None:
            query = query.where(files.c.name.in_(names))
        written = []
        with self.db.begin() as conn:
            for row in conn.execute(query):
                path = folder / Path(row.name).name  # names are made safe at upload; never leave the folder
                path.write_bytes(row.content)
                written.append(path)
        return written


class RemovedSources:
    """Bundled documents a trainer deleted on purpose: 重建索引 and a first start leave them out."""

    def __init__(self, db: Database):
        self.db = db

    def add(self, source: str, by: str = "") -> None:
        self.db.put(removed_sources, "source", source, {"removed": now(), "by": by})

    def all(self) -> set[str]:
        with self.db.begin() as conn:
            return {r.source for r in conn.execute(select(removed_sources.c.source))}
