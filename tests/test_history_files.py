"""The history file on a real machine: read-only, someone else's, locked, damaged.

Only real damage is set aside; everything else is said in one line and the
file is left where it is.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from tests.conftest import new_drill
from tests.plain_user import OTHER_UID, can_give_away_files, without_root_powers

from sysdrill.history import health
from sysdrill.history.faults import Fault, classify
from sysdrill.history.store import HistoryError, HistoryStore, open_history


def saved_session(catalogue, home: Path, notes: str = "my notes") -> str:
    home.mkdir(parents=True, exist_ok=True)
    with open_history() as store:
        drill = new_drill(catalogue, store, "dynamodb")
        drill.begin_phase()
        drill.set_notes(notes)
        drill.save_now()
        return drill.session.id


def set_aside_in(home: Path) -> list[Path]:
    return [
        p for p in home.glob("history.sqlite3.damaged-*") if not p.name.endswith(("-wal", "-shm"))
    ]


def files_in(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


# -- read-only and someone else's --------------------------------------------


def test_a_healthy_history_in_a_read_only_directory_is_read_not_moved(
    run, catalogue, isolated_home: Path
) -> None:
    session_id = saved_session(catalogue, isolated_home)
    before = files_in(isolated_home)
    isolated_home.chmod(0o500)
    try:
        with without_root_powers():
            listed = run("history")
            shown = run("history", "show", session_id[:6])
            with pytest.raises(HistoryError) as raised:
                open_history()  # what `drill` and `resume` open
    finally:
        isolated_home.chmod(0o700)
    assert listed.exit_code == 0, listed.output
    assert session_id in listed.stdout
    assert shown.exit_code == 0, shown.output
    assert "my notes" in shown.stdout
    assert str(raised.value).startswith(
        f"the history at {isolated_home / 'history.sqlite3'} is read-only: its directory"
    )
    assert raised.value.fault is Fault.READONLY
    assert files_in(isolated_home) == before


def test_a_read_only_database_file_is_made_writable_with_its_side_files(
    catalogue, isolated_home: Path
) -> None:
    session_id = saved_session(catalogue, isolated_home)
    db = isolated_home / "history.sqlite3"
    db.chmod(0o400)
    # What an older sysdrill left behind: an index file as read-only as the database was.
    shm = isolated_home / "history.sqlite3-shm"
    shm.write_bytes(b"")
    shm.chmod(0o400)
    with without_root_powers():
        for _ in range(2):  # and again: never a stuck state
            with open_history() as store:
                drill = new_drill(catalogue, store, "dynamodb")
                drill.begin_phase()
                drill.save_now()
                assert store.load(session_id).phases[0].notes == "my notes"
                side_modes = {
                    p.name: stat.S_IMODE(p.stat().st_mode)
                    for p in isolated_home.glob("history.sqlite3*")
                }
            assert set(side_modes.values()) == {0o600}, side_modes
    assert stat.S_IMODE(db.stat().st_mode) == 0o600


def test_an_unreadable_history_is_left_where_it_is(run, catalogue, isolated_home: Path) -> None:
    saved_session(catalogue, isolated_home)
    db = isolated_home / "history.sqlite3"
    db.chmod(0o000)
    before = files_in(isolated_home)
    try:
        with without_root_powers():
            listed = run("history")
            with pytest.raises(HistoryError) as raised:
                open_history()
    finally:
        db.chmod(0o600)
    assert listed.exit_code == 1
    assert listed.stderr.startswith(f"sysdrill: the history at {db} cannot be read")
    assert len(listed.stderr.splitlines()) == 1
    assert raised.value.fault is Fault.PERMISSION
    assert files_in(isolated_home) == before
    assert "damaged" not in " ".join(before)


@pytest.mark.skipif(not can_give_away_files(), reason="only root can give a file away")
def test_a_history_owned_by_another_user_is_left_where_it_is(
    run, catalogue, isolated_home: Path
) -> None:
    """After `sudo sysdrill drill`: the database belongs to root, not to the user."""
    session_id = saved_session(catalogue, isolated_home)
    db = isolated_home / "history.sqlite3"
    os.chown(db, OTHER_UID, OTHER_UID)
    try:
        with without_root_powers():
            listed = run("history")
            with pytest.raises(HistoryError) as raised:
                open_history()
    finally:
        os.chown(db, 0, 0)
    assert listed.exit_code == 1
    assert "cannot be read: it belongs to" in listed.stderr
    assert "sudo chown" in listed.stderr
    assert "belongs to" in str(raised.value)
    assert not list(isolated_home.glob("*.damaged-*"))
    with open_history() as store:
        assert store.load(session_id).phases[0].notes == "my notes"


# -- reading never waits for the write lock -----------------------------------


def test_reading_while_another_process_holds_the_write_lock(
    run, catalogue, isolated_home: Path
) -> None:
    session_id = saved_session(catalogue, isolated_home)
    writer = sqlite3.connect(isolated_home / "history.sqlite3", isolation_level=None)
    writer.execute("BEGIN EXCLUSIVE")
    writer.execute("UPDATE sessions SET reflection = 'uncommitted'")
    try:
        listed = run("history")
        shown = run("history", "show", session_id)
        checked = run("history", "check")
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert listed.exit_code == 0, listed.output
    assert session_id in listed.stdout
    assert shown.exit_code == 0, shown.output
    assert checked.exit_code == 0, checked.output


def test_a_busy_history_is_said_plainly(isolated_home: Path, catalogue) -> None:
    busy = sqlite3.OperationalError("database is locked")
    busy.sqlite_errorcode = 5  # type: ignore[attr-defined]
    assert classify(busy) is Fault.BUSY
    full = OSError(28, "No space left on device")
    assert classify(full) is Fault.FULL


# -- damage is still found and set aside --------------------------------------


def big_history(catalogue, home: Path) -> Path:
    saved_session(catalogue, home, notes="x" * 20000)
    db = home / "history.sqlite3"
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return db


def scribble_pages(db: Path) -> None:
    data = bytearray(db.read_bytes())
    for offset in range(4096, len(data), 997):  # every page but the first
        data[offset : offset + 64] = b"\xff" * 64
    db.write_bytes(bytes(data))


def scribble_hidden(db: Path) -> None:
    """Damage only what opening never reads: the links between the long notes' overflow pages.

    A full overflow page of the notes is its next page's number, then only "x";
    pointing that number past the file is what a full check finds.
    """
    con = sqlite3.connect(db)
    size = con.execute("PRAGMA page_size").fetchone()[0]
    con.close()
    data = bytearray(db.read_bytes())
    hit = 0
    for start in range(size, len(data), size):
        if data[start + 4 : start + size] == b"x" * (size - 4):
            data[start : start + 4] = b"\xff" * 4
            hit += 1
    assert hit, "no overflow page of the notes found"
    db.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", ["garbled header", "truncated", "pages scribbled"])
def test_damage_is_found_on_opening_and_set_aside(
    run, catalogue, isolated_home: Path, damage: str
) -> None:
    db = big_history(catalogue, isolated_home)
    data = db.read_bytes()
    if damage == "garbled header":
        db.write_bytes(b"\x00garbage header\x00" + data[16:])
    elif damage == "truncated":
        db.write_bytes(data[: len(data) // 2])
    else:
        scribble_pages(db)
    result = run("history")
    assert "was moved to" in result.stderr, result.output
    moved = set_aside_in(isolated_home)
    assert len(moved) == 1 and moved[0].read_bytes()[16:64] == db_bytes(data, damage)[16:64]
    assert "internal error" not in result.stderr


def db_bytes(data: bytes, damage: str) -> bytes:
    return b"\x00garbage header\x00" + data[16:] if damage == "garbled header" else data


@pytest.fixture
def large(monkeypatch: pytest.MonkeyPatch) -> None:
    """Treat every history as large: checked on the schedule, not on every open."""
    monkeypatch.setattr(health, "ALWAYS_CHECK_BYTES", 0)


def test_a_large_history_is_not_fully_checked_on_every_open(
    catalogue, isolated_home: Path, large: None
) -> None:
    saved_session(catalogue, isolated_home)
    with open_history(write=False) as store:
        assert store.full_check_reason is None


def test_hidden_damage_in_a_large_history_is_found_by_the_daily_check(
    catalogue, isolated_home: Path, large: None
) -> None:
    db = big_history(catalogue, isolated_home)
    scribble_hidden(db)
    checked = health.last_check(db)
    assert checked is not None
    with HistoryStore(db, now=lambda: checked + timedelta(hours=1)) as store:
        assert store.set_aside is None  # hidden, and not yet a day
    with HistoryStore(db, now=lambda: checked + timedelta(hours=25)) as store:
        assert store.full_check_reason == "a day since the last check"
        assert store.set_aside is not None
        assert "failed its integrity check" in store.set_aside.reason
        assert store.session_ids() == []


def test_a_full_check_follows_an_unclean_exit(catalogue, isolated_home: Path, large) -> None:
    saved_session(catalogue, isolated_home)
    db = isolated_home / "history.sqlite3"
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], text=True,
                          capture_output=True, check=True).stdout.strip()  # fmt: skip
    health.marker_path(db, int(gone)).touch()  # what a killed drill leaves
    with HistoryStore(db) as store:
        assert store.full_check_reason == "after an unclean exit"
        assert store.set_aside is None
    assert not health.marker_path(db, int(gone)).exists()
    with HistoryStore(db) as store:
        assert store.full_check_reason is None


def test_history_check_finds_hidden_damage(run, catalogue, isolated_home: Path, large) -> None:
    healthy = run("history", "check")
    assert healthy.exit_code == 0 and "No history yet" in healthy.stdout
    db = big_history(catalogue, isolated_home)
    healthy = run("history", "check")
    assert healthy.exit_code == 0, healthy.output
    assert "is healthy (1 session)" in healthy.stdout
    scribble_hidden(db)
    damaged = run("history", "check")
    assert damaged.exit_code == 1
    assert "failed its integrity check" in damaged.stderr
    assert "was moved to" in damaged.stderr
    assert len(set_aside_in(isolated_home)) == 1
    assert run("history", "check").exit_code == 0


def test_damage_sqlite_reports_mid_command_sets_the_file_aside(
    run, catalogue, isolated_home: Path, large
) -> None:
    db = big_history(catalogue, isolated_home)
    scribble_hidden(db)  # opening reads no notes; `history --json` does
    result = run("history", "--json")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"sysdrill: the history at {db} is damaged")
    assert len(set_aside_in(isolated_home)) == 1
    assert run("history").exit_code == 0


def test_a_newly_made_history_is_not_checked_until_a_day_has_passed(
    tmp_path: Path, large: None
) -> None:
    start = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
    db = tmp_path / "h.sqlite3"
    with HistoryStore(db, now=lambda: start):
        pass
    with HistoryStore(db, now=lambda: start + timedelta(hours=23)) as store:
        assert store.full_check_reason is None
    with HistoryStore(db, now=lambda: start + timedelta(days=1)) as store:
        assert store.full_check_reason == "a day since the last check"
    assert health.last_check(db) == start + timedelta(days=1)


@pytest.mark.skipif(not can_give_away_files(), reason="only root can give a file away")
def test_an_index_file_left_by_another_user_is_named(run, catalogue, isolated_home: Path) -> None:
    """A `sudo` run that crashed leaves its -shm behind, owned by root."""
    saved_session(catalogue, isolated_home)
    shm = isolated_home / "history.sqlite3-shm"
    shm.write_bytes(b"\0" * 32768)
    os.chown(shm, OTHER_UID, OTHER_UID)
    shm.chmod(0o600)
    with without_root_powers():
        listed = run("history")
        with pytest.raises(HistoryError) as raised:
            open_history()
    assert listed.exit_code == 0, listed.output  # reading goes on without it
    assert f"{shm} belongs to" in str(raised.value) and "sudo chown" in str(raised.value)
    assert not set_aside_in(isolated_home)
