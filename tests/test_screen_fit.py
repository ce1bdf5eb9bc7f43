"""Tables and summaries at 80, 120 and fewer columns: detail is dropped, words never cut."""

from __future__ import annotations

import re

import pytest
from tests.conftest import new_drill

from sysdrill.tui.console import stdout


@pytest.fixture(autouse=True)
def fresh_console():
    """The console reads the width once: read it afresh here, and again after."""
    stdout.cache_clear()
    yield
    stdout.cache_clear()


LONG_IDS = ("lambda-cold-starts", "spotify-recommendations", "container-orchestration")


@pytest.fixture
def kept(catalogue, isolated_home):
    """Completed sessions of items with long IDs, one of them a pair with long names."""
    from sysdrill.history.store import open_history
    from sysdrill.session.state import INTERVIEWER

    ids = []
    with open_history() as history:
        for n, item_id in enumerate(LONG_IDS):
            names = {"mode": "pair", "interviewer": "Alexandra", "candidate": "Bartholomew"}
            drill = new_drill(catalogue, history, item_id, scale=0.05, **(names if n == 1 else {}))
            for record in drill.session.phases:
                drill.begin_phase()
                drill.clock.advance(record.planned_seconds + 3)
                drill.set_notes("we talk about latency and the cache, nothing of the rest")
                drill.finish_phase()
            for rater in ("self", INTERVIEWER) if n == 1 else ("self",):
                for dimension in drill.rubric.dimensions:
                    drill.record_score(dimension, 3, rater)
            drill.finish_scoring()
            drill.complete("")
            ids.append(drill.session.id)
    return ids


@pytest.mark.parametrize("columns", [120, 80, 60, 50])
def test_history_never_breaks_an_id(run, kept, monkeypatch, columns) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    stdout.cache_clear()
    result = run("history")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert all(len(line) <= columns for line in lines)
    for item_id in LONG_IDS:
        assert sum(item_id in line for line in lines) == 1, result.stdout
    for session_id in kept:
        assert session_id in result.stdout
    if columns >= 120:
        assert "pair Alexandra→Bartholomew" in result.stdout and "2026-01-01" in result.stdout


@pytest.mark.parametrize("columns", [120, 80, 60])
def test_history_show_keeps_marks_with_their_labels(run, kept, monkeypatch, columns) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    stdout.cache_clear()
    result = run("history", "show", kept[0])
    assert result.exit_code == 0, result.output
    for line in result.stdout.splitlines():
        assert len(line) <= columns
        assert not re.search(r"[✓✗]\s*$", line), line  # a mark never ends a line
    assert "✗ " in result.stdout


NOTES = (
    "Market sizing: the object storage market is worth about one hundred billion dollars"
    " and S3 holds sixty percent of it; placement of shards by consistent hashing"
)


@pytest.mark.e2e
@pytest.mark.parametrize(("width", "height"), [(80, 24), (120, 40), (60, 20)])
def test_the_phase_screen_fits(tmp_path, isolated_home, width, height) -> None:
    from tests.tmux import Terminal

    env = {"SYSDRILL_HOME": str(isolated_home), "NO_COLOR": "1", "TERM": "xterm-256color"}
    term = Terminal(tmp_path, env, width=width, height=height)
    try:
        term.start("drill", "object-storage", "--duration", "2h")
        term.wait_for("Press Enter to start the clock")
        term.keys("Enter")
        term.wait_for("Phase 1/6")
        term.type(NOTES)
        screen = term.wait_for("hashing")
        lines = screen.splitlines()
        header = lines[1]
        assert re.search(r"\d+:\d\d left", header)
        if width >= 80:
            assert "drill 2:00:00 left" in header or "drill 1:59:5" in header
            assert "Phase 1/6: Strategic context" in header
        assert header.count("(") == header.count(")")  # "(0:27 plann" never
        assert len(header.rstrip()) <= width
        # The notes are wrapped between words, never inside one.
        start = next(n for n, line in enumerate(lines) if line.lstrip().startswith("Notes"))
        notes = [line.rstrip(" ^v│").strip() for line in lines[start + 1 :]]
        words = " ".join(line for line in notes if line).split()
        assert words[:5] == NOTES.split()[:5]
        assert " ".join(words).startswith(NOTES)
        # The notes get most of the screen: at least half of it.
        footer = next(n for n in range(len(lines) - 1, 0, -1) if "Ctrl-N" in lines[n])
        assert footer - start - 1 >= height // 2
        assert "Ctrl-N next" in lines[footer]
        if width >= 80:
            assert "Ctrl-C stop" in lines[footer]
    finally:
        term.close()
