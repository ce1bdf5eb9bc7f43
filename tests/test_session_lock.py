"""One session, one writer: a running session is found by its lock, never by a guess."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from tests.tmux import Terminal

from sysdrill.session.lock import RunningElsewhere, lock_session

HOLD = """
import sys, time
from pathlib import Path
from sysdrill.session.lock import lock_session
lock = lock_session(Path(sys.argv[1]), "abc123")
print("held", flush=True)
time.sleep(600)
"""


def test_a_second_holder_is_refused_with_the_first_ones_pid(tmp_path: Path) -> None:
    with lock_session(tmp_path, "abc123"):
        with pytest.raises(RunningElsewhere) as caught:
            lock_session(tmp_path, "abc123")
        assert caught.value.pid == os.getpid()
        assert f"running in another window (pid {os.getpid()})" in str(caught.value)
        lock_session(tmp_path, "other").release()  # other sessions are free
    lock_session(tmp_path, "abc123").release()  # free again once released


def test_the_lock_goes_with_a_killed_process(tmp_path: Path) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "held"
        with pytest.raises(RunningElsewhere) as caught:
            lock_session(tmp_path, "abc123")
        assert caught.value.pid == child.pid
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    lock_session(tmp_path, "abc123").release()  # kill -9 left no lock behind
    assert (tmp_path / "abc123.lock").stat().st_mode & 0o777 == 0o600


@pytest.fixture
def two_windows(tmp_path: Path, isolated_home: Path):
    env = {"SYSDRILL_HOME": str(isolated_home), "NO_COLOR": "1", "TERM": "xterm-256color"}
    first, second = Terminal(tmp_path, env), Terminal(tmp_path, env)
    yield first, second
    first.close()
    second.close()


def sessions(isolated_home: Path) -> list[dict]:
    env = {**os.environ, "SYSDRILL_HOME": str(isolated_home)}
    out = subprocess.run(
        [sys.executable, "-m", "sysdrill", "history", "--json"],
        capture_output=True, text=True, env=env, check=True,
    )  # fmt: skip
    return json.loads(out.stdout)


@pytest.mark.e2e
def test_a_session_running_in_one_window_is_not_taken_by_another(
    two_windows, isolated_home: Path
) -> None:
    first, second = two_windows
    first.start("drill", "dynamodb", "--duration", "10m")
    first.wait_for("Press Enter to start the clock")
    first.keys("Enter")
    first.wait_for("Phase 1/5")
    first.type("first window's notes")
    pid = int(
        subprocess.run(
            ["pgrep", "-f", "-P", str(first.pid()), "sysdrill drill dynamodb"],
            capture_output=True, text=True,
        ).stdout.split()[0]
    )  # fmt: skip

    second.start("resume")
    second.wait_for(f"is running in another window (pid {pid})")
    second.wait_for("Start a new session of dynamodb instead?")
    second.type("n")  # y and n answer at once
    second.wait_for("EXIT=1")
    assert "nothing started" in second.screen()
    second.close()

    again = Terminal(second.tmp_path, second.env)
    try:
        again.start("drill", "dynamodb", "--duration", "10m")
        again.wait_for(f"is running in another window (pid {pid})")
        again.type("y")
        again.wait_for("Press Enter to start the clock")
        again.keys("Enter")
        again.wait_for("Phase 1/5")
        again.type("second window's notes")
        again.keys("C-c")
        again.wait_for("EXIT=130")
    finally:
        again.close()
    first.type(" and more")
    first.keys("C-c")
    first.wait_for("EXIT=130")

    found = sorted(s["phases"][0]["notes"] for s in sessions(isolated_home))
    assert found == ["first window's notes and more", "second window's notes"]
    assert {s["status"] for s in sessions(isolated_home)} == {"in_progress"}


@pytest.mark.e2e
def test_resume_by_id_of_a_session_held_elsewhere_shows_nothing_and_exits_1(
    tmp_path: Path, isolated_home: Path
) -> None:
    from tests.test_hangup import session_at_phase_one

    from sysdrill.cli.drill import running_dir

    session_id = session_at_phase_one(isolated_home)
    env = {"SYSDRILL_HOME": str(isolated_home), "NO_COLOR": "1", "TERM": "xterm-256color"}
    term = Terminal(tmp_path, env, width=80, height=24)
    with lock_session(running_dir(), session_id):  # as the window running it holds it
        try:
            term.start("resume", session_id)
            term.wait_for(f"is running in another window (pid {os.getpid()})")
            assert "Resuming" not in term.screen()  # refused before anything is shown
            term.type("n")
            screen = term.wait_for("EXIT=1")
        finally:
            term.close()
    assert "nothing started" in screen and "Phase 1/" not in screen
    [session] = sessions(isolated_home)
    assert session["phases"][0]["notes"] == "before"
