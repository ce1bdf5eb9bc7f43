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


# Version 2: practice sessions, and what progress queries read without loading
# sessions: the headline score on the session, key-point counts on each phase,
# covering indexes so `stats`, `next` and `list --status` never read the notes,
# and a cache of each item's rebuilt schedule. A solo drill's person is kept
# in `candidate`: in a solo drill you are the one who answers.
V2 = """
ALTER TABLE sessions ADD COLUMN practice INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN score REAL;  -- interviewer's weighted score in pair mode, else own
ALTER TABLE phases ADD COLUMN covered_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE phases ADD COLUMN key_point_count INTEGER NOT NULL DEFAULT 0;
CREATE INDEX sessions_progress ON sessions
    (status, item_id, started_at, practice, score, mode, candidate COLLATE NOCASE);
CREATE INDEX sessions_person ON sessions (candidate COLLATE NOCASE, started_at);
CREATE INDEX phases_pacing ON phases
    (session_id, position, title, planned_seconds, actual_seconds, covered_count,
     key_point_count);
CREATE TABLE schedule_cache (
    item_id     TEXT NOT NULL,
    person      TEXT NOT NULL,  -- lower-case name, '' for everyone
    reviews     INTEGER NOT NULL,
    last_review TEXT NOT NULL,
    score_sum   REAL NOT NULL,
    card        TEXT NOT NULL,  -- JSON of the scheduler's card after the last review
    PRIMARY KEY (item_id, person)
)
"""

# Fills the new columns for sessions saved before version 2. A value that is
# not valid JSON counts nothing, so one damaged row cannot stop the upgrade.
V2_BACKFILL = """
UPDATE phases SET
    covered_count = CASE WHEN json_valid(covered) THEN json_array_length(covered) ELSE 0 END,
    key_point_count = CASE WHEN json_valid(covered) THEN json_array_length(covered) ELSE 0 END
        + CASE WHEN json_valid(missed) THEN json_array_length(missed) ELSE 0 END;
UPDATE sessions SET score = (
    SELECT round(sum(sc.score * sc.weight) / 5.0, 1) FROM scores sc
    WHERE sc.session_id = sessions.id
      AND sc.rater = CASE WHEN sessions.mode = 'pair' THEN 'interviewer' ELSE 'self' END
) WHERE status = 'completed'
"""


def _to_v2(db: sqlite3.Connection) -> None:
    for statement in _statements(V2) + _statements(V2_BACKFILL):
        db.execute(statement)


# Version 3: the line of the notes that covered each key point, and the phase
# it was written in: JSON {concept: {"line": text, "phase": phase_id}}.
# Sessions saved before have none; their key points show without a line.
V3 = """
ALTER TABLE phases ADD COLUMN evidence TEXT NOT NULL DEFAULT '{}'
"""


def _to_v3(db: sqlite3.Connection) -> None:
    for statement in _statements(V3):
        db.execute(statement)


# MIGRATIONS[n] takes a database at version n to version n + 1.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_to_v1, _to_v2, _to_v3]
CURRENT_VERSION = len(MIGRATIONS)
