"""When the history gets a full integrity check, and what is remembered about it.

A full check reads every page (1.3 s at 100,000 sessions), so it is not run
on every command. Instead:

- every open checks the file's header (cheap) and reads a few pages SQLite
  needs anyway; damage SQLite reports later is caught where it is reported;
- a history smaller than ``ALWAYS_CHECK_BYTES`` (about a hundred sessions)
  is fully checked on every open, which costs a few milliseconds;
- a full check runs at most once a day (``CHECK_EVERY``), when the history
  has never been checked, and after an unclean exit (a process that had the
  history open for writing and did not close it: killed, crashed, power cut);
- ``sysdrill history check`` runs one on demand.

What is remembered lives beside the database: ``history.sqlite3.checked``
(when the last full check ran, and its result) and one
``history.sqlite3.open-PID`` marker per process that has it open for
writing, removed when that process closes it.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sysdrill.files import open_private, write_private

CHECK_EVERY = timedelta(days=1)
ALWAYS_CHECK_BYTES = 1 << 20


def state_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".checked")


def _marker_prefix(db_path: Path) -> str:
    return db_path.name + ".open-"


def marker_path(db_path: Path, pid: int | None = None) -> Path:
    return db_path.with_name(f"{_marker_prefix(db_path)}{os.getpid() if pid is None else pid}")


def last_check(db_path: Path) -> datetime | None:
    try:
        data = json.loads(state_path(db_path).read_text(encoding="utf-8"))
        moment = datetime.fromisoformat(data["checked_at"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def record_check(db_path: Path, now: datetime, result: str) -> None:
    """Remember a full check; a directory that cannot be written only means checking again."""
    try:
        write_private(
            state_path(db_path),
            json.dumps({"checked_at": now.astimezone(UTC).isoformat(), "result": result}),
        )
    except OSError:
        pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process, but alive
    return True


def stale_markers(db_path: Path) -> list[Path]:
    """Markers left by processes that had the history open and are gone: unclean exits."""
    prefix = _marker_prefix(db_path)
    stale = []
    try:
        names = os.listdir(db_path.parent)
    except OSError:
        return []
    for name in names:
        if name.startswith(prefix) and name[len(prefix) :].isdigit():
            pid = int(name[len(prefix) :])
            if pid != os.getpid() and not _alive(pid):
                stale.append(db_path.with_name(name))
    return stale


def check_due(db_path: Path, now: datetime) -> str | None:
    """Why a full check should run now, or None."""
    if stale_markers(db_path):
        return "after an unclean exit"
    checked = last_check(db_path)
    if checked is None:
        return "never checked"
    if now - checked >= CHECK_EVERY or checked > now + CHECK_EVERY:
        return "a day since the last check"
    return None


def mark_open(db_path: Path) -> Path | None:
    """Say that this process has the history open for writing, until ``mark_closed``."""
    path = marker_path(db_path)
    try:
        os.close(open_private(path))
    except OSError:
        return None
    return path


def mark_closed(marker: Path | None) -> None:
    if marker is not None:
        try:
            marker.unlink(missing_ok=True)
        except OSError:
            pass


def clear_stale(db_path: Path) -> None:
    for marker in stale_markers(db_path):
        mark_closed(marker)
