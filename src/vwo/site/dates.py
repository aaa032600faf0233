"""Dates as the site, the downloads and the command line show them (pure).

Dutch forms (``6 december 2018``, ``6-12-2018``), ISO dates for JSON, and the UTC
midnight that feeds and documents record for a day.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time

MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
_ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def long_date(day: date) -> str:
    """``6 december 2018``."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def parse_day(value: str) -> date | None:
    """``YYYY-MM-DD`` in ASCII digits as a date, else ``None``. The one reader of a day
    given as text (options, trailers, data files): ``date.fromisoformat`` alone also takes
    ``20190101`` and ``2019-W01-1``."""
    if not _ISO.fullmatch(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def long_date_of(value: str) -> str:
    """An ISO date given as text (a trailer value) in the long form; anything that is
    not a valid ``YYYY-MM-DD`` date is returned unchanged."""
    day = parse_day(value)
    return value if day is None else long_date(day)


def short_date(day: date) -> str:
    """``6-12-2018``, the Dutch numeric form."""
    return f"{day.day}-{day.month}-{day.year}"


def iso_date(day: date | None) -> str | None:
    """``2018-12-06`` for JSON, or ``None``."""
    return day.isoformat() if day is not None else None


def utc_midnight(day: date) -> datetime:
    """The start of ``day`` in UTC: the time recorded for a day in feeds and files."""
    return datetime.combine(day, time(0, 0), tzinfo=UTC)
