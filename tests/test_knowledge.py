"""The bundled material: shape, front matter and references of every document."""

import datetime as dt
import re
from pathlib import Path

import pytest

from trainer_bot.load import split_front_matter, validity_meta
from trainer_bot.models import STATUSES, Validity
from trainer_bot.tokenizer import Tokenizer, load_glossary

KNOWLEDGE = Path(__file__).resolve().parents[1] / "knowledge"
DOCS = sorted(KNOWLEDGE.rglob("*.md"))
AUDIENCES = {"村/社区干部", "乡镇干部", "街道干部", "网格员"}


def test_enough_documents_across_topic_folders():
    assert len(DOCS) >= 42
    assert len({d.parent for d in DOCS}) >= 8


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.relative_to(KNOWLEDGE).as_posix())
def test_front_matter_and_structure(path: Path):
    text = path.read_text(encoding="utf-8")
    meta, body = split_front_matter(text)
    assert 700 <= len(body) <= 2300  # the text itself; front matter grows with references and dates
    assert isinstance(meta.get("title"), str) and meta["title"]
    assert isinstance(meta.get("topic"), str) and meta["topic"]
    assert meta.get("audience") and set(meta["audience"]) <= AUDIENCES
    assert isinstance(meta.get("updated"), dt.date)
    references = meta.get("references")
    assert references, "every document names the public documents its facts come from"
    for ref in references:
        assert ref["title"] and not ref["title"].startswith("《")
        assert re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", str(ref["date"])), ref
    for heading in ("## 要点", "## 解读", "## 常见误区"):
        assert heading in body
    assert re.search(r"^## 案例（示例", body, re.M), "invented cases are labelled as examples"
    # status and dates (material roles): every document says whether its basis is in force
    assert meta.get("status") in STATUSES
    if "effective" in meta:
        assert isinstance(meta["effective"], dt.date), "施行日期 is a full date"
    for ref in references:
        assert ref.get("status", "现行") in STATUSES, ref
    validity = Validity.from_meta(validity_meta(meta))
    assert validity.basis, "the basis an answer names is found among the references"


def test_each_topic_folder_has_one_topic():
    topics: dict[Path, set[str]] = {}
    for path in DOCS:
        meta, _ = split_front_matter(path.read_text(encoding="utf-8"))
        topics.setdefault(path.parent, set()).add(meta["topic"])
    assert all(len(t) == 1 for t in topics.values()), topics


def test_glossary_terms_occur_in_the_material():
    corpus = "".join(p.read_text(encoding="utf-8") for p in DOCS)
    terms = load_glossary()
    missing = [t for t in terms if t not in corpus]
    assert len(missing) <= len(terms) // 10, missing


def test_glossary_is_what_the_tokenizer_uses():
    tokens = Tokenizer()("村里推行四议两公开和三治融合")
    assert "四议两公开" in tokens and "三治融合" in tokens
