"""A closed terminal, SIGHUP and SIGTERM: what was typed is saved, the exit is quiet."""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from tests.conftest import new_drill
from tests.tmux import Terminal

from sysdrill.history.store import HistoryStore
from sysdrill.session.state import REFLECTION
from sysdrill.tui import flow
from sysdrill.tui.hangup import Hangup, hangup_guard
from sysdrill.tui.phase_screen import PhaseScreen


def signal_once_typed(drill, signum: int) -> None:
    """Send this process ``signum``, as `kill` would, once the typing has arrived."""
    tick, ticks = drill.tick, []

    def tick_then_signal():  # the screen calls this while it runs
        ticks.append(1)
        if drill.record.notes or len(ticks) == 50:
            drill.tick = tick
            os.kill(os.getpid(), signum)
        return tick()

    drill.tick = tick_then_signal


@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGTERM])
def test_a_signal_during_a_phase_ends_the_screen_with_the_notes_kept(
    catalogue, store, signum
) -> None:
    drill = new_drill(catalogue, store, "object-storage")
    before = signal.getsignal(signum)  # SIG_DFL, or SIG_IGN under nohup
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text("typed just before")
        signal_once_typed(drill, signum)
        with hangup_guard(), pytest.raises(Hangup) as caught:
            PhaseScreen(drill).run()
    assert caught.value.signum == signum
    assert drill.record.notes == "typed just before"
    assert signal.getsignal(signum) == before  # put back afterwards


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGHUP, 129), (signal.SIGTERM, 143)])
def test_a_signal_during_a_phase_exits_with_128_plus_its_number(
    catalogue, store, signum, code
) -> None:
    drill = new_drill(catalogue, store, "object-storage")
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text("typed before the signal")
        signal_once_typed(drill, signum)
        assert flow.run_session(drill, store, flow.DrillOptions(), fresh=False) == code
    assert store.load(drill.session.id).phases[0].notes == "typed before the signal"


def test_a_second_signal_while_the_first_is_handled_changes_nothing(catalogue, store) -> None:
    """A closing terminal sends SIGHUP to the process and its shell passes one on."""
    drill = new_drill(catalogue, store, "object-storage")
    before = signal.getsignal(signal.SIGHUP)
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text("typed before two hangups")
        tick, ticks = drill.tick, []

        def tick_then_signal_twice():
            ticks.append(1)
            if drill.record.notes or len(ticks) == 50:
                drill.tick = tick
                os.kill(os.getpid(), signal.SIGHUP)
                os.kill(os.getpid(), signal.SIGHUP)
            return tick()

        drill.tick = tick_then_signal_twice
        assert flow.run_session(drill, store, flow.DrillOptions(), fresh=False) == 129
    assert store.load(drill.session.id).phases[0].notes == "typed before two hangups"
    assert signal.getsignal(signal.SIGHUP) == before


def test_a_terminal_that_goes_away_ends_the_screen(catalogue, store) -> None:
    drill = new_drill(catalogue, store, "object-storage")
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text("last words")
        pipe.close()  # reads now fail, as after the terminal closes
        with pytest.raises(Hangup) as caught:
            PhaseScreen(drill).run()
    assert caught.value.terminal_gone
    assert drill.record.notes == "last words"


def test_sigterm_in_the_reflection_keeps_what_was_typed_and_says_so(
    catalogue, store, capsys
) -> None:
    drill = new_drill(catalogue, store, "object-storage")
    for _ in drill.session.phases:
        drill.begin_phase()
        drill.finish_phase()
    drill.finish_scoring()
    code = flow.hung_up(drill, Hangup(signal.SIGTERM, typed="Too long on the market"), started=True)
    assert code == 143  # 128 + SIGTERM, as a shell reports it
    err = capsys.readouterr().err
    assert "with the reflection you had typed, is saved" in err
    assert "sysdrill resume" in err
    saved = store.load(drill.session.id)
    assert saved.stage == REFLECTION and saved.reflection == "Too long on the market"


def test_a_closed_terminal_says_nothing(catalogue, store, monkeypatch, capsys) -> None:
    left = []
    monkeypatch.setattr(flow, "leave_terminal", lambda: left.append(True))
    drill = new_drill(catalogue, store, "object-storage")
    drill.begin_phase()
    drill.set_notes("kept")
    assert flow.hung_up(drill, Hangup(signal.SIGHUP), started=True) == 129  # 128 + SIGHUP
    assert left == [True] and capsys.readouterr().err == ""
    assert store.load(drill.session.id).phases[0].notes == "kept"


def running(pid: int) -> bool:
    """The process is there and not yet a zombie waiting to be reaped."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        try:
            os.kill(pid, 0)
        except OSError:
            return False
        return True
    return state != "Z"


def session_at_phase_one(home: Path) -> str:
    """An unfinished drill with notes, to resume (as `sysdrill resume ID` would)."""
    from sysdrill.content.catalogue import builtin_roots, load_catalogue
    from sysdrill.paths import data_dir

    catalogue = load_catalogue(builtin_roots(), index_dir=None)
    with HistoryStore(data_dir() / "history.sqlite3") as store:
        drill = new_drill(catalogue, store, "object-storage", scale=0.2)
        drill.begin_phase()
        drill.set_notes("before")
        drill.stop()
        return drill.session.id


# The tester's case is `kill-session` (the pty vanishes: SIGHUP to the process
# group and EIO on the tty) while resuming; new drills and the other ways the
# terminal goes are covered too. The history is read once, as soon as the
# process has gone: a save that only comes later, or never, fails the test.
@pytest.mark.e2e
@pytest.mark.parametrize(
    ("start", "how"),
    [
        ("drill", "kill-session"),
        ("resume", "kill-session"),
        ("drill", "kill-window"),
        ("drill", "kill-server"),
    ],
)
def test_closing_the_terminal_right_after_typing_loses_nothing(
    tmp_path: Path, isolated_home: Path, start: str, how: str
) -> None:
    errors = tmp_path / "stderr.txt"
    env = {"SYSDRILL_HOME": str(isolated_home), "NO_COLOR": "1", "TERM": "xterm-256color"}
    term = Terminal(tmp_path, env)
    if start == "resume":
        args, before = f"resume {session_at_phase_one(isolated_home)}", "before"
        ready = "Press Enter to start the clock again"
    else:
        args, before = "drill object-storage --duration 20m", ""
        ready = "Press Enter to start"
    command = f"exec {sys.executable} -m sysdrill {args} 2>{errors}"
    exports = " ".join(f"{k}={v}" for k, v in env.items())
    term._tmux("new-session", "-d", "-s", "t", "-x", "100", "-y", "30",
               "sh", "-c", f"export {exports}; {command}")  # fmt: skip
    try:
        term.wait_for(ready)
        term.keys("Enter")
        term.wait_for("Phase 1/")
        pid = term.pid()
        term.type(" +d03 typed a moment before the window closed")
        term.wait_for("window closed")
        time.sleep(0.3)  # the user closes the window 0.3 s after typing
        term._tmux(how, *(["-t", "t"] if how != "kill-server" else []), check=False)
    finally:
        term.close()
    deadline = time.monotonic() + 15  # generous for a loaded machine: not a speed test
    while running(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not running(pid), "the program went on running after its terminal closed"
    expected = before + " +d03 typed a moment before the window closed"
    with HistoryStore(isolated_home / "history.sqlite3") as store:
        [session_id] = store.session_ids()
        saved = store.load(session_id)
    assert saved.phases[0].notes == expected
    assert errors.read_text(encoding="utf-8") == ""
