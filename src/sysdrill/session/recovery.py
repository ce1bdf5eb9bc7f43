"""Recovery files: a session the history could not take, kept safe on disk.

When a drill ends while the history still cannot be written (locked by
another program, a full disk), the whole session goes to a JSON file,
written atomically and readable by the user only. ``sysdrill resume``
(and ``drill``) put it back into the history when it is newer than what
the history holds.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path
from typing import Any, Protocol

from sysdrill.files import private_dir, write_private
from sysdrill.session.scoring import Score
from sysdrill.session.state import DrillSession, PhaseRecord

FORMAT = 1
SUFFIX = ".recovery.json"


class RecoveryError(Exception):
    """No place would take the recovery file."""


def session_to_dict(session: DrillSession) -> dict[str, Any]:
    return {"format": FORMAT, "session": asdict(session)}


def session_from_dict(data: dict[str, Any]) -> DrillSession:
    if data.get("format") != FORMAT:
        raise ValueError(f"unknown recovery format {data.get('format')!r}")
    raw = dict(data["session"])
    raw["phases"] = [PhaseRecord(**p) for p in raw["phases"]]
    raw["scores"] = [Score(**s) for s in raw["scores"]]
    return DrillSession(**raw)


def write_recovery(session: DrillSession, places: Iterable[Path]) -> Path:
    """Write the session to the first place that takes it; returns the file."""
    text = json.dumps(session_to_dict(session), ensure_ascii=False, indent=1)
    problems = []
    for place in places:
        path = place / f"{session.id}{SUFFIX}"
        try:
            private_dir(place)
            if hasattr(os, "getuid") and place.stat().st_uid != os.getuid():
                problems.append(f"{place}: belongs to another user")
                continue
            write_private(path, text, durable=True)
        except OSError as exc:
            problems.append(f"{place}: {exc.strerror or exc}")
            continue
        return path
    raise RecoveryError("; ".join(problems) or "no place to write to")


def find_recoveries(places: Iterable[Path]) -> list[tuple[Path, DrillSession | None]]:
    """Every recovery file in ``places``, with its session (None when unreadable)."""
    found: list[tuple[Path, DrillSession | None]] = []
    for place in places:
        try:
            paths = sorted(place.glob(f"*{SUFFIX}"))
        except OSError:
            continue
        for path in paths:
            try:
                session = session_from_dict(json.loads(path.read_text(encoding="utf-8")))
            except (OSError, ValueError, TypeError, KeyError):
                session = None
            found.append((path, session))
    return found


class _Store(Protocol):
    def load(self, session_id: str) -> DrillSession: ...

    def save(self, session: DrillSession) -> None: ...


def restore(store: _Store, places: Iterable[Path]) -> list[str]:
    """Put recovery files back into the history when they are newer than it.

    Returns what to tell the user, one line each. A file is removed only
    once the history holds its session (or something newer); a file that
    cannot be read, or cannot be put back yet, stays where it is.
    """
    from sysdrill.errors import DamagedSessionError, NotFoundError
    from sysdrill.session.autosave import SAVE_ERRORS, describe_save_error

    told = []
    for path, session in find_recoveries(places):
        if session is None:
            told.append(f"cannot read the recovery file {path}; it was left where it is")
            continue
        try:
            saved: DrillSession | None = store.load(session.id)
        except (NotFoundError, DamagedSessionError):  # the recovered copy is the good one
            saved = None
        if saved is None or session.updated_at >= saved.updated_at:
            try:
                store.save(session)
            except SAVE_ERRORS as exc:
                told.append(
                    f"session {session.id} is kept in {path} until the history can take it"
                    f" ({describe_save_error(exc)})"
                )
                continue
            told.append(f"restored session {session.id} ({session.item_title}) from {path}")
        with contextlib.suppress(OSError):
            path.unlink()
    return told
