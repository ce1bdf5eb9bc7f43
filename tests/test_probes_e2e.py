"""A solo drill in a real terminal: a probe comes, is answered under its marker, and is kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.tmux import Terminal

pytestmark = pytest.mark.e2e


def test_a_probe_is_answered_under_its_marker_and_kept(
    tmp_path: Path, isolated_home: Path, run
) -> None:
    env = {"SYSDRILL_HOME": str(isolated_home), "NO_COLOR": "1", "TERM": "xterm-256color"}
    term = Terminal(tmp_path, env, width=80, height=24)
    try:
        # Three minutes: the first phase has 30 s, and its one probe comes 6 to 24 s in.
        term.start("drill", "object-storage", "--duration", "3m", "--probes", "1")
        term.wait_for("Press Enter to start the clock")
        term.keys("Enter")
        term.wait_for("Phase 1/6")
        term.type("S3 holds 60% share ")
        screen = term.wait_for("PROBE", timeout=40)
        assert "> probe: " in screen and "Ctrl-D when answered" in screen
        term.type("quotas per business unit and cells to contain a bad neighbour")
        term.wait_for("bad neighbour")
        term.keys("C-d")
        term.wait_for("Asked (1)")
        for number in range(2, 7):
            term.keys("C-n")
            term.wait_for(f"Phase {number}/6")
        term.keys("C-n")
        term.give_scores("43423")
        term.wait_for("reflection")
        term.keys("Enter")
        summary = term.wait_for("Show the reference answers?", history=True)
        probes = summary[summary.index("\nProbes") :]
        assert "1. Strategic context" in probes
        assert "quotas per business unit and cells to contain a bad neighbour" in probes
        assert "on it before moving on" in probes
        term.keys("Enter")
        term.wait_for("EXIT=0")
    finally:
        term.close()

    result = run("history", "show", "--json")
    assert result.exit_code == 0, result.output
    phase = json.loads(result.stdout)["phases"][0]
    [probe] = phase["probes"]
    assert f"> probe: {probe['probe']}" in phase["notes"]
    assert probe["answer"] == "quotas per business unit and cells to contain a bad neighbour"
    assert 6 <= probe["asked_at_seconds"] <= 24
    assert probe["spent_seconds"] is not None
    # The marker's words are the drill's: only the candidate's own count as key points.
    assert phase["notes"].startswith("S3 holds 60% share")
