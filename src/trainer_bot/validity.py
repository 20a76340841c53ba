"""Status and dates a trainer sets for a source (现行 / 已修订 / 已废止, 施行日期, 依据), kept in the database.

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
    def __init__(self, db: Database):
        self.db = db

    def set(self, source: str, validity: Validity, editor: str = "") -> None:
        self.db.put(source_status, "source", source, {"validity": json.dumps(validity.to_meta(), ensure_ascii=False),
                                                     "updated": now(), "editor": editor})

    def all(self) -> dict[str, Validity]:
        with self.db.begin() as conn:
            rows = conn.execute(select(source_status.c.source, source_status.c.validity)).all()
        return {r.source: Validity.from_meta(json.loads(r.validity)) for r in rows}

    def apply(self, bot: TrainerBot) -> int:
        """Write what trainers set onto the indexed sources (after an ingest); the number of sources changed."""
        known = {s.source: s.validity for s in bot.sources()}
        changed = 0
        for source, validity in self.all().items():
            if source in known and known[source] != validity:
                bot.set_validity(source, validity)
                changed += 1
        return changed
