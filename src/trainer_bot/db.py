"""Database: everything that is not vectors, in one SQLAlchemy database shared by every process.

Quiz sets, practice attempts, accounts, uploaded originals and cross-process locks live here.
``TRAINER_BOT_DATABASE_URL`` names it; the default is a SQLite file in the data directory
(nothing to install). Several app replicas share one PostgreSQL database
(``postgresql+psycopg://…``, driver in the ``postgres`` extra).

Schema changes are numbered steps in :data:`MIGRATIONS`, applied in order at open under a
database-wide lock and recorded in ``schema_version``. A project this size needs no
Alembic: there is no autogeneration to do, the steps must run on SQLite and PostgreSQL alike
and from an installed package with no ini file, and every replica applies them at start,
which needs the lock anyway.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import (Column, Float, Integer, LargeBinary, MetaData, String, Table, Text, UniqueConstraint,
                        create_engine, delete, event, insert, select, text, update)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError

from .errors import ConfigError, StoreError
from .models import now
from .settings import Settings

log = logging.getLogger(__name__)
metadata = MetaData()

quiz_sets = Table(
    "quiz_sets", metadata,
    Column("id", String(32), primary_key=True), Column("title", Text, nullable=False), Column("topic", Text),
    Column("status", String(16), nullable=False), Column("author", Text), Column("created", String(40), nullable=False),
    Column("updated", String(40), nullable=False), Column("questions", Text, nullable=False))
attempts = Table(
    "attempts", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True), Column("set_id", String(32), index=True),
    Column("user", Text), Column("mode", String(16)), Column("started", String(40)), Column("finished", String(40)),
    Column("answers", Text, nullable=False), Column("score", Float, nullable=False), Column("total", Integer, nullable=False))
users = Table(
    "users", metadata,
    Column("name", String(64), primary_key=True), Column("role", String(16), nullable=False),
    Column("salt", String(64), nullable=False), Column("iterations", Integer, nullable=False),
    Column("hash", String(128), nullable=False))
files = Table(  # uploaded originals: every replica can re-index them, no shared disk needed
    "files", metadata,
    Column("name", String(255), primary_key=True), Column("sha256", String(64), nullable=False),
    Column("size", Integer, nullable=False), Column("content", LargeBinary, nullable=False),
    Column("uploaded", String(40), nullable=False), Column("uploader", String(64)))
locks = Table(
    "locks", metadata,
    Column("name", String(64), primary_key=True), Column("holder", String(64), nullable=False),
    Column("expires", Float, nullable=False))
source_status = Table(  # status and dates a trainer set for a source (overrides its front matter)
    "source_status", metadata,
    Column("source", String(255), primary_key=True), Column("validity", Text, nullable=False),  # "" = not set
    Column("updated", String(40), nullable=False), Column("editor", String(64)),
    Column("topic", String(255)))  # migration 6: the topic a trainer gave it (an upload has no folder or front matter)
removed_sources = Table(  # bundled documents a trainer deleted: 重建索引 leaves them out
    "removed_sources", metadata,
    Column("source", String(255), primary_key=True), Column("removed", String(40), nullable=False),
    Column("by", String(64)))
login_events = Table(  # failed sign-ins per account and per address, shared by every replica (web/guard.py)
    "login_events", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True), Column("kind", String(16), nullable=False),
    Column("key", String(255), nullable=False, index=True), Column("at", Float, nullable=False))
# -- learners (learners/): profiles from a roster, classes, assignments and their sittings, 错题本, 积分; the question log
profiles = Table(
    "profiles", metadata,
    Column("name", String(64), primary_key=True), Column("full_name", Text, nullable=False), Column("unit", Text),
    Column("phone", String(32)), Column("must_change", Integer, nullable=False), Column("created", String(40), nullable=False))
class_members = Table(
    "class_members", metadata,
    Column("class_name", String(64), primary_key=True), Column("name", String(64), primary_key=True))
assignments = Table(
    "assignments", metadata,
    Column("id", String(32), primary_key=True), Column("set_id", String(32), nullable=False),
    Column("class_name", String(64), nullable=False, index=True), Column("kind", String(8), nullable=False),
    Column("opens", String(40), nullable=False), Column("closes", String(40), nullable=False), Column("minutes", Integer),
    Column("shuffle", Integer, nullable=False), Column("created", String(40), nullable=False), Column("by", String(64)))
sittings = Table(  # one row per attempt at an assignment; (assignment, user, seq) unique: a 测验 has seq 1 only
    "sittings", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True), Column("assignment_id", String(32), nullable=False, index=True),
    Column("user", String(64), nullable=False), Column("seq", Integer, nullable=False),
    Column("started", String(40), nullable=False), Column("deadline", String(40), nullable=False),
    Column("finished", String(40)), Column("paper", Text, nullable=False), Column("responses", Text, nullable=False),
    Column("score", Float), Column("total", Integer, nullable=False),
    UniqueConstraint("assignment_id", "user", "seq", name="one_sitting_per_seq"))
wrong_answers = Table(
    "wrong_answers", metadata,
    Column("user", String(64), primary_key=True), Column("question_id", String(32), primary_key=True),
    Column("question", Text, nullable=False), Column("added", String(40), nullable=False),
    Column("misses", Integer, nullable=False), Column("streak", Integer, nullable=False))
points = Table(
    "points", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True), Column("user", String(64), nullable=False, index=True),
    Column("day", String(10), nullable=False), Column("reason", String(32), nullable=False),
    Column("points", Integer, nullable=False), Column("at", String(40), nullable=False))
question_log = Table(  # what was asked in chat and answered, with 👍/👎 (questionlog.py); off with TRAINER_BOT_LOG_QUESTIONS=false
    "question_log", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True), Column("at", String(40), nullable=False, index=True),
    Column("user", String(64), nullable=False, index=True), Column("question", Text, nullable=False),
    Column("answer", Text, nullable=False), Column("sources", Text, nullable=False), Column("engine", String(32)),
    Column("refused", Integer, nullable=False), Column("rating", Integer), Column("reason", Text))
schema_version = Table("schema_version", metadata, Column("version", Integer, nullable=False))


def _v1_tables(conn: Connection, data_dir: Path | None) -> None:
    metadata.create_all(conn, tables=[quiz_sets, attempts, users, files, locks])
    if data_dir is not None:
        _import_legacy(conn, data_dir)


def _v2_source_status(conn: Connection, data_dir: Path | None) -> None:
    conn.execute(text("CREATE TABLE IF NOT EXISTS source_status (source VARCHAR(255) NOT NULL PRIMARY KEY, "
                      "validity TEXT NOT NULL, updated VARCHAR(40) NOT NULL, editor VARCHAR(64))"))  # as version 2 made it


def _v3_removed_sources(conn: Connection, data_dir: Path | None) -> None:
    metadata.create_all(conn, tables=[removed_sources])


def _v4_login_events(conn: Connection, data_dir: Path | None) -> None:
    metadata.create_all(conn, tables=[login_events])


def _v5_learners(conn: Connection, data_dir: Path | None) -> None:
    metadata.create_all(conn, tables=[profiles, class_members, assignments, sittings, wrong_answers, points, question_log])


def _v6_source_topic(conn: Connection, data_dir: Path | None) -> None:
    conn.execute(text("ALTER TABLE source_status ADD COLUMN topic VARCHAR(255)"))


MIGRATIONS: list[Callable[[Connection, Path | None], None]] = [_v1_tables, _v2_source_status, _v3_removed_sources,
                                                               _v4_login_events, _v5_learners, _v6_source_topic]


def default_url(settings: Settings) -> str:
    return f"sqlite:///{settings.database_file.resolve()}"


class Database:
    def __init__(self, url: str, data_dir: Path | None = None):
        """``data_dir``: where files of older versions (quiz.sqlite3, users.json) are imported from, once."""
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        try:
            self.engine = _make_engine(url)
        except Exception as exc:  # bad URL, missing driver
            raise ConfigError(f"TRAINER_BOT_DATABASE_URL 无法使用（{exc}）。示例：postgresql+psycopg://用户:密码@主机/库名；"
                              "使用 PostgreSQL 需先安装：pip install \"trainer-bot[postgres]\"。") from None
        self.migrate(data_dir)

    @classmethod
    def from_settings(cls, settings: Settings) -> Database:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        try:
            os.chmod(settings.data_dir, 0o700)  # it holds the database, the store and exports: the owner's only
        except OSError:  # not ours to change (a mounted volume): leave it
            pass
        return cls(settings.database_url or default_url(settings), settings.data_dir)

    @property
    def where(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """A transaction; database failures become a :class:`StoreError` that says what to check."""
        try:
            with self.engine.begin() as conn:
                yield conn
        except IntegrityError:
            raise
        except SQLAlchemyError as exc:
            raise StoreError(f"数据库 {self.where} 操作失败（{type(exc).__name__}: {exc.args[0] if exc.args else ''}）。"
                             "请确认数据库服务在运行、账号有权限、磁盘未满。") from None

    # -- rows by primary key ----------------------------------------------------------------
    def put(self, table: Table, key: str, value: object, row: dict) -> None:
        """Insert the row whose primary key ``key`` is ``value``, or replace its other columns."""
        with self.begin() as conn:
            if not conn.execute(update(table).where(table.c[key] == value).values(row)).rowcount:
                conn.execute(insert(table).values({key: value, **row}))

    def add(self, table: Table, row: dict) -> int:
        """Insert a row into a table keyed by a generated integer; that key."""
        with self.begin() as conn:
            key = conn.execute(insert(table).values(row)).inserted_primary_key
        assert key is not None  # an INSERT has one
        return int(key[0])

    def remove(self, table: Table, key: str, value: object) -> bool:
        """Delete the row whose primary key ``key`` is ``value``; whether there was one."""
        with self.begin() as conn:
            return bool(conn.execute(delete(table).where(table.c[key] == value)).rowcount)

    # -- schema -----------------------------------------------------------------------------
    def version(self) -> int:
        with self.begin() as conn:
            if not self.engine.dialect.has_table(conn, "schema_version"):
                return 0
            return int(conn.execute(select(schema_version.c.version)).scalar() or 0)

    def migrate(self, data_dir: Path | None = None) -> None:
        current = 0
        for attempt in range(5):  # SQLite: another process may be creating the same tables right now
            try:
                with self.begin() as conn:
                    if self.engine.dialect.name == "postgresql":
                        conn.exec_driver_sql("SELECT pg_advisory_xact_lock(730125)")  # one migrator at a time
                    schema_version.create(conn, checkfirst=True)
                    current = int(conn.execute(select(schema_version.c.version)).scalar() or 0)
                    for number, step in enumerate(MIGRATIONS[current:], start=current + 1):
                        step(conn, data_dir)
                        log.info("database %s migrated to version %d", self.where, number)
                    if current == 0:
                        conn.execute(insert(schema_version).values(version=len(MIGRATIONS)))
                    elif current < len(MIGRATIONS):
                        conn.execute(schema_version.update().values(version=len(MIGRATIONS)))
                break
            except (OperationalError, IntegrityError, StoreError):
                current = 0
                if attempt == 4:
                    raise
                time.sleep(0.2 * (attempt + 1))
        if current == 0 and data_dir is not None:
            _retire_legacy(data_dir)  # only once their rows are committed
        if self.is_sqlite:
            path = Path(self.engine.url.database or "")
            if path.is_file():
                os.chmod(path, 0o600)  # it holds password hashes

    # -- cross-process locks ------------------------------------------------------------------
    @contextmanager
    def lock(self, name: str, ttl: float = 900.0, wait: float = 1800.0,
             waiting: Callable[[], None] | None = None) -> Iterator[None]:
        """Held by one process at a time across every replica (a row; taken over once ``ttl`` has passed,
        so a crashed holder does not block the others for ever). ``waiting`` is called once if it must wait."""
        holder = uuid.uuid4().hex
        deadline = time.monotonic() + wait
        told = False
        while True:
            with self.begin() as conn:
                conn.execute(delete(locks).where(locks.c.name == name, locks.c.expires < time.time()))
            try:
                with self.begin() as conn:
                    conn.execute(insert(locks).values(name=name, holder=holder, expires=time.time() + ttl))
                break
            except IntegrityError:
                if time.monotonic() > deadline:
                    raise StoreError(f"等待其他进程完成“{name}”超时。如果那个进程已经退出，请稍后重试。") from None
                if waiting and not told:
                    waiting()
                    told = True
                time.sleep(0.5)
        try:
            yield
        finally:
            with self.begin() as conn:
                conn.execute(delete(locks).where(locks.c.name == name, locks.c.holder == holder))


def _make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record) -> None:  # readers do not wait for a writer; writers queue
            cursor = dbapi_conn.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10)


def _import_legacy(conn: Connection, data_dir: Path) -> None:
    """Quiz sets, attempts (``quiz.sqlite3``), accounts (``users.json``) and uploaded files (``uploads/``) of
    versions before the database."""
    legacy = data_dir / "quiz.sqlite3"
    if legacy.is_file():
        old = sqlite3.connect(legacy)
        try:
            for row in old.execute("SELECT id, title, topic, status, author, created, updated, questions FROM quiz_sets"):
                conn.execute(insert(quiz_sets).values(dict(zip(
                    ("id", "title", "topic", "status", "author", "created", "updated", "questions"), row))))
            for row in old.execute("SELECT set_id, user, mode, started, finished, answers, score, total FROM attempts"):
                conn.execute(insert(attempts).values(dict(zip(
                    ("set_id", "user", "mode", "started", "finished", "answers", "score", "total"), row))))
        finally:
            old.close()
    accounts = data_dir / "users.json"
    if accounts.is_file():
        for name, record in json.loads(accounts.read_text(encoding="utf-8")).items():
            conn.execute(insert(users).values(name=name, role=record["role"], salt=record["salt"],
                                              iterations=record["iterations"], hash=record["hash"]))
    uploads = data_dir / "uploads"
    if uploads.is_dir():
        for path in sorted(p for p in uploads.iterdir() if p.is_file()):
            content = path.read_bytes()
            conn.execute(insert(files).values(name=path.name, sha256=hashlib.sha256(content).hexdigest(),
                                              size=len(content), content=content, uploaded=now(), uploader=""))


def _retire_legacy(data_dir: Path) -> None:
    for name in ("quiz.sqlite3", "users.json", "uploads"):
        path = data_dir / name
        if path.exists():
            path.rename(path.with_name(name + ".imported"))
            log.info("%s imported into the database and renamed to %s.imported", path, name)
