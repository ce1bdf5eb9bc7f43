"""The database's tables, and how each version moves to the next."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

V1 = """
CREATE TABLE sessions (
    id             TEXT PRIMARY KEY,
    item_id        TEXT NOT NULL,
    item_title     TEXT NOT NULL,
    item_kind      TEXT NOT NULL,
    content_hash   TEXT NOT NULL,
    rubric_id      TEXT NOT NULL,
    mode           TEXT NOT NULL CHECK (mode IN ('solo', 'pair')),
    duration_scale REAL NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('in_progress', 'completed', 'abandoned')),
    stage          TEXT NOT NULL,
    current_phase  INTEGER NOT NULL,
    started_at     TEXT NOT NULL,
    ended_at       TEXT,
    updated_at     TEXT NOT NULL,
    reflection     TEXT NOT NULL DEFAULT '',
    interviewer    TEXT,
    candidate      TEXT
);
CREATE INDEX sessions_item ON sessions (item_id, started_at);
CREATE INDEX sessions_started ON sessions (started_at);

CREATE TABLE phases (
    session_id       TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    position         INTEGER NOT NULL,
    phase_id         TEXT NOT NULL,
    title            TEXT NOT NULL,
    planned_seconds  REAL NOT NULL,
    actual_seconds   REAL NOT NULL,
    paused_seconds   REAL NOT NULL,
    pauses           INTEGER NOT NULL,
    extended_seconds REAL NOT NULL,
    notes            TEXT NOT NULL,
    covered          TEXT NOT NULL,  -- JSON list of key-point concepts
    missed           TEXT NOT NULL,
    ticked           TEXT NOT NULL,
    curveballs       TEXT NOT NULL,
    PRIMARY KEY (session_id, position)
);

CREATE TABLE scores (
    session_id   TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    rater        TEXT NOT NULL CHECK (rater IN ('self', 'interviewer')),
    dimension_id TEXT NOT NULL,
    dimension    TEXT NOT NULL,
    score        INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    weight       INTEGER NOT NULL,
    PRIMARY KEY (session_id, rater, dimension_id)
);
"""


def _statements(script: str) -> list[str]:
    # executescript() would commit the migration's transaction half-way.
    lines = [line.split("--", 1)[0] for line in script.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def _to_v1(db: sqlite3.Connection) -> None:
    for statement in _statements(V1):
        db.execute(statement)


# MIGRATIONS[n] takes a database at version n to version n + 1.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_to_v1]
CURRENT_VERSION = len(MIGRATIONS)
