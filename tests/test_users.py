"""Trainer accounts: hashed passwords in a private file that every store on the data dir reads."""

import json
import stat
from pathlib import Path

import pytest

from trainer_bot.errors import TrainerBotError
from trainer_bot.users import User, UserStore


def test_add_then_verify_right_and_wrong_password(tmp_path: Path):
    store = UserStore(tmp_path)
    assert store.add("张老师", "correct horse", "trainer") == User("张老师", "trainer")
    assert store.verify("张老师", "correct horse") is True
    assert store.verify("张老师", "wrong horse!") is False
    assert store.verify("nobody", "correct horse") is False
    assert "correct horse" not in (tmp_path / "users.json").read_text(encoding="utf-8")  # only the hash is stored


def test_users_file_is_private(tmp_path: Path):
    UserStore(tmp_path).add("admin", "long enough")
    assert stat.S_IMODE((tmp_path / "users.json").stat().st_mode) == 0o600


def test_role_is_checked(tmp_path: Path):
    store = UserStore(tmp_path)
    store.add("learner", "long enough", "cadre")
    assert store.role("learner") == "cadre" and store.role("nobody") is None and store.role(None) is None
    assert store.verify("learner", "long enough", "cadre") is True
    assert store.verify("learner", "long enough", "trainer") is False


def test_a_second_store_on_the_same_folder_sees_the_user(tmp_path: Path):
    UserStore(tmp_path).add("admin", "long enough")
    other = UserStore(tmp_path)
    assert other.role("admin") == "trainer" and other.verify("admin", "long enough")
    other.add("second", "also long enough", "cadre")  # adding keeps the accounts already there
    assert set(json.loads((tmp_path / "users.json").read_text(encoding="utf-8"))) == {"admin", "second"}


@pytest.mark.parametrize("name, password, role, message", [
    ("bad name!", "long enough", "trainer", "用户名"),
    ("admin", "short", "trainer", "至少 8 位"),
    ("admin", "long enough", "boss", "角色"),
])
def test_bad_accounts_are_refused_with_a_reason(tmp_path: Path, name, password, role, message):
    with pytest.raises(TrainerBotError, match=message):
        UserStore(tmp_path).add(name, password, role)
    assert not (tmp_path / "users.json").exists()
