"""Opening the history database: set aside only when damaged, migrated only when behind.

Opening is cheap at any size: the header is checked, the schema version
read, and a few pages SQLite needs anyway are touched. A full integrity
check runs on the schedule in ``history.health`` or on demand (``check``).
Damage that SQLite reports later, while a command runs, is caught where it
is reported (``__exit__``) and the file set aside then.

Only real damage (not an SQLite file, a failed check, SQLITE_CORRUPT or
SQLITE_NOTADB) is set aside. A database that is read-only, belongs to
another user, or is busy is left where it is, with one line saying what is
wrong. Reading commands open it read-only and never take the write lock.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Self

from sysdrill.files import PRIVATE_FILE, open_private
from sysdrill.history import health
from sysdrill.history.faults import (
    Fault,
    HistoryError,
    classify,
    describe,
    read_only,
    side_files,
    unreadable,
    why_not_writable,
)
from sysdrill.history.schema import CURRENT_VERSION, MIGRATIONS

__all__ = ["DB_NAME", "CheckResult", "Database", "Fault", "HistoryError", "SetAside", "classify"]

DB_NAME = "history.sqlite3"
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_MS = 10_000


@dataclass(frozen=True)
class SetAside:
    """A damaged database moved out of the way, so the user can be told where."""

    original: Path
    moved_to: Path
    reason: str


@dataclass(frozen=True)
class CheckResult:
    """What a full check found; ``set_aside`` when the file was damaged and moved."""

    problems: list[str]
    set_aside: SetAside | None = None

    @property
    def healthy(self) -> bool:
        return not self.problems


def _timestamp(now: datetime) -> str:
    return now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _header_problem(path: Path) -> str | None:
    """Why the file at ``path`` is plainly not an SQLite database, or None."""
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except PermissionError as exc:
        raise unreadable(path, exc.strerror or str(exc)) from None
    except OSError as exc:
        raise describe(path, exc) from None
    if header != SQLITE_HEADER:
        return "is not an SQLite database"
    return None


def _fix_modes(path: Path) -> None:
    """Give our own database files back their 0600, the side files included.

    SQLite creates the -shm and -wal files with the database's mode, so a
    database once made 0400 leaves a 0400 -shm that stops every later write.
    Files of another user are left alone (``why_not_writable`` says so).
    """
    for candidate in (path, *side_files(path)):
        try:
            st = candidate.stat()
        except OSError:
            continue
        if st.st_uid == os.geteuid() and st.st_mode & 0o777 != PRIVATE_FILE:
            try:
                os.chmod(candidate, PRIVATE_FILE)
            except OSError:
                pass


class Database:
    """One connection to the history.

    ``write`` is for commands that save (drill, resume, import, delete);
    reading commands pass False and are never stopped by another process's
    write lock, a read-only directory, or a missing database (they see an
    empty history). ``now`` gives the wall clock, for the check schedule.
    """

    def __init__(
        self,
        path: Path,
        *,
        write: bool = True,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        self.path = path
        self.write = write
        self._now = now or (lambda: datetime.now(UTC))
        self.set_aside: SetAside | None = None
        self.full_check_reason: str | None = None  # why a full check ran on open, if one did
        self.in_memory = False
        self._marker: Path | None = None
        self.db = self._open()

    # -- opening ---------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        path = self.path
        if path.exists() and path.stat().st_size > 0:
            problem = _header_problem(path)
            if problem:
                self._move_aside(problem)
        if not path.exists() and not self.write:
            return self._empty()
        if self.write:
            _fix_modes(path)
            why = why_not_writable(path)
            if why:
                raise read_only(path, why)
            if not path.exists():
                os.close(open_private(path, os.O_RDWR))
                health.record_check(path, self._now(), "new")
        try:
            db = self._connect()
        except (sqlite3.DatabaseError, HistoryError) as exc:
            if classify(exc) is not Fault.DAMAGED:
                if isinstance(exc, HistoryError):
                    raise
                raise describe(path, exc) from None
            self._move_aside(str(exc) if isinstance(exc, HistoryError) else f"is damaged ({exc})")
            return self._open()
        if self.write:
            self._marker = health.mark_open(path)
        return db

    def _empty(self) -> sqlite3.Connection:
        """A history with no sessions, for reading where none was ever written."""
        self.in_memory = True
        db = sqlite3.connect(":memory:", isolation_level=None)
        for step in MIGRATIONS:
            step(db)
        return db

    def _connect(self) -> sqlite3.Connection:
        """A connection that has read the schema and a few pages; raises on damage."""
        path = self.path
        if self.write:
            db = sqlite3.connect(path, timeout=BUSY_MS / 1000, isolation_level=None)
        else:
            db = self._connect_read_only()
        try:
            db.execute(f"PRAGMA busy_timeout={BUSY_MS}")
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > CURRENT_VERSION:
                raise HistoryError(
                    f"the history at {path} was written by a newer sysdrill"
                    f" (schema {version}); upgrade sysdrill to use it"
                )
            if self.write:
                if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                    db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")
                db.execute("PRAGMA foreign_keys=ON")
            if version < CURRENT_VERSION:
                if not self.write:  # an upgrade needs the write lock, once
                    db.close()
                    self.write = True
                    _fix_modes(path)
                    why = why_not_writable(path)
                    if why:
                        raise read_only(path, f"it needs an upgrade to this sysdrill and {why}")
                    return self._connect()
                self._migrate(db)
            self._touch(db)
            self._scheduled_check(db)
        except BaseException:
            db.close()
            raise
        return db

    def _connect_read_only(self) -> sqlite3.Connection:
        uri = self.path.resolve().as_uri()
        db = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None)
        try:
            db.execute("PRAGMA schema_version").fetchone()
            return db
        except sqlite3.DatabaseError as exc:
            db.close()
            if classify(exc) not in (Fault.READONLY, Fault.PERMISSION):
                raise
            wal = side_files(self.path)[0]
            if wal.exists() and wal.stat().st_size > 0:
                raise describe(self.path, exc) from None
        # A directory nobody can write: no other process can be writing either,
        # so the file can be read as it stands, without the shared-memory index.
        return sqlite3.connect(f"{uri}?immutable=1", uri=True, isolation_level=None)

    def _touch(self, db: sqlite3.Connection) -> None:
        """Read the schema and each table's first and last row: damage there shows now."""
        tables = [
            r[0]
            for r in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        for table in tables:
            try:  # one aggregate per query, or SQLite scans the whole table
                db.execute(f'SELECT min(rowid) FROM "{table}"').fetchone()
                db.execute(f'SELECT max(rowid) FROM "{table}"').fetchone()
            except sqlite3.OperationalError:
                continue  # a table without rowids

    def _migrate(self, db: sqlite3.Connection) -> None:
        with self._transaction(db):
            version = db.execute("PRAGMA user_version").fetchone()[0]
            for step in MIGRATIONS[version:]:
                step(db)
            if version != CURRENT_VERSION:
                db.execute(f"PRAGMA user_version = {CURRENT_VERSION}")

    # -- checking and setting aside ------------------------------------------

    def _scheduled_check(self, db: sqlite3.Connection) -> None:
        size = sum(p.stat().st_size for p in (self.path, *side_files(self.path)) if p.exists())
        due = None
        if os.access(self.path.parent, os.W_OK, effective_ids=True):
            # (in a directory nobody can write, nothing can change and no result be kept)
            due = health.check_due(self.path, self._now())
        if due is None and size >= health.ALWAYS_CHECK_BYTES:
            return
        self.full_check_reason = due or "small enough to check on every open"
        problems = _run_check(db, "quick_check")
        if problems:
            raise HistoryError(f"failed its integrity check ({problems[0]})", Fault.DAMAGED)
        if due:
            health.record_check(self.path, self._now(), "ok")
            health.clear_stale(self.path)

    def check(self) -> CheckResult:
        """A full integrity check now; a damaged database is set aside and a new one started."""
        if self.in_memory:
            return CheckResult([])
        problems = _run_check(self.db, "integrity_check")
        if not problems:
            health.record_check(self.path, self._now(), "ok")
            health.clear_stale(self.path)
            return CheckResult([])
        self.close()
        moved = self._move_aside(f"failed its integrity check ({problems[0]})")
        self.db = self._open()
        return CheckResult(problems, moved)

    def _move_aside(self, reason: str) -> SetAside:
        path = self.path
        if not os.access(path.parent, os.W_OK | os.X_OK, effective_ids=True):
            raise HistoryError(
                f"the history at {path} {reason}, and it cannot be moved aside: its"
                f" directory {path.parent} cannot be written; left where it is",
                Fault.DAMAGED,
            )
        stamp = _timestamp(self._now())
        target = path.with_name(f"{path.name}.damaged-{stamp}")
        n = 1
        while target.exists():
            n += 1
            target = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
        os.replace(path, target)
        for side in side_files(path):
            if side.exists():
                os.replace(side, target.with_name(target.name + side.name[len(path.name) :]))
        self.set_aside = SetAside(path, target, reason)
        return self.set_aside

    def recover_from_damage(self, exc: BaseException) -> SetAside:
        """After SQLite reported damage mid-command: set the file aside, start a new one."""
        self.close()
        moved = self._move_aside(f"is damaged ({exc})")
        self.db = self._open()
        return moved

    # -- using -------------------------------------------------------------------

    def close(self) -> None:
        self.db.close()
        health.mark_closed(self._marker)
        self._marker = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: object, exc: BaseException | None, tb: object) -> None:
        self.close()
        if isinstance(exc, sqlite3.DatabaseError) and not self.in_memory:
            if classify(exc) is Fault.DAMAGED:
                moved = self._move_aside(f"is damaged ({exc})")
                raise HistoryError(
                    f"the history at {moved.original} is damaged ({exc}); it was moved to"
                    f" {moved.moved_to} and a new one will be started",
                    Fault.DAMAGED,
                ) from None
            raise describe(self.path, exc) from None

    @contextmanager
    def _transaction(self, db: sqlite3.Connection | None = None) -> Iterator[sqlite3.Connection]:
        db = db or self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")


def _run_check(db: sqlite3.Connection, pragma: str) -> list[str]:
    try:
        rows = [str(r[0]) for r in db.execute(f"PRAGMA {pragma}")]
    except sqlite3.DatabaseError as exc:
        if classify(exc) is not Fault.DAMAGED:
            raise
        return [str(exc)]
    return [] if rows == ["ok"] else rows
