"""A reader that stops early (`sysdrill ... | head`) ends the command quietly."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from tests.progress_sessions import drilled

from sysdrill.history.store import open_history


@pytest.fixture
def history(catalogue) -> None:
    with open_history() as store:
        drilled(catalogue, store, "object-storage", "2026-11-02 19:00", pair=True)


@pytest.mark.parametrize(
    "args",
    [
        ["history", "--json"],
        ["history", "export", "--format", "csv"],
        ["history", "export", "--format", "md"],
        ["history"],
        ["list", "--json"],
        ["--help"],
    ],
    ids=" ".join,
)
def test_a_closed_pipe_stops_the_command_without_a_word(history, args) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first byte: every write fails
    try:
        done = subprocess.run(
            [sys.executable, "-m", "sysdrill", *args],
            stdout=write_end,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
            timeout=120,
        )
    finally:
        os.close(write_end)
    assert done.stderr == ""  # no "internal error", no "cannot write None", no traceback
    assert done.returncode in (0, 1)  # 0 from sysdrill; rich and click's own handling say 1
