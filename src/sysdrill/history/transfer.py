"""One JSON shape for a session: `history --json`, export, and what import reads.

An export is ``{"format": "sysdrill-history", "version": 1, "sessions": [...]}``
where each session is exactly what `history --json` prints for it. Every
stored field is there, times in the whole seconds sysdrill shows everywhere,
so importing an export and exporting again gives the same file. Fields
derived from the others (weighted scores, gaps, totals, overtime) are there
for readers and ignored on import.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from sysdrill.session.state import COMPLETED, INTERVIEWER, SELF, DrillSession, ProbeAsked
from sysdrill.text import json_text

FORMAT = "sysdrill-history"
FORMAT_VERSION = 1


def probe_json(probe: ProbeAsked, notes: str) -> dict[str, Any]:
    """A probe put in a solo drill; ``answer`` (the notes under its marker) is for readers."""
    from sysdrill.session.duration import whole_seconds
    from sysdrill.session.probes import answers

    return {
        "probe": probe.text,
        "asked_at_seconds": whole_seconds(probe.asked_at),
        "spent_seconds": None
        if probe.spent_seconds is None
        else whole_seconds(probe.spent_seconds),
        "reference": probe.reference,
        "answer": answers(notes).get(probe.text, ""),
    }


def session_json(session: DrillSession) -> dict[str, Any]:
    from sysdrill.session.duration import whole_seconds
    from sysdrill.session.scoring import score_gaps

    # A weighted score means something only once every dimension is scored.
    complete = session.status == COMPLETED
    weighted = {
        r: session.weighted(r) for r in (SELF, INTERVIEWER) if complete and session.scores_by(r)
    }
    gaps = [
        {"dimension": dimension, "interviewer": theirs, "self": mine, "gap": gap}
        for dimension, theirs, mine, gap in score_gaps(
            session.scores_by(INTERVIEWER), session.scores_by(SELF)
        )
    ]
    return {
        "id": session.id,
        "item_id": session.item_id,
        "item_title": session.item_title,
        "item_kind": session.item_kind,
        "status": session.status,
        "stage": session.stage,
        "current_phase": session.current,
        "mode": session.mode,
        "interviewer": session.interviewer,
        "candidate": session.candidate,
        "practice": session.practice,
        "probes_per_phase": session.probes_per_phase,
        "probe_seed": session.probe_seed,
        "started_at": session.started_at,
        "ended_at": session.ended_at,
        "updated_at": session.updated_at,
        "rubric": session.rubric_id,
        "duration_scale": session.duration_scale,
        "weighted_score": weighted.get(INTERVIEWER, weighted.get(SELF)),
        "weighted_scores": weighted,
        "planned_seconds": session.planned_total,
        "extended_seconds": session.allowed_total - session.planned_total,
        "actual_seconds": session.actual_total,
        "overtime_seconds": session.overtime_total,
        "reflection": session.reflection,
        "content_hash": session.content_hash,
        "phases": [
            {
                "phase_id": p.phase_id,
                "title": p.title,
                "planned_seconds": whole_seconds(p.planned_seconds),
                "actual_seconds": p.spent_seconds,
                "extended_seconds": whole_seconds(p.extended_seconds),
                "overtime_seconds": p.overtime_seconds,
                "paused_seconds": whole_seconds(p.paused_seconds),
                "pauses": p.pauses,
                "notes": p.notes,
                "covered": p.covered,
                "missed": p.missed,
                # the line of the notes behind each covered key point
                "evidence": {c: e.line for c, e in p.evidence.items()},
                # key points covered by an earlier phase's notes: that phase's ID
                "covered_in": {
                    c: e.phase_id
                    for c, e in p.evidence.items()
                    if e.phase_id and e.phase_id != p.phase_id
                },
                # where in its line each key point was read: [start, end]
                "evidence_at": {c: [e.start, e.end] for c, e in p.evidence.items()},
                "ticked": p.ticked,
                "curveballs": p.curveballs,
                # solo drills: the probes put in this phase and what was written under each
                "probes": [probe_json(probe, p.notes) for probe in p.probes],
            }
            for p in session.phases
        ],
        "gaps": gaps if complete else [],
        "scores": [
            {
                "rater": s.rater,
                "dimension_id": s.dimension_id,
                "dimension": s.dimension,
                "score": s.score,
                "weight": s.weight,
            }
            for s in session.scores
        ],
    }


def json_array(sessions: Iterable[DrillSession], indent: str = "") -> Iterator[str]:
    """A JSON array of sessions, one session at a time: memory stays flat."""
    yield "["
    first = True
    for session in sessions:
        body = json_text(session_json(session)).replace("\n", "\n  " + indent)
        yield ("\n" if first else ",\n") + "  " + indent + body
        first = False
    yield "]" if first else "\n" + indent + "]"


def export_json(sessions: Iterable[DrillSession]) -> Iterator[str]:
    """An export file, streamed: the format, its version, then the sessions."""
    yield f'{{\n  "format": "{FORMAT}",\n  "version": {FORMAT_VERSION},\n  "sessions": '
    yield from json_array(sessions, indent="  ")
    yield "\n}\n"


def write_target(path: Path) -> Path:
    """Where writing ``path`` lands: a symlink's target, never a device, pipe or directory.

    A symlink is followed (its target is written, atomically, in its own
    directory); anything there that is not a regular file is refused with a
    SysdrillError rather than replaced by one.
    """
    from sysdrill.errors import SysdrillError
    from sysdrill.files import file_type

    target = Path(os.path.realpath(path)) if os.path.islink(path) else path
    try:
        info = os.stat(target)
    except FileNotFoundError:
        return target
    if not stat.S_ISREG(info.st_mode):
        raise SysdrillError(f"{path} is {file_type(info)}, not a regular file; not writing to it")
    return target


@contextmanager
def atomic_files(*paths: Path) -> Iterator[list[TextIO]]:
    """Files written whole or not at all: temporary files beside them, then renames.

    Written a piece at a time (an export of a long history never sits in
    memory whole), private like every file sysdrill makes. A symlink's target
    is what gets written; anything else that is not a regular file is refused.
    On any failure no temporary file is left behind.
    """
    from sysdrill.files import open_private

    targets = [write_target(path) for path in paths]
    temps: list[tuple[Path, Path, TextIO]] = []
    try:
        for path in targets:
            temp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
            fd = open_private(temp, os.O_WRONLY | os.O_EXCL)
            temps.append((path, temp, os.fdopen(fd, "w", encoding="utf-8", newline="")))
        yield [handle for _, _, handle in temps]
        for _, _, handle in temps:
            handle.flush()
            os.fsync(handle.fileno())
            handle.close()
        for path, temp, _ in temps:
            os.replace(temp, path)
    finally:
        for _, temp, handle in temps:
            try:
                handle.close()  # flushes what is left: on a full disk that fails too
            except OSError:
                pass
            temp.unlink(missing_ok=True)


def write_atomic(path: Path, chunks: Iterable[str]) -> None:
    """Write ``path`` whole or not at all."""
    with atomic_files(path) as (handle,):
        for chunk in chunks:
            handle.write(chunk)
