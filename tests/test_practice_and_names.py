"""Practice drills, named solo drills, and the schema that keeps them."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tests.progress_sessions import drilled

from sysdrill.history.schema import V1
from sysdrill.history.store import open_history
from sysdrill.pairs import load_last_name, save_last_name


def test_a_version_1_history_is_migrated_and_counted_without_losing_a_session(
    tmp_path: Path, run, isolated_home: Path
) -> None:
    # A history as version 1 of sysdrill left it: one solo and one pair drill.
    isolated_home.mkdir(parents=True)
    db = sqlite3.connect(isolated_home / "history.sqlite3")
    db.executescript(V1)
    for sid, mode, interviewer, started in (
        ("aaaa", "solo", None, "2026-11-02T19:00:00Z"),
        ("bbbb", "pair", "Ben", "2026-11-03T19:00:00Z"),
    ):
        db.execute(
            "INSERT INTO sessions VALUES (?, 'dynamodb', 'DynamoDB', 'case-study', 'h',"
            " 'l7-advanced', ?, 1.0, 'completed', 'done', 1, ?, ?, ?, '', ?, ?)",
            (sid, mode, started, started, started, interviewer, "Ana" if interviewer else None),
        )
        for position, actual in ((0, 700.0), (1, 300.0)):
            db.execute(
                "INSERT INTO phases VALUES (?, ?, ?, ?, 600.0, ?, 0, 0, 0, 'notes',"
                " '[\"a\", \"b\"]', '[\"c\"]', '[]', '[]')",
                (sid, position, f"p{position}", f"Phase {position}", actual),
            )
        raters = [("self", 4), ("interviewer", 2)] if interviewer else [("self", 3)]
        for rater, score in raters:
            db.execute(
                "INSERT INTO scores VALUES (?, ?, 'depth', 'Depth', ?, 100)", (sid, rater, score)
            )
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    result = run("stats", "--json", "--today", "2026-11-30")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["sessions"]["completed"] == 2
    assert data["hours"]["completed"] == round(2000 / 3600, 2)
    depth = data["dimensions"][0]
    assert (depth["dimension"], depth["recent"]) == ("Depth", [3, 2])  # own, then Ben's
    assert data["calibration"] == [
        {"dimension_id": "depth", "dimension": "Depth", "gap": 2.0, "sessions": 1}
    ]
    assert data["pacing"]["phases"][0]["key_point_coverage"] == round(2 / 3, 3)
    assert data["pacing"]["phases"][0]["overran"] == 2
    with open_history() as store:
        assert store.load("aaaa").practice is False
        assert store.load("bbbb").headline == 40.0


def test_practice_and_the_solo_name_are_kept(store, catalogue) -> None:
    session = drilled(
        catalogue, store, "dynamodb", "2026-11-02 19:00", practice=True, candidate="Ana"
    )
    again = store.load(session.id)
    assert again.practice is True
    assert again.candidate == "Ana" and again.mode == "solo"


def test_the_last_solo_name_is_remembered(tmp_path: Path) -> None:
    assert load_last_name(tmp_path) is None
    save_last_name(tmp_path, "Ana")
    assert load_last_name(tmp_path) == "Ana"
    (tmp_path / "last-name.json").write_text("{not json", encoding="utf-8")
    assert load_last_name(tmp_path) is None


def test_history_by_person_and_role(run, catalogue) -> None:
    with open_history() as store:
        drilled(catalogue, store, "dynamodb", "2026-11-02 19:00", candidate="Ana")
        drilled(catalogue, store, "dynamodb", "2026-11-03 19:00", pair=True, candidate="Ana")
        drilled(catalogue, store, "s3-consistency", "2026-11-04 19:00", pair=True, candidate="Cy")
        drilled(catalogue, store, "object-storage", "2026-11-05 19:00", practice=True)

    def ids(*args: str) -> list[str]:
        result = run("history", "--json", *args)
        assert result.exit_code == 0, result.output
        return [s["item_id"] for s in json.loads(result.stdout)]

    assert ids("--person", "ana") == ["dynamodb", "dynamodb"]  # solo and pair alike
    assert ids("--person", "Ana", "--role", "candidate") == ["dynamodb", "dynamodb"]
    assert ids("--person", "Ben", "--role", "interviewer") == ["s3-consistency", "dynamodb"]
    assert ids("--person", "Ana", "--role", "interviewer") == []
    practice = json.loads(run("history", "--json").stdout)[0]
    assert practice["practice"] is True
    listed = run("history")
    assert "practice" in listed.output and "solo Ana" in listed.output


def test_role_needs_a_person_and_a_known_role(run) -> None:
    result = run("history", "--role", "candidate")
    assert result.exit_code == 2
    assert "--role goes with --person" in result.stderr
    result = run("history", "--person", "Ana", "--role", "judge")
    assert result.exit_code == 2
    assert "unknown role 'judge'" in result.stderr


def test_name_is_for_solo_drills_and_cannot_be_blank(run) -> None:
    result = run("drill", "dynamodb", "--pair", "--name", "Ana")
    assert result.exit_code == 2
    assert "--name is for solo drills" in result.stderr
    result = run("drill", "dynamodb", "--name", "  ")
    assert result.exit_code == 2
    assert "--name needs a name" in result.stderr
