"""Accounts: hashed passwords in the shared database, seen by every process on it."""

import stat
from pathlib import Path

import pytest
from sqlalchemy import select

from trainer_bot.db import Database, users
from trainer_bot.errors import TrainerBotError
from trainer_bot.users import ITERATIONS as PRODUCT_ITERATIONS  # read at import, before a test lowers it
from trainer_bot.users import User, UserStore


def test_add_then_verify_right_and_wrong_password(any_db: Database):
    store = UserStore(any_db)
    assert store.add("张老师", "correct horse", "trainer") == User("张老师", "trainer")
    assert store.verify("张老师", "correct horse") is True
    assert store.verify("张老师", "wrong horse!") is False
    assert store.verify("nobody", "correct horse") is False
    with any_db.begin() as conn:
        row = conn.execute(select(users)).one()
    assert "correct horse" not in " ".join(map(str, row)) and len(row.hash) == 64  # only the hash is stored


def test_passwords_are_hashed_with_the_rounds_in_force_and_checked_with_the_stored_ones(db: Database, monkeypatch):
    assert PRODUCT_ITERATIONS >= 200_000  # the product's strength (tests lower it for speed)
    store = UserStore(db)
    store.add("old", "long enough")
    monkeypatch.setattr("trainer_bot.users.ITERATIONS", 2_000)
    store.add("new", "long enough")
    with db.begin() as conn:
        rounds = dict(conn.execute(select(users.c.name, users.c.iterations)).all())
    assert rounds == {"old": 1_000, "new": 2_000}
    assert store.verify("old", "long enough") and store.verify("new", "long enough")


def test_database_file_and_data_dir_are_private(db: Database):
    UserStore(db).add("admin", "long enough")
    path = Path(db.engine.url.database)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_role_is_checked_and_accounts_listed_and_removed(any_db: Database):
    store = UserStore(any_db)
    store.add("learner", "long enough", "cadre")
    assert store.role("learner") == "cadre" and store.role("nobody") is None and store.role(None) is None
    assert store.verify("learner", "long enough", "cadre") is True
    assert store.verify("learner", "long enough", "trainer") is False
    store.add("admin", "long enough")
    assert store.list() == [User("admin", "trainer"), User("learner", "cadre")]
    assert store.remove("learner") is True and store.remove("learner") is False
    assert store.verify("learner", "long enough") is False


def test_a_second_connection_sees_the_user_and_adding_again_resets_the_password(any_db: Database):
    UserStore(any_db).add("admin", "long enough")
    other = UserStore(Database(any_db.url))
    assert other.role("admin") == "trainer" and other.verify("admin", "long enough")
    other.add("admin", "a new password", "trainer")
    assert UserStore(any_db).verify("admin", "a new password") and not UserStore(any_db).verify("admin", "long enough")


@pytest.mark.parametrize("name, password, role, message", [
    ("bad name!", "long enough", "trainer", "用户名"),
    ("admin", "short", "trainer", "至少 8 位"),
    ("admin", "12345678", "trainer", "容易被猜到"),
    ("admin", "abcdefghij", "trainer", "容易被猜到"),
    ("admin", " " * 8, "trainer", "全是空格"),
    ("admin", "aaaa1111", "trainer", "重复"),
    ("admin", "long enough", "boss", "角色"),
])
def test_bad_accounts_are_refused_with_a_reason(any_db: Database, name, password, role, message):
    with pytest.raises(TrainerBotError, match=message):
        UserStore(any_db).add(name, password, role)
    assert UserStore(any_db).list() == []


def test_names_are_compared_after_nfkc(any_db: Database):
    store = UserStore(any_db)
    store.add("t1", "long enough")
    store.add("ｔ１", "another password")  # the same account, not a second one
    assert [u.name for u in store.list()] == ["t1"]
    assert store.verify("ｔ１", "another password") and store.role(" t1 ") == "trainer"
