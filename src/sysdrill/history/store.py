"""The history: sessions written atomically, read back, and queried."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from sysdrill.errors import NotFoundError, UsageError
from sysdrill.history.db import DB_NAME, Database, HistoryError, SetAside
from sysdrill.history.queries import NEWEST_FIRST, SessionFilter, like_prefix
from sysdrill.history.rows import DamagedSessionError, RowReader
from sysdrill.session.autosave import EVERYTHING, Changes
from sysdrill.session.matching import Evidence
from sysdrill.session.scoring import Score
from sysdrill.session.state import (
    COMPLETED,
    IN_PROGRESS,
    INTERVIEWER,
    PAIR,
    SELF,
    DrillSession,
    PhaseRecord,
    ProbeAsked,
)

__all__ = [
    "DB_NAME",
    "DamagedSessionError",
    "HistoryError",
    "HistoryStore",
    "SetAside",
    "open_history",
]


def _phase(read: RowReader, r: tuple[Any, ...]) -> PhaseRecord:
    title = read.text(r[2], f"phase {r[0]}", "its title")
    where = f"phase {r[0] + 1 if isinstance(r[0], int) else r[0]} ({title})"
    return PhaseRecord(
        position=read.whole(r[0], where, "its position"), phase_id=read.text(r[1], where, "its ID"),
        title=title, planned_seconds=read.number(r[3], where, "its planned time"),
        elapsed_seconds=read.number(r[4], where, "its time"),
        paused_seconds=read.number(r[5], where, "its paused time"),
        pauses=read.whole(r[6], where, "its pauses"),
        extended_seconds=read.number(r[7], where, "its extensions"),
        notes=read.text(r[8], where, "its notes"),
        covered=read.text_list(r[9], where, "its covered key points"),
        missed=read.text_list(r[10], where, "its missed key points"),
        ticked=read.text_list(r[11], where, "its ticked points"),
        curveballs=read.text_list(r[12], where, "its curveballs"),
        evidence=evidence_from_json(r[13] if isinstance(r[13], str) else None),
        probes=probes_from_json(r[14] if isinstance(r[14], str) else None),
    )  # fmt: skip


def probes_json(probes: list[ProbeAsked]) -> str:
    return json.dumps(
        [
            {"text": p.text, "at": p.asked_at, "spent": p.spent_seconds, "reference": p.reference}
            for p in probes
        ]
    )


def _seconds(value: Any) -> float | None:
    ok = isinstance(value, int | float) and not isinstance(value, bool) and value >= 0
    return float(value) if ok else None


def probes_from_json(raw: str | None) -> list[ProbeAsked]:
    """The probes asked in a phase, as saved; anything unreadable is left out, never fatal."""
    try:
        data = json.loads(raw or "[]")
    except ValueError:
        return []
    found = []
    for p in data if isinstance(data, list) else []:
        if isinstance(p, dict) and isinstance(p.get("text"), str):
            reference = p.get("reference")
            found.append(
                ProbeAsked(
                    p["text"],
                    asked_at=_seconds(p.get("at")) or 0.0,
                    spent_seconds=_seconds(p.get("spent")),
                    reference=reference if isinstance(reference, str) else "",
                )
            )
    return found


def evidence_json(evidence: dict[str, Evidence]) -> str:
    return json.dumps(
        {
            c: {"line": e.line, "phase": e.phase_id, "at": [e.start, e.end]}
            for c, e in evidence.items()
        }
    )


def evidence_from_json(raw: str | None) -> dict[str, Evidence]:
    """Evidence as saved; anything unreadable is left out, never fatal."""
    try:
        data = json.loads(raw or "{}")
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    found: dict[str, Evidence] = {}
    for concept, e in data.items():
        if not isinstance(e, dict):
            continue
        at = e.get("at")
        span = at if isinstance(at, list) and len(at) == 2 else [0, 0]
        start, end = (int(n) if isinstance(n, int) else 0 for n in span)
        found[str(concept)] = Evidence(str(e.get("line", "")), str(e.get("phase", "")), start, end)
    return found


def _reached_last(session: DrillSession) -> bool:
    """Whether the last phase began before the drill's planned time was up."""
    if not session.phases:
        return False
    before_last = sum(p.elapsed_seconds for p in session.phases[:-1])
    return before_last < sum(p.planned_seconds for p in session.phases)


def _write_clock(db: sqlite3.Connection, session: DrillSession) -> None:
    """The running phase's times: a small update that leaves the notes alone."""
    p = session.current_phase
    db.execute(
        "UPDATE phases SET actual_seconds = ?, paused_seconds = ?, pauses = ?,"
        " extended_seconds = ? WHERE session_id = ? AND position = ?",
        (
            p.elapsed_seconds, p.paused_seconds, p.pauses, p.extended_seconds,
            session.id, p.position,
        ),
    )  # fmt: skip


def _write(db: sqlite3.Connection, session: DrillSession, changes: Changes = EVERYTHING) -> None:
    if changes.clock_only:
        # Only the phase's row: the session's own row (its total time, when it
        # was last written) follows at the next write of anything else.
        _write_clock(db, session)
        return
    # Phases and scores carry copies of what `stats` filters on (see schema V4).
    done = int(session.status == COMPLETED)
    headline = INTERVIEWER if session.mode == PAIR else SELF
    theirs = {s.dimension_id: s.score for s in session.scores_by(INTERVIEWER)}
    db.execute(
        """INSERT INTO sessions (id, item_id, item_title, item_kind, content_hash,
               rubric_id, mode, duration_scale, status, stage, current_phase,
               started_at, ended_at, updated_at, reflection, interviewer, candidate,
               practice, score, actual_seconds, reached_last, probes_per_phase, probe_seed)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET
               status = excluded.status, stage = excluded.stage,
               current_phase = excluded.current_phase, ended_at = excluded.ended_at,
               updated_at = excluded.updated_at, reflection = excluded.reflection,
               rubric_id = excluded.rubric_id, interviewer = excluded.interviewer,
               candidate = excluded.candidate, practice = excluded.practice,
               score = excluded.score, actual_seconds = excluded.actual_seconds,
               reached_last = excluded.reached_last,
               probes_per_phase = excluded.probes_per_phase, probe_seed = excluded.probe_seed""",
        (
            session.id, session.item_id, session.item_title, session.item_kind,
            session.content_hash, session.rubric_id, session.mode,
            session.duration_scale, session.status, session.stage, session.current,
            session.started_at, session.ended_at, session.updated_at,
            session.reflection, session.interviewer, session.candidate,
            int(session.practice), session.headline, session.actual_total,
            int(_reached_last(session)), session.probes_per_phase, session.probe_seed,
        ),
    )  # fmt: skip
    db.executemany(
        """INSERT OR REPLACE INTO phases (session_id, position, phase_id, title,
               planned_seconds, actual_seconds, paused_seconds, pauses,
               extended_seconds, notes, covered, missed, ticked, curveballs,
               covered_count, key_point_count, evidence, completed, started_at, candidate,
               probes)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [
            (
                session.id, p.position, p.phase_id, p.title, p.planned_seconds,
                p.elapsed_seconds, p.paused_seconds, p.pauses, p.extended_seconds,
                p.notes, json.dumps(p.covered), json.dumps(p.missed),
                json.dumps(p.ticked), json.dumps(p.curveballs),
                len(p.covered), len(p.covered) + len(p.missed),
                evidence_json(p.evidence), done, session.started_at, session.candidate,
                probes_json(p.probes),
            )
            for p in session.phases
            if changes.phases is None or p.position in changes.phases
        ],
    )  # fmt: skip
    if changes.phases is not None and session.current not in changes.phases:
        _write_clock(db, session)
    if not changes.scores:
        return
    db.execute("DELETE FROM scores WHERE session_id = ?", (session.id,))
    db.executemany(
        """INSERT INTO scores (session_id, rater, dimension_id, dimension, score, weight,
               completed, headline, gap, started_at, candidate)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [
            (
                session.id,
                s.rater,
                s.dimension_id,
                s.dimension,
                s.score,
                s.weight,
                done,
                int(s.rater == headline),
                s.score - theirs[s.dimension_id]
                if s.rater == SELF and s.dimension_id in theirs
                else None,
                session.started_at,
                session.candidate,
            )
            for s in session.scores
        ],
    )


class HistoryStore(Database):
    """Sessions saved and read back, and the queries the commands need."""

    # -- writing -------------------------------------------------------------

    def save(self, session: DrillSession, changes: Changes = EVERYTHING) -> None:
        """Write what changed in one transaction: all of it or none of it.

        By default the whole session; a drill passes only what changed (the
        phase being typed in, the scores) or only the running clock.
        """
        try:
            with self._transaction() as db:
                _write(db, session, changes)
        except sqlite3.Error:
            if self.db.in_transaction:  # a failed COMMIT leaves it open
                try:
                    self.db.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
            raise

    def short_waits(self, milliseconds: int = 200) -> None:
        """Wait at most this long for another program's write lock, then fail.

        A running drill retries a failed write itself, so waiting long on a
        lock would only freeze its screen.
        """
        self.db.execute(f"PRAGMA busy_timeout = {int(milliseconds)}")

    def save_many(self, sessions: Iterable[DrillSession]) -> int:
        """Write many sessions in one transaction: a generated history, an import."""
        count = 0
        with self._transaction() as db:
            for session in sessions:
                _write(db, session)
                count += 1
        return count

    def mark_abandoned(self, session_id: str, ended_at: str) -> None:
        with self._transaction() as db:
            db.execute(
                "UPDATE sessions SET status = 'abandoned', ended_at = ?, updated_at = ?"
                " WHERE id = ? AND status = 'in_progress'",
                (ended_at, ended_at, session_id),
            )

    def merge(
        self,
        sessions: Iterable[DrillSession],
        decide: Callable[[DrillSession | None, DrillSession], str],
    ) -> list[tuple[str, str]]:
        """Import in one transaction: ``decide(kept, incoming)`` says what happens.

        "added" and "updated" write the incoming copy whole (an updated
        session's old phases and scores go with it); anything else leaves
        the kept copy untouched. Returns each session's ID and outcome.
        """
        outcomes: list[tuple[str, str]] = []
        with self._transaction() as db:
            for session in sessions:
                try:
                    outcome = decide(self.find(session.id), session)
                except DamagedSessionError:
                    outcome = "updated"  # the copy here cannot be read; the import mends it
                if outcome in ("added", "updated"):
                    db.execute("DELETE FROM sessions WHERE id = ?", (session.id,))
                    _write(db, session)
                outcomes.append((session.id, outcome))
        return outcomes

    def delete(self, session_ids: Iterable[str]) -> int:
        """Remove these sessions with their phases and scores, all or none."""
        removed = 0
        with self._transaction() as db:
            for session_id in session_ids:
                removed += db.execute("DELETE FROM sessions WHERE id = ?", (session_id,)).rowcount
        return removed

    # -- reading -------------------------------------------------------------

    def find(self, session_id: str) -> DrillSession | None:
        """The session with exactly this ID, or None (damaged: DamagedSessionError)."""
        if self.db.execute("SELECT 1 FROM sessions WHERE id = ?", (session_id,)).fetchone():
            return self.load(session_id)
        return None

    def load(self, session_id: str, *, damaged: list[str] | None = None) -> DrillSession:
        """One session with its phases and scores.

        A value that cannot be read raises DamagedSessionError naming the
        session; with a ``damaged`` list, such values come back empty and
        what was wrong with each is added to the list instead.
        """
        row = self.db.execute("SELECT * FROM sessions WHERE id = ?", (session_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no session with ID '{session_id}'")
        names = [d[0] for d in self.db.execute("SELECT * FROM sessions LIMIT 0").description]
        data = dict(zip(names, row, strict=True))
        read = RowReader()
        phases = [
            _phase(read, r)
            for r in self.db.execute(
                """SELECT position, phase_id, title, planned_seconds, actual_seconds,
                          paused_seconds, pauses, extended_seconds, notes, covered, missed,
                          ticked, curveballs, evidence, probes
                   FROM phases WHERE session_id = ? ORDER BY position""",
                (session_id,),
            )
        ]
        scores = [
            Score(
                rater=read.text(r[0], "a score", "its rater"),
                dimension_id=read.text(r[1], "a score", "its dimension"),
                dimension=read.text(r[2], "a score", "its dimension's name"),
                score=read.whole(r[3], f"the score for {r[2]}", "its value"),
                weight=read.whole(r[4], f"the score for {r[2]}", "its weight"),
            )
            for r in self.db.execute(
                "SELECT rater, dimension_id, dimension, score, weight FROM scores"
                " WHERE session_id = ? ORDER BY rowid",
                (session_id,),
            )
        ]
        here = "the session"
        session = DrillSession(
            id=data["id"], item_id=read.text(data["item_id"], here, "its item"),
            item_title=read.text(data["item_title"], here, "its title"),
            item_kind=read.text(data["item_kind"], here, "its kind"),
            content_hash=read.text(data["content_hash"], here, "its content hash"),
            rubric_id=read.text(data["rubric_id"], here, "its rubric"), mode=data["mode"],
            duration_scale=read.number(data["duration_scale"], here, "its duration scale"),
            started_at=read.text(data["started_at"], here, "its start time"),
            phases=phases, status=data["status"],
            stage=read.text(data["stage"], here, "its stage"),
            current=read.whole(data["current_phase"], here, "its current phase"),
            ended_at=read.optional_text(data["ended_at"], here, "its end time"),
            updated_at=read.text(data["updated_at"], here, "its last save time"),
            scores=scores, reflection=read.text(data["reflection"], here, "its reflection"),
            interviewer=read.optional_text(data["interviewer"], here, "its interviewer"),
            candidate=read.optional_text(data["candidate"], here, "its candidate"),
            practice=bool(data["practice"]),
            probes_per_phase=data["probes_per_phase"]
            if isinstance(data["probes_per_phase"], int) else 0,
            probe_seed=data["probe_seed"] if isinstance(data["probe_seed"], int) else 0,
        )  # fmt: skip
        if read.problems:
            if damaged is None:
                raise DamagedSessionError(session_id, read.problems)
            damaged.extend(read.problems)
        return session

    def session_ids(
        self,
        *,
        item_id: str | None = None,
        status: str | None = None,
        person: str | None = None,
        role: str | None = None,
        limit: int | None = None,
    ) -> list[str]:
        """Session IDs, newest first.

        ``person`` matches either side of a pair and the person of a named solo
        drill; ``role`` ("interviewer" or "candidate") narrows it to one side,
        a solo drill's person being its candidate.
        """
        where, args = SessionFilter(item_id, status, person, role).where()
        tail = f" LIMIT {int(limit)}" if limit else ""
        return [
            r[0]
            for r in self.db.execute(f"SELECT id FROM sessions {where} {NEWEST_FIRST}{tail}", args)
        ]

    def count(self, where: SessionFilter) -> int:
        """How many sessions the filter keeps, without reading them."""
        clause, args = where.where()
        return int(self.db.execute(f"SELECT count(*) FROM sessions {clause}", args).fetchone()[0])

    def iter_ids(
        self, where: SessionFilter, limit: int | None = None, *, order: str = NEWEST_FIRST
    ) -> Iterator[str]:
        """Session IDs newest first, read as they are used rather than all at once."""
        clause, args = where.where()
        tail = f" LIMIT {int(limit)}" if limit else ""
        cursor = self.db.execute(f"SELECT id FROM sessions {clause} {order}{tail}", args)
        for (session_id,) in cursor:
            yield session_id

    def latest_id(self) -> str | None:
        """The newest session, whatever its status."""
        row = self.db.execute(f"SELECT id FROM sessions {NEWEST_FIRST} LIMIT 1").fetchone()
        return str(row[0]) if row else None

    def resolve(self, prefix: str) -> str:
        """A session ID from a unique prefix of it."""
        needle = prefix.strip().lower()
        if not needle:
            raise UsageError("give a session ID (see `sysdrill history`)")
        if self.db.execute("SELECT 1 FROM sessions WHERE id = ?", (needle,)).fetchone():
            return needle
        # A range over the primary key finds a prefix without reading every ID;
        # IDs not in lower case (imported from elsewhere) are looked for after.
        after = needle[:-1] + chr(ord(needle[-1]) + 1)
        rows = [
            r[0]
            for r in self.db.execute(
                "SELECT id FROM sessions WHERE id >= ? AND id < ? ORDER BY started_at DESC LIMIT 9",
                (needle, after),
            )
        ] or [
            r[0]
            for r in self.db.execute(
                "SELECT id FROM sessions WHERE id LIKE ? ESCAPE '\\' ORDER BY started_at DESC"
                " LIMIT 9",
                (like_prefix(needle),),
            )
        ]
        if len(rows) == 1:
            return str(rows[0])
        if not rows:
            raise NotFoundError(f"no session with ID '{prefix}' (see `sysdrill history`)")
        raise NotFoundError(f"'{prefix}' matches more than one session: {', '.join(rows[:8])}")

    def latest_in_progress(self, item_id: str | None = None) -> str | None:
        ids = self.session_ids(item_id=item_id, status=IN_PROGRESS, limit=1)
        return ids[0] if ids else None

    def curveball_counts(self, item_id: str) -> dict[str, int]:
        """How often each curveball probe has been used in this item's sessions."""
        counts: dict[str, int] = {}
        for (raw,) in self.db.execute(
            "SELECT p.curveballs FROM phases p JOIN sessions s ON s.id = p.session_id"
            " WHERE s.item_id = ?",
            (item_id,),
        ):
            for probe in RowReader().text_list(raw, "", ""):  # a damaged row counts nothing
                counts[probe] = counts.get(probe, 0) + 1
        return counts

    def probe_counts(self, item_id: str) -> dict[str, int]:
        """How often each probe has been put in this item's solo sessions."""
        counts: dict[str, int] = {}
        for (raw,) in self.db.execute(
            "SELECT p.probes FROM phases p JOIN sessions s ON s.id = p.session_id"
            " WHERE s.item_id = ? AND p.probes != '[]'",
            (item_id,),
        ):
            for probe in probes_from_json(raw if isinstance(raw, str) else None):
                counts[probe.text] = counts.get(probe.text, 0) + 1
        return counts

    def previous_completed(self, session: DrillSession) -> DrillSession | None:
        """The same person's last completed attempt at the same item before this one.

        Whatever its mode: the person is a solo drill's name or a pair's
        candidate (a solo drill without a name compares with the others
        without one), so a trend never mixes two people's scores.
        """
        row = self.db.execute(
            """SELECT id FROM sessions WHERE item_id = ? AND status = ? AND id != ?
               AND started_at <= ? AND lower(coalesce(candidate, '')) = lower(?)
               ORDER BY started_at DESC, rowid DESC LIMIT 1""",
            (session.item_id, COMPLETED, session.id, session.started_at, session.candidate or ""),
        ).fetchone()
        return self.load(row[0], damaged=[]) if row else None


def open_history(*, write: bool = True) -> HistoryStore:
    """The user's history, in the data directory.

    Reading commands pass ``write=False``: nothing is created, the write lock
    is never taken, and a read-only or missing history can still be read.
    """
    from sysdrill.paths import data_dir, data_dir_path

    if not write:
        return HistoryStore(data_dir_path() / DB_NAME, write=False)
    return HistoryStore(data_dir() / DB_NAME)
