"""How much typing a kill -9 can lose: type steadily in a real terminal, kill, compare.

    python benchmarks/kill_loss.py [ROUNDS]

In tmux, a drill runs while a word is typed every 0.1 s; after a few
seconds the drill is killed with SIGKILL (no chance to save). The loss is
the time between the last word that reached the history and the kill.
docs/drill.md promises at most 2 seconds; the script prints each round,
the worst, and the promise.
"""

from __future__ import annotations

import os
import shlex
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROMISE_SECONDS = 2.0
WORD_EVERY = 0.1


def tmux(socket: str, *args: str) -> str:
    return subprocess.run(
        ["tmux", "-L", socket, *args], capture_output=True, text=True, check=False
    ).stdout


def wait_for(socket: str, text: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while text not in tmux(socket, "capture-pane", "-p", "-t", "t"):
        if time.monotonic() > deadline:
            raise SystemExit(f"{text!r} never appeared")
        time.sleep(0.05)


def one_round(number: int, typing_seconds: float) -> float:
    home = Path(tempfile.mkdtemp())
    socket = f"sysdrill-kill-loss-{os.getpid()}-{number}"
    command = shlex.join([sys.executable, "-m", "sysdrill", "drill", "dynamodb", "-d", "30m"])
    script = f"export SYSDRILL_HOME={shlex.quote(str(home))} NO_COLOR=1; exec {command}"
    tmux(socket, "new-session", "-d", "-s", "t", "-x", "100", "-y", "30", "sh", "-c", script)
    try:
        wait_for(socket, "Press Enter to start the clock")
        tmux(socket, "send-keys", "-t", "t", "Enter")
        wait_for(socket, "Phase 1/")
        pid = int(tmux(socket, "display-message", "-p", "-t", "t", "#{pane_pid}").strip())
        typed_at: dict[str, float] = {}
        start = time.monotonic()
        n = 0
        while time.monotonic() - start < typing_seconds:
            word = f"w{n} "
            tmux(socket, "send-keys", "-t", "t", "-l", word)
            typed_at[word.strip()] = time.monotonic()
            n += 1
            time.sleep(WORD_EVERY)
        os.kill(pid, signal.SIGKILL)
        killed = time.monotonic()
    finally:
        tmux(socket, "kill-server")
    with sqlite3.connect(home / "history.sqlite3") as db:
        row = db.execute("SELECT notes FROM phases WHERE position = 0").fetchone()
    saved = (row[0] if row else "").split()
    if not saved:
        return killed - start
    return killed - typed_at[saved[-1]]


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 6
    losses = []
    for number in range(rounds):
        typing = 4.0 + 0.37 * number  # kills fall at different points of the save cycle
        loss = one_round(number, typing)
        losses.append(loss)
        print(f"round {number + 1}: typed {typing:.2f} s, lost the last {loss:.2f} s")
    worst = max(losses)
    verdict = "kept" if worst <= PROMISE_SECONDS else "NOT kept"
    print(f"worst loss {worst:.2f} s; promise {PROMISE_SECONDS:.0f} s: {verdict}"
          f" (ratio {worst / PROMISE_SECONDS:.2f})")  # fmt: skip


if __name__ == "__main__":
    main()
