"""The last twelve weeks as a calendar: one column a week, one row a weekday."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

WEEKS = 12
# One glyph per level so no colour is needed: none, 1, 2, 3 or more sessions.
LEVELS = "·░▒█"


@dataclass(frozen=True)
class Heatmap:
    start: date  # a Monday
    end: date  # today
    weeks: list[list[int | None]]  # weeks[w][weekday]; None after today

    @property
    def days(self) -> list[tuple[date, int]]:
        found = []
        for w, week in enumerate(self.weeks):
            for d, count in enumerate(week):
                if count is not None:
                    found.append((self.start + timedelta(days=7 * w + d), count))
        return found

    @property
    def drill_days(self) -> int:
        return sum(1 for _, count in self.days if count)


def first_day(today: date, weeks: int = WEEKS) -> date:
    """The Monday that starts the first of the ``weeks`` weeks ending with today's."""
    return today - timedelta(days=today.weekday() + 7 * (weeks - 1))


def build_heatmap(counts: dict[str, int], today: date, weeks: int = WEEKS) -> Heatmap:
    """``counts`` maps YYYY-MM-DD to sessions that day."""
    start = first_day(today, weeks)
    grid: list[list[int | None]] = []
    for w in range(weeks):
        week: list[int | None] = []
        for d in range(7):
            day = start + timedelta(days=7 * w + d)
            week.append(None if day > today else counts.get(day.isoformat(), 0))
        grid.append(week)
    return Heatmap(start, today, grid)


def glyph(count: int | None) -> str:
    if count is None:
        return " "
    return LEVELS[min(count, len(LEVELS) - 1)]
