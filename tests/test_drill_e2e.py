"""Whole drills in a real terminal, as a user would run them."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import time
from pathlib import Path

import pytest
from tests.tmux import Terminal

pytestmark = pytest.mark.e2e


@pytest.fixture
def term(tmp_path: Path, isolated_home: Path):
    env = {"SYSDRILL_HOME": str(isolated_home), "NO_COLOR": "1", "TERM": "xterm-256color"}
    terminal = Terminal(tmp_path, env)
    yield terminal
    terminal.close()


def history_json(run) -> list[dict]:
    result = run("history", "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_a_whole_solo_drill(term: Terminal, run) -> None:
    term.start("drill", "object-storage", "--duration", "20s")
    term.wait_for("Press Enter to start the clock")
    term.keys("Enter")
    term.wait_for("Phase 1/6: Strategic context")
    term.type("market $100B+ and S3 holds 60% share")
    term.keys("C-p")
    term.wait_for("PAUSED")
    term.keys("C-p")
    term.keys("C-n")
    term.wait_for("Phase 2/6: Platform requirements")
    term.type("durability: eleven nines; 99.99% availability")
    for number in range(3, 7):
        term.keys("C-n")
        term.wait_for(f"Phase {number}/6")
    term.keys("C-n")
    term.give_scores("43423")
    term.wait_for("reflection")
    term.type("Too long on the market.")
    term.keys("Enter")
    screen = term.wait_for("Show the reference answers?", history=True)
    for expected in (
        "Summary: Global Cloud Storage Service (S3-class)",
        "1. Strategic context",
        "✓ S3 60% share",
        "Weighted score: 66.0 / 100",
        "Too long on the market.",
    ):
        assert expected in screen, expected
    term.keys("Enter")  # default: no reference
    term.wait_for("EXIT=0")

    [session] = history_json(run)
    assert session["status"] == "completed" and session["item_id"] == "object-storage"
    assert session["weighted_score"] == 66.0
    assert session["phases"][0]["notes"] == "market $100B+ and S3 holds 60% share"
    assert session["phases"][1]["notes"].startswith("durability: eleven nines")
    assert "S3 60% share" in session["phases"][0]["covered"]
    assert [s["score"] for s in session["scores"]] == [4, 3, 4, 2, 3]
    assert session["phases"][0]["pauses"] == 1


def test_killed_mid_phase_then_resumed(term: Terminal, run, isolated_home: Path) -> None:
    term.start("drill", "dynamodb", "--duration", "10m", exec_=True)
    term.wait_for("Press Enter to start the clock")
    term.keys("Enter")
    term.wait_for("Phase 1/5")
    term.type("10 trillion requests a day, single-digit ms")
    db_path = isolated_home / "history.sqlite3"
    deadline = time.monotonic() + 15
    while True:  # wait for the autosave, then kill without warning
        with sqlite3.connect(db_path) as db:
            row = db.execute("SELECT notes FROM phases WHERE position = 0").fetchone()
        if row and "single-digit" in row[0]:
            break
        assert time.monotonic() < deadline, "notes were not saved within seconds of typing"
        time.sleep(0.2)
    os.kill(term.pid(), signal.SIGKILL)
    term.close()

    with sqlite3.connect(db_path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    [session] = history_json(run)
    assert session["status"] == "in_progress"

    again = Terminal(term.tmp_path, term.env)
    try:
        again.start("resume")
        again.wait_for("Press Enter to start the clock again")
        again.keys("Enter")
        screen = again.wait_for("10 trillion requests a day, single-digit ms")
        assert "Phase 1/5" in screen
        again.type(" + global tables")
        again.keys("C-c")
        again.wait_for("EXIT=130")
        after = again.screen(history=True)
        assert "Resuming Amazon DynamoDB - NoSQL at planetary scale at phase 1/5" in after
        assert "continue with: sysdrill resume" in after
    finally:
        again.close()
    [session] = history_json(run)
    assert (
        session["phases"][0]["notes"]
        == "10 trillion requests a day, single-digit ms + global tables"
    )
    assert session["status"] == "in_progress"


def test_drill_without_a_terminal_is_refused(run) -> None:
    result = run("drill", "dynamodb")
    assert result.exit_code == 2
    assert "needs a terminal" in result.stderr
    assert history_json(run) == []


def test_an_unknown_id_is_reported_before_the_want_of_a_terminal(run) -> None:
    result = run("drill", "dynamodbb")
    assert result.exit_code == 1
    assert "dynamodbb" in result.stderr and "did you mean 'dynamodb'" in result.stderr
    assert "terminal" not in result.stderr


def test_a_pair_drill_with_ticks_curveball_and_blind_scoring(term: Terminal, run) -> None:
    term.start("drill", "slack-messaging", "--pair", "--interviewer", "Ana",
               "--candidate", "Ben", "--duration", "20s")  # fmt: skip
    term.wait_for("FOR THE INTERVIEWER ONLY")
    term.wait_for("Ana, turn the screen away from Ben")
    term.keys("Enter")
    term.wait_for("turn the screen back to Ana, who presses Enter to start the clock")
    term.keys("Enter")
    term.wait_for("Checklist (0/")
    term.type("Ben: 20M DAU, 10B msgs/month")
    term.keys("M-1")
    term.keys("M-3")
    term.wait_for("Checklist (2/")
    term.keys("C-b")
    term.wait_for("Curveballs")
    for number in range(2, 6):
        term.keys("C-n")
        term.wait_for(f"Phase {number}/5")
    term.keys("C-n")
    term.wait_for("Ana: score Ben")
    term.give_scores("23232")
    handover = term.wait_for("Give the laptop to Ben")
    term.keys("Enter")
    first = term.wait_for("Ben: score yourself")
    for screen in (handover, first):  # nothing of the interviewer's marks in view
        assert "Ana: score Ben" not in screen
        assert "(1-5, Enter): 2" not in screen and "(1-5, Enter): 3" not in screen
    term.give_scores("44534")
    term.wait_for("reflection")
    term.keys("Enter")
    final = term.wait_for("Show the reference answers?", history=True)
    assert "Scores side by side (largest gaps first)" in final
    assert "Overall gap (self - interviewer): +33.0" in final
    assert re.search(r"\b2/\d+ ticked", final)
    assert "Interviewer's notes" in final and "Ben: 20M DAU" in final
    term.keys("Enter")
    term.wait_for("EXIT=0")

    [summary] = history_json(run)
    shown = run("history", "show", summary["id"][:5], "--json")
    session = json.loads(shown.stdout)
    assert session["mode"] == "pair"
    assert (session["interviewer"], session["candidate"]) == ("Ana", "Ben")
    assert {s["rater"] for s in session["scores"]} == {"interviewer", "self"}
    assert session["gaps"][0]["gap"] == 3  # largest first
    assert sorted(g["gap"] for g in session["gaps"]) == [0, 1, 2, 2, 3]
    assert len(session["phases"][0]["ticked"]) == 2
    assert len(session["phases"][0]["curveballs"]) == 1
    listing = run("history", "--person", "ben")
    assert "pair Ana→Ben" in listing.stdout


def test_ctrl_z_suspends_and_fg_resumes_then_one_key_answers(term: Terminal, run) -> None:
    term.start_shell()
    term.wait_for_prompt()
    term.type(term.command("drill", "object-storage", "--duration", "20s"))
    term.keys("Enter")
    term.wait_for("Press Enter to start the clock")
    term.keys("Enter")
    term.wait_for("Phase 1/6")
    term.type("before suspending")
    term.wait_for("before suspending")
    term.keys("C-z")
    term.wait_for("Stopped")
    term.wait_for_prompt()
    term.type("fg")
    term.keys("Enter")
    screen = term.wait_for("before suspending")
    assert "Phase 1/6" in screen
    term.type(" and after")
    for number in range(2, 7):
        term.keys("C-n")
        term.wait_for(f"Phase {number}/6")
    term.keys("C-n")
    term.wait_for("(1-5, Enter):")
    time.sleep(0.3)  # the prompt is drawn a moment before it reads keys
    term.type("6")  # refused, and the field is cleared
    term.keys("Enter")
    term.wait_for("Type a digit from 1 to 5")
    for score in "34423":
        term.type(score)
        term.keys("Enter")
        time.sleep(0.3)
    term.wait_for("Enter to confirm these scores")
    time.sleep(0.3)
    term.type("1")  # change the first score
    term.keys("Enter")
    term.wait_for("1/5  ", history=True)
    time.sleep(0.3)
    term.type("5")
    term.keys("Enter")
    term.wait_for("Enter to confirm these scores")
    term.keys("Enter")
    term.wait_for("reflection")
    term.keys("Enter")
    term.wait_for("Show the reference answers?")
    time.sleep(0.3)
    term.type("n")  # one key answers: no Enter
    term.wait_for("sysdrill history show")
    term.type("echo typed-after-$((6*7))")
    term.keys("Enter")
    term.wait_for("typed-after-42")

    [session] = history_json(run)
    assert session["phases"][0]["notes"] == "before suspending and after"
    assert session["phases"][0]["pauses"] == 0  # a suspension is not a pause
    by_dimension = [s["score"] for s in session["scores"]]
    assert sorted(by_dimension) == [2, 3, 4, 4, 5] and 6 not in by_dimension
