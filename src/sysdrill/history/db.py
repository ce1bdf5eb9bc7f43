"""Opening the history database: set aside when damaged, migrated, one connection."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Self

from sysdrill.errors import SysdrillError
from sysdrill.history.schema import CURRENT_VERSION, MIGRATIONS

DB_NAME = "history.sqlite3"
SQLITE_HEADER = b"SQLite format 3\x00"


class HistoryError(SysdrillError):
    """The history database cannot be used."""


@dataclass(frozen=True)
class SetAside:
    """A damaged database moved out of the way, so the user can be told where."""

    original: Path
    moved_to: Path
    reason: str


def _timestamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


def _problem_with(path: Path) -> str | None:
    """Why the file at ``path`` is not a healthy SQLite database, or None."""
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    if header != SQLITE_HEADER:
        return "is not an SQLite database"
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = db.execute("PRAGMA quick_check").fetchall()
        finally:
            db.close()
    except sqlite3.DatabaseError as exc:
        return f"is damaged ({exc})"
    if rows != [("ok",)]:
        return "failed its integrity check"
    return None


def _set_aside(path: Path, reason: str) -> SetAside:
    target = path.with_name(f"{path.name}.damaged-{_timestamp()}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.damaged-{_timestamp()}-{n}")
    os.replace(path, target)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            os.replace(side, target.with_name(target.name + suffix))
    return SetAside(path, target, reason)


class Database:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.set_aside: SetAside | None = None
        if path.exists() and path.stat().st_size > 0:
            reason = _problem_with(path)
            if reason:
                self.set_aside = _set_aside(path, reason)
        if not path.exists():
            fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
            os.close(fd)
        os.chmod(path, 0o600)
        try:
            self.db = sqlite3.connect(path, timeout=10.0, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self.db.execute("PRAGMA busy_timeout=10000")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise HistoryError(f"cannot open the history at {path}: {exc}") from None

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def _migrate(self) -> None:
        with self._transaction() as db:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > CURRENT_VERSION:
                raise HistoryError(
                    f"the history at {self.path} was written by a newer sysdrill"
                    f" (schema {version}); upgrade sysdrill to use it"
                )
            for step in MIGRATIONS[version:]:
                step(db)
            if version != CURRENT_VERSION:
                db.execute(f"PRAGMA user_version = {CURRENT_VERSION}")
