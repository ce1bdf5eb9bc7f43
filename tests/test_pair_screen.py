"""Pair mode's panel in a real terminal: many curveballs at 80x24 and 120x40."""

from __future__ import annotations

import json
import re

import pytest
from tests.tmux import Terminal

pytestmark = pytest.mark.e2e


def panel_text(screen: str) -> str:
    """The words right of the panel's rule, row by row, joined."""
    rows = [line.split("│", 1)[1] for line in screen.splitlines() if "│" in line]
    return " ".join(" ".join(rows).split())


@pytest.mark.parametrize(("width", "height"), [(80, 24), (120, 40)])
def test_ten_curveballs_the_latest_whole_and_listed_after(
    tmp_path, isolated_home, run, width, height
) -> None:
    env = {"SYSDRILL_HOME": str(isolated_home), "NO_COLOR": "1", "TERM": "xterm-256color"}
    term = Terminal(tmp_path, env, width=width, height=height)
    try:
        term.start("drill", "uber-dispatch", "--pair", "--interviewer", "Ana",
                   "--candidate", "Ben", "--duration", "2h")  # fmt: skip
        term.wait_for("Press Enter to show the brief to both of you")
        term.keys("Enter")
        term.wait_for("start the clock")
        term.keys("Enter")
        term.wait_for("Checklist (0/")
        for count in range(1, 11):
            term.keys("C-b")
            term.wait_for(f"★{count} ")
        screen = term.screen()
        term.keys("C-c")
        term.wait_for("EXIT=130")
    finally:
        term.close()
    [session] = json.loads(run("history", "--json").stdout)
    drawn = session["phases"][0]["curveballs"]
    assert len(drawn) == 10 and len(set(drawn)) == 10
    shown = panel_text(screen)
    assert " ".join(drawn[-1].split()) in shown  # the latest, whole
    assert "★10" in shown
    assert re.search(r"↑\d+ ↓0 more", shown)  # scrolled to the end, and says so
    assert "Checklist" in shown
    result = run("history", "show", session["id"])
    assert "Curveballs asked" in result.stdout
    listed = " ".join(result.stdout.split())
    for probe in drawn:
        assert " ".join(probe.split()) in listed
