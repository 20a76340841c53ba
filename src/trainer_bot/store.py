"""Store: chunks and their vectors in Chroma (through ``langchain-chroma``).

Embedded ``PersistentClient`` under the data directory by default; a Chroma
server when ``TRAINER_BOT_CHROMA_URL`` is set. The collection records which
embedding model made its vectors and refuses any other, and keeps a revision
counter so derived indexes (BM25, gate baseline) know when to rebuild.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from urllib.parse import urlparse

from langchain_core.embeddings import Embeddings

from .errors import EmbeddingError, StoreError
from .models import Chunk, SourceInfo
from .settings import Settings

log = logging.getLogger(__name__)
_PAGE = 2000


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


class KnowledgeStore:
    def __init__(self, settings: Settings, embeddings: Embeddings, client=None):
        from langchain_chroma import Chroma

        self.embeddings = embeddings
        self.model_id = model_id_of(embeddings)
        self.derived: dict[str, tuple[int, object]] = {}  # name -> (revision it was computed at, value)
        self.location = settings.chroma_url or str(settings.chroma_dir)
        try:
            self.vectorstore = Chroma(
                client=client or make_client(settings),
                collection_name=settings.collection,
                embedding_function=embeddings,
                collection_metadata={"embedding_model": self.model_id, "revision": 0},
                collection_configuration={"hnsw": {"space": "cosine"}},
            )
            stored = self._collection.metadata or {}
        except StoreError:
            raise
        except Exception as exc:
            raise StoreError(f"无法打开向量库 {self.location}（{exc}）。请确认 Chroma 服务已启动或数据目录未损坏。") from None
        if stored.get("embedding_model") != self.model_id:
            raise EmbeddingError(
                f"向量库 {self.location} 是用嵌入模型 {stored.get('embedding_model')!r} 建立的，"
                f"当前配置的模型是 {self.model_id!r}，两者的向量不能混用。"
                "请改回原来的模型，或换一个新的数据目录（--data-dir）重新导入材料，"
                "或运行 `trainer-bot reindex` 用新模型重建索引。"
            )

    @property
    def _collection(self):
        return self.vectorstore._collection  # noqa: SLF001 - langchain-chroma exposes no other handle

    # -- metadata ---------------------------------------------------------------
    def meta(self) -> dict:
        return dict(self._collection.metadata or {})

    def revision(self) -> int:
        return int(self.meta().get("revision", 0))

    def update_meta(self, **values) -> None:
        meta = {k: v for k, v in self.meta().items() if not k.startswith("hnsw:")}
        meta.update(values)
        self._collection.modify(metadata=meta)

    def _bump(self) -> None:
        self.update_meta(revision=self.revision() + 1)

    # -- writes -------------------------------------------------------------------
    def add(self, chunks: Sequence[Chunk], vectors: Sequence[Sequence[float]]) -> None:
        if not chunks:
            return
        for start in range(0, len(chunks), _PAGE):
            part = chunks[start:start + _PAGE]
            self._collection.upsert(
                ids=[c.id for c in part],
                embeddings=[list(v) for v in vectors[start:start + _PAGE]],
                documents=[c.text for c in part],
                metadatas=[_to_meta(c) for c in part],
            )
        self._bump()

    def delete_source(self, source: str) -> int:
        ids = self._collection.get(where={"source": source}, include=[])["ids"]
        if ids:
            for start in range(0, len(ids), _PAGE):
                self.vectorstore.delete(ids=ids[start:start + _PAGE])
            self._bump()
        return len(ids)

    def reset(self) -> None:
        """Drop every chunk (the collection and its model record stay)."""
        ids = self._collection.get(include=[])["ids"]
        for start in range(0, len(ids), _PAGE):
            self.vectorstore.delete(ids=ids[start:start + _PAGE])
        self._bump()

    # -- reads --------------------------------------------------------------------
    def count(self) -> int:
        return self._collection.count()

    def source_sha256(self, source: str) -> str | None:
        got = self._collection.get(where={"source": source}, limit=1, include=["metadatas"])
        return got["metadatas"][0]["sha256"] if got["ids"] else None

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
                           topic=first[s].get("topic", "")) for s in sorted(counts)]

    def all_chunks(self) -> list[Chunk]:
        chunks = []
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
        """Nearest chunks by cosine similarity (1 = same direction), optionally filtered by metadata."""
        n = self.count()
        if n == 0:
            return []
        got = self._collection.query(query_embeddings=[list(vector)], n_results=min(k, n), where=where,
                                     include=["metadatas", "documents", "distances"])
        return [(_from_meta(i, d, m), 1.0 - float(dist))
                for i, d, m, dist in zip(got["ids"][0], got["documents"][0], got["metadatas"][0], got["distances"][0])]


def _to_meta(chunk: Chunk) -> dict:
    return {
        "source": chunk.source,
        "title": chunk.title,
        "heading_path": json.dumps(list(chunk.heading_path), ensure_ascii=False),
        "index": chunk.index,
        "sha256": chunk.sha256,
        "topic": chunk.topic,
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
    )
