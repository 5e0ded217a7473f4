"""UTC timestamps as stored text.

Every time in the database is UTC in one fixed-width ISO form
(``2026-11-01T09:30:00.000000+00:00``), so that comparing the strings compares the times and
``WHERE created_at >= ?`` works without parsing. Stores take a ``Clock`` so tests can pin time.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    """The current time, timezone-aware in UTC."""
    return datetime.now(UTC)


def to_iso(moment: datetime) -> str:
    """``moment`` as stored text; a naive datetime is refused because its zone is a guess."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("naive datetime: give a timezone-aware time")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def from_iso(text: str) -> datetime:
    """Stored text back to an aware UTC datetime."""
    return datetime.fromisoformat(text).astimezone(UTC)
