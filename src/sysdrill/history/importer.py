"""Reading an export back: every field checked, then merged in one transaction.

An export comes from someone else's machine, so nothing in it is trusted:
each field must have the right type and a sane size, or the whole file is
refused with one line naming the entry at fault, and nothing is written.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sysdrill.errors import SysdrillError
from sysdrill.history.transfer import FORMAT, FORMAT_VERSION, session_json
from sysdrill.session import state
from sysdrill.session.matching import Evidence
from sysdrill.session.scoring import Score
from sysdrill.session.state import DrillSession, PhaseRecord, ProbeAsked

if TYPE_CHECKING:
    from sysdrill.history.store import HistoryStore

ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
STAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})")
MAX_NOTES = 1_000_000  # characters in one phase's notes
MAX_TEXT = 100_000  # a reflection
MAX_LABEL = 500  # a title, a name, a key point
MAX_LIST = 500  # key points in one phase
MAX_PHASES = 50
MAX_SECONDS = 1e7
MAX_FILE_BYTES = 256 * 1024 * 1024  # one export file

STAGE_ORDER = {state.PHASES: 0, state.SCORING: 1, state.REFLECTION: 2, state.DONE: 3}


class ImportFileError(SysdrillError):
    """An import file that cannot be used; nothing from it is written."""


class _Bad(Exception):
    """One field is wrong: where it is and what is wrong with it."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}: {problem}")


def _get(data: dict[str, Any], key: str, where: str) -> Any:
    if key not in data:
        raise _Bad(f"{where}{key}", "missing")
    return data[key]


def _text(data: dict[str, Any], key: str, where: str, limit: int = MAX_LABEL,
          *, optional: bool = False, pattern: re.Pattern[str] | None = None) -> Any:  # fmt: skip
    value = data.get(key) if optional else _get(data, key, where)
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise _Bad(f"{where}{key}", "must be text")
    if len(value) > limit:
        raise _Bad(f"{where}{key}", f"is longer than {limit:,} characters")
    if pattern is not None and not pattern.fullmatch(value):
        raise _Bad(f"{where}{key}", f"{value[:40]!r} is not a valid value")
    return value


def _choice(data: dict[str, Any], key: str, where: str, allowed: Sequence[str]) -> str:
    value = _get(data, key, where)
    if value not in allowed:
        raise _Bad(f"{where}{key}", f"must be one of {', '.join(allowed)}")
    return str(value)


def _number(data: dict[str, Any], key: str, where: str, top: float = MAX_SECONDS) -> float:
    value = _get(data, key, where)
    ok = isinstance(value, int | float) and not isinstance(value, bool)
    if not ok or not math.isfinite(value) or not 0 <= value <= top:
        raise _Bad(f"{where}{key}", f"must be a number from 0 to {top:g}")
    return float(value)


def _integer(data: dict[str, Any], key: str, where: str, low: int, high: int) -> int:
    value = _get(data, key, where)
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise _Bad(f"{where}{key}", f"must be a whole number from {low} to {high}")
    return value


def _flag(data: dict[str, Any], key: str, where: str) -> bool:
    value = data.get(key, False)
    if not isinstance(value, bool):
        raise _Bad(f"{where}{key}", "must be true or false")
    return value


def _stamp(data: dict[str, Any], key: str, where: str, *, optional: bool = False) -> Any:
    value = _text(data, key, where, 40, optional=optional)
    if value is None:
        return None
    try:
        ok = bool(STAMP.fullmatch(value) and datetime.fromisoformat(value.replace("Z", "+00:00")))
    except ValueError:
        ok = False
    if not ok:
        raise _Bad(f"{where}{key}", f"{value!r} is not a UTC time like 2026-01-31T18:00:00Z")
    return value


def _labels(data: dict[str, Any], key: str, where: str) -> list[str]:
    value = _get(data, key, where)
    if not isinstance(value, list) or len(value) > MAX_LIST:
        raise _Bad(f"{where}{key}", f"must be a list of at most {MAX_LIST} texts")
    for n, entry in enumerate(value):
        if not isinstance(entry, str) or len(entry) > MAX_LABEL:
            raise _Bad(f"{where}{key}[{n}]", f"must be text of at most {MAX_LABEL} characters")
    return list(value)


def _mapping(data: dict[str, Any], key: str, where: str) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict) or len(value) > MAX_LIST:
        raise _Bad(f"{where}{key}", f"must be an object of at most {MAX_LIST} key points")
    for concept in value:
        if len(concept) > MAX_LABEL:
            raise _Bad(f"{where}{key}", f"a key point is longer than {MAX_LABEL} characters")
    return value


def _evidence(data: dict[str, Any], where: str, phase_id: str) -> dict[str, Evidence]:
    """Each covered key point's line of notes, its phase, and where in the line."""
    lines = _mapping(data, "evidence", where)
    phases = _mapping(data, "covered_in", where)
    spans = _mapping(data, "evidence_at", where)
    found: dict[str, Evidence] = {}
    for concept in lines:
        at = f"{where}evidence[{concept[:40]!r}]"
        line, phase, span = lines[concept], phases.get(concept, phase_id), spans.get(concept)
        if not isinstance(line, str) or len(line) > MAX_TEXT:
            raise _Bad(at, f"must be text of at most {MAX_TEXT:,} characters")
        if not isinstance(phase, str) or len(phase) > MAX_LABEL:
            raise _Bad(f"{where}covered_in[{concept[:40]!r}]", "must be a phase ID")
        if span is None:
            span = [0, 0]
        ok = isinstance(span, list) and len(span) == 2
        if not ok or not all(isinstance(n, int) and not isinstance(n, bool) for n in span):
            raise _Bad(f"{where}evidence_at[{concept[:40]!r}]", "must be [start, end]")
        if not 0 <= span[0] <= span[1] <= MAX_TEXT:
            raise _Bad(f"{where}evidence_at[{concept[:40]!r}]", "must be [start, end]")
        found[concept] = Evidence(line, phase, span[0], span[1])
    return found


def _probes(data: dict[str, Any], where: str) -> list[ProbeAsked]:
    """The probes asked in a phase; an export from before probes has none."""
    raw = data.get("probes", [])
    if not isinstance(raw, list) or len(raw) > MAX_LIST:
        raise _Bad(f"{where}probes", f"must be a list of at most {MAX_LIST} probes")
    found = []
    for n, entry in enumerate(raw):
        at = f"{where}probes[{n}]."
        entry = _object(entry, at)
        spent = entry.get("spent_seconds")
        found.append(
            ProbeAsked(
                _text(entry, "probe", at, MAX_TEXT),
                asked_at=_number(entry, "asked_at_seconds", at),
                spent_seconds=None if spent is None else _number(entry, "spent_seconds", at),
                reference=_text(entry, "reference", at, MAX_TEXT, optional=True) or "",
            )
        )
    return found


def _object(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _Bad(where.rstrip("."), "must be an object")
    return value


def _phase(data: dict[str, Any], position: int) -> PhaseRecord:
    at = f"phases[{position}]."
    phase_id = _text(data, "phase_id", at)
    return PhaseRecord(
        position=position,
        phase_id=phase_id,
        title=_text(data, "title", at),
        planned_seconds=_number(data, "planned_seconds", at),
        elapsed_seconds=_number(data, "actual_seconds", at),
        paused_seconds=_number(data, "paused_seconds", at),
        pauses=_integer(data, "pauses", at, 0, 1_000_000),
        extended_seconds=_number(data, "extended_seconds", at),
        notes=_text(data, "notes", at, MAX_NOTES),
        covered=_labels(data, "covered", at),
        missed=_labels(data, "missed", at),
        ticked=_labels(data, "ticked", at),
        curveballs=_labels(data, "curveballs", at),
        evidence=_evidence(data, at, phase_id),
        probes=_probes(data, at),
    )


def _score(data: dict[str, Any], n: int) -> Score:
    at = f"scores[{n}]."
    return Score(
        rater=_choice(data, "rater", at, (state.SELF, state.INTERVIEWER)),
        dimension_id=_text(data, "dimension_id", at),
        dimension=_text(data, "dimension", at),
        score=_integer(data, "score", at, 1, 5),
        weight=_integer(data, "weight", at, 0, 100),
    )


def session_from_json(data: dict[str, Any]) -> DrillSession:
    """A session from its JSON shape, every field checked; raises _Bad."""
    raw_phases = _get(data, "phases", "")
    if not isinstance(raw_phases, list) or not 1 <= len(raw_phases) <= MAX_PHASES:
        raise _Bad("phases", f"must be a list of 1 to {MAX_PHASES} phases")
    phases = [_phase(_object(p, f"phases[{n}]"), n) for n, p in enumerate(raw_phases)]
    raw_scores = _get(data, "scores", "")
    if not isinstance(raw_scores, list) or len(raw_scores) > 2 * MAX_LIST:
        raise _Bad("scores", "must be a list of scores")
    scores = [_score(_object(s, f"scores[{n}]"), n) for n, s in enumerate(raw_scores)]
    if len({(s.rater, s.dimension_id) for s in scores}) != len(scores):
        raise _Bad("scores", "scores one dimension twice for the same rater")
    session = DrillSession(
        id=_text(data, "id", "", pattern=ID),
        item_id=_text(data, "item_id", "", 100, pattern=ID),
        item_title=_text(data, "item_title", ""),
        item_kind=_choice(data, "item_kind", "", ("problem", "case-study")),
        content_hash=_text(data, "content_hash", "", 128),
        rubric_id=_text(data, "rubric", "", 100),
        mode=_choice(data, "mode", "", (state.SOLO, state.PAIR)),
        duration_scale=_number(data, "duration_scale", "", 100),
        started_at=_stamp(data, "started_at", ""),
        phases=phases,
        status=_choice(data, "status", "", (state.IN_PROGRESS, state.COMPLETED, state.ABANDONED)),
        stage=_choice(data, "stage", "", tuple(STAGE_ORDER)),
        current=_integer(data, "current_phase", "", 0, len(phases)),
        ended_at=_stamp(data, "ended_at", "", optional=True),
        updated_at=_stamp(data, "updated_at", ""),
        scores=scores,
        reflection=_text(data, "reflection", "", MAX_TEXT),
        interviewer=_text(data, "interviewer", "", optional=True),
        candidate=_text(data, "candidate", "", optional=True),
        practice=_flag(data, "practice", ""),
        probes_per_phase=_integer(data, "probes_per_phase", "", 0, 9)
        if "probes_per_phase" in data
        else 0,
        probe_seed=_integer(data, "probe_seed", "", 0, 2**31) if "probe_seed" in data else 0,
    )
    _consistent(session)
    return session


def _when(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00"))


def _consistent(session: DrillSession) -> None:
    """Fields that are each fine but cannot go together; raises _Bad."""
    if session.duration_scale <= 0:
        raise _Bad("duration_scale", "must be more than 0")
    if session.ended_at is not None and _when(session.ended_at) < _when(session.started_at):
        raise _Bad("ended_at", "is before started_at")
    if session.mode == state.PAIR:
        for key, name in (("interviewer", session.interviewer), ("candidate", session.candidate)):
            if not (name or "").strip():
                raise _Bad(key, "a pair session needs the interviewer's and candidate's names")


def _describe_json_error(path: Path, text: str, exc: json.JSONDecodeError) -> str:
    if exc.pos >= len(text.rstrip()):
        return f"{path} is cut short (it ends before the export does); nothing was imported"
    return f"{path} is not JSON (line {exc.lineno}, column {exc.colno}); nothing was imported"


MAX_DIGITS = 30  # in one whole number; no field needs more


class _LongNumber(Exception):
    """A whole number longer than any field could need."""


def _whole_number(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise _LongNumber
    return int(text)


LONE_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]", re.ASCII)


def _without_lone_surrogates(data: Any) -> Any:
    """``data`` with each unpaired UTF-16 surrogate (from ``"\\ud800"``) made U+FFFD.

    Such a character is not text: it cannot be written as UTF-8, so it would
    fail every later print and export.
    """

    def clean(text: str) -> str:
        return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")

    if isinstance(data, str):
        return clean(data)
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for key in list(node):
                value = node.pop(key)
                node[clean(key)] = clean(value) if isinstance(value, str) else value
                if isinstance(value, dict | list):
                    stack.append(value)
        elif isinstance(node, list):
            for n, value in enumerate(node):
                if isinstance(value, str):
                    node[n] = clean(value)
                elif isinstance(value, dict | list):
                    stack.append(value)
    return data


def read_export(path: Path) -> list[DrillSession]:
    """The sessions in an export file, or ImportFileError naming what is wrong."""
    from sysdrill.files import FileTooBigError, NotRegularFileError, read_regular

    try:
        raw = read_regular(path, MAX_FILE_BYTES)
    except NotRegularFileError as exc:
        raise ImportFileError(f"cannot read {path}: {exc}; nothing was imported") from None
    except FileTooBigError:
        raise ImportFileError(
            f"{path} is larger than {MAX_FILE_BYTES // 2**20} MiB, the most an export"
            " may be; nothing was imported"
        ) from None
    except OSError as exc:
        raise ImportFileError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")  # a byte order mark is allowed
        data = json.loads(text, parse_int=_whole_number)
        if LONE_SURROGATE.search(text):
            data = _without_lone_surrogates(data)
    except _LongNumber:
        raise ImportFileError(
            f"{path} has a number longer than {MAX_DIGITS} digits; nothing was imported"
        ) from None
    except UnicodeDecodeError:
        raise ImportFileError(f"{path} is not a sysdrill export (not UTF-8 text)") from None
    except json.JSONDecodeError as exc:
        raise ImportFileError(_describe_json_error(path, text, exc)) from None
    except RecursionError:
        raise ImportFileError(f"{path} is not a sysdrill export (nested too deeply)") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        hint = " (a `history --json` listing? use `sysdrill history export`)"
        raise ImportFileError(
            f"{path} is not a sysdrill history export{hint if isinstance(data, list) else ''}"
        )
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ImportFileError(f"{path}: the export's version is missing or not a number")
    if version > FORMAT_VERSION:
        raise ImportFileError(
            f"{path} was exported by a newer sysdrill (format version {version}; this one"
            f" reads up to {FORMAT_VERSION}): upgrade sysdrill to import it"
        )
    entries = data.get("sessions")
    if not isinstance(entries, list):
        raise ImportFileError(f'{path}: "sessions" is missing or not a list')
    sessions: list[DrillSession] = []
    seen: set[str] = set()
    for n, entry in enumerate(entries, start=1):
        ident = entry.get("id") if isinstance(entry, dict) else None
        label = f"session {n}" + (f" ({ident[:64]})" if isinstance(ident, str) else "")
        try:
            session = session_from_json(_object(entry, "session"))
        except _Bad as exc:
            raise ImportFileError(f"{path}: {label}: {exc}; nothing was imported") from None
        if session.id in seen:
            raise ImportFileError(f"{path}: {label} appears twice; nothing was imported")
        seen.add(session.id)
        sessions.append(session)
    return sessions


# -- merging -------------------------------------------------------------------


def fingerprint(session: DrillSession) -> str:
    canonical = json.dumps(session_json(session), sort_keys=True, ensure_ascii=True)
    return hashlib.sha256(canonical.encode()).hexdigest()


def progress(session: DrillSession) -> tuple[object, ...]:
    """How far along a copy is; the larger is kept.

    Completed beats unfinished; then the later stage and phase; then the
    copy saved last; then abandoned over in progress (an abandon changes
    only the status and the time). Copies still level are told apart by
    their content, so every machine picks the same one.
    """
    return (
        session.status == state.COMPLETED,
        STAGE_ORDER.get(session.stage, 0),
        session.current,
        session.updated_at,
        session.status == state.ABANDONED,
        fingerprint(session),
    )


ADDED, UPDATED, SAME, KEPT = "added", "updated", "same", "kept"


def decide(local: DrillSession | None, incoming: DrillSession) -> str:
    """What importing ``incoming`` does, given the copy already kept (if any)."""
    if local is None:
        return ADDED
    if session_json(local) == session_json(incoming):
        return SAME
    return UPDATED if progress(incoming) > progress(local) else KEPT


@dataclass
class ImportReport:
    outcomes: dict[str, list[str]] = field(default_factory=dict)

    def add(self, session_id: str, outcome: str) -> None:
        self.outcomes.setdefault(outcome, []).append(session_id)

    def count(self, outcome: str) -> int:
        return len(self.outcomes.get(outcome, []))

    def summary(self) -> str:
        added, updated = self.count(ADDED), self.count(UPDATED)
        same, kept = self.count(SAME), self.count(KEPT)
        parts = [f"{added} added"]
        if updated:
            parts.append(f"{updated} updated (the imported copy is further along)")
        skipped = same + kept
        reasons = []
        if same:
            reasons.append(f"{same} already here")
        if kept:
            reasons.append(f"{kept} further along here")
        parts.append(f"{skipped} skipped" + (f" ({', '.join(reasons)})" if reasons else ""))
        return ", ".join(parts)


def import_files(store: HistoryStore, paths: Sequence[Path]) -> ImportReport:
    """Read every file first, then merge them all in one transaction."""
    sessions = [session for path in paths for session in read_export(path)]
    report = ImportReport()
    for session_id, outcome in store.merge(sessions, decide):
        report.add(session_id, outcome)
    return report
