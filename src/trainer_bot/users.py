"""Accounts: salted PBKDF2-SHA256 hashes in the shared database (see ``db.py``)."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import unicodedata
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import select

from .db import Database, users
from .errors import TrainerBotError

Role = Literal["trainer", "cadre"]
ITERATIONS = 200_000


@dataclass(frozen=True)
class User:
    name: str
    role: Role


COMMON = frozenset("12345678 123456789 1234567890 87654321 11111111 00000000 88888888 66666666 password "
                   "password1 qwertyui qwerty123 abcd1234 1qaz2wsx a1234567 12345678a iloveyou woaini1314 "
                   "aaaaaaaa asdfghjk zxcvbnm1".split())


def normal_name(name: str) -> str:
    """Account names compare after NFKC (ｔ１ is t1) and without surrounding spaces."""
    return unicodedata.normalize("NFKC", name or "").strip()


def password_problem(password: str) -> str | None:
    """Why a password is too weak, in Chinese, or None."""
    if len(password) < 8:
        return "密码至少 8 位。"
    if not password.strip() or len(set(password)) < 4:
        return "密码不能全是空格或重复的少数几个字符。"
    classes = sum(bool(re.search(p, password)) for p in (r"[A-Za-z]", r"\d", r"[^A-Za-z\d]"))
    if classes < 2 or password.lower() in COMMON:
        return "密码太容易被猜到：请混合使用字母、数字或符号中的至少两类，不要用 12345678、password 这样的常见密码。"
    return None


def checked_name(name: str) -> str:
    name = normal_name(name)
    if not re.fullmatch(r"[\w.\-@\u4e00-\u9fff]{1,64}", name):
        raise TrainerBotError(f"账号（用户名）“{name}”不可用：只能包含字母、数字、汉字和 . - _ @，长度 1–64。")
    return name


def account_row(password: str, role: Role) -> dict:
    """The stored columns of an account (salted hash), after checking the password and role."""
    problem = password_problem(password)
    if problem:
        raise TrainerBotError(problem)
    if role not in ("trainer", "cadre"):
        raise TrainerBotError("角色只能是 trainer 或 cadre。")
    salt = secrets.token_bytes(16)
    return {"role": role, "salt": salt.hex(), "iterations": ITERATIONS, "hash": _hash(password, salt, ITERATIONS)}


def _hash(password: str, salt: bytes, iterations: int) -> str:
    return hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations).hex()


class UserStore:
    def __init__(self, db: Database):
        self.db = db

    def _record(self, name: str):
        name = normal_name(name)
        with self.db.begin() as conn:
            return conn.execute(select(users).where(users.c.name == name)).first()

    def add(self, name: str, password: str, role: Role = "trainer") -> User:
        name = checked_name(name)
        self.db.put(users, "name", name, account_row(password, role))
        return User(name, role)

    def change_password(self, name: str, old: str, new: str) -> None:
        """A signed-in user's own change: the old password must be right and the new one different."""
        role = self.role(name)
        if role is None or not self.verify(name, old):
            raise TrainerBotError("原密码不对，请重新输入。")
        if new == old:
            raise TrainerBotError("新密码不能和原密码相同。")
        self.add(name, new, role)

    def verify(self, name: str, password: str, role: Role | None = None) -> bool:
        record = self._record(name)
        if record is None:
            _hash(password, b"0" * 16, ITERATIONS)  # same cost either way: no user enumeration by timing
            return False
        ok = hmac.compare_digest(_hash(password, bytes.fromhex(record.salt), record.iterations), record.hash)
        return ok and (role is None or record.role == role)

    def stamp(self, name: str) -> str | None:
        """What a sign-in was made against: changes with the password (a new salt) and the role; None once removed."""
        record = self._record(name)
        return f"{record.role}:{record.salt}" if record else None

    def role(self, name: str | None) -> Role | None:
        record = self._record(name or "")
        return record.role if record else None

    def list(self) -> list[User]:
        with self.db.begin() as conn:
            return [User(r.name, r.role) for r in conn.execute(select(users.c.name, users.c.role).order_by(users.c.name))]

    def remove(self, name: str) -> bool:
        return self.db.remove(users, "name", normal_name(name))
