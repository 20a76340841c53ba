"""Real servers for the tests, on 127.0.0.1 only and stopped at the end: the app (python app.py),
``chroma run``, and a throwaway PostgreSQL cluster (initdb into a temp dir, then pg_ctl; no system service)."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as err:
        return err.code
    except (urllib.error.URLError, ConnectionError):  # not listening yet
        return 0


def wait_for_port(port: int, proc: subprocess.Popen, what: str, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{what} exited with {proc.returncode}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not start in {timeout} s")


def stop(*procs: subprocess.Popen, grace: float = 3) -> None:
    """Terminate the processes together, then kill what is still running after ``grace`` seconds."""
    running = [p for p in procs if p.poll() is None]
    for proc in running:
        proc.terminate()
    deadline = time.time() + grace
    for proc in running:
        try:
            proc.wait(timeout=max(0.0, deadline - time.time()))
        except subprocess.TimeoutExpired:  # open client connections can hold uvicorn's graceful shutdown
            proc.kill()
            proc.wait(timeout=10)


@contextmanager
def chroma_server(path: Path) -> Iterator[str]:
    port = free_port()
    chroma = Path(sys.executable).with_name("chroma")
    proc = subprocess.Popen([str(chroma), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_port(port, proc, "chroma run", 30)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(proc, grace=10)


def postgres_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def create_database(server: str, name: str) -> str:
    """A new empty database on a cluster from :func:`postgres_cluster`; its SQLAlchemy URL."""
    import psycopg

    host_port = server.split("@", 1)[1]
    host, port = host_port.split(":")
    with psycopg.connect(host=host, port=int(port), user="postgres", dbname="postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{server}/{name}"


@contextmanager
def postgres_cluster() -> Iterator[str]:
    """A throwaway cluster: ``postgresql+psycopg://postgres@127.0.0.1:PORT`` (add a database with
    :func:`create_database`). As root, the cluster runs as the ``postgres`` account (initdb refuses root);
    its folder lives outside pytest's private temp dir, which that account cannot enter."""
    initdb, pg_ctl = postgres_bin("initdb"), postgres_bin("pg_ctl")
    if not (initdb and pg_ctl):
        raise RuntimeError("PostgreSQL is not installed (Debian: apt-get install postgresql); .ci/run installs it")
    root = Path(tempfile.mkdtemp(prefix="trainer-bot-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    data, port = root / "data", free_port()
    run = lambda *cmd: subprocess.run([*as_user, *cmd], check=True, capture_output=True, text=True)  # noqa: E731
    try:
        run(initdb, "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")
        run(pg_ctl, "-D", str(data), "-l", str(root / "log"), "-w", "-t", "60", "start",
            "-o", f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off")
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}"
    finally:
        if (data / "postmaster.pid").exists():
            subprocess.run([*as_user, pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop"], capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


@dataclass
class App:
    url: str
    proc: subprocess.Popen
    log: list[str] = field(default_factory=list)


def start_app(env: dict[str, str]) -> App:
    """``python app.py`` on a free port with this environment (see :func:`wait_started`)."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "app.py", "--port", str(port)], cwd=REPO,
                            env={**os.environ, "GRADIO_ANALYTICS_ENABLED": "False", **env},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    app = App(f"http://127.0.0.1:{port}", proc)
    threading.Thread(target=lambda: app.log.extend(iter(proc.stderr.readline, "")), daemon=True).start()
    return app


@contextmanager
def app_server(env: dict[str, str], timeout: float = 300) -> Iterator[App]:
    """An app that has started and serves, stopped at the end."""
    app = start_app(env)
    try:
        wait_started(app, timeout)
        yield app
    finally:
        stop(app.proc, grace=1)  # nothing after the test needs a graceful shutdown; open streams would hold it


def wait_started(app: App, timeout: float = 300) -> None:
    deadline = time.time() + timeout
    while not any("已启动" in line for line in app.log):
        if app.proc.poll() is not None or time.time() > deadline:
            raise RuntimeError("app did not start:\n" + "".join(app.log))
        time.sleep(0.5)
    while http_status(app.url + "/config") != 200 and time.time() < deadline:
        time.sleep(0.3)


def add_user(env: dict[str, str], name: str, password: str, role: str = "trainer") -> None:
    """The account an administrator adds with ``trainer-bot user add`` under this environment, added from this
    process (``test_cli`` runs the command itself): a running app sees it as a change made by another process."""
    from trainer_bot.db import Database
    from trainer_bot.settings import Settings
    from trainer_bot.users import UserStore

    prefix = "TRAINER_BOT_"
    settings = Settings(_env_file=None, **{k[len(prefix):].lower(): v for k, v in env.items() if k.startswith(prefix)})
    UserStore(Database.from_settings(settings)).add(name, password, role)  # type: ignore[arg-type]


@contextmanager
def chromium() -> Iterator[object]:
    """Debian's Chromium driven by Playwright (headless), closed at the end."""
    import pytest

    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path("/usr/bin/chromium").exists():
        pytest.fail("Debian chromium is missing: .ci/run installs it with apt-get install chromium")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-quic"])
        try:
            yield browser
        finally:
            browser.close()


def ask_in_browser(page, url: str, question: str) -> None:
    """Open the cadre app at ``url``, ask ``question`` and wait for a cited answer's first footnote."""
    page.goto(url + "/")
    box = page.get_by_placeholder("例如：村里两户因宅基地起了纠纷，该怎么调解？")
    box.fill(question)
    box.press("Enter")
    page.locator(".tb-source summary").first.wait_for(timeout=30_000)


def client(url: str, auth: tuple[str, str] | None = None):
    """A gradio_client for one mounted app (``url`` ends with its path)."""
    from gradio_client import Client

    return Client(url, auth=auth, verbose=False)
