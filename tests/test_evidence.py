"""Each covered key point keeps the line of the notes that covered it, shown and exported."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from tests.conftest import new_drill

from sysdrill.history.store import HistoryStore, open_history
from sysdrill.session.matching import usable_terms

ITEM = "object-storage"


def later_point(drill):
    """A key point of the third phase whose concept can cover it on its own."""
    phase = drill.item.phases[2]
    return next(kp for kp in phase.key_points if kp.concept in usable_terms(kp))


def run_three_phases(drill, first_notes: str, third_notes: str = "") -> None:
    for notes in (first_notes, "", third_notes):
        drill.begin_phase()
        drill.set_notes(notes)
        drill.finish_phase()


def test_a_point_written_in_an_earlier_phase_counts_and_says_where(catalogue, store) -> None:
    drill = new_drill(catalogue, store, ITEM)
    point = later_point(drill)
    run_three_phases(drill, f"intro line\nwe will need {point.concept} later")
    third = store.load(drill.session.id).phases[2]
    assert point.concept in third.covered
    evidence = third.evidence[point.concept]
    assert evidence.line == f"we will need {point.concept} later"
    assert evidence.phase_id == drill.item.phases[0].id


def test_a_later_phase_never_covers_an_earlier_one(catalogue, store) -> None:
    drill = new_drill(catalogue, store, ITEM)
    first_point = drill.item.phases[0].key_points[0]
    run_three_phases(drill, "", first_point.concept)
    first = store.load(drill.session.id).phases[0]
    assert first_point.concept in first.missed
    assert first.evidence == {}


def test_an_older_history_gains_evidence_without_losing_a_session(
    tmp_path: Path, catalogue
) -> None:
    from sysdrill.history.schema import MIGRATIONS

    new = tmp_path / "new.sqlite3"
    with HistoryStore(new) as store:
        drill = new_drill(catalogue, store, ITEM)
        point = later_point(drill)
        run_three_phases(drill, "", point.concept)
        session_id = drill.session.id
    # The same session in a history at version 2, as an older sysdrill left it.
    old = tmp_path / "old.sqlite3"
    db = sqlite3.connect(old)
    for migrate in MIGRATIONS[:2]:
        migrate(db)
    db.execute("PRAGMA user_version = 2")
    db.execute("ATTACH DATABASE ? AS new", (str(new),))
    for table in ("sessions", "phases", "scores"):
        columns = ", ".join(r[1] for r in db.execute(f"PRAGMA main.table_info({table})"))
        db.execute(f"INSERT INTO main.{table} ({columns}) SELECT {columns} FROM new.{table}")
    db.commit()
    db.execute("DETACH DATABASE new")
    db.close()
    with HistoryStore(old) as store:
        again = store.load(session_id)
    assert point.concept in again.phases[2].covered  # kept, just without its line
    assert again.phases[2].evidence == {}


def drilled_with_a_long_line(catalogue) -> tuple[str, str]:
    with open_history() as store:
        drill = new_drill(catalogue, store, ITEM)
        point = later_point(drill)
        long_line = f"{point.concept}: " + "word " * 40 + "END"
        run_three_phases(drill, long_line, "")
        drill.session.status = "completed"
        drill.session.current = 2
        store.save(drill.session)
        return drill.session.id, point.concept


@pytest.fixture
def eighty_columns(monkeypatch):
    from sysdrill.tui.console import stdout

    monkeypatch.setenv("COLUMNS", "80")
    stdout.cache_clear()  # the console is made once per process
    yield
    stdout.cache_clear()


def test_history_show_quotes_the_line_within_80_columns(run, catalogue, eighty_columns) -> None:
    session_id, concept = drilled_with_a_long_line(catalogue)
    result = run("history", "show", session_id)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    shown = next(line for line in lines if f"✓ {concept} — phase 1:" in line)
    assert "…" in shown and "END" not in shown
    assert max(len(line) for line in lines) <= 80


def test_history_json_carries_the_evidence(run, catalogue) -> None:
    session_id, concept = drilled_with_a_long_line(catalogue)
    result = run("history", "show", session_id, "--json")
    assert result.exit_code == 0, result.output
    third = json.loads(result.stdout)["phases"][2]
    assert third["evidence"][concept].endswith("END")
    assert third["covered_in"] == {concept: json.loads(result.stdout)["phases"][0]["phase_id"]}


def test_evidence_from_another_machine_is_shown_as_text(run, catalogue) -> None:
    session_id, concept = drilled_with_a_long_line(catalogue)
    with open_history() as store:
        session = store.load(session_id)
        evidence = session.phases[2].evidence[concept]
        session.phases[2].evidence[concept] = type(evidence)("\x1b]0;owned\x07 hi", "")
        store.save(session)
    result = run("history", "show", session_id)
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output


def test_a_long_line_is_quoted_around_what_matched() -> None:
    from sysdrill.session.matching import Evidence
    from sysdrill.tui.summary import QUOTE_LIMIT, quote

    line = "- req -> anycast DNS -> API gw (sig auth) -> access layer -> IAM policy -> "
    line += "metadata svc -> global directory (bucket/key -> region -> cell), sharded"
    start = line.index("metadata svc")
    shown = quote(Evidence(line, "", start, start + len("metadata svc")))
    assert shown.startswith("\u201c…") and "metadata svc" in shown
    assert len(shown) <= QUOTE_LIMIT + 2
    assert quote(Evidence("short line", "", 0, 5)) == "\u201cshort line\u201d"
