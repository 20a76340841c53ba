"""Time: stored in UTC (like every record); days, deadlines and what users read in Beijing time."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone

from .errors import TrainerBotError

CHINA = timezone(timedelta(hours=8), "北京时间")  # no daylight saving: a fixed offset is exact
Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(timezone.utc)


def stamp(moment: datetime) -> str:
    """How a moment is stored: UTC, ISO 8601, seconds."""
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds")


def parse(text: str) -> datetime:
    """A stored moment (naive ones are read as UTC)."""
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def local_day(moment: datetime | str) -> date:
    """The day in Beijing time (a cadre's 今天)."""
    return (parse(moment) if isinstance(moment, str) else moment).astimezone(CHINA).date()


def chinese_time(moment: datetime | str | None) -> str:
    """2026年11月28日 22:13 (Beijing time); empty for None."""
    if not moment:
        return ""
    local = (parse(moment) if isinstance(moment, str) else moment).astimezone(CHINA)
    return f"{local.year}年{local.month}月{local.day}日 {local:%H:%M}"


def read_local(text: str, what: str = "时间") -> datetime:
    """A time a trainer typed, in Beijing time: 2026-12-01 08:00, 2026/12/1 8:00, 2026年12月1日 8时30分, or a date alone."""
    value = (text or "").strip()
    found = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
                         r"(?:[\sT]+(\d{1,2})\s*[:：时点]\s*(\d{1,2})?\s*分?)?", value)
    if not found:
        raise TrainerBotError(f"{what}“{value}”看不懂，请写成 2026-12-01 08:00 这样的格式（北京时间）。")
    year, month, day, hour, minute = (int(g) if g else 0 for g in found.groups())
    try:
        return datetime(year, month, day, hour, minute, tzinfo=CHINA)
    except ValueError:
        raise TrainerBotError(f"{what}“{value}”不是有效的日期或时间。") from None
