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
import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .evidence import Evidence
from .models import Chunk, GateDecision, Passage, Retrieval
from .question import LOOSE_UNITS, analyse, colloquial, opening_subject, sub_questions
from .resources import resource
from .split import chunk_units
from .store import KnowledgeStore
from .tokenizer import Tokenizer, aliases, pos_words, whole_words

RRF_K = 60
# conditions asked for in so many words (需要满足哪些条件): narrower than QuestionInfo.conditions (够啥条件、啥资格), which
# material often answers in other words (更换对象：表龄满6年的…; 考核合格，取得培训合格证书) that the rule below cannot see
_ASKS_CONDITIONS = re.compile(r"(?:满足|具备|符合|需要|要|有)(?:哪些|什么|啥|哪几个|几个)(?:样的)?(?:申请|基本|资格)?条件")
# a text that sets conditions out (具备下列条件：、条件是…, 二、登记条件)
_SETS_CONDITIONS = re.compile(r"(?:具备|符合|满足|下列|以下|如下|基本|申请|资格|必备|准入|应当|须)条件|条件[是为包括有：:]|"
                              r"(?:[两二三四五六七八九十几]|\d+)(?:个|项|条)条件")
# a subject that names a text or an institution (八项规定、中央一号文件、某某制度), not a scenario
_NAMED_THING = re.compile(r"(?:规定|条例|法|办法|制度|文件|政策|意见|通知|工程|计划|方案|机制|经验|模式)$")
# below the gate's threshold but at least this likely: a refusal that quotes the nearest sentences, as such. On the
# blind sets of 2026-11 (349 questions) this band held 21 of the 30 answerable questions the gate refused (17 near
# misses), below it 2 of 30 (16 near misses and off-topic questions)
NEAR = 0.05
_QUOTES = re.compile(r"[\s“”\"'‘’「」『』《》]")


def plain(text: str) -> str:
    """Text without spaces and quote marks, for matching a term the asker quoted."""
    return _QUOTES.sub("", text)


@dataclass(frozen=True)
class GateParams:
    """A logistic model over named gate features (see :meth:`HybridRetriever.features`)."""

    weights: dict[str, float]
    bias: float
    threshold: float = 0.5

    @classmethod
    def load(cls) -> GateParams:
        data = json.loads(resource("gate.json").read_text(encoding="utf-8"))
        return cls(dict(data["weights"]), float(data["bias"]), float(data.get("threshold", 0.5)))

    def probability(self, features: dict[str, float]) -> float:
        x = sum(w * features.get(name, 0.0) for name, w in self.weights.items()) + self.bias
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
        self.by_id = {c.id: i for i, c in enumerate(self.chunks)}  # swapped with the index, never apart from it
        self.plain_texts = [plain(c.embedding_text()) for c in self.chunks]
        docs = [tokenizer(c.embedding_text()) for c in self.chunks]
        self.token_sets = [frozenset(d) for d in docs]
        self.outdated = frozenset(i for i, c in enumerate(self.chunks) if c.validity.outdated)  # 已修订 / 已废止
        self.df = Counter(t for d in self.token_sets for t in d)
        self.n = len(self.chunks)
        self._mentioned: dict[str, bool] = {}
        self._by_source: dict[str, str] | None = None
        self._bm25 = None
        if self.n:
            self._bm25 = bm25s.BM25()
            self._bm25.index([d or [""] for d in docs], show_progress=False)

    def mentions(self, word: str) -> bool:
        """Whether any chunk's text contains the word, quotes and spaces normalised (cached for this index, that
        is for one store revision)."""
        if word not in self._mentioned:
            needle = plain(word)
            self._mentioned[word] = any(needle in text for text in self.plain_texts)
        return self._mentioned[word]

    def source_text(self, source: str) -> str:
        """The whole text of one document, as the chunks hold it (built once per index)."""
        if self._by_source is None:
            texts: dict[str, list[str]] = {}
            for chunk, text in zip(self.chunks, self.plain_texts):
                texts.setdefault(chunk.source, []).append(text)
            self._by_source = {name: "\n".join(parts) for name, parts in texts.items()}
        return self._by_source.get(source, "")

    def of_sources(self, sources: Collection[str]) -> list[Chunk]:
        """Every chunk of the documents named."""
        return [c for c in self.chunks if c.source in sources]

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


def in_material_words(question: str, index: LexicalIndex) -> str:
    """The question in the material's own words: a word the material never uses (电瓶车、村委会) becomes the word of
    the same ``aliases.txt`` line that it does use (电动自行车、村民委员会); every other word stays as asked."""
    for word in sorted(aliases(), key=len, reverse=True):
        if word in question and not index.mentions(word):
            used = next((other for other in sorted(aliases()[word]) if index.mentions(other)), None)
            if used:
                question = question.replace(word, used)
    return question


class HybridRetriever:
    def __init__(self, store: KnowledgeStore, tokenizer: Tokenizer, top_k: int = 5, candidates: int = 20,
                 gate: GateParams | None = None):
        self.store = store
        self.tokenizer = tokenizer
        self.top_k = top_k
        self.candidates = candidates
        self.gate_params = gate or GateParams.load()
        self.evidence = Evidence(tokenizer)
        self._probe_vectors: list[list[float]] | None = None

    # -- derived indexes (rebuilt once per store revision; see store.DerivedCache) ------------------
    def lexical(self, wait: bool = False) -> LexicalIndex:
        return self.store.derived.get("lexical", lambda: LexicalIndex(self.store.all_chunks(), self.tokenizer), wait)

    def probe_baseline(self, wait: bool = False) -> tuple[float, float]:
        """Mean and spread of the best similarity that off-topic questions reach in this store."""
        return self.store.derived.get("probe_baseline", self._probe_baseline, wait)

    def _probe_baseline(self) -> tuple[float, float]:
        if self._probe_vectors is None:  # fixed questions: embedded once per process, not after every upload
            self._probe_vectors = [self.store.embeddings.embed_query(q) for q in probe_questions()]
        tops = self.store.nearest_similarity(self._probe_vectors)
        mean = float(np.mean(tops)) if tops else 1.0
        std = max(float(np.std(tops)) if tops else 0.0, 0.01)
        return mean, std

    def warm_up(self) -> None:
        """Build what the first question would otherwise wait for (and load jieba's tagger, 0.6 s, which the first
        number question's evidence check would)."""
        self.lexical(wait=True)
        if self.store.count():
            self.probe_baseline(wait=True)
        pos_words("")

    # -- retrieval --------------------------------------------------------------------
    def _neighbours(self, index: LexicalIndex, ranked: Sequence[Chunk], scores: Sequence[float],
                    allowed: set[int] | None, limit: int = 8) -> list[Chunk]:
        """Small-to-big: the other chunks of the best document, nearest first (they may hold the answer
        the best chunk only leads to), and of a second document ranked nearly as high (two documents
        on one subject, such as floods and landslides, often tie); they follow the ranked passages, with score 0."""
        if not ranked:
            return []
        leads: dict[str, Chunk] = {}
        for chunk, score in zip(ranked, scores):
            if chunk.source not in leads and (not leads or score >= 0.97 * scores[0]) and len(leads) < 2:
                leads[chunk.source] = chunk
        taken = {c.id for c in ranked}
        out: list[Chunk] = []
        for n, top in enumerate(leads.values()):
            same = [c for i, c in enumerate(index.chunks) if c.source == top.source and c.id not in taken
                    and (allowed is None or i in allowed)]
            same.sort(key=lambda c: (abs(c.index - top.index), c.index))
            out += same[:limit if n == 0 else limit // 2]
        return out

    def retrieve(self, question: str, k: int | None = None, sources: Sequence[str] | None = None,
                 expand: bool = False, current_only: bool = True) -> Retrieval:
        """``current_only``: leave out material whose status is 已修订 or 已废止 (the default, unless the
        question asks about history; see :attr:`QuestionInfo.history`)."""
        k = k or self.top_k
        index = self.lexical()
        question = in_material_words(question, index)
        tokens = self.tokenizer(question)
        if not index.n:
            return Retrieval(question, [], GateDecision(False, 0.0, {}, "empty_store"))

        allowed = None
        where = None
        if sources:
            wanted = set(sources)
            allowed = {i for i, c in enumerate(index.chunks) if c.source in wanted}
            where = {"source": {"$in": list(wanted)}}
        skip_outdated = current_only and bool(index.outdated)
        if skip_outdated:
            allowed = (set(range(index.n)) if allowed is None else allowed) - index.outdated
        q_vector = self.store.embeddings.embed_query(question)
        dense_hits = self.store.search(q_vector, self.candidates, where)
        if skip_outdated:
            dense_hits = [(c, sim) for c, sim in dense_hits if not c.validity.outdated]
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
        nearby = self._neighbours(index, [chunks[cid] for cid in ranked], [fused[cid] for cid in ranked], allowed) \
            if expand else []
        units = self.store.unit_scores(q_vector, [chunks[cid] for cid in ranked] + nearby)
        passages = [Passage(chunks[cid], round(fused[cid] / best, 4), dense_score.get(cid), bm25_score.get(cid),
                            units.get(cid, ()))
                    for cid in ranked]
        passages += [Passage(c, 0.0, None, None, units.get(c.id, ())) for c in nearby]
        top_dense = max(dense_score.values(), default=0.0)
        ranked_passages = passages[:len(ranked)]
        return Retrieval(question, passages, self.decide(question, tokens, top_dense, ranked_passages, index, passages))

    # -- the gate ---------------------------------------------------------------------------
    def features(self, tokens: list[str], top_dense: float, passages: Sequence[Passage],
                 index: LexicalIndex) -> dict[str, float]:
        mean, std = self.probe_baseline()
        present: set[str] = set()
        for p in passages[:3]:
            i = index.by_id.get(p.chunk.id)
            if i is not None:
                present |= index.token_sets[i]
        unique = list(dict.fromkeys(tokens))
        weights = [self.tokenizer.specificity(t) for t in unique]
        total = sum(weights)
        coverage = sum(w for t, w in zip(unique, weights) if t in present) / total if total else 0.0
        # words of the question the whole material never uses (search mode also yields sub-words,
        # so a long word counts as unknown only when none of its parts is known either)
        unknown_w = sum(w for t, w in zip(unique, weights)
                        if index.df.get(t, 0) == 0 and not any(o != t and o in t and index.df.get(o, 0) for o in unique))
        unknown = unknown_w / total if total else 0.0
        # the most specific word of the question that the material never uses (登革热、焚烧厂), and the most
        # specific one a top passage does use — a question about a term of art hinges on that term
        specificity = dict(zip(unique, weights))
        absent = [specificity[t] for t in whole_words(unique) if not index.df.get(t, 0)]
        found = [specificity[t] for t in unique if t in present]
        # the best single sentence: how much of the question (by specificity) it and its headings state
        best_unit = 0.0
        if total:
            for p in passages[:3]:
                context = set(self.tokenizer(" ".join((p.chunk.title, *p.chunk.heading_path))))
                for unit in chunk_units(p.chunk.text):
                    words = set(self.tokenizer(unit)) | context
                    best_unit = max(best_unit, sum(w for t, w in zip(unique, weights) if t in words) / total)
        return {"dense_top": round(top_dense, 4), "dense_z": round((top_dense - mean) / std, 4),
                # in cosine units, not z: the probes' spread differs from store to store, their mean much less
                "dense_margin": round(100 * (top_dense - mean), 4),
                "coverage": round(coverage, 4), "unknown": round(unknown, 4),
                "rare_absent": round(max(absent, default=0.0) / 10, 4), "rare_found": round(max(found, default=0.0) / 10, 4),
                "unit_coverage": round(best_unit, 4),
                "content_tokens": float(len(unique))}

    def decide(self, question: str, tokens: list[str], top_dense: float, passages: Sequence[Passage],
               index: LexicalIndex, pool: Sequence[Passage] = ()) -> GateDecision:
        """Is the question answered by the material? ``passages`` are the ranked ones, ``pool`` adds the
        best document's other chunks (where an answer the ranked passages lead to may stand)."""
        feats = self.features(tokens, top_dense, passages, index)
        if not tokens:
            return GateDecision(False, 0.0, feats, "no_content_words")
        p = self.gate_params.probability(feats)
        info = analyse(question)
        top_text = "".join(p.chunk.text for p in passages[:3] if p.role != "example")
        # a term the asker names (quoted, 《》, the subject of 什么是X, a side of a comparison) that the
        # material never mentions: the material cannot be about it
        # (a side in the asker's own words, 考得好 and 考得差, names nothing the material must use)
        named = [t for t in info.key_terms if len(t) <= 8 and not re.search(r"[它他她这那的么吗，,]", t)
                 and not (t in info.sides and t not in info.quoted and colloquial(t))]
        absent = [t for t in named if self.evidence.term_unknown(t, index)]
        # a comparison needs both sides in the material; otherwise one named term found is enough
        if named and (absent == named or (info.compares and absent and set(absent) & set(info.sides))):
            return GateDecision(False, round(min(p, 0.05), 4), feats, "term_absent")
        # a short named subject the question opens with (八项规定对…、申请低保需要…) whose specific word the
        # material never uses: the material is about something else
        lead = re.split(r"对|的|是|有|需要|要|怎么|如何|为什么|为何|能|可以|在|和|与|需|应", question, maxsplit=1)[0]
        if 2 <= len(lead) <= 8 and _NAMED_THING.search(lead) and any(not index.df.get(t, 0) and self.tokenizer.specificity(t) >= 4.0
                                       for t in self.tokenizer(lead)) and not index.mentions(lead):
            return GateDecision(False, round(min(p, 0.05), 4), feats, "subject_absent")
        # a year the question is anchored on that the passages never mention (2026年的一号文件 ≠ 2013年的)
        years = set(re.findall(r"(?:19|20)\d{2}(?=年)", question))
        dated = top_text + "".join(f"{p.chunk.title}{p.chunk.validity.effective}{p.chunk.validity.basis_date}"
                                   for p in passages[:3])  # 2019年版的办法: the year may be in the title or dates only
        if years and not any(y in dated for y in years):
            return GateDecision(False, round(min(p, 0.05), 4), feats, "year_absent")
        # a number question (几个人、多少钱、多久) whose measure no passage states: the fact is not there. With several
        # questions in one message (一共几章几条？什么时候施行的？), only when none of them can be answered
        parts = sub_questions(question)
        asked = [info] if len(parts) == 1 else [analyse(part) for part in parts]
        # (有没有补贴？给多少？: whether there is one is answered with how much; 任期几年？能不能连任？: a yes/no that
        # names nothing of its own hangs on the number asked before it)
        numbers = [a for a in asked if not (a.kind == "yesno" and (re.search(r"有没有|有无", a.text)
                                                                  or not opening_subject(a.text)))]
        # (a date asked, 啥时候前办完, may be stated without a figure, 汛期前: never refused for want of one)
        if numbers and all(a.measure is not None and a.unit not in LOOSE_UNITS and not self.evidence.states(a, pool or passages, index)
                           for a in numbers):
            return GateDecision(False, round(min(p, 0.05), 4), feats, "number_absent")
        # the conditions asked for (申请许可证需要满足哪些条件) that neither a top passage nor the documents of the top three set
        # (具备下列条件：、条件是…, 二、登记条件): the material names the thing but not what it takes
        def sets_conditions(c: Chunk) -> bool:
            return c.role != "example" and bool(_SETS_CONDITIONS.search(c.text) or re.search(r"条件|资格", " ".join(c.heading_path)))

        # (the top three's documents are read only when no top passage sets conditions out)
        if _ASKS_CONDITIONS.search(question) and passages and not any(sets_conditions(q.chunk) for q in passages[:5]) \
                and not any(map(sets_conditions, index.of_sources({q.chunk.source for q in passages[:3]}))):
            return GateDecision(False, round(min(p, 0.05), 4), feats, "conditions_absent")
        # a list asked for by its size (按哪几步走、分哪几类) that the best document announces by count (五步法、四类),
        # and that document speaks of the question's most specific word: answerable
        if info.kind == "list" and passages and self.evidence.counts_asked_list(
                question, tokens, [p for p in (pool or passages) if p.chunk.source == passages[0].chunk.source], index):
            return GateDecision(True, round(max(p, 0.9), 4), feats, "list_present")
        # the term a definition question asks about is defined or stated in a top passage: answerable
        if info.kind == "definition" and any(plain(t) in plain(top_text) for t in (info.subject, *info.quoted) if t):
            return GateDecision(True, round(max(p, 0.95), 4), feats, "term_present")
        covered = p >= self.gate_params.threshold
        return GateDecision(covered, round(p, 4), feats, "" if covered else "low_relevance", near=not covered and p >= NEAR)
