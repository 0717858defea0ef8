"""Dates in front matter, as the generators read them: a YAML or TOML date or datetime, or an ISO
string; whether a page's date is still to come (a future post is not published yet); and dates
written by a Unicode LDML pattern, as Material's blog writes them into URLs."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from medlint.site import note_turn


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
    return _after(value, now) is True


def earlier(value: Any, now: dt.datetime) -> bool:
    """Whether ``value`` names an instant at or before ``now``."""
    return _after(value, now) is False


def _after(value: Any, now: dt.datetime) -> bool | None:
    """Whether ``value`` names an instant after ``now`` (``None``: it names none). One after it is
    told to the site reading its pages: their list changes then (:func:`~medlint.site.note_turn`)."""
    moment = moment_of(value)
    if moment is None:
        return None
    if moment > now:
        note_turn(moment)
        return True
    return False


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def today() -> dt.date:
    """Today's date; the site reading its pages is told that their list changes at midnight."""
    day = dt.date.today()
    note_turn(dt.datetime.combine(day + dt.timedelta(days=1), dt.time()).astimezone())
    return day


class UnknownDateFormat(ValueError):
    """A date pattern medlint cannot format as the generator would (a locale's month names)."""


_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_NAMED_FORMATS = {
    "full": "EEEE, MMMM d, y",
    "long": "MMMM d, y",
    "medium": "MMM d, y",
    "short": "M/d/yy",
}
"""Unicode CLDR's English date formats, which Babel uses for ``full``, ``long``..."""
_FIELD = re.compile(r"'[^']*'|''|([A-Za-z])\1*")


def format_ldml(moment: dt.datetime, pattern: str, locale: str = "en") -> str:
    """``moment`` formatted by a Unicode LDML pattern (``yyyy/MM/dd``), as Babel formats it for
    Material's blog; names of months and days in English only (else :class:`UnknownDateFormat`)."""
    english = locale.lower().replace("_", "-").split("-")[0] in ("en", "")
    pattern = _NAMED_FORMATS.get(pattern, pattern)

    def field(match: re.Match[str]) -> str:
        text = match.group(0)
        if text.startswith("'"):
            return "'" if text == "''" else text[1:-1]
        letter, width = text[0], len(text)
        if letter == "y":
            return f"{moment.year % 100:02d}" if width == 2 else f"{moment.year:0{width}d}"
        if letter in "ML":
            if width <= 2:
                return f"{moment.month:0{width}d}"
            if not english:
                raise UnknownDateFormat(f"month names in {locale!r}")
            return _MONTHS[moment.month - 1][: 3 if width == 3 else None]
        if letter == "d":
            return f"{moment.day:0{width}d}"
        if letter == "H":
            return f"{moment.hour:0{width}d}"
        if letter == "m":
            return f"{moment.minute:0{width}d}"
        if letter == "s":
            return f"{moment.second:0{width}d}"
        if letter == "E" and english:
            return _DAYS[moment.weekday()][: 3 if width <= 3 else None]
        raise UnknownDateFormat(f"the date field {text!r}")

    return _FIELD.sub(field, pattern)
