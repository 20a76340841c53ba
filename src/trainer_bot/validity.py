"""Status, dates and topic a trainer sets for a source (现行 / 已修订 / 已废止, 施行日期, 依据), kept in the database.

Bundled Markdown states them in its front matter; an upload in Word or PDF cannot, so a trainer sets
them in ``/trainer`` or with ``trainer-bot mark``. The database keeps what was set, and
:meth:`ValidityStore.apply` writes it onto the indexed chunks again after every ingest or re-index.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

from sqlalchemy import select

from .db import Database, source_status
from .errors import UsageError
from .models import STATUSES, Validity, now

if TYPE_CHECKING:
    from .bot import TrainerBot

_DATE = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?$")


def checked(status: str = "", effective: str = "", basis: str = "", basis_date: str = "",
            superseded_by: str = "") -> Validity:
    """A :class:`Validity` from a trainer's input, or a :class:`UsageError` saying what to fix."""
    status, effective, basis_date = status.strip(), effective.strip(), basis_date.strip()
    if status and status not in STATUSES:
        raise UsageError(f"状态只能是 {'、'.join(STATUSES)} 之一（或留空表示未注明），不能是“{status}”。")
    for label, value in (("施行日期", effective), ("发布或修订日期", basis_date)):
        if value and not _DATE.match(value):
            raise UsageError(f"{label}请写成 2024-11-01 或 2024-11 这样的格式，不能是“{value}”。")
    return Validity(status, effective, basis.strip().strip("《》"), basis_date, superseded_by.strip().strip("《》"))


class ValidityStore:
    """What trainers set per source: status and dates (``validity``, "" when never set) and a topic."""

    def __init__(self, db: Database):
        self.db = db

    def _rows(self) -> dict[str, tuple[str, str]]:
        with self.db.begin() as conn:
            rows = conn.execute(select(source_status.c.source, source_status.c.validity, source_status.c.topic)).all()
        return {r.source: (r.validity, r.topic or "") for r in rows}

    def set(self, source: str, validity: Validity, editor: str = "") -> None:
        self.db.put(source_status, "source", source, {"validity": json.dumps(validity.to_meta(), ensure_ascii=False),
                                                     "updated": now(), "editor": editor})

    def set_topic(self, source: str, topic: str, editor: str = "") -> None:
        """The topic of ``source`` (kept through re-index and re-upload); an empty one stops overriding."""
        row = {"topic": topic.strip() or None, "updated": now(), "editor": editor}
        with self.db.begin() as conn:
            known = conn.execute(select(source_status.c.source).where(source_status.c.source == source)).first()
        if known is None:
            row["validity"] = ""  # a topic only: no status to apply
        self.db.put(source_status, "source", source, row)

    def all(self) -> dict[str, Validity]:
        return _validities(self._rows())

    def topics(self) -> dict[str, str]:
        return _topics(self._rows())

    def apply(self, bot: TrainerBot) -> int:
        """Write what trainers set onto the indexed sources (after an ingest); the number of sources changed."""
        known = {s.source: s for s in bot.sources()}
        rows = self._rows()
        changed = set()
        for source, validity in _validities(rows).items():
            if source in known and known[source].validity != validity:
                bot.set_validity(source, validity)
                changed.add(source)
        for source, topic in _topics(rows).items():
            if source in known and known[source].topic != topic:
                bot.set_topic(source, topic)
                changed.add(source)
        return len(changed)


def _validities(rows: dict[str, tuple[str, str]]) -> dict[str, Validity]:
    return {source: Validity.from_meta(json.loads(validity)) for source, (validity, _) in rows.items() if validity}


def _topics(rows: dict[str, tuple[str, str]]) -> dict[str, str]:
    return {source: topic for source, (_, topic) in rows.items() if topic}
