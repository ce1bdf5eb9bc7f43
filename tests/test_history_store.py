"""The history database: safe to open, never overwritten when damaged."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest

from sysdrill.content.catalogue import builtin_roots, load_catalogue
from sysdrill.history.schema import CURRENT_VERSION
from sysdrill.history.store import HistoryError, HistoryStore, open_history
from sysdrill.paths import data_dir
from sysdrill.session.clock import ManualClock
from sysdrill.session.drill import Drill
from sysdrill.session.state import start_session


@pytest.fixture(scope="module")
def item_and_rubric():
    catalogue = load_catalogue(builtin_roots(), index_dir=None)
    item = catalogue.load_item(catalogue.find("dynamodb"))
    return item, catalogue.load_rubric(item.rubric_id)


def new_drill(store, item_and_rubric, clock=None):
    item, rubric = item_and_rubric
    clock = clock or ManualClock()
    return Drill(
        start_session(item, rubric, clock=clock), item, rubric, clock=clock, save=store.save
    )


def test_data_dir_and_database_are_private(isolated_home: Path) -> None:
    with open_history() as store:
        assert store.path.parent == isolated_home
    assert stat.S_IMODE(data_dir().stat().st_mode) == 0o700
    assert stat.S_IMODE((isolated_home / "history.sqlite3").stat().st_mode) == 0o600


def test_schema_version_and_wal(tmp_path: Path) -> None:
    with HistoryStore(tmp_path / "h.sqlite3") as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == CURRENT_VERSION
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_file_that_is_not_sqlite_is_set_aside_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    path.write_bytes(b"my precious notes, not a database\n" * 10)
    with HistoryStore(path) as store:
        assert store.set_aside is not None
        assert "is not an SQLite database" in store.set_aside.reason
        moved = store.set_aside.moved_to
        assert moved.read_bytes().startswith(b"my precious notes")
        assert moved.name.startswith("h.sqlite3.damaged-")
        assert store.session_ids() == []


def test_a_corrupt_database_is_set_aside(tmp_path: Path, item_and_rubric) -> None:
    path = tmp_path / "h.sqlite3"
    with HistoryStore(path) as store:
        drill = new_drill(store, item_and_rubric)
        drill.begin_phase()
        drill.set_notes("x" * 20000)
        drill.save_now()
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    for offset in range(4096, len(data), 997):  # scribble over every page but the header
        data[offset : offset + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))
    with HistoryStore(path) as store:
        assert store.set_aside is not None
        assert store.set_aside.moved_to.exists()
        assert store.session_ids() == []


def test_a_newer_schema_is_refused_not_migrated(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    with HistoryStore(path):
        pass
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {CURRENT_VERSION + 5}")
    db.close()
    with pytest.raises(HistoryError, match="newer sysdrill"):
        HistoryStore(path)


def test_two_drills_at_once_both_keep_their_sessions(tmp_path: Path, item_and_rubric) -> None:
    path = tmp_path / "h.sqlite3"
    with HistoryStore(path) as first, HistoryStore(path) as second:
        a, b = new_drill(first, item_and_rubric), new_drill(second, item_and_rubric)
        a.begin_phase()
        b.begin_phase()
        for n in range(20):
            a.set_notes(f"first terminal, line {n}")
            a.save_now()
            b.set_notes(f"second terminal, line {n}")
            b.save_now()
    with HistoryStore(path) as store:
        assert store.load(a.session.id).phases[0].notes == "first terminal, line 19"
        assert store.load(b.session.id).phases[0].notes == "second terminal, line 19"


def test_session_prefixes(tmp_path: Path, item_and_rubric) -> None:
    with HistoryStore(tmp_path / "h.sqlite3") as store:
        drill = new_drill(store, item_and_rubric)
        drill.begin_phase()
        assert store.resolve(drill.session.id[:4]) == drill.session.id
        with pytest.raises(Exception, match="no session"):
            store.resolve("zzzz")


def completed(store, item_and_rubric, clock, score, mode="solo", candidate=None):
    item, rubric = item_and_rubric
    interviewer = "X" if mode == "pair" else None
    session = start_session(
        item, rubric, clock=clock, mode=mode, interviewer=interviewer, candidate=candidate
    )
    drill = Drill(session, item, rubric, clock=clock, save=store.save)
    for dimension in rubric.dimensions:
        drill.record_score(dimension, score)
        if mode == "pair":
            drill.record_score(dimension, score, "interviewer")
    drill.complete("")
    clock.advance(60)
    return drill.session


def test_trends_compare_the_same_person_whatever_the_mode(tmp_path, item_and_rubric) -> None:
    clock = ManualClock()
    with HistoryStore(tmp_path / "h.sqlite3") as store:
        solo = completed(store, item_and_rubric, clock, 2)
        ana = completed(store, item_and_rubric, clock, 3, mode="pair", candidate="Ana")
        ben = completed(store, item_and_rubric, clock, 4, mode="pair", candidate="Ben")
        ana_again = completed(store, item_and_rubric, clock, 5, mode="pair", candidate="ana")
        solo_again = completed(store, item_and_rubric, clock, 5)
        ana_solo = completed(store, item_and_rubric, clock, 4, candidate="ANA", mode="solo")
        assert store.previous_completed(ana_again).id == ana.id  # not Ben's
        assert store.previous_completed(ben) is None
        assert store.previous_completed(solo_again).id == solo.id  # nobody named: not Ana's
        assert store.previous_completed(ana_solo).id == ana_again.id  # her pair drill


def test_history_filters_by_item_prefix_and_person(tmp_path, item_and_rubric) -> None:
    clock = ManualClock()
    with HistoryStore(tmp_path / "h.sqlite3") as store:
        completed(store, item_and_rubric, clock, 3, mode="pair", candidate="Ana")
        assert len(store.session_ids(item_id="dyn")) == 1
        assert store.session_ids(item_id="dyn_") == []  # taken literally, not as a pattern
        assert len(store.session_ids(person="ANA")) == 1
        assert store.session_ids(person="Carol") == []


def test_save_many_writes_all_or_nothing(tmp_path: Path, item_and_rubric) -> None:
    with HistoryStore(tmp_path / "h.sqlite3") as store:
        first = new_drill(store, item_and_rubric).session
        second = new_drill(store, item_and_rubric).session
        store.db.execute("DELETE FROM sessions")

        def sessions_then_failure():
            yield first
            yield second
            raise OSError("disk went away")

        with pytest.raises(OSError):
            store.save_many(sessions_then_failure())
        assert store.session_ids() == []
        assert store.save_many([first, second]) == 2
        assert sorted(store.session_ids()) == sorted([first.id, second.id])
