"""Completed drills at chosen dates and scores, written through the real store."""

from __future__ import annotations

from datetime import UTC, datetime

from sysdrill.session.clock import ManualClock
from sysdrill.session.drill import Drill
from sysdrill.session.pair import toggle_tick
from sysdrill.session.state import INTERVIEWER, SELF, DrillSession, start_session


def drilled(
    catalogue,
    store,
    item_id: str,
    when: str,
    score: int | dict[str, int] = 3,
    *,
    own: int | dict[str, int] | None = None,
    pair: bool = False,
    candidate: str | None = None,
    practice: bool = False,
    overrun_seconds: float = 0.0,
    covered: float = 0.5,
    abandon_at: int | None = None,
) -> DrillSession:
    """A drill of ``item_id`` started at ``when`` ("2026-11-02 19:00", UTC).

    ``score`` is every dimension's score, or a score per dimension ID (others
    get 3). In a pair it is the interviewer's and ``own`` the candidate's.
    """
    item = catalogue.load_item(catalogue.find(item_id))
    rubric = catalogue.load_rubric(item.rubric_id)
    start = datetime.strptime(when, "%Y-%m-%d %H:%M").replace(tzinfo=UTC)
    clock = ManualClock(wall=start)
    session = start_session(
        item,
        rubric,
        clock=clock,
        mode="pair" if pair else "solo",
        interviewer="Ben" if pair else None,
        candidate=candidate or ("Ana" if pair else None),
        practice=practice,
    )
    drill = Drill(session, item, rubric, clock=clock, save=store.save)
    for position, phase in enumerate(item.phases):
        if position == abandon_at:
            drill.stop()
            store.mark_abandoned(session.id, "2026-01-01T00:00:00Z")
            return store.load(session.id)
        drill.begin_phase()
        points = list(phase.key_points)[: round(len(phase.key_points) * covered)]
        drill.set_notes("\n".join(p.concept for p in points))
        if pair:  # the interviewer ticks what was said
            for index in range(len(points)):
                toggle_tick(drill.record, phase, index)
        clock.advance(phase.minutes * 60 + (overrun_seconds if position == 0 else 0))
        drill.finish_phase()

    def value(given: int | dict[str, int], dimension_id: str) -> int:
        return given if isinstance(given, int) else given.get(dimension_id, 3)

    for dimension in rubric.dimensions:
        if pair:
            drill.record_score(dimension, value(score, dimension.id), INTERVIEWER)
            drill.record_score(dimension, value(own if own is not None else score, dimension.id))
        else:
            drill.record_score(dimension, value(score, dimension.id), SELF)
    drill.finish_scoring()
    drill.complete("")
    return drill.session


def undo_version_4(db) -> None:
    """Take a history back to schema version 3, as an older sysdrill left it."""
    for index in ("sessions_totals", "phases_progress", "scores_progress", "scores_gaps"):
        db.execute(f"DROP INDEX {index}")
    db.execute(
        "CREATE INDEX phases_pacing ON phases (session_id, position, title, planned_seconds,"
        " actual_seconds, covered_count, key_point_count)"
    )
    for table, column in (
        ("sessions", "actual_seconds"), ("sessions", "reached_last"),
        ("phases", "completed"), ("phases", "started_at"), ("phases", "candidate"),
        ("scores", "completed"), ("scores", "headline"), ("scores", "gap"),
        ("scores", "started_at"), ("scores", "candidate"),
    ):  # fmt: skip
        db.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    db.execute("PRAGMA user_version = 3")
