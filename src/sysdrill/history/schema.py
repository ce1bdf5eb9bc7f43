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


# Version 4: what `stats` aggregates is copied onto each phase and score row
# when the session is saved (phases and scores are rewritten at every save, and
# a session becomes completed only through a save), so each figure is one scan
# of one covering index with no join. Sessions keep their total time and
# whether the last phase began before the planned time was up.
V4 = """
ALTER TABLE sessions ADD COLUMN actual_seconds REAL NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN reached_last INTEGER NOT NULL DEFAULT 0;
ALTER TABLE phases ADD COLUMN completed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE phases ADD COLUMN started_at TEXT NOT NULL DEFAULT '';
ALTER TABLE phases ADD COLUMN candidate TEXT;
ALTER TABLE scores ADD COLUMN completed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE scores ADD COLUMN headline INTEGER NOT NULL DEFAULT 0;  -- the rater that stands
ALTER TABLE scores ADD COLUMN gap INTEGER;  -- pair, own score: minus the interviewer's
ALTER TABLE scores ADD COLUMN started_at TEXT NOT NULL DEFAULT '';
ALTER TABLE scores ADD COLUMN candidate TEXT;
DROP INDEX phases_pacing;
CREATE INDEX sessions_totals ON sessions
    (status, practice, candidate COLLATE NOCASE, started_at, actual_seconds, reached_last);
CREATE INDEX phases_progress ON phases
    (completed, title, started_at, position, planned_seconds, extended_seconds,
     actual_seconds, covered_count, key_point_count, candidate COLLATE NOCASE);
CREATE INDEX scores_progress ON scores
    (completed, headline, dimension_id, started_at, score, candidate COLLATE NOCASE);
CREATE INDEX scores_gaps ON scores
    (completed, dimension_id, started_at, gap, candidate COLLATE NOCASE)
    WHERE gap IS NOT NULL
"""

V4_BACKFILL = """
UPDATE phases SET
    completed = (SELECT s.status = 'completed' FROM sessions s WHERE s.id = session_id),
    started_at = (SELECT s.started_at FROM sessions s WHERE s.id = session_id),
    candidate = (SELECT s.candidate FROM sessions s WHERE s.id = session_id);
UPDATE scores SET
    completed = (SELECT s.status = 'completed' FROM sessions s WHERE s.id = session_id),
    headline = (SELECT rater = CASE s.mode WHEN 'pair' THEN 'interviewer' ELSE 'self' END
                FROM sessions s WHERE s.id = session_id),
    started_at = (SELECT s.started_at FROM sessions s WHERE s.id = session_id),
    candidate = (SELECT s.candidate FROM sessions s WHERE s.id = session_id),
    gap = CASE WHEN rater = 'self' THEN score - (
        SELECT o.score FROM scores o WHERE o.session_id = scores.session_id
        AND o.rater = 'interviewer' AND o.dimension_id = scores.dimension_id) END;
UPDATE sessions SET
    actual_seconds = (SELECT total(p.actual_seconds) FROM phases p WHERE p.session_id = id),
    reached_last = coalesce((
        SELECT total(p.actual_seconds) - (
            SELECT l.actual_seconds FROM phases l WHERE l.session_id = p.session_id
            ORDER BY l.position DESC LIMIT 1) < total(p.planned_seconds)
        FROM phases p WHERE p.session_id = id), 0)
"""


def _to_v4(db: sqlite3.Connection) -> None:
    for statement in _statements(V4) + _statements(V4_BACKFILL):
        db.execute(statement)


# Version 5: probes in solo drills. Each phase keeps the probes put to the
# candidate, as JSON [{"text", "at", "spent", "reference"}] (seconds into the
# phase; spent is null while the probe is still on screen); the session keeps
# how many a phase gets and its schedule's seed, so `resume` keeps both.
V5 = """
ALTER TABLE phases ADD COLUMN probes TEXT NOT NULL DEFAULT '[]';
ALTER TABLE sessions ADD COLUMN probes_per_phase INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN probe_seed INTEGER NOT NULL DEFAULT 0
"""


def _to_v5(db: sqlite3.Connection) -> None:
    for statement in _statements(V5):
        db.execute(statement)


# MIGRATIONS[n] takes a database at version n to version n + 1.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_to_v1, _to_v2, _to_v3, _to_v4, _to_v5]
CURRENT_VERSION = len(MIGRATIONS)
