"""Time sources. The drill reads time only through these, so tests can tick by hand."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Protocol


class Clock(Protocol):
    def monotonic(self) -> float: ...

    def utcnow(self) -> datetime: ...


class SystemClock:
    def monotonic(self) -> float:
        return time.monotonic()

    def utcnow(self) -> datetime:
        return datetime.now(UTC)


class ManualClock:
    """A clock that moves only when told to."""

    def __init__(self, start: float = 1000.0, wall: datetime | None = None) -> None:
        self.now = start
        self.wall = wall or datetime(2026, 1, 1, 9, 0, tzinfo=UTC)

    def monotonic(self) -> float:
        return self.now

    def utcnow(self) -> datetime:
        return self.wall

    def advance(self, seconds: float) -> None:
        from datetime import timedelta

        self.now += seconds
        self.wall += timedelta(seconds=seconds)


def utc_text(moment: datetime) -> str:
    """The one way a wall-clock time is stored: UTC, ISO 8601, seconds."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
