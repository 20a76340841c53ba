"""Trainer accounts: salted PBKDF2-SHA256 hashes in ``<data dir>/users.json``."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .errors import TrainerBotError

Role = Literal["trainer", "cadre"]
ITERATIONS = 200_000


@dataclass(frozen=True)
class User:
    name: str
    role: Role


def _hash(password: str, salt: bytes, iterations: int = ITERATIONS) -> str:
    return hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations).hex()


class UserStore:
    def __init__(self, data_dir: Path):
        self.path = Path(data_dir) / "users.json"
        self._lock = threading.Lock()

    def _read(self) -> dict[str, dict]:
        if not self.path.is_file():
            return {}
        return json.loads(self.path.read_text(encoding="utf-8"))

    def add(self, name: str, password: str, role: Role = "trainer") -> User:
        if not re.fullmatch(r"[\w.\-@\u4e00-\u9fff]{1,64}", name):
            raise TrainerBotError("用户名只能包含字母、数字、汉字和 . - _ @，长度 1–64。")
        if len(password) < 8:
            raise TrainerBotError("密码至少 8 位。")
        if role not in ("trainer", "cadre"):
            raise TrainerBotError("角色只能是 trainer 或 cadre。")
        salt = secrets.token_bytes(16)
        with self._lock:
            users = self._read()
            users[name] = {"role": role, "salt": salt.hex(), "iterations": ITERATIONS, "hash": _hash(password, salt)}
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(".tmp")
            tmp.write_text(json.dumps(users, ensure_ascii=False, indent=1), encoding="utf-8")
            os.chmod(tmp, 0o600)
            tmp.replace(self.path)
        return User(name, role)

    def verify(self, name: str, password: str, role: Role | None = None) -> bool:
        record = self._read().get(name)
        if record is None:
            _hash(password, b"0" * 16)  # same cost either way: no user enumeration by timing
            return False
        ok = hmac.compare_digest(_hash(password, bytes.fromhex(record["salt"]), record["iterations"]), record["hash"])
        return ok and (role is None or record["role"] == role)

    def role(self, name: str | None) -> Role | None:
        record = self._read().get(name or "")
        return record["role"] if record else None
