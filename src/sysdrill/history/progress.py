"""Aggregate queries over the history for `stats`, `next` and `list --status`.

Each one is answered by SQLite from a covering index (schema versions 2 and
3) with no join over all sessions: no session, and none of its notes, is
loaded into Python. Sums and averages still visit one index entry per
session, phase or score; "the last twelve" read only those twelve.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True)
class Scope:
    """Which sessions count: one person's (as candidate or solo), from a date, up to now."""

    person: str | None = None
    since: str | None = None  # UTC timestamp text, inclusive
    until: str | None = None  # UTC timestamp text, inclusive

    def where(self, alias: str = "s") -> tuple[str, list[object]]:
        clauses: list[str] = ["1"]
        args: list[object] = []
        if self.person:
            clauses.append(f"{alias}.candidate = ? COLLATE NOCASE")
            args.append(self.person)
        if self.since:
            clauses.append(f"{alias}.started_at >= ?")
            args.append(self.since)
        if self.until:
            clauses.append(f"{alias}.started_at <= ?")
            args.append(self.until)
        return " AND ".join(clauses), args


@dataclass(frozen=True)
class Totals:
    status: str
    practice: bool
    sessions: int
    seconds: float


@dataclass(frozen=True)
class ItemProgress:
    """One item's completed sessions: all of them, and those that move its schedule."""

    item_id: str
    completed: int
    last_started: str
    last_score: float | None
    reviews: int = 0
    last_review: str = ""
    review_score_sum: float = 0.0
    last_review_score: float | None = None


@dataclass(frozen=True)
class DimensionSummary:
    dimension_id: str
    dimension: str
    average: float
    sessions: int
    recent: tuple[int, ...]  # oldest first


@dataclass(frozen=True)
class PhasePacing:
    title: str
    sessions: int
    average_position: float
    average_over_seconds: float  # actual minus planned, signed
    overran: int
    coverage: float | None  # share of key points covered, over all sessions
    recent_coverage: tuple[float, ...]  # oldest first


@dataclass(frozen=True)
class CalibrationGap:
    dimension_id: str
    dimension: str
    gap: float  # self minus interviewer, averaged
    sessions: int


RECENT = 12


def person_known(db: sqlite3.Connection, person: str) -> bool:
    row = db.execute(
        "SELECT 1 FROM sessions WHERE candidate = ? COLLATE NOCASE"
        " OR interviewer = ? COLLATE NOCASE LIMIT 1",
        (person, person),
    ).fetchone()
    return row is not None


def totals(db: sqlite3.Connection, scope: Scope) -> list[Totals]:
    where, args = scope.where()
    rows = db.execute(
        f"""SELECT s.status, s.practice, count(*), total(s.actual_seconds) FROM sessions s
            WHERE {where} GROUP BY s.status, s.practice""",
        args,
    )
    return [Totals(r[0], bool(r[1]), r[2], r[3]) for r in rows]


def drill_days(db: sqlite3.Connection, scope: Scope, start: str) -> dict[str, int]:
    """Sessions started on each UTC day from ``start`` (YYYY-MM-DD)."""
    where, args = scope.where()
    rows = db.execute(
        f"""SELECT substr(s.started_at, 1, 10), count(*) FROM sessions s
            WHERE {where} AND s.started_at >= ? AND s.status != 'in_progress'
            GROUP BY 1""",
        [*args, start],
    )
    return {r[0]: r[1] for r in rows}


def item_progress(db: sqlite3.Connection, scope: Scope) -> dict[str, ItemProgress]:
    """Per item: completed sessions, the last one's date and score, and the review count."""
    where, args = scope.where()
    found: dict[str, ItemProgress] = {}
    for item_id, count, last, score in db.execute(
        f"""SELECT s.item_id, count(*), max(s.started_at), s.score FROM sessions s
            WHERE s.status = 'completed' AND {where} GROUP BY s.item_id""",
        args,
    ):
        found[item_id] = ItemProgress(item_id, count, last, score)
    for item_id, count, last, total, score in db.execute(
        f"""SELECT s.item_id, count(*), max(s.started_at), total(s.score), s.score
            FROM sessions s
            WHERE s.status = 'completed' AND s.practice = 0 AND s.score IS NOT NULL
              AND {where} GROUP BY s.item_id""",
        args,
    ):
        base = found[item_id]
        found[item_id] = ItemProgress(
            item_id, base.completed, base.last_started, base.last_score, count, last, total, score
        )
    return found


def reviews(
    db: sqlite3.Connection, scope: Scope, item_id: str, after: str = ""
) -> list[tuple[str, float]]:
    """(started_at, headline score) of the item's sessions that move its schedule, in order."""
    where, args = scope.where()
    return [
        (r[0], r[1])
        for r in db.execute(
            f"""SELECT s.started_at, s.score FROM sessions s
                WHERE s.item_id = ? AND s.status = 'completed' AND s.practice = 0
                  AND s.score IS NOT NULL AND s.started_at > ? AND {where}
                ORDER BY s.started_at, s.rowid""",
            [item_id, after, *args],
        )
    ]


# Phase and score rows carry copies of their session's status, start and
# candidate (schema version 3), so these read one covering index each.


def dimensions(db: sqlite3.Connection, scope: Scope) -> list[DimensionSummary]:
    where, args = scope.where("sc")
    summaries = []
    for dimension_id, average, count in db.execute(
        f"""SELECT sc.dimension_id, avg(sc.score), count(*) FROM scores sc
            WHERE sc.completed = 1 AND sc.headline = 1 AND {where}
            GROUP BY sc.dimension_id""",
        args,
    ).fetchall():
        recent = db.execute(
            f"""SELECT sc.score, sc.dimension FROM scores sc
                WHERE sc.completed = 1 AND sc.headline = 1 AND sc.dimension_id = ? AND {where}
                ORDER BY sc.started_at DESC LIMIT {RECENT}""",
            [dimension_id, *args],
        ).fetchall()
        title = recent[0][1] if recent else dimension_id
        summaries.append(
            DimensionSummary(
                dimension_id, title, average, count, tuple(r[0] for r in reversed(recent))
            )
        )
    return summaries


def last_dimension_score(
    db: sqlite3.Connection, scope: Scope, item_id: str, dimension_id: str
) -> int | None:
    """The score the item's last completed drill got on one dimension, if it has it."""
    where, args = scope.where()
    row = db.execute(
        f"""SELECT sc.score FROM sessions s
            JOIN scores sc ON sc.session_id = s.id AND sc.dimension_id = ? AND sc.headline = 1
            WHERE s.status = 'completed' AND s.item_id = ? AND {where}
            ORDER BY s.started_at DESC LIMIT 1""",
        [dimension_id, item_id, *args],
    ).fetchone()
    return None if row is None else int(row[0])


def pacing(db: sqlite3.Connection, scope: Scope, titles: int = 8) -> list[PhasePacing]:
    """Per phase title, the most drilled first: time against plan and key-point coverage."""
    where, args = scope.where("p")
    over = "p.actual_seconds - p.planned_seconds - p.extended_seconds"
    rows = db.execute(
        f"""SELECT p.title, count(*), avg(p.position), avg({over}), sum({over} >= 1),
                   CASE WHEN sum(p.key_point_count) > 0
                        THEN 1.0 * sum(p.covered_count) / sum(p.key_point_count) END
            FROM phases p WHERE p.completed = 1 AND {where}
            GROUP BY p.title ORDER BY count(*) DESC, avg(p.position) LIMIT ?""",
        [*args, titles],
    ).fetchall()
    found = []
    for title, count, position, average_over, overran, coverage in rows:
        recent = [
            r[0]
            for r in db.execute(
                f"""SELECT 1.0 * p.covered_count / p.key_point_count FROM phases p
                    WHERE p.completed = 1 AND p.title = ? AND p.key_point_count > 0 AND {where}
                    ORDER BY p.started_at DESC LIMIT {RECENT}""",
                [title, *args],
            )
        ]
        found.append(
            PhasePacing(
                title, count, position, average_over, overran, coverage, tuple(reversed(recent))
            )
        )
    return sorted(found, key=lambda p: (p.average_position, p.title))


def last_phase_reached(db: sqlite3.Connection, scope: Scope) -> tuple[int, int]:
    """(drills whose last phase began before the planned time was up, drills)."""
    where, args = scope.where()
    row = db.execute(
        f"""SELECT count(*), total(s.reached_last) FROM sessions s
            WHERE s.status = 'completed' AND {where}""",
        args,
    ).fetchone()
    return int(row[1]), int(row[0])


def calibration(db: sqlite3.Connection, scope: Scope) -> list[CalibrationGap]:
    where, args = scope.where("sc")
    gaps = []
    for dimension_id, gap, count in db.execute(
        f"""SELECT sc.dimension_id, avg(sc.gap), count(*) FROM scores sc
            WHERE sc.completed = 1 AND sc.gap IS NOT NULL AND {where}
            GROUP BY sc.dimension_id""",
        args,
    ).fetchall():
        title = db.execute(
            """SELECT sc.dimension FROM scores sc WHERE sc.completed = 1
               AND sc.gap IS NOT NULL AND sc.dimension_id = ? ORDER BY sc.started_at DESC
               LIMIT 1""",
            (dimension_id,),
        ).fetchone()
        gaps.append(CalibrationGap(dimension_id, title[0], gap, count))
    return gaps


def cached_card(db: sqlite3.Connection, item_id: str, person: str) -> tuple[int, str, float, str]:
    row = db.execute(
        "SELECT reviews, last_review, score_sum, card FROM schedule_cache"
        " WHERE item_id = ? AND person = ?",
        (item_id, person),
    ).fetchone()
    return (row[0], row[1], row[2], row[3]) if row else (0, "", 0.0, "")


def cache_cards(db: sqlite3.Connection, rows: list[tuple[str, str, int, str, float, str]]) -> None:
    """Keep rebuilt schedules; a cache, so a failure to write it is not an error."""
    if not rows:
        return
    try:
        db.execute("BEGIN IMMEDIATE")
        db.executemany(
            "INSERT OR REPLACE INTO schedule_cache"
            " (item_id, person, reviews, last_review, score_sum, card) VALUES (?, ?, ?, ?, ?, ?)",
            rows,
        )
        db.execute("COMMIT")
    except sqlite3.Error:
        if db.in_transaction:
            db.execute("ROLLBACK")
