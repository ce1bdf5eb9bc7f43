"""Each item's status and due date, from the history and a cache of rebuilt cards.

A card is rebuilt by replaying the item's scored, non-practice drills through
FSRS. The result is cached with the count, last date and score total of the
drills it came from: when those still match, nothing is replayed; when new
drills came after it, only they are; anything else (a drill deleted or
imported from the past) replays the item from its first drill.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sysdrill.history import progress
from sysdrill.history.progress import ItemProgress, Scope

NEW, DRILLED, DUE = "new", "drilled", "due"
STATUSES = (NEW, DRILLED, DUE)


@dataclass(frozen=True)
class ItemStatus:
    status: str
    last_score: float | None = None
    last_drilled: str | None = None
    due: datetime | None = None  # None: nothing has set a schedule yet (new, or practice only)


def _due(card_json: str) -> datetime:
    # The card's JSON carries its due date: no need to import the scheduler to read it.
    return datetime.fromisoformat(json.loads(card_json)["due"])


def _card(db: sqlite3.Connection, scope: Scope, found: ItemProgress) -> tuple[str, bool]:
    """(the item's card as JSON, whether it had to be replayed)."""
    person = (scope.person or "").lower()
    count, last, total, card = progress.cached_card(db, found.item_id, person)
    if card and (count, last) == (found.reviews, found.last_review):
        if abs(total - found.review_score_sum) < 1e-6:
            return card, False
    from sysdrill.schedule.cards import replay

    if card and last <= found.last_review:
        newer = progress.reviews(db, scope, found.item_id, after=last)
        newer_total = sum(score for _, score in newer)
        if (
            count + len(newer) == found.reviews
            and abs(total + newer_total - found.review_score_sum) < 1e-6
        ):
            return replay(card, newer), True
    return replay(None, progress.reviews(db, scope, found.item_id)), True


CacheRow = tuple[str, str, int, str, float, str]


def item_statuses(
    db: sqlite3.Connection, scope: Scope, item_ids: Iterable[str], now: datetime
) -> tuple[dict[str, ItemStatus], list[CacheRow]]:
    """Every item's status as of ``now``, and the cards replayed to work it out.

    The replayed cards are for `keep_cards`: reading commands open the history
    read-only, so keeping them is a separate, optional write.
    """
    found = progress.item_progress(db, scope)
    statuses: dict[str, ItemStatus] = {}
    rebuilt = []
    person = (scope.person or "").lower()
    # Only a schedule built from every drill to date is worth keeping.
    keep = scope.since is None and (scope.until is None or scope.until >= _latest(db))
    for item_id in item_ids:
        item = found.get(item_id)
        if item is None:
            statuses[item_id] = ItemStatus(NEW)
            continue
        due = None
        if item.reviews:
            card, replayed = _card(db, scope, item)
            due = _due(card)
            if replayed and keep:
                rebuilt.append(
                    (item_id, person, item.reviews, item.last_review, item.review_score_sum, card)
                )
        status = DUE if due is not None and due <= now else DRILLED
        statuses[item_id] = ItemStatus(status, item.last_score, item.last_started, due)
    return statuses, rebuilt


def keep_cards(db: sqlite3.Connection, rows: list[CacheRow]) -> None:
    progress.cache_cards(db, rows)


def _latest(db: sqlite3.Connection) -> str:
    row = db.execute("SELECT max(started_at) FROM sessions").fetchone()
    return row[0] or ""
