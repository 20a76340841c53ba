"""Store: chunks and their vectors in Chroma (through ``langchain-chroma``).

Embedded ``PersistentClient`` under the data directory by default; a Chroma
server when ``TRAINER_BOT_CHROMA_URL`` is set. The collection records which
embedding model made its vectors and refuses any other, and keeps a revision
marker so derived indexes (BM25, gate baseline, topics) know when to rebuild.

The revision is a fresh token written after every change (one metadata write, no
read-modify-write, so concurrent writers cannot undo each other), and read back
from the server at most once a second: a change made by another process — a CLI
ingest, another replica — is seen by every running one. An embedded store
reopens its client when another process wrote to it, because Chroma's local
client keeps its vector index in memory and would not see their vectors.
"""

from __future__ import annotations

import json
import logging
import secrets
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict
from typing import TypeVar, cast
from urllib.parse import urlparse

from langchain_core.embeddings import Embeddings

import numpy as np

from .errors import EmbeddingError, StoreError
from .models import Chunk, SourceInfo, Validity
from .settings import Settings
from .split import chunk_units

log = logging.getLogger(__name__)
_PAGE = 2000
# layout 2: one vector per answer unit (sentence) in a second collection; the chunk's own vector is their mean
# layout 3: answer units also end at every line end (layout 2 dropped a line with no final 。 before the next line);
# a layout-2 store is brought up to date in place on opening, from the chunk texts it holds
LAYOUT = 3
REVISION_TTL = 1.0  # seconds a revision read from the server is trusted
# revision tokens this process wrote (stores on one path share Chroma's local client, so they see each other's writes)
_OWN_TOKENS: set[str] = set()
T = TypeVar("T")


def make_client(settings: Settings):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    try:
        if settings.chroma_url:
            url = urlparse(settings.chroma_url)
            if not url.hostname:
                raise StoreError(f"TRAINER_BOT_CHROMA_URL 格式不对：{settings.chroma_url}。示例：http://127.0.0.1:8000")
            return chromadb.HttpClient(
                host=url.hostname,
                port=url.port or (443 if url.scheme == "https" else 8000),
                ssl=url.scheme == "https",
                settings=chroma_settings,
            )
        settings.chroma_dir.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(settings.chroma_dir), settings=chroma_settings)
    except StoreError:
        raise
    except Exception as exc:  # chromadb raises plain ValueError/ConnectionError/RuntimeError here
        where = settings.chroma_url or settings.chroma_dir
        raise StoreError(f"无法连接向量库 {where}（{exc}）。请确认 Chroma 服务已启动（chroma run）或数据目录可写。") from None


def model_id_of(embeddings: Embeddings) -> str:
    return getattr(embeddings, "model_id", type(embeddings).__name__)


def embed_units(embeddings: Embeddings, chunks: Sequence[Chunk]) -> list[list[list[float]]]:
    """One vector per answer unit of every chunk (``chunk_units``, in order), embedded in one batch."""
    units = [chunk_units(c.text) for c in chunks]
    flat = embeddings.embed_documents([u for us in units for u in us])
    out, start = [], 0
    for us in units:
        out.append(flat[start:start + len(us)])
        start += len(us)
    return out


class KnowledgeStore:
    def __init__(self, settings: Settings, embeddings: Embeddings, client=None):
        self.settings = settings
        self.embeddings = embeddings
        self.model_id = model_id_of(embeddings)
        self.derived = DerivedCache(self)
        self.location = settings.chroma_url or str(settings.chroma_dir)
        self._embedded = not settings.chroma_url
        self._refresh = threading.Lock()  # held while the revision is re-read (and the client reopened)
        self._open(client)
        stored = self.meta()
        if stored.get("embedding_model") != self.model_id:
            raise EmbeddingError(
                f"向量库 {self.location} 是用嵌入模型 {stored.get('embedding_model')!r} 建立的，"
                f"当前配置的模型是 {self.model_id!r}，两者的向量不能混用。"
                "请改回原来的模型，或换一个新的数据目录（--data-dir）重新导入材料，"
                "再用 `trainer-bot ingest` 导入材料。"
            )
        if stored.get("layout") == 2 and self._collection.count():
            self._migrate_units()
            stored = self.meta()
        elif stored.get("layout") != LAYOUT and self._collection.count():
            raise StoreError(
                f"向量库 {self.location} 是旧版本建立的（没有逐句向量），不能直接使用。"
                "请换一个新的数据目录（--data-dir），或删除该目录下的 chroma 文件夹，再重新导入材料。"
            )
        self._revision = str(stored.get("revision", 0))
        self._revision_read = time.monotonic()

    def _migrate_units(self) -> None:
        """Layout 2 → 3: the answer units of every stored chunk embedded again (they split differently now)."""
        chunks = self.all_chunks()
        log.warning("store %s was built by an earlier version: re-embedding the sentences of %d chunks (once)",
                    self.location, len(chunks))
        for start in range(0, len(chunks), _PAGE):
            part = chunks[start:start + _PAGE]
            vectors = embed_units(self.embeddings, part)
            self._units.delete(where={"chunk_id": {"$in": [c.id for c in part]}})
            self.add(part, vectors, bump=False)
        self.bump()

    def _open(self, client=None) -> None:
        from langchain_chroma import Chroma

        name = self.settings.collection
        try:
            self._client = client or make_client(self.settings)
            self.vectorstore = Chroma(
                client=self._client,
                collection_name=name,
                embedding_function=self.embeddings,
                collection_metadata=self._static_meta("0"),
                collection_configuration={"hnsw": {"space": "cosine"}},
            )
            self._units = self._client.get_or_create_collection(
                f"{name}__units", configuration={"hnsw": {"space": "cosine"}},
                metadata={"embedding_model": self.model_id}, embedding_function=None)
        except StoreError:
            raise
        except Exception as exc:
            raise StoreError(f"无法打开向量库 {self.location}（{exc}）。请确认 Chroma 服务已启动或数据目录未损坏。") from None

    def _reopen(self) -> None:
        """A fresh embedded client: Chroma's local one caches one instance per path for the whole process and
        never sees vectors another process added (its HNSW index lives in memory). Called under ``_refresh``."""
        from chromadb.api.shared_system_client import SharedSystemClient

        identifier = str(getattr(self._client, "_identifier", ""))
        SharedSystemClient._identifier_to_system.pop(identifier, None)  # noqa: SLF001 - no public way
        SharedSystemClient._identifier_to_refcount.pop(identifier, None)  # noqa: SLF001
        self._open()
        log.info("store %s changed by another process: client reopened", self.location)

    def _static_meta(self, revision: str) -> dict:
        return {"embedding_model": self.model_id, "layout": LAYOUT, "revision": revision}

    @property
    def _collection(self):
        return self.vectorstore._collection  # noqa: SLF001 - langchain-chroma exposes no other handle

    # -- metadata ---------------------------------------------------------------
    def meta(self) -> dict:
        """The collection's metadata as the server has it now (not the handle's cached copy)."""
        try:
            return dict(self._client.get_collection(self.settings.collection, embedding_function=None).metadata or {})
        except Exception as exc:
            raise StoreError(f"无法读取向量库 {self.location}（{exc}）。请确认 Chroma 服务仍在运行。") from None

    def revision(self, max_age: float = REVISION_TTL) -> str:
        """A token that changes whenever the content changes, whoever changed it (read at most every ``max_age`` s)."""
        if time.monotonic() - self._revision_read >= max_age:
            with self._refresh:  # one reader refreshes (and reopens) at a time; the others then see its result
                if time.monotonic() - self._revision_read >= max_age:
                    fresh = str(self.meta().get("revision", 0))
                    if fresh != self._revision and self._embedded and fresh not in _OWN_TOKENS:
                        self._reopen()
                    self._revision, self._revision_read = fresh, time.monotonic()
        return self._revision

    def bump(self) -> str:
        """Mark the content changed: one write of a new token (no read-modify-write)."""
        token = f"{time.time_ns():x}-{secrets.token_hex(3)}"
        _OWN_TOKENS.add(token)
        self._collection.modify(metadata=self._static_meta(token))
        self._revision, self._revision_read = token, time.monotonic()
        return token

    # -- writes -------------------------------------------------------------------
    def add(self, chunks: Sequence[Chunk], unit_vectors: Sequence[Sequence[Sequence[float]]], bump: bool = True) -> None:
        """Store chunks with one vector per answer unit (``chunk_units(chunk.text)``, in order).

        ``bump=False`` leaves the revision to the caller (an ingest run bumps once at its end)."""
        if not chunks:
            return
        if len(unit_vectors) != len(chunks):
            raise StoreError("内部错误：分块与向量的数量不一致。")
        means = [_normalise(np.mean(np.asarray(v, dtype=np.float32), axis=0)) for v in unit_vectors]
        for start in range(0, len(chunks), _PAGE):
            part = chunks[start:start + _PAGE]
            self._collection.upsert(
                ids=[c.id for c in part],
                embeddings=[m.tolist() for m in means[start:start + _PAGE]],
                documents=[c.text for c in part],
                metadatas=[_to_meta(c) for c in part],
            )
        units = [(f"{c.id}#{i}", list(map(float, v)), {"chunk_id": c.id, "source": c.source, "unit": i})
                 for c, vectors in zip(chunks, unit_vectors) for i, v in enumerate(vectors)]
        for start in range(0, len(units), _PAGE):
            page = units[start:start + _PAGE]
            self._units.upsert(ids=[u[0] for u in page], embeddings=[u[1] for u in page],
                               metadatas=[u[2] for u in page])
        if bump:
            self.bump()

    def delete_source(self, source: str, bump: bool = True) -> int:
        ids = self._collection.get(where={"source": source}, include=[])["ids"]
        if ids:
            for start in range(0, len(ids), _PAGE):
                self._collection.delete(ids=ids[start:start + _PAGE])
            self._units.delete(where={"source": source})
            if bump:
                self.bump()
        return len(ids)

    def set_validity(self, source: str, validity: Validity) -> int:
        """Replace the status and dates of every chunk of one source; the number of chunks changed."""
        return self._set_meta(source, asdict(validity))

    def set_topic(self, source: str, topic: str) -> int:
        """Replace the topic of every chunk of one source; the number of chunks changed."""
        return self._set_meta(source, {"topic": topic})

    def _set_meta(self, source: str, values: dict[str, str]) -> int:
        ids = self._collection.get(where={"source": source}, include=[])["ids"]
        # Chroma merges metadata on update; None removes a key that is no longer stated
        meta = {k: v or None for k, v in values.items()}
        for start in range(0, len(ids), _PAGE):
            part = ids[start:start + _PAGE]
            self._collection.update(ids=part, metadatas=[meta] * len(part))
        if ids:
            self.bump()
        return len(ids)

    # -- reads --------------------------------------------------------------------
    def count(self) -> int:
        return self._collection.count()

    def source_hashes(self) -> dict[str, str]:
        """Every stored source with its content hash, in one pass (an ingest run checks all its files against it)."""
        hashes: dict[str, str] = {}
        for page in self._pages(["metadatas"]):
            for meta in page["metadatas"]:
                hashes.setdefault(meta["source"], meta.get("sha256", ""))
        return hashes

    def _pages(self, include: list[str]) -> Iterable[dict]:
        offset = 0
        while True:
            got = self._collection.get(include=include, limit=_PAGE, offset=offset)
            if not got["ids"]:
                return
            yield got
            offset += len(got["ids"])

    def sources(self) -> list[SourceInfo]:
        counts: dict[str, int] = defaultdict(int)
        first: dict[str, dict] = {}
        for page in self._pages(["metadatas"]):
            for meta in page["metadatas"]:
                counts[meta["source"]] += 1
                first.setdefault(meta["source"], meta)
        return [SourceInfo(source=s, title=first[s]["title"], chunks=counts[s], sha256=first[s]["sha256"],
                           topic=first[s].get("topic", ""), validity=Validity.from_meta(first[s])) for s in sorted(counts)]

    def all_chunks(self) -> list[Chunk]:
        chunks: list[Chunk] = []
        for page in self._pages(["metadatas", "documents"]):
            chunks.extend(_from_meta(i, d, m) for i, d, m in zip(page["ids"], page["documents"], page["metadatas"]))
        chunks.sort(key=lambda c: (c.source, c.index))
        return chunks

    def get(self, ids: Sequence[str]) -> list[Chunk]:
        if not ids:
            return []
        got = self._collection.get(ids=list(ids), include=["metadatas", "documents"])
        by_id = {i: _from_meta(i, d, m) for i, d, m in zip(got["ids"], got["documents"], got["metadatas"])}
        return [by_id[i] for i in ids if i in by_id]

    def search(self, vector: Sequence[float], k: int, where: dict | None = None) -> list[tuple[Chunk, float]]:
        """Nearest chunks, scored by their best-matching sentence (cosine, 1 = same direction).

        Small-to-big: the question is matched against every answer unit, and a chunk
        counts as close as its closest unit; optionally filtered by chunk metadata (source).
        """
        n = self._units.count()
        if n == 0:
            return []
        got = self._units.query(query_embeddings=[list(vector)], n_results=min(4 * k, n), where=where,
                                include=["metadatas", "distances"])
        best: dict[str, float] = {}
        for meta, dist in zip(got["metadatas"][0], got["distances"][0]):
            cid = meta["chunk_id"]
            best[cid] = max(best.get(cid, -1.0), 1.0 - float(dist))
        top = sorted(best, key=lambda cid: (-best[cid], cid))[:k]
        return [(chunk, best[chunk.id]) for chunk in self.get(top)]

    def nearest_similarity(self, vectors: Sequence[Sequence[float]]) -> list[float]:
        """For each vector, the cosine similarity of the nearest answer unit (one query for all of them);
        empty when the store is."""
        if not vectors or self._units.count() == 0:
            return []
        got = self._units.query(query_embeddings=[list(v) for v in vectors], n_results=1, include=["distances"])
        return [1.0 - float(d[0]) for d in got["distances"] if d]

    def unit_scores(self, vector: Sequence[float], chunks: Sequence[Chunk]) -> dict[str, tuple[float, ...]]:
        """Cosine similarity of the question to every answer unit of these chunks (by chunk id)."""
        unit_ids = {c.id: [f"{c.id}#{i}" for i in range(len(chunk_units(c.text)))] for c in chunks}
        ids = [i for per_chunk in unit_ids.values() for i in per_chunk]
        if not ids:
            return {}
        got = self._units.get(ids=ids, include=["embeddings"])
        q = _normalise(np.asarray(vector, dtype=np.float32))
        sims = {i: float(_normalise(np.asarray(e, dtype=np.float32)) @ q) for i, e in zip(got["ids"], got["embeddings"])}
        return {cid: tuple(sims.get(i, 0.0) for i in per_chunk) for cid, per_chunk in unit_ids.items()}


def _normalise(v: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(v))
    return v / norm if norm else v


def _to_meta(chunk: Chunk) -> dict:
    return {
        "source": chunk.source,
        "title": chunk.title,
        "heading_path": json.dumps(list(chunk.heading_path), ensure_ascii=False),
        "index": chunk.index,
        "sha256": chunk.sha256,
        "topic": chunk.topic,
        **chunk.validity.to_meta(),
    }


def _from_meta(chunk_id: str, text: str, meta: dict) -> Chunk:
    return Chunk(
        id=chunk_id,
        source=meta["source"],
        title=meta.get("title", ""),
        text=text,
        heading_path=tuple(json.loads(meta.get("heading_path") or "[]")),
        index=int(meta.get("index", 0)),
        sha256=meta.get("sha256", ""),
        topic=meta.get("topic", ""),
        validity=Validity.from_meta(meta),
    )


class DerivedCache:
    """Values computed from the store's content (keyword index, gate baseline, topics), once per revision.

    One thread computes a stale value while the others go on with the previous one, so a rebuild
    after an upload never stalls the questions being answered; only a first computation is waited for.
    """

    def __init__(self, store: KnowledgeStore):
        self.store = store
        self._values: dict[str, tuple[str, object]] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def get(self, name: str, compute: Callable[[], T], wait: bool = False) -> T:
        revision = self.store.revision()
        cached = self._values.get(name)
        if cached and cached[0] == revision:
            return cast(T, cached[1])  # each name is always computed by the same function
        with self._guard:
            lock = self._locks.setdefault(name, threading.Lock())
        stale_will_do = cached is not None and not wait
        if not lock.acquire(blocking=not stale_will_do):
            assert cached is not None  # only a stale value lets the lock be tried without blocking
            return cast(T, cached[1])  # someone is rebuilding it: the previous value meanwhile
        try:
            cached = self._values.get(name)
            if cached and cached[0] == revision:
                return cast(T, cached[1])
            value = compute()  # revision read before the content: a change during compute is caught next time
            self._values[name] = (revision, value)
            return value
        finally:
            lock.release()
