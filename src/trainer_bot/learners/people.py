"""Who the learners are: profiles from the roster, classes (班级) and the first-sign-in password change."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, update

from ..db import Database, class_members, profiles, users
from ..errors import TrainerBotError
from ..users import UserStore, normal_name


@dataclass(frozen=True)
class Learner:
    account: str
    full_name: str
    unit: str = ""
    classes: tuple[str, ...] = ()
    must_change: bool = False

    @property
    def label(self) -> str:
        """姓名（单位）, for lists and greetings."""
        return self.full_name + (f"（{self.unit}）" if self.unit else "")


def _learner(account: str, profile, classes: tuple[str, ...]) -> Learner:
    """A cadre account with its roster profile, if it has one (``trainer-bot user add`` makes none)."""
    if profile is None:
        return Learner(account, account, "", classes)
    return Learner(account, profile.full_name, profile.unit or "", classes, bool(profile.must_change))


class People:
    def __init__(self, db: Database):
        self.db = db

    def list(self, class_name: str | None = None) -> list[Learner]:
        """Cadre accounts (with or without a roster profile), by account; only a class's members if named."""
        with self.db.begin() as conn:
            names = [r.name for r in conn.execute(select(users.c.name).where(users.c.role == "cadre").order_by(users.c.name))]
            found = {r.name: r for r in conn.execute(select(profiles))}
            membership: dict[str, list[str]] = {}
            for r in conn.execute(select(class_members).order_by(class_members.c.class_name)):
                membership.setdefault(r.name, []).append(r.class_name)
        people = [_learner(name, found.get(name), tuple(membership.get(name, ()))) for name in names]
        return [p for p in people if class_name is None or class_name in p.classes]

    def get(self, account: str | None) -> Learner | None:
        """One cadre account (every /learn request asks: read by key, not by listing everyone)."""
        account = normal_name(account or "")
        with self.db.begin() as conn:
            role = conn.execute(select(users.c.role).where(users.c.name == account)).scalar()
            p = conn.execute(select(profiles).where(profiles.c.name == account)).first()
            classes = tuple(r.class_name for r in conn.execute(
                select(class_members.c.class_name).where(class_members.c.name == account).order_by(class_members.c.class_name)))
        return _learner(account, p, classes) if role == "cadre" else None

    def classes(self) -> dict[str, int]:
        """Class name → number of members."""
        counts: dict[str, int] = {}
        for learner in self.list():
            for name in learner.classes:
                counts[name] = counts.get(name, 0) + 1
        return dict(sorted(counts.items()))

    def must_change(self, account: str | None) -> bool:
        with self.db.begin() as conn:
            flag = conn.execute(select(profiles.c.must_change).where(profiles.c.name == normal_name(account or ""))).scalar()
        return bool(flag)

    def change_password(self, accounts: UserStore, account: str, old: str, new: str, again: str) -> None:
        if new != again:
            raise TrainerBotError("两次输入的新密码不一致。")
        accounts.change_password(account, old, new)
        with self.db.begin() as conn:
            conn.execute(update(profiles).where(profiles.c.name == normal_name(account)).values(must_change=0))
