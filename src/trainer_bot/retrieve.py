"""Retrieve: hybrid dense (Chroma) + BM25 (jieba tokens) with reciprocal rank fusion,
and a relevance gate that decides whether the material covers the question at all.

The gate is a logistic model over two features, fitted on labelled questions by
``benchmarks/calibrate_gate.py`` (parameters in ``resources/gate.json``):

- ``dense_z``: the best dense similarity, standardised against what off-topic probe
  questions (``resources/gate_probes.txt``) score on *this* corpus, so it adapts
  to small and large stores alike;
- ``coverage``: the IDF-weighted share of the question's content words that occur
  in the top passages.
"""

from __future__ import annotations

import json
import math
import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .models import Chunk, GateDecision, Passage, Retrieval
from .resources import resource
from .store import KnowledgeStore
from .tokenizer import Tokenizer

RRF_K = 60


@dataclass(frozen=True)
class GateParams:
    w_dense_z: float
    w_coverage: float
    bias: float
    threshold: float = 0.5

    @classmethod
    def load(cls) -> GateParams:
        data = json.loads(resource("gate.json").read_text(encoding="utf-8"))
        return cls(**{k: data[k] for k in ("w_dense_z", "w_coverage", "bias", "threshold")})

    def probability(self, dense_z: float, coverage: float) -> float:
        x = self.w_dense_z * dense_z + self.w_coverage * coverage + self.bias
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, x))))


@lru_cache(maxsize=1)
def probe_questions() -> tuple[str, ...]:
    lines = resource("gate_probes.txt").read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))


class LexicalIndex:
    """BM25 over jieba tokens of every chunk (title and heading path included)."""

    def __init__(self, chunks: Sequence[Chunk], tokenizer: Tokenizer):
        import bm25s

        self.chunks = list(chunks)
        docs = [tokenizer(c.embedding_text()) for c in self.chunks]
        self.token_sets = [frozenset(d) for d in docs]
        self.df = Counter(t for d in self.token_sets for t in d)
        self.n = len(self.chunks)
        self._bm25 = None
        if self.n:
            self._bm25 = bm25s.BM25()
            self._bm25.index([d or [""] for d in docs], show_progress=False)

    def idf(self, token: str) -> float:
        return math.log(1.0 + (self.n - self.df.get(token, 0) + 0.5) / (self.df.get(token, 0) + 0.5))

    def search(self, tokens: list[str], k: int, allowed: set[int] | None = None) -> list[tuple[int, float]]:
        known = [t for t in tokens if t in self.df]
        if not known or self._bm25 is None:
            return []
        scores = self._bm25.get_scores(known)
        if allowed is not None:
            mask = np.zeros(self.n, dtype=bool)
            mask[list(allowed)] = True
            scores = np.where(mask, scores, 0.0)
        order = np.argsort(-scores, kind="stable")[:k]
        return [(int(i), float(scores[i])) for i in order if scores[i] > 0]


class HybridRetriever:
    def __init__(self, store: KnowledgeStore, tokenizer: Tokenizer, top_k: int = 5, candidates: int = 20,
                 gate: GateParams | None = None):
        self.store = store
        self.tokenizer = tokenizer
        self.top_k = top_k
        self.candidates = candidates
        self.gate_params = gate or GateParams.load()
        self._lock = threading.Lock()
        self._index: LexicalIndex | None = None
        self._index_revision = -1
        self._by_id: dict[str, int] = {}

    # -- derived indexes ------------------------------------------------------------
    def lexical(self) -> LexicalIndex:
        revision = self.store.revision()
        with self._lock:
            if self._index is None or revision != self._index_revision:
                self._index = LexicalIndex(self.store.all_chunks(), self.tokenizer)
                self._by_id = {c.id: i for i, c in enumerate(self._index.chunks)}
                self._index_revision = revision
            return self._index

    def probe_baseline(self) -> tuple[float, float]:
        """Mean and spread of the best similarity that off-topic questions reach in this store."""
        meta = self.store.meta()
        if meta.get("probe_revision") == self.store.revision() and "probe_mean" in meta:
            return float(meta["probe_mean"]), float(meta["probe_std"])
        revision = self.store.revision()
        tops = []
        for question in probe_questions():
            hits = self.store.search(self.store.embeddings.embed_query(question), 1)
            if hits:
                tops.append(hits[0][1])
        mean = float(np.mean(tops)) if tops else 1.0
        std = max(float(np.std(tops)) if tops else 0.0, 0.01)
        self.store.update_meta(probe_mean=mean, probe_std=std, probe_revision=revision)
        return mean, std

    def warm_up(self) -> None:
        """Build what the first question would otherwise wait for."""
        self.lexical()
        if self.store.count():
            self.probe_baseline()

    # -- retrieval --------------------------------------------------------------------
    def retrieve(self, question: str, k: int | None = None, sources: Sequence[str] | None = None) -> Retrieval:
        k = k or self.top_k
        index = self.lexical()
        tokens = self.tokenizer(question)
        if not index.n:
            return Retrieval(question, [], GateDecision(False, 0.0, {}, "empty_store"))

        allowed = None
        where = None
        if sources:
            wanted = set(sources)
            allowed = {i for i, c in enumerate(index.chunks) if c.source in wanted}
            where = {"source": {"$in": list(wanted)}}
        dense_hits = self._dense(question, where)
        lexical_hits = index.search(tokens, self.candidates, allowed)

        fused: dict[str, float] = {}
        dense_score: dict[str, float] = {}
        bm25_score: dict[str, float] = {}
        chunks: dict[str, Chunk] = {}
        for rank, (chunk, sim) in enumerate(dense_hits):
            fused[chunk.id] = fused.get(chunk.id, 0.0) + 1.0 / (RRF_K + rank + 1)
            dense_score[chunk.id] = sim
            chunks[chunk.id] = chunk
        for rank, (i, score) in enumerate(lexical_hits):
            chunk = index.chunks[i]
            fused[chunk.id] = fused.get(chunk.id, 0.0) + 1.0 / (RRF_K + rank + 1)
            bm25_score[chunk.id] = score
            chunks.setdefault(chunk.id, chunk)
        best = 2.0 / (RRF_K + 1)
        ranked = sorted(fused, key=lambda cid: (-fused[cid], cid))[:k]
        passages = [Passage(chunks[cid], round(fused[cid] / best, 4), dense_score.get(cid), bm25_score.get(cid))
                    for cid in ranked]
        top_dense = max(dense_score.values(), default=0.0)
        return Retrieval(question, passages, self.decide(tokens, top_dense, passages, index))

    def _dense(self, question: str, where: dict | None) -> list[tuple[Chunk, float]]:
        return self.store.search(self.store.embeddings.embed_query(question), self.candidates, where)

    # -- the gate ---------------------------------------------------------------------------
    def features(self, tokens: list[str], top_dense: float, passages: Sequence[Passage],
                 index: LexicalIndex) -> dict[str, float]:
        mean, std = self.probe_baseline()
        present: set[str] = set()
        for p in passages[:3]:
            i = self._by_id.get(p.chunk.id)
            if i is not None:
                present |= index.token_sets[i]
        unique = list(dict.fromkeys(tokens))
        weights = [index.idf(t) for t in unique]
        total = sum(weights)
        coverage = sum(w for t, w in zip(unique, weights) if t in present) / total if total else 0.0
        return {"dense_top": round(top_dense, 4), "dense_z": round((top_dense - mean) / std, 4),
                "coverage": round(coverage, 4), "content_tokens": float(len(unique))}

    def decide(self, tokens: list[str], top_dense: float, passages: Sequence[Passage],
               index: LexicalIndex) -> GateDecision:
        feats = self.features(tokens, top_dense, passages, index)
        if not tokens:
            return GateDecision(False, 0.0, feats, "no_content_words")
        p = self.gate_params.probability(feats["dense_z"], feats["coverage"])
        covered = p >= self.gate_params.threshold
        return GateDecision(covered, round(p, 4), feats, "" if covered else "low_relevance")
