"""Practice drills, named solo drills, and the schema that keeps them."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tests.progress_sessions import drilled

from sysdrill.history.schema import V1
from sysdrill.history.store import HistoryStore, open_history
from sysdrill.pairs import load_last_name, save_last_name


def test_a_version_1_history_gains_practice_and_scores_without_losing_a_session(
    tmp_path: Path, catalogue
) -> None:
    path = tmp_path / "h.sqlite3"
    with HistoryStore(path) as store:
        session = drilled(catalogue, store, "object-storage", "2026-11-02 19:00", 4)
    # Take it back to version 1, as an older sysdrill left it.
    db = sqlite3.connect(path)
    db.execute("DROP TABLE schedule_cache")
    for index in ("sessions_progress", "sessions_person", "phases_pacing"):
        db.execute(f"DROP INDEX {index}")
    for table, column in (
        ("sessions", "practice"),
        ("sessions", "score"),
        ("phases", "covered_count"),
        ("phases", "key_point_count"),
        ("phases", "evidence"),
    ):
        db.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    assert "practice" not in V1
    with HistoryStore(path) as store:
        again = store.load(session.id)
        assert again.practice is False
        score, counts = store.db.execute(
            "SELECT score, (SELECT sum(key_point_count) FROM phases WHERE session_id = ?)"
            " FROM sessions WHERE id = ?",
            (session.id, session.id),
        ).fetchone()
    assert score == 80.0
    assert counts == sum(len(p.covered) + len(p.missed) for p in session.phases)


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
