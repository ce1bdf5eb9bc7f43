"""The one item to drill now, and why, in one line.

In order: the item most overdue for another attempt; else one never
drilled, from the least covered category; else the drilled item with the
lowest last score on your weakest dimension; else the one due soonest.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from sysdrill.schedule.book import DUE, NEW, ItemStatus

DUE_REASON, NEW_REASON, WEAKEST_REASON, SOONEST_REASON = "due", "new", "weakest", "soonest"


@dataclass(frozen=True)
class Candidate:
    item_id: str
    title: str
    kind: str
    category: str
    rubric: str


@dataclass(frozen=True)
class Weakest:
    dimension_id: str
    dimension: str
    average: float


@dataclass(frozen=True)
class Suggestion:
    item: Candidate
    status: ItemStatus
    why: str  # one of the *_REASON codes
    reason: str


def _days_ago(stamp: str, now: datetime) -> str:
    days = (now.date() - datetime.fromisoformat(stamp.replace("Z", "+00:00")).date()).days
    return "today" if days <= 0 else "yesterday" if days == 1 else f"{days} days ago"


def _least_covered(
    pool: list[Candidate], catalogue: Iterable[tuple[str, str]], statuses: Mapping[str, ItemStatus]
) -> tuple[str, int, int]:
    """(category, drilled, total) with the smallest share drilled among the pool's."""
    counts: dict[str, list[int]] = {}
    for item_id, category in catalogue:
        tally = counts.setdefault(category, [0, 0])
        tally[1] += 1
        tally[0] += statuses.get(item_id, ItemStatus(NEW)).status != NEW
    wanted = {c.category for c in pool}
    category = min(
        (c for c in counts if c in wanted),
        key=lambda c: (counts[c][0] / counts[c][1], -counts[c][1], c),
    )
    return category, counts[category][0], counts[category][1]


def choose(
    pool: list[Candidate],
    catalogue: Iterable[tuple[str, str]],
    statuses: Mapping[str, ItemStatus],
    now: datetime,
    *,
    weakest: Weakest | None = None,
    weakest_scores: Mapping[str, int] | None = None,
    rubric_dimensions: Mapping[str, set[str]] | None = None,
) -> Suggestion | None:
    """``catalogue`` is (item ID, category) for every drillable item, for coverage."""
    if not pool:
        return None
    status = {c.item_id: statuses.get(c.item_id, ItemStatus(NEW)) for c in pool}
    due = [c for c in pool if status[c.item_id].status == DUE]
    if due:
        pick = min(due, key=lambda c: (status[c.item_id].due, c.item_id))
        seen = status[pick.item_id]
        score = f" at {seen.last_score:.0f}/100" if seen.last_score is not None else ""
        when = _days_ago(seen.last_drilled or "", now)
        return Suggestion(pick, seen, DUE_REASON, f"due: last drilled {when}{score}")
    fresh = [c for c in pool if status[c.item_id].status == NEW]
    if fresh:
        category, drilled, total = _least_covered(fresh, catalogue, statuses)
        stresses = (rubric_dimensions or {}) if weakest else {}

        def rank(c: Candidate) -> tuple[bool, bool, str]:
            hits = weakest is not None and weakest.dimension_id in stresses.get(c.rubric, set())
            return (not hits, c.kind != "problem", c.item_id)

        pick = min((c for c in fresh if c.category == category), key=rank)
        reason = (
            f"never drilled, and {category} is your least covered category"
            f" ({drilled} of {total} drilled)"
        )
        return Suggestion(pick, status[pick.item_id], NEW_REASON, reason)
    scores = weakest_scores or {}
    if weakest is not None:
        scored = [c for c in pool if c.item_id in scores]
        if scored:
            pick = min(
                scored,
                key=lambda c: (scores[c.item_id], status[c.item_id].due or now, c.item_id),
            )
            reason = (
                f"weakest dimension: {weakest.dimension}, {weakest.average:.1f} avg;"
                f" this item stresses it (last scored {scores[pick.item_id]}/5 here)"
            )
            return Suggestion(pick, status[pick.item_id], WEAKEST_REASON, reason)
    pick = min(pool, key=lambda c: (status[c.item_id].due or now, c.item_id))
    due_at = status[pick.item_id].due
    when = f"due on {due_at:%d %b}" if due_at else "drilled, with no schedule yet"
    return Suggestion(pick, status[pick.item_id], SOONEST_REASON, f"nothing is due; this is {when}")
