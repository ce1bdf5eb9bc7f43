"""Saving when the history says no: locked, full, retried, and kept safe on disk."""

from __future__ import annotations

import json
import sqlite3
import stat

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from tests.conftest import new_drill

from sysdrill.history.store import HistoryStore
from sysdrill.paths import recovery_dirs
from sysdrill.session.autosave import CLOCK, Changes
from sysdrill.session.clock import ManualClock
from sysdrill.session.recovery import find_recoveries, restore, write_recovery
from sysdrill.tui import flow
from sysdrill.tui.phase_screen import NEXT, PhaseScreen, save_status_text


@pytest.fixture
def history(tmp_path):
    with HistoryStore(tmp_path / "h.sqlite3") as store:
        store.short_waits(20)
        yield store


@pytest.fixture
def other_program(history):
    """Another connection to the same file, as a second program would hold it."""
    db = sqlite3.connect(history.path, isolation_level=None)
    yield db
    db.close()


class FailingSave:
    """A history that refuses every write until told otherwise."""

    def __init__(self, store: HistoryStore, message: str = "database or disk is full"):
        self.store, self.message, self.failing, self.tries = store, message, True, 0

    def __call__(self, session, changes=None) -> None:
        self.tries += 1
        if self.failing:
            raise sqlite3.OperationalError(self.message)
        self.store.save(session, *([changes] if changes else []))


def test_a_locked_history_is_retried_and_nothing_typed_is_lost(
    catalogue, history, other_program
) -> None:
    clock = ManualClock()
    drill = new_drill(catalogue, history, "object-storage", clock=clock)
    drill.begin_phase()
    other_program.execute("BEGIN EXCLUSIVE")  # holds the write lock
    drill.set_notes("market $100B+")
    clock.advance(1.5)
    drill.tick()
    failure = drill.autosave.failure
    assert failure is not None and "locked by another program" in failure.reason
    assert "Last save failed" in save_status_text(drill)

    # Retries back off on the drill's own clock: 1 s, then 2 s.
    clock.advance(0.5)
    drill.tick()
    assert drill.autosave.failure.attempts == 1
    clock.advance(0.5)
    drill.tick()
    assert drill.autosave.failure.attempts == 2
    clock.advance(1.0)
    drill.tick()
    assert drill.autosave.failure.attempts == 2

    # Moving on while it is locked is no error; the new phase's typing is kept too.
    assert drill.finish_phase() is False
    drill.begin_phase()
    drill.set_notes("eleven nines")

    other_program.execute("COMMIT")
    clock.advance(8.0)
    drill.tick()
    assert drill.autosave.failure is None
    assert save_status_text(drill) == ""
    saved = history.load(drill.session.id)
    assert [p.notes for p in saved.phases[:2]] == ["market $100B+", "eleven nines"]
    assert saved.current == 1


def test_a_full_disk_is_reported_and_saving_resumes_when_there_is_room(catalogue, history) -> None:
    clock = ManualClock()
    drill = new_drill(catalogue, history, "object-storage", clock=clock)
    drill.begin_phase()
    pages = history.db.execute("PRAGMA page_count").fetchone()[0]
    history.db.execute(f"PRAGMA max_page_count = {pages}")  # no room to grow
    notes = "capacity planning " * 12_000  # about 200 KB
    drill.set_notes(notes)
    clock.advance(1.5)
    drill.tick()
    assert drill.autosave.failure is not None
    assert drill.autosave.failure.reason == "the disk is full"
    history.db.execute("PRAGMA max_page_count = 1000000")
    clock.advance(1.0)
    drill.tick()
    assert drill.autosave.failure is None
    assert history.load(drill.session.id).phases[0].notes == notes


def test_the_phase_screen_runs_on_while_saves_fail(catalogue, history) -> None:
    save = FailingSave(history)
    drill = new_drill(catalogue, history, "object-storage")
    drill._save = save
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text("still typing\x0e")  # Ctrl-N
        assert PhaseScreen(drill).run() == NEXT
    assert drill.record.notes == "still typing"
    assert drill.finish_phase() is False  # no internal error
    assert "the disk is full" in save_status_text(drill)


def test_stopping_while_the_history_is_full_writes_a_recovery_file(
    catalogue, history, capsys
) -> None:
    save = FailingSave(history)
    drill = new_drill(catalogue, history, "object-storage")
    drill._save = save
    drill.begin_phase()
    drill.set_notes("nothing of this may be lost")
    code = flow.stopped(drill)
    assert code == 130
    err = capsys.readouterr().err
    [(path, kept)] = find_recoveries(recovery_dirs())
    assert str(path) in err and "could not be written (the disk is full)" in err
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert kept is not None and kept.phases[0].notes == "nothing of this may be lost"

    # The next resume puts it back into the history and removes the file.
    told = restore(history, recovery_dirs())
    assert told and "restored session" in told[0]
    assert history.load(drill.session.id).phases[0].notes == "nothing of this may be lost"
    assert find_recoveries(recovery_dirs()) == []


def test_a_full_data_directory_sends_the_recovery_file_next_to_it(catalogue, history) -> None:
    drill = new_drill(catalogue, history, "object-storage")
    first, second, *_ = recovery_dirs()
    first.parent.mkdir(parents=True, exist_ok=True)
    first.write_text("not a directory", encoding="utf-8")  # mkdir there fails
    path = write_recovery(drill.session, recovery_dirs())
    assert path.parent == second


def test_a_recovery_file_older_than_the_history_does_not_win(catalogue, history) -> None:
    clock = ManualClock()
    drill = new_drill(catalogue, history, "object-storage", clock=clock)
    drill.begin_phase()
    drill.set_notes("old")
    drill.save_now()
    write_recovery(drill.session, recovery_dirs())
    clock.advance(60)
    drill.set_notes("newer, in the history")
    drill.save_now()
    restore(history, recovery_dirs())
    assert history.load(drill.session.id).phases[0].notes == "newer, in the history"


def test_an_unreadable_recovery_file_is_left_alone(history) -> None:
    place = recovery_dirs()[0]
    place.mkdir(parents=True)
    broken = place / "abc.recovery.json"
    broken.write_text(json.dumps({"format": 99}), encoding="utf-8")
    [line] = restore(history, recovery_dirs())
    assert "cannot read" in line and broken.exists()


# -- writing only what changed ---------------------------------------------------


class Spy:
    def __init__(self, store: HistoryStore) -> None:
        self.store, self.writes = store, []

    def __call__(self, session, changes) -> None:
        self.writes.append(changes)
        self.store.save(session, changes)


def test_an_idle_phase_writes_only_the_clock(catalogue, history) -> None:
    clock = ManualClock()
    spy = Spy(history)
    drill = new_drill(catalogue, history, "object-storage", clock=clock)
    drill._save = spy
    drill.begin_phase()
    drill.set_notes("a" * 1000)
    clock.advance(1.5)
    drill.tick()
    spy.writes.clear()
    for _ in range(12):  # a minute with nothing typed
        clock.advance(5)
        drill.tick()
    assert spy.writes == [CLOCK] * 12
    saved = history.load(drill.session.id)
    assert saved.phases[0].elapsed_seconds == 61.5  # the clock's progress is kept
    assert saved.phases[0].notes == "a" * 1000

    drill.set_notes("a" * 1001)
    clock.advance(1.5)
    drill.tick()
    assert spy.writes[-1] == Changes(phases=frozenset({0}))  # only the phase typed in
