"""One session's bad value is reported for that session; the rest of the history still shows."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tests.conftest import new_drill

from sysdrill.history.schema import MIGRATIONS
from sysdrill.history.store import open_history


def two_sessions(catalogue, home: Path) -> tuple[str, str]:
    home.mkdir(parents=True, exist_ok=True)
    ids = []
    with open_history() as store:
        for notes in ("good notes", "notes worth keeping"):
            drill = new_drill(catalogue, store, "dynamodb")
            drill.begin_phase()
            drill.set_notes(notes)
            drill.save_now()
            ids.append(drill.session.id)
    return ids[0], ids[1]


def spoil(home: Path, sql: str, *args: object) -> None:
    db = sqlite3.connect(home / "history.sqlite3")
    db.execute(sql, args)
    db.commit()
    db.close()


def test_malformed_json_in_one_row_leaves_the_rest_listed(
    run, catalogue, isolated_home: Path
) -> None:
    good, bad = two_sessions(catalogue, isolated_home)
    spoil(isolated_home, "UPDATE phases SET covered = '[\"sharding\", ' WHERE session_id = ?", bad)
    listed = run("history")
    assert listed.exit_code == 0, listed.output
    assert good in listed.stdout and bad not in listed.stdout
    warning = listed.stderr.strip().splitlines()
    assert len(warning) == 1
    assert bad in warning[0] and "damaged" in warning[0] and "not valid JSON" in warning[0]

    as_json = run("history", "--json")
    assert as_json.exit_code == 0, as_json.output
    assert [s["id"] for s in json.loads(as_json.stdout)] == [good]
    assert bad in as_json.stderr


def test_history_show_of_a_damaged_session_says_what_is_damaged(
    run, catalogue, isolated_home: Path
) -> None:
    _, bad = two_sessions(catalogue, isolated_home)
    spoil(isolated_home, "UPDATE phases SET missed = 'oops' WHERE session_id = ?", bad)
    spoil(isolated_home, "UPDATE phases SET planned_seconds = 'ten' WHERE session_id = ?", bad)
    shown = run("history", "show", bad)
    assert shown.exit_code == 0, shown.output
    assert "notes worth keeping" in shown.stdout  # what can be read is still shown
    lines = shown.stderr.strip().splitlines()
    assert any(
        "phase 1" in line and "missed key points is not valid JSON" in line for line in lines
    )
    assert any("planned time is not a number" in line for line in lines)
    assert all(line.startswith(f"sysdrill: warning: session {bad} is damaged") for line in lines)


def test_a_damaged_earlier_attempt_does_not_stop_showing_a_later_one(
    run, catalogue, isolated_home: Path
) -> None:
    first, second = two_sessions(catalogue, isolated_home)
    spoil(isolated_home, "UPDATE phases SET ticked = '{' WHERE session_id = ?", first)
    spoil(isolated_home, "UPDATE sessions SET status = 'completed'")
    assert run("history", "show", second).exit_code == 0


def test_an_old_history_with_a_damaged_row_still_upgrades(
    run, catalogue, isolated_home: Path
) -> None:
    good, bad = two_sessions(catalogue, isolated_home)
    # Back to a version-1 history holding the same rows, one of them damaged.
    db = sqlite3.connect(isolated_home / "history.sqlite3")
    sessions = db.execute(
        "SELECT id, item_id, item_title, item_kind, content_hash, rubric_id, mode,"
        " duration_scale, status, stage, current_phase, started_at, ended_at, updated_at,"
        " reflection, interviewer, candidate FROM sessions"
    ).fetchall()
    phases = db.execute(
        "SELECT session_id, position, phase_id, title, planned_seconds, actual_seconds,"
        " paused_seconds, pauses, extended_seconds, notes, covered, missed, ticked, curveballs"
        " FROM phases"
    ).fetchall()
    db.close()
    (isolated_home / "history.sqlite3").unlink()
    old = sqlite3.connect(isolated_home / "history.sqlite3", isolation_level=None)
    MIGRATIONS[0](old)
    old.executemany(f"INSERT INTO sessions VALUES ({', '.join('?' * 17)})", sessions)
    old.executemany(f"INSERT INTO phases VALUES ({', '.join('?' * 14)})", phases)
    old.execute("UPDATE phases SET covered = 'not json' WHERE session_id = ?", (bad,))
    old.execute("PRAGMA user_version = 1")
    old.close()
    listed = run("history")
    assert listed.exit_code == 0, listed.output
    assert good in listed.stdout
    assert bad in listed.stderr


def test_session_prefixes_resolve_by_range_and_in_any_case(catalogue, isolated_home: Path) -> None:
    import pytest

    first, second = two_sessions(catalogue, isolated_home)
    spoil(isolated_home, "UPDATE sessions SET id = 'abc' WHERE id = ?", first)
    spoil(isolated_home, "UPDATE sessions SET id = 'abcd' WHERE id = ?", second)
    with open_history(write=False) as store:
        assert store.resolve("abc") == "abc"  # whole ID beats a longer one it starts
        assert store.resolve("abcd") == "abcd"
        with pytest.raises(Exception, match="matches more than one session: abc"):
            store.resolve("ab")
    spoil(isolated_home, "UPDATE sessions SET id = 'XYZ9' WHERE id = 'abcd'")
    with open_history(write=False) as store:
        assert store.resolve("xyz") == "XYZ9"  # an imported ID in upper case
        with pytest.raises(Exception, match="no session with ID 'q'"):
            store.resolve("q")


def test_a_damaged_session_can_be_deleted(run, catalogue, isolated_home: Path) -> None:
    good, bad = two_sessions(catalogue, isolated_home)
    spoil(isolated_home, "UPDATE phases SET covered = '[' WHERE session_id = ?", bad)
    deleted = run("history", "delete", bad, "--yes")
    assert deleted.exit_code == 0, deleted.output
    listed = run("history")
    assert good in listed.stdout and listed.stderr == ""
