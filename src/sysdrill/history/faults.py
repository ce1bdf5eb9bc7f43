"""What went wrong with the history, in one place: damage, busy, full, read-only, permission.

SQLite and the file system report trouble in many ways; the commands, the
autosave and the open path all need the same few answers: is the file
damaged (set it aside), or is it busy, full, read-only or someone else's
(say so and leave it where it is)?
"""

from __future__ import annotations

import errno
import os
import sqlite3
from enum import StrEnum
from pathlib import Path

from sysdrill.errors import SysdrillError


class Fault(StrEnum):
    DAMAGED = "damaged"  # not SQLite, a failed check, SQLITE_CORRUPT or SQLITE_NOTADB
    BUSY = "busy"  # another process holds the lock
    FULL = "full"  # the disk or quota is full
    READONLY = "read-only"  # the file, its directory or the file system cannot be written
    PERMISSION = "permission"  # the file cannot even be read: another user's, or mode 000
    OTHER = "other"


# SQLite's primary result codes (the low byte of an extended code).
_SQLITE_FAULTS = {
    3: Fault.PERMISSION,  # SQLITE_PERM
    5: Fault.BUSY,  # SQLITE_BUSY
    6: Fault.BUSY,  # SQLITE_LOCKED
    8: Fault.READONLY,  # SQLITE_READONLY
    11: Fault.DAMAGED,  # SQLITE_CORRUPT
    13: Fault.FULL,  # SQLITE_FULL
    14: Fault.PERMISSION,  # SQLITE_CANTOPEN
    23: Fault.PERMISSION,  # SQLITE_AUTH
    26: Fault.DAMAGED,  # SQLITE_NOTADB
}

_ERRNO_FAULTS = {
    errno.EACCES: Fault.PERMISSION,
    errno.EPERM: Fault.PERMISSION,
    errno.EROFS: Fault.READONLY,
    errno.ENOSPC: Fault.FULL,
    errno.EDQUOT: Fault.FULL,
}


def classify(exc: BaseException) -> Fault:
    """Which kind of trouble ``exc`` is."""
    if isinstance(exc, HistoryError):
        return exc.fault
    if isinstance(exc, sqlite3.Error):
        code = getattr(exc, "sqlite_errorcode", None)
        if isinstance(code, int):
            return _SQLITE_FAULTS.get(code & 0xFF, Fault.OTHER)
        return Fault.OTHER
    if isinstance(exc, OSError) and exc.errno is not None:
        return _ERRNO_FAULTS.get(exc.errno, Fault.OTHER)
    return Fault.OTHER


class HistoryError(SysdrillError):
    """The history database cannot be used; ``fault`` says why."""

    def __init__(self, message: str, fault: Fault = Fault.OTHER) -> None:
        super().__init__(message)
        self.fault = fault


def owner_name(path: Path) -> str:
    try:
        uid = path.stat().st_uid
    except OSError:
        return "another user"
    try:
        import pwd

        return pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError):
        return f"user {uid}"


def _mine(path: Path) -> bool:
    try:
        return path.stat().st_uid == os.geteuid()
    except OSError:
        return True


def _user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # no name for this uid: say it with the number
        return str(os.geteuid())


def _take_back(paths: list[Path]) -> str:
    names = " ".join(str(p) for p in paths)
    return f"to take it back: sudo chown {_user()} {names}"


def unreadable(path: Path, reason: str) -> HistoryError:
    """The database file cannot be read: usually it belongs to someone else (after sudo)."""
    theirs = [p for p in side_files(path) if os.path.exists(p) and not _mine(p)]
    if _mine(path) and theirs:
        return HistoryError(
            f"the history at {path} cannot be read: {theirs[0]} belongs to"
            f" {owner_name(theirs[0])} (left where it is; {_take_back(_family(path))})",
            Fault.PERMISSION,
        )
    if not _mine(path):
        return HistoryError(
            f"the history at {path} cannot be read: it belongs to {owner_name(path)}"
            f" (left where it is; {_take_back(_family(path))})",
            Fault.PERMISSION,
        )
    return HistoryError(
        f"the history at {path} cannot be read ({reason}); left where it is:"
        f" to use it again, chmod 600 {path}",
        Fault.PERMISSION,
    )


def _family(path: Path) -> list[Path]:
    return [p for p in (path, *side_files(path)) if os.path.lexists(p)] or [path]


def side_files(path: Path) -> list[Path]:
    """SQLite's write-ahead log and shared-memory index beside the database."""
    return [path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]


def why_not_writable(path: Path) -> str | None:
    """Why the database at ``path`` cannot be written, or None when it can.

    Checked with the effective IDs, as SQLite itself will be when it writes:
    the directory (for the log and index files), the file and its side files.
    """
    directory = path.parent
    if not os.access(directory, os.W_OK | os.X_OK, effective_ids=True):
        try:
            read_only_fs = os.statvfs(directory).f_flag & os.ST_RDONLY
        except OSError:
            read_only_fs = False
        if read_only_fs:
            return f"the file system holding {directory} is mounted read-only"
        if not _mine(directory):
            return f"its directory {directory} belongs to {owner_name(directory)}"
        return f"its directory {directory} cannot be written (chmod 700 {directory})"
    for candidate in (path, *side_files(path)):
        if os.path.exists(candidate) and not os.access(
            candidate, os.R_OK | os.W_OK, effective_ids=True
        ):
            if not _mine(candidate):
                return (
                    f"{candidate} belongs to {owner_name(candidate)}; {_take_back(_family(path))}"
                )
            return f"{candidate} cannot be written (chmod 600 {candidate})"
    return None


def read_only(path: Path, why: str) -> HistoryError:
    return HistoryError(
        f"the history at {path} is read-only: {why}; reading commands such as"
        " `sysdrill history` still work",
        Fault.READONLY,
    )


def describe(path: Path, exc: BaseException) -> HistoryError:
    """One clear line for a fault that is not damage; the file is left where it is."""
    fault = classify(exc)
    detail = str(exc)
    if fault is Fault.BUSY:
        return HistoryError(
            f"the history at {path} is busy: another sysdrill is writing to it; try again"
            " in a moment",
            fault,
        )
    if fault is Fault.FULL:
        return HistoryError(
            f"the history at {path} cannot be written: the disk is full ({detail})", fault
        )
    if fault is Fault.READONLY:
        return read_only(path, why_not_writable(path) or detail)
    if fault is Fault.PERMISSION:
        return unreadable(path, detail)
    return HistoryError(f"cannot use the history at {path}: {detail}", fault)
