"""Sign-in protection: throttled logins, and sessions that end when an account changes.

Gradio checks a password inside its async ``/login`` route; a slow PBKDF2 check there would stall
every request of the process, so the check runs in a worker thread, and an account or address that
is locked is refused before any hashing. The app keeps failed sign-ins in the database, so every replica
counts the same ones (:class:`DatabaseEvents`). :class:`Sessions` ends a sign-in once its account's password or role changes or the account is
removed, in whichever process made the change (the account's stamp lives in the database).
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import parse_qs

from sqlalchemy import delete, insert, select

from ..db import Database, login_events
from ..users import Role, UserStore, normal_name


class MemoryEvents:
    """Timestamps per key in this process."""

    def __init__(self) -> None:
        self._events: dict[str, list[float]] = {}
        self._guard = threading.Lock()

    def since(self, key: str, start: float) -> list[float]:
        with self._guard:
            kept = [t for t in self._events.get(key, []) if t > start]
            self._events[key] = kept
            return list(kept)

    def add(self, key: str, at: float) -> None:
        with self._guard:
            self._events.setdefault(key, []).append(at)

    def clear(self, key: str) -> None:
        with self._guard:
            self._events.pop(key, None)


class DatabaseEvents:
    """Timestamps per key in the shared database: every replica counts the same failed sign-ins."""

    def __init__(self, db: Database, kind: str):
        self.db = db
        self.kind = kind

    def since(self, key: str, start: float) -> list[float]:
        table = login_events
        with self.db.begin() as conn:
            conn.execute(delete(table).where(table.c.kind == self.kind, table.c.key == key, table.c.at <= start))
            rows = conn.execute(select(table.c.at).where(table.c.kind == self.kind, table.c.key == key)
                                .order_by(table.c.at)).all()
        return [r.at for r in rows]

    def add(self, key: str, at: float) -> None:
        with self.db.begin() as conn:
            conn.execute(insert(login_events).values(kind=self.kind, key=key, at=at))

    def clear(self, key: str) -> None:
        with self.db.begin() as conn:
            conn.execute(delete(login_events).where(login_events.c.kind == self.kind, login_events.c.key == key))


@dataclass
class Throttle:
    """After ``free`` failures within ``window`` seconds, a key waits ``base`` seconds, doubling with each
    further failure up to ``lock`` seconds. A success clears the key. ``events``: where failures are
    kept (this process, or :class:`DatabaseEvents` for every replica)."""

    free: int = 5
    window: float = 900.0
    base: float = 30.0
    lock: float = 900.0
    clock: Callable[[], float] = time.time
    events: MemoryEvents | DatabaseEvents = field(default_factory=MemoryEvents)

    def recent(self, key: str) -> list[float]:
        """The key's failures within the window, oldest first (older ones are forgotten)."""
        return self.events.since(key, self.clock() - self.window)

    def retry_after(self, key: str) -> float:
        """Seconds until ``key`` may try again (0: now)."""
        recent = self.recent(key)
        if len(recent) < self.free:
            return 0.0
        wait = min(self.base * 2 ** (len(recent) - self.free), self.lock)
        return max(0.0, recent[-1] + wait - self.clock())

    def failed(self, key: str) -> None:
        self.events.add(key, self.clock())

    def succeeded(self, key: str) -> None:
        self.events.clear(key)


class RateLimit:
    """At most ``limit`` events per key within ``window`` seconds (per process), counted like failed sign-ins."""

    def __init__(self, limit: int = 10, window: float = 3600.0, clock: Callable[[], float] = time.monotonic):
        self.limit = limit
        self._events = Throttle(free=limit, window=window, clock=clock)
        self._guard = threading.Lock()

    def allow(self, key: str) -> bool:
        """Count one event for ``key`` if it is under its limit; whether it was."""
        with self._guard:
            if len(self._events.recent(key)) >= self.limit:
                return False
            self._events.failed(key)
            return True


def retry_message(seconds: float) -> str:
    minutes = int(seconds // 60)
    when = f"{minutes} 分 {int(seconds % 60)} 秒" if minutes else f"{max(1, int(seconds))} 秒"
    return f"登录失败次数过多，请在 {when} 后重试。"


class LoginGuard:
    """The ``auth`` for Gradio (async: hashing off the event loop) and a middleware for the login routes."""

    def __init__(self, users: UserStore, role: Role | None = None, accounts: Throttle | None = None,
                 addresses: Throttle | None = None):
        self.users = users
        self.role = role
        self.accounts = accounts or Throttle()
        self.addresses = addresses or Throttle(free=20)  # many people may share one address (an office, a proxy)

    async def auth(self, name: str, password: str) -> bool:
        key = normal_name(name)
        if await asyncio.to_thread(self.accounts.retry_after, key):
            return False  # locked: refused without hashing, so a flood costs no CPU
        ok = await asyncio.to_thread(self.users.verify, name, password, self.role)
        await asyncio.to_thread(self.accounts.succeeded if ok else self.accounts.failed, key)
        return ok

    def install(self, app, login_paths: tuple[str, ...]) -> None:
        from fastapi.responses import JSONResponse

        @app.middleware("http")
        async def throttle_logins(request, call_next):
            if request.method != "POST" or request.url.path.rstrip("/") not in login_paths:
                return await call_next(request)
            address = request.client.host if request.client else "?"
            form = parse_qs((await request.body()).decode("utf-8", "replace"))  # replayed to Gradio by Starlette
            account = normal_name((form.get("username") or [""])[0])
            # a locked account is told when to retry (Gradio would only say "Incorrect credentials")
            wait = max(await asyncio.to_thread(self.addresses.retry_after, address),
                       await asyncio.to_thread(self.accounts.retry_after, account) if account else 0.0)
            if wait:
                return JSONResponse({"detail": retry_message(wait)}, status_code=429,
                                    headers={"Retry-After": str(int(wait) + 1)})
            response = await call_next(request)
            if response.status_code == 400:
                await asyncio.to_thread(self.addresses.failed, address)
            elif response.status_code < 300:
                await asyncio.to_thread(self.addresses.succeeded, address)
            return response


class Sessions:
    """Ends Gradio sign-ins whose account changed since (password, role) or is gone.

    Gradio keeps a process-local ``tokens`` map (cookie token → account name) per mounted app; a token
    is checked against the account's stamp (``UserStore.stamp``) recorded at sign-in, and dropped
    from that map when they differ, so Gradio treats the next request as signed out."""

    def __init__(self, users: UserStore, ttl: float = 1.0, clock: Callable[[], float] = time.monotonic):
        self.users = users
        self.ttl = ttl
        self.clock = clock
        self._signed: dict[str, str | None] = {}  # token → the account's stamp when it signed in
        self._stamps: dict[str, tuple[float, str | None]] = {}  # name → (read at, stamp): one read a second

    def stamp(self, name: str) -> str | None:
        now = self.clock()
        cached = self._stamps.get(name)
        if cached and now - cached[0] < self.ttl:
            return cached[1]
        value = self.users.stamp(name)
        self._stamps[name] = (now, value)
        return value

    def check(self, tokens: dict[str, str], token: str | None) -> bool:
        """Whether the token may go on; a stale one is removed from ``tokens``."""
        if not token or token not in tokens:
            return True
        name = tokens[token]
        current = self.stamp(name)
        first = self._signed.setdefault(token, current)
        if current is not None and current == first:
            return True
        tokens.pop(token, None)
        self._signed.pop(token, None)
        return False

    def signed_in(self, token: str, name: str) -> None:
        self._stamps.pop(name, None)
        self._signed[token] = self.stamp(name)

    def install(self, app, mounts: dict[str, object]) -> None:
        """``mounts``: path prefix → the mounted Gradio app (with ``tokens`` and ``cookie_id``)."""
        order = sorted(mounts, key=len, reverse=True)

        @app.middleware("http")
        async def end_stale_sessions(request, call_next):
            path = request.url.path
            prefix = next((m for m in order if path == m or path.startswith(m + "/") or not m), None)
            gapp = mounts.get(prefix) if prefix is not None else None
            if gapp is not None:
                names = (f"access-token-{gapp.cookie_id}", f"access-token-unsecure-{gapp.cookie_id}")
                for token in {request.cookies.get(n) for n in names} - {None}:
                    await asyncio.to_thread(self.check, gapp.tokens, token)
            response = await call_next(request)
            if gapp is not None and request.method == "POST" and path.rstrip("/").endswith("/login") \
                    and response.status_code < 300:
                for header in response.headers.getlist("set-cookie"):
                    key, _, rest = header.partition("=")
                    token = rest.split(";", 1)[0]
                    if key.startswith("access-token") and token in gapp.tokens:
                        await asyncio.to_thread(self.signed_in, token, gapp.tokens[token])
            return response
