"""Login throttling: failed sign-ins slow down, then lock, per account and per client address.

Gradio checks a password inside its async ``/login`` route; a slow PBKDF2 check there would stall
every request of the process, so the check runs in a worker thread, and an account or address that
is locked is refused before any hashing. State is per process (each replica throttles on its own).
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from ..users import UserStore, normal_name


@dataclass
class Throttle:
    """After ``free`` failures within ``window`` seconds, a key waits ``base`` seconds, doubling with each
    further failure up to ``lock`` seconds. A success clears the key."""

    free: int = 5
    window: float = 900.0
    base: float = 30.0
    lock: float = 900.0
    clock: Callable[[], float] = time.monotonic
    _failures: dict[str, list[float]] = field(default_factory=dict)
    _guard: threading.Lock = field(default_factory=threading.Lock)

    def retry_after(self, key: str) -> float:
        """Seconds until ``key`` may try again (0: now)."""
        now = self.clock()
        with self._guard:
            recent = [t for t in self._failures.get(key, []) if now - t < self.window]
            self._failures[key] = recent
            if len(recent) < self.free:
                return 0.0
            wait = min(self.base * 2 ** (len(recent) - self.free), self.lock)
            return max(0.0, recent[-1] + wait - now)

    def failed(self, key: str) -> None:
        with self._guard:
            self._failures.setdefault(key, []).append(self.clock())

    def succeeded(self, key: str) -> None:
        with self._guard:
            self._failures.pop(key, None)


def retry_message(seconds: float) -> str:
    minutes = int(seconds // 60)
    when = f"{minutes} 分 {int(seconds % 60)} 秒" if minutes else f"{max(1, int(seconds))} 秒"
    return f"登录失败次数过多，请在 {when} 后重试。"


class LoginGuard:
    """The ``auth`` for Gradio (async: hashing off the event loop) and a middleware for the login routes."""

    def __init__(self, users: UserStore, role: str | None = None, accounts: Throttle | None = None,
                 addresses: Throttle | None = None):
        self.users = users
        self.role = role
        self.accounts = accounts or Throttle()
        self.addresses = addresses or Throttle(free=20)  # many people may share one address (an office, a proxy)

    async def auth(self, name: str, password: str) -> bool:
        key = normal_name(name)
        if self.accounts.retry_after(key):
            return False  # locked: refused without hashing, so a flood costs no CPU
        ok = await asyncio.to_thread(self.users.verify, name, password, self.role)
        (self.accounts.succeeded if ok else self.accounts.failed)(key)
        return ok

    def install(self, app, login_paths: tuple[str, ...]) -> None:
        from fastapi.responses import JSONResponse

        @app.middleware("http")
        async def throttle_logins(request, call_next):
            if request.method != "POST" or request.url.path.rstrip("/") not in login_paths:
                return await call_next(request)
            address = request.client.host if request.client else "?"
            wait = self.addresses.retry_after(address)
            if wait:
                return JSONResponse({"detail": retry_message(wait)}, status_code=429,
                                    headers={"Retry-After": str(int(wait) + 1)})
            response = await call_next(request)
            if response.status_code == 400:
                self.addresses.failed(address)
            elif response.status_code < 300:
                self.addresses.succeeded(address)
            return response
