"""Login throttling: per account and per address, with a clock the test moves."""

import asyncio

from trainer_bot.db import Database
from trainer_bot.users import UserStore
from trainer_bot.web.guard import LoginGuard, Throttle, retry_message


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_failures_are_free_then_wait_doubles_up_to_the_lock():
    clock = Clock()
    throttle = Throttle(free=3, base=30, lock=100, window=900, clock=clock)
    for _ in range(3):
        assert throttle.retry_after("k") == 0
        throttle.failed("k")
    assert throttle.retry_after("k") == 30
    clock.now += 30
    assert throttle.retry_after("k") == 0
    throttle.failed("k")
    assert throttle.retry_after("k") == 60
    throttle.failed("k")
    assert throttle.retry_after("k") == 100  # capped
    assert throttle.retry_after("other") == 0
    throttle.succeeded("k")
    assert throttle.retry_after("k") == 0
    clock.now += 10_000
    for _ in range(3):
        throttle.failed("old")
    clock.now += 901  # outside the window: forgotten
    assert throttle.retry_after("old") == 0


class CountingUsers(UserStore):
    calls = 0

    def verify(self, name, password, role=None):
        CountingUsers.calls += 1
        return super().verify(name, password, role)


def test_a_locked_account_is_refused_without_hashing_then_opens_again(db: Database):
    clock = Clock()
    users = CountingUsers(db)
    users.add("peixun", "correct-horse-42")
    guard = LoginGuard(users, "trainer", accounts=Throttle(free=5, base=30, clock=clock))
    for _ in range(5):
        assert asyncio.run(guard.auth("peixun", "wrong password")) is False
    before = CountingUsers.calls
    assert asyncio.run(guard.auth("ｐｅｉｘｕｎ", "correct-horse-42")) is False  # locked, even spelled wide
    assert CountingUsers.calls == before
    clock.now += 31
    assert asyncio.run(guard.auth("peixun", "correct-horse-42")) is True


def test_the_retry_message_says_when_in_chinese():
    assert retry_message(75) == "登录失败次数过多，请在 1 分 15 秒 后重试。"
    assert retry_message(0.2) == "登录失败次数过多，请在 1 秒 后重试。"


def test_a_session_ends_when_its_account_changes_or_goes(db: Database):
    from trainer_bot.web.guard import Sessions

    users = UserStore(db)
    users.add("t1", "first-pass-1", "trainer")
    users.add("t2", "second-pass-2", "trainer")
    clock = Clock()
    sessions = Sessions(users, ttl=1.0, clock=clock)
    tokens = {"a": "t1", "b": "t2"}
    sessions.signed_in("a", "t1")
    sessions.signed_in("b", "t2")
    assert sessions.check(tokens, "a") and sessions.check(tokens, "b") and sessions.check(tokens, None)
    users.add("t1", "changed-pass-3", "trainer")  # a new password (from any process)
    users.add("t2", "second-pass-2", "cadre")  # a new role
    assert sessions.check(tokens, "a")  # the stamp is read at most once a second
    clock.now += 1.5
    assert not sessions.check(tokens, "a") and not sessions.check(tokens, "b")
    assert tokens == {}  # Gradio treats the next request as signed out
    tokens["c"] = "t1"  # signed in again with the new password
    sessions.signed_in("c", "t1")
    assert sessions.check(tokens, "c")
    users.remove("t1")
    clock.now += 1.5
    assert not sessions.check(tokens, "c")


def test_rate_limit_counts_per_key_within_its_window():
    from trainer_bot.web.guard import RateLimit

    clock = Clock()
    limit = RateLimit(limit=3, window=3600, clock=clock)
    assert [limit.allow("1.2.3.4") for _ in range(5)] == [True, True, True, False, False]
    assert limit.allow("5.6.7.8")  # another address has its own count
    clock.now += 3601
    assert limit.allow("1.2.3.4")


def test_replicas_count_the_same_failed_sign_ins(any_db: Database):
    from trainer_bot.web.guard import DatabaseEvents

    clock = Clock()
    first = Throttle(free=3, base=30, lock=100, clock=clock, events=DatabaseEvents(any_db, "account"))
    second = Throttle(free=3, base=30, lock=100, clock=clock, events=DatabaseEvents(any_db, "account"))
    first.failed("t1")
    second.failed("t1")
    assert first.retry_after("t1") == 0
    first.failed("t1")  # the third failure, on another replica than the second
    assert second.retry_after("t1") == 30 and first.retry_after("t1") == 30
    assert Throttle(free=3, clock=clock, events=DatabaseEvents(any_db, "address")).retry_after("t1") == 0  # kinds apart
    clock.now += 901
    assert second.retry_after("t1") == 0  # outside the window: forgotten (and deleted)
    second.failed("t1")
    first.succeeded("t1")
    assert second.recent("t1") == []
