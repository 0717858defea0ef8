"""Dates in front matter, as the generators read them: a YAML or TOML date or datetime, or an ISO
string; and whether a page's date is still to come (a future post is not published yet)."""

from __future__ import annotations

import datetime as dt
from typing import Any


def date_of(value: Any) -> dt.date | None:
    """The day a front matter value names, or ``None`` when it names none."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def moment_of(value: Any) -> dt.datetime | None:
    """The instant a front matter value names (a day is its midnight, UTC; no zone is UTC)."""
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)
    day = date_of(value)
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc) if day else None


def later(value: Any, now: dt.datetime) -> bool:
    """Whether ``value`` names an instant after ``now``."""
    moment = moment_of(value)
    return moment is not None and moment > now


def earlier(value: Any, now: dt.datetime) -> bool:
    """Whether ``value`` names an instant at or before ``now``."""
    moment = moment_of(value)
    return moment is not None and moment <= now


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)
