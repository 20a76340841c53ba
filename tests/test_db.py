"""The shared database: migrations, the import of older files, cross-process locks, uploaded originals."""

import json
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import insert

from trainer_bot.db import MIGRATIONS, Database, default_url, locks
from trainer_bot.errors import ConfigError
from trainer_bot.quiz.bank import QuizBank
from trainer_bot.uploads import UploadStore
from trainer_bot.users import UserStore
from trainer_bot.settings import Settings


def test_a_new_database_is_at_the_latest_version_and_reopening_changes_nothing(any_db: Database):
    assert any_db.version() == len(MIGRATIONS)
    UserStore(any_db).add("admin", "long enough")
    again = Database(any_db.url)
    assert again.version() == len(MIGRATIONS) and UserStore(again).role("admin") == "trainer"


def test_files_of_the_previous_version_are_imported_once(tmp_path: Path):
    legacy = sqlite3.connect(tmp_path / "quiz.sqlite3")
    legacy.executescript("""
        CREATE TABLE quiz_sets (id TEXT PRIMARY KEY, title TEXT NOT NULL, topic TEXT, status TEXT NOT NULL, author TEXT,
            created TEXT NOT NULL, updated TEXT NOT NULL, questions TEXT NOT NULL);
        CREATE TABLE attempts (id INTEGER PRIMARY KEY AUTOINCREMENT, set_id TEXT, user TEXT, mode TEXT, started TEXT,
            finished TEXT, answers TEXT NOT NULL, score REAL NOT NULL, total INTEGER NOT NULL);
        INSERT INTO quiz_sets VALUES ('old1', '旧题库', '', 'published', 'zhang', '2026-01-01', '2026-01-02', '[]');
        INSERT INTO attempts (set_id, user, mode, started, finished, answers, score, total)
            VALUES ('old1', 'li', 'set', 's', 'f', '{"q1": true}', 1, 1);""")
    legacy.commit()
    legacy.close()
    (tmp_path / "users.json").write_text(json.dumps({"admin": {
        "role": "trainer", "salt": "00" * 16, "iterations": 1000,
        "hash": __import__("hashlib").pbkdf2_hmac("sha256", b"long enough", b"\0" * 16, 1000).hex()}}), encoding="utf-8")
    (tmp_path / "uploads").mkdir()
    (tmp_path / "uploads" / "村规.md").write_text("# 村规\n\n内容", encoding="utf-8")
    db = Database(default_url(Settings(_env_file=None, data_dir=tmp_path)), tmp_path)
    assert [u.name for u in UploadStore(db).list()] == ["村规.md"]
    bank = QuizBank(db)
    assert bank.get("old1").title == "旧题库" and bank.attempts("old1")[0]["answers"] == {"q1": True}
    assert UserStore(db).verify("admin", "long enough", "trainer")
    assert not (tmp_path / "users.json").exists() and (tmp_path / "users.json.imported").exists()
    assert (tmp_path / "quiz.sqlite3.imported").exists() and (tmp_path / "uploads.imported").is_dir()
    Database(default_url(Settings(_env_file=None, data_dir=tmp_path)), tmp_path)  # opened again: nothing imported twice
    assert len(QuizBank(db).list()) == 1


def test_a_bad_database_url_says_what_to_set():
    with pytest.raises(ConfigError, match="TRAINER_BOT_DATABASE_URL"):
        Database("nosuchdialect://x/y")


def test_a_lock_is_held_by_one_holder_at_a_time(any_db: Database):
    inside, overlaps, waited = [], [], []

    def work(i: int) -> None:
        with any_db.lock("job", waiting=lambda: waited.append(i)):
            if inside:
                overlaps.append(i)
            inside.append(i)
            time.sleep(0.3)
            inside.remove(i)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(20)
    assert not overlaps and len(waited) == 2


def test_a_lock_left_by_a_dead_holder_is_taken_over_after_its_ttl(any_db: Database):
    with any_db.begin() as conn:
        conn.execute(insert(locks).values(name="job", holder="crashed", expires=time.time() - 1))
    started = time.monotonic()
    with any_db.lock("job", wait=5):
        pass
    assert time.monotonic() - started < 2


@pytest.mark.system  # another process
def test_a_lock_is_exclusive_across_processes(any_db: Database, tmp_path: Path):
    script = ("import sys, time; from trainer_bot.db import Database\n"
              "db = Database(sys.argv[1])\n"
              "with db.lock('job'):\n    print('held', flush=True); time.sleep(2)\n")
    other = subprocess.Popen([sys.executable, "-c", script, any_db.url], stdout=subprocess.PIPE, text=True)
    assert other.stdout.readline().strip() == "held"
    started = time.monotonic()
    with any_db.lock("job"):
        waited = time.monotonic() - started
    other.wait(10)
    assert waited > 0.5


def test_uploads_round_trip_through_the_database(any_db: Database, tmp_path: Path):
    store = UploadStore(any_db)
    store.put("a.md", "# 甲\n内容".encode(), "zhang")
    store.put("b.txt", b"second")
    store.put("a.md", "# 甲\n新内容".encode(), "li")  # the same name replaces
    assert [(u.name, u.size, u.uploader) for u in store.list()] == [("a.md", len("# 甲\n新内容".encode()), "li"),
                                                                    ("b.txt", 6, "")]
    paths = UploadStore(Database(any_db.url)).materialise(tmp_path / "out")
    assert [p.name for p in paths] == ["a.md", "b.txt"] and paths[0].read_text(encoding="utf-8") == "# 甲\n新内容"
    assert store.remove("a.md") and not store.remove("a.md")
    assert [u.name for u in store.list()] == ["b.txt"]


def test_a_version_5_database_keeps_its_source_status_through_migration_6(tmp_path: Path, monkeypatch):
    import trainer_bot.db as db_module
    from trainer_bot.models import Validity
    from trainer_bot.validity import ValidityStore

    url = f"sqlite:///{tmp_path / 'v5.sqlite3'}"
    with monkeypatch.context() as patch:
        patch.setattr(db_module, "MIGRATIONS", MIGRATIONS[:5])
        old = Database(url)
        assert old.version() == 5
        ValidityStore(old).set("a.md", Validity(status="已废止"), "t1")
    new = Database(url)
    assert new.version() == len(MIGRATIONS) == 6
    statuses = ValidityStore(new)
    assert statuses.all() == {"a.md": Validity(status="已废止")} and statuses.topics() == {}
    statuses.set_topic("a.md", "村务公开")
    statuses.set_topic("b.md", "网格化管理")  # a topic only: no status to apply
    assert statuses.topics() == {"a.md": "村务公开", "b.md": "网格化管理"}
    assert statuses.all() == {"a.md": Validity(status="已废止")}
