"""Driving the real program in a real terminal: tmux send-keys and capture-pane."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

WAIT_SECONDS = 30.0


class Terminal:
    def __init__(self, tmp_path: Path, env: dict[str, str], width: int = 120, height: int = 45):
        if shutil.which("tmux") is None:
            pytest.fail("tmux is needed for the end-to-end tests (apt-get install tmux)")
        self.socket = f"sysdrill-test-{os.getpid()}-{id(self)}"
        self.env = env
        self.width, self.height = width, height
        self.tmp_path = tmp_path

    def _tmux(self, *args: str, check: bool = True) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=check
        )
        return result.stdout

    def start(self, *args: str, exec_: bool = False) -> None:
        """Run `python -m sysdrill ARGS` in a fresh terminal window."""
        command = shlex.join([sys.executable, "-m", "sysdrill", *args])
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in self.env.items())
        if exec_:
            script = f"unset COLUMNS LINES; export {exports}; exec {command}"
        else:
            script = f"unset COLUMNS LINES; export {exports}; {command}; echo EXIT=$?; sleep 60"
        self._tmux(
            "new-session", "-d", "-s", "t", "-x", str(self.width), "-y", str(self.height),
            "sh", "-c", script,
        )  # fmt: skip

    def start_shell(self) -> None:
        """An interactive shell with job control, to type `sysdrill ...` into."""
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in self.env.items())
        script = f"unset COLUMNS LINES; export {exports} PS1='$ '; exec bash --norc --noprofile -i"
        self._tmux(
            "new-session", "-d", "-s", "t", "-x", str(self.width), "-y", str(self.height),
            "sh", "-c", script,
        )  # fmt: skip

    def command(self, *args: str) -> str:
        """The shell line that runs `python -m sysdrill ARGS`."""
        return shlex.join([sys.executable, "-m", "sysdrill", *args])

    def pid(self) -> int:
        return int(self._tmux("display-message", "-p", "-t", "t", "#{pane_pid}").strip())

    def keys(self, *keys: str) -> None:
        self._tmux("send-keys", "-t", "t", *keys)

    def type(self, text: str) -> None:
        self._tmux("send-keys", "-t", "t", "-l", text)

    def screen(self, history: bool = False) -> str:
        args = ["capture-pane", "-p", "-t", "t"]
        if history:
            args += ["-S", "-400"]
        return self._tmux(*args, check=False)

    def wait_for(self, text: str, timeout: float = WAIT_SECONDS, history: bool = False) -> str:
        deadline = time.monotonic() + timeout
        while True:
            shown = self.screen(history=history)
            if text in shown:
                return shown
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} never appeared; the screen shows:\n{shown}")
            time.sleep(0.1)

    def give_scores(self, scores: str) -> None:
        """Answer each score prompt in turn, then confirm them at the review."""
        prompt = "(1-5, Enter):"
        for score in scores:
            asked = self.wait_for(prompt, history=True).count(prompt)
            self.type(score)
            self.keys("Enter")
            # The next prompt (or the review) is drawn once the answer is taken.
            deadline = time.monotonic() + WAIT_SECONDS
            while True:
                shown = self.screen(history=True)
                if shown.count(prompt) > asked or "Enter to confirm these scores" in shown:
                    break
                if time.monotonic() > deadline:
                    raise AssertionError(f"score {score} was not taken:\n{shown}")
                time.sleep(0.1)
        self.wait_for("Enter to confirm these scores")
        self.keys("Enter")

    def wait_for_prompt(self, timeout: float = WAIT_SECONDS) -> None:
        """Until the shell's "$" prompt is the last line shown."""
        deadline = time.monotonic() + timeout
        while True:
            lines = [line for line in self.screen().splitlines() if line.strip()]
            if lines and lines[-1].strip() == "$":
                return
            if time.monotonic() > deadline:
                raise AssertionError("the shell prompt never came back:\n" + "\n".join(lines))
            time.sleep(0.1)

    def close(self) -> None:
        self._tmux("kill-server", check=False)
