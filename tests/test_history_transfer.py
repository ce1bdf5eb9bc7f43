"""The history as the user owns it: paged lists, export, import, delete."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from tests.conftest import new_drill

from sysdrill.history.importer import decide
from sysdrill.history.store import open_history
from sysdrill.session.matching import Evidence
from sysdrill.session.scoring import Score
from sysdrill.session.state import DrillSession, PhaseRecord


def make_session(
    n: int,
    *,
    status: str = "completed",
    item_id: str = "dynamodb",
    notes: str = "partition by customer",
    **changes: object,
) -> DrillSession:
    done = status == "completed"
    session = DrillSession(
        id=f"s{n:04d}", item_id=item_id, item_title="Amazon DynamoDB", item_kind="case-study",
        content_hash="abc", rubric_id="l7-advanced", mode="solo", duration_scale=1.0,
        started_at=f"2026-01-{1 + n % 28:02d}T{n // 28 % 24:02d}:00:00Z",
        phases=[
            PhaseRecord(position=0, phase_id="clarify", title="Clarify", planned_seconds=300.0,
                        elapsed_seconds=310.25, notes=notes, covered=["sharding"],
                        missed=["quorum"],
                        evidence={"sharding": Evidence("we shard by customer", "", 3, 8)}),
            PhaseRecord(position=1, phase_id="design", title="Design", planned_seconds=900.0,
                        elapsed_seconds=840.5),
        ],
        status=status, stage="done" if done else "phases", current=1 if done else 0,
        updated_at=f"2026-01-{1 + n % 28:02d}T{n // 28 % 24:02d}:30:00Z",
        ended_at=None
        if status == "in_progress"
        else f"2026-01-{1 + n % 28:02d}T{n // 28 % 24:02d}:30:00Z",
        scores=[Score("self", "depth", "Depth", 4, 60), Score("self", "ops", "Ops", 3, 40)]
        if done else [],
        reflection="Spent too long on clarifying." if done else "",
    )  # fmt: skip
    for key, value in changes.items():
        setattr(session, key, value)
    return session


def save(*sessions: DrillSession) -> None:
    with open_history() as store:
        store.save_many(sessions)


def ids_in_history() -> list[str]:
    with open_history() as store:
        return sorted(store.session_ids())


def use_home(monkeypatch: pytest.MonkeyPatch, home: Path) -> None:
    monkeypatch.setenv("SYSDRILL_HOME", str(home))


def export_file(run, path: Path, *args: str) -> str:
    result = run("history", "export", *args, "-o", str(path))
    assert result.exit_code == 0, result.output
    return path.read_text(encoding="utf-8")


# -- listing -------------------------------------------------------------------


def test_history_shows_the_20_newest_and_says_how_many_there_are(run) -> None:
    save(*(make_session(n) for n in range(25)))
    result = run("history")
    assert result.exit_code == 0, result.output
    rows = [line for line in result.stdout.splitlines() if " s00" in line]
    assert len(rows) == 20
    assert "s0024" in rows[0] and "s0000" not in result.stdout
    assert "Showing 20 of 25; --limit N or --all for more." in result.stdout
    assert "Showing" not in run("history", "--all").stdout
    assert len([ln for ln in run("history", "--all").stdout.splitlines() if " s00" in ln]) == 25
    assert "Showing 3 of 25" in run("history", "--limit", "3").stdout


def test_limit_and_all_together_is_a_usage_error(run) -> None:
    result = run("history", "--limit", "3", "--all")
    assert result.exit_code == 2
    assert "--limit N or --all, not both" in result.stderr


def test_history_filters_by_status(run) -> None:
    save(
        make_session(1), make_session(2, status="abandoned"), make_session(3, status="in_progress")
    )
    result = run("history", "--status", "abandoned")
    assert result.exit_code == 0, result.output
    assert "s0002" in result.stdout and "s0001" not in result.stdout
    assert "s0003" not in result.stdout
    assert run("history", "--status", "finished").exit_code == 2


def test_a_history_of_only_abandoned_sessions_lists_and_shows(run) -> None:
    save(make_session(1, status="abandoned"), make_session(2, status="abandoned"))
    listing = run("history")
    assert listing.exit_code == 0, listing.output
    assert listing.stdout.count("abandoned") == 2
    shown = run("history", "show")
    assert shown.exit_code == 0, shown.output
    assert "s0002" in shown.stdout and "abandoned" in shown.stdout


def test_show_without_an_id_shows_the_latest_session(run) -> None:
    save(make_session(1), make_session(5), make_session(3))
    result = run("history", "show")
    assert result.exit_code == 0, result.output
    assert "session s0005" in result.stdout


def test_show_with_no_history_says_how_to_start(run) -> None:
    result = run("history", "show")
    assert result.exit_code == 1
    assert result.stderr.strip() == "sysdrill: no sessions yet: start one with `sysdrill drill`"


def test_a_session_whose_item_is_gone_is_still_listed_and_marked(run) -> None:
    save(make_session(1, item_id="retired-problem"), make_session(2))
    listing = run("history")
    assert listing.exit_code == 0, listing.output
    [gone] = [line for line in listing.stdout.splitlines() if "s0001" in line]
    assert "retired-problem (not in the catalogue)" in gone
    [kept] = [line for line in listing.stdout.splitlines() if "s0002" in line]
    assert "not in the catalogue" not in kept
    shown = run("history", "show", "s0001")
    assert shown.exit_code == 0, shown.output
    assert "retired-problem is no longer in the catalogue" in shown.stdout


def test_history_json_lists_every_session_in_the_show_shape(run) -> None:
    save(*(make_session(n) for n in range(25)))
    result = run("history", "--json")
    assert result.exit_code == 0, result.output
    listed = json.loads(result.stdout)
    assert len(listed) == 25
    one = json.loads(run("history", "show", "s0024", "--json").stdout)
    assert listed[0] == one
    assert json.loads(run("history", "--json", "--limit", "2").stdout) == listed[:2]
    assert json.loads(run("history", "--json", "--item", "nothing-here").stdout) == []


# -- export --------------------------------------------------------------------


def test_round_trip_between_two_homes_gives_the_same_json(
    run, catalogue, tmp_path, monkeypatch
) -> None:
    use_home(monkeypatch, tmp_path / "laptop")
    with open_history() as store:
        drill = new_drill(catalogue, store, "dynamodb")
        drill.begin_phase()
        drill.set_notes("10 trillion requests a day; café ☕ ünïcode")
        drill.stop()
    save(make_session(1, practice=True), make_session(2, status="abandoned"))
    first = export_file(run, tmp_path / "laptop.json")

    use_home(monkeypatch, tmp_path / "desktop")
    result = run("history", "import", str(tmp_path / "laptop.json"))
    assert result.exit_code == 0, result.output
    assert "3 added, 0 skipped" in result.stdout
    assert export_file(run, tmp_path / "desktop.json") == first
    data = json.loads(first)
    assert (data["format"], data["version"]) == ("sysdrill-history", 1)
    assert len(data["sessions"]) == 3
    assert [s["practice"] for s in data["sessions"]].count(True) == 1
    [saved] = [s for s in data["sessions"] if s["id"] == "s0001"]
    clarify = saved["phases"][0]
    assert clarify["evidence"] == {"sharding": "we shard by customer"}
    assert clarify["evidence_at"] == {"sharding": [3, 8]}


def test_two_machines_that_import_each_other_end_with_the_same_history(
    run, tmp_path, monkeypatch
) -> None:
    use_home(monkeypatch, tmp_path / "a")
    save(make_session(1, status="in_progress"), make_session(2), make_session(3))
    export_file(run, tmp_path / "a.json")
    use_home(monkeypatch, tmp_path / "b")
    save(make_session(1), make_session(3, reflection="Written on the other machine."),
         make_session(4, status="abandoned"))  # fmt: skip
    export_file(run, tmp_path / "b.json")

    assert run("history", "import", str(tmp_path / "a.json")).exit_code == 0
    use_home(monkeypatch, tmp_path / "a")
    assert run("history", "import", str(tmp_path / "b.json")).exit_code == 0
    from_a = export_file(run, tmp_path / "a2.json")
    use_home(monkeypatch, tmp_path / "b")
    assert export_file(run, tmp_path / "b2.json") == from_a
    sessions = {s["id"]: s for s in json.loads(from_a)["sessions"]}
    assert sorted(sessions) == ["s0001", "s0002", "s0003", "s0004"]
    assert sessions["s0001"]["status"] == "completed"


def test_export_to_stdout_and_chosen_sessions(run) -> None:
    save(make_session(1), make_session(2), make_session(3))
    result = run("history", "export", "s0003", "s0001")
    assert result.exit_code == 0, result.output
    assert [s["id"] for s in json.loads(result.stdout)["sessions"]] == ["s0003", "s0001"]
    unknown = run("history", "export", "s0001", "nope")
    assert unknown.exit_code == 1
    assert unknown.stdout == ""
    assert "no session with ID 'nope'" in unknown.stderr


def test_csv_export_is_long_format_with_phases_in_a_second_file(run, tmp_path) -> None:
    save(make_session(1), make_session(2, status="abandoned", notes="=HYPERLINK(1)"))
    result = run("history", "export", "--format", "csv", "-o", str(tmp_path / "out.csv"))
    assert result.exit_code == 0, result.output
    scores = list(csv.DictReader((tmp_path / "out.csv").open(encoding="utf-8")))
    assert [(r["session_id"], r["rater"], r["dimension_id"], r["score"]) for r in scores] == [
        ("s0002", "", "", ""),
        ("s0001", "self", "depth", "4"),
        ("s0001", "self", "ops", "3"),
    ]
    phases = list(csv.DictReader((tmp_path / "out.phases.csv").open(encoding="utf-8")))
    for made in ("out.csv", "out.phases.csv"):  # notes are private
        assert (tmp_path / made).stat().st_mode & 0o777 == 0o600
    assert not list(tmp_path.glob(".*.tmp"))
    assert len(phases) == 4
    assert phases[0]["notes"] == "'=HYPERLINK(1)"  # a spreadsheet shows it, never runs it
    assert phases[2]["covered"] == "sharding" and phases[2]["missed"] == "quorum"

    stream = run("history", "export", "--format", "csv")
    scores_part, phases_part = stream.stdout.split("\n\n")
    assert len(list(csv.DictReader(io.StringIO(scores_part)))) == 3
    assert len(list(csv.DictReader(io.StringIO(phases_part)))) == 4


def test_markdown_report_reads_like_a_session(run) -> None:
    pair = make_session(1, mode="pair", interviewer="Ben", candidate="Ana")
    pair.scores.append(Score("interviewer", "depth", "Depth", 3, 60))
    pair.scores.append(Score("interviewer", "ops", "Ops", 3, 40))
    save(pair)
    result = run("history", "export", "-f", "md")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "## Amazon DynamoDB (`dynamodb`)" in text
    assert "pair: Ben interviewed Ana, completed" in text
    assert "| 1. Clarify | 5:00 | 5:10 +0:10 over | sharding | quorum |" in text
    assert "```text\npartition by customer\n```" in text
    assert "| Depth | 60 | 3/5 | 4/5 |" in text
    assert "| **Weighted** | 100 | 60/100 | 72/100 |" in text
    assert "Spent too long on clarifying." in text


def test_markdown_report_shows_extensions_and_overruns_as_show_does(run) -> None:
    session = make_session(1)
    session.phases[0].extended_seconds = 300.0
    session.phases[0].elapsed_seconds = 604.5
    save(session)
    text = run("history", "export", "-f", "md").stdout
    assert "| 1. Clarify | 5:00 | 10:04 +0:04 over (extended 5:00) |" in text
    assert "- Time: 24:04 of 20:00 planned (extended 5:00)\n" in text
    shown = run("history", "show", "s0001").stdout
    assert "+0:04 over (extended 5:00)" in shown


def test_export_to_a_missing_directory_is_one_line(run, tmp_path) -> None:
    save(make_session(1))
    result = run("history", "export", "-o", str(tmp_path / "no" / "such" / "out.json"))
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert "cannot write" in result.stderr
    assert not list(tmp_path.glob("**/*.tmp"))


# -- import --------------------------------------------------------------------


def test_importing_the_same_file_twice_changes_nothing(run, tmp_path, monkeypatch) -> None:
    save(make_session(1), make_session(2))
    export_file(run, tmp_path / "mine.json")
    use_home(monkeypatch, tmp_path / "other")
    assert "2 added" in run("history", "import", str(tmp_path / "mine.json")).stdout
    before = export_file(run, tmp_path / "before.json")
    again = run("history", "import", str(tmp_path / "mine.json"))
    assert again.exit_code == 0, again.output
    assert "0 added, 2 skipped (2 already here)" in again.stdout
    assert export_file(run, tmp_path / "after.json") == before


def test_the_copy_further_along_wins_both_ways() -> None:
    unfinished, done = make_session(1, status="in_progress"), make_session(1)
    assert decide(None, done) == "added"
    assert decide(unfinished, done) == "updated"
    assert decide(done, unfinished) == "kept"
    assert decide(done, make_session(1)) == "same"
    abandoned = make_session(1, status="abandoned", updated_at="2026-01-05T00:00:00Z")
    assert decide(unfinished, abandoned) == "updated"  # abandoned later, at the same phase
    further = make_session(1, status="in_progress", current=1, updated_at="2026-01-01T00:00:00Z")
    assert decide(abandoned, further) == "updated"  # more of the drill was done there
    a = make_session(1, reflection="one")
    b = make_session(1, reflection="two")
    assert {decide(a, b), decide(b, a)} == {"updated", "kept"}  # a tie goes the same way


def test_import_reports_updated_and_kept_sessions(run, tmp_path, monkeypatch) -> None:
    save(make_session(1), make_session(2, status="in_progress"))
    export_file(run, tmp_path / "theirs.json")
    use_home(monkeypatch, tmp_path / "mine")
    save(make_session(1, status="in_progress"), make_session(2))
    result = run("history", "import", str(tmp_path / "theirs.json"))
    assert result.exit_code == 0, result.output
    assert "0 added, 1 updated (the imported copy is further along), 1 skipped" in result.stdout
    assert "s0001  updated: the imported copy is further along" in result.stdout
    assert "s0002  kept the copy here: it is further along" in result.stdout
    with open_history() as store:
        assert store.load("s0001").status == "completed"
        assert store.load("s0002").status == "completed"


def write_export(path: Path, sessions: list[object], version: int = 1) -> Path:
    path.write_text(json.dumps({"format": "sysdrill-history", "version": version,
                                "sessions": sessions}), encoding="utf-8")  # fmt: skip
    return path


def good_entries(run) -> list[dict]:
    save(make_session(1), make_session(2))
    entries = json.loads(run("history", "--json").stdout)
    for entry in entries:  # a file from another machine: new IDs
        entry["id"] = "x" + entry["id"]
    return entries


def assert_refused(run, files: list[Path], message: str) -> None:
    before = ids_in_history()
    result = run("history", "import", *map(str, files))
    assert result.exit_code == 1, result.output
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert ids_in_history() == before


def test_an_export_from_a_newer_sysdrill_is_refused(run, tmp_path) -> None:
    path = write_export(tmp_path / "new.json", good_entries(run), version=2)
    assert_refused(run, [path], "exported by a newer sysdrill (format version 2;")


def test_a_truncated_file_is_refused_whole(run, tmp_path) -> None:
    full = write_export(tmp_path / "full.json", good_entries(run)).read_text(encoding="utf-8")
    cut = tmp_path / "cut.json"
    cut.write_text(full[: len(full) // 2], encoding="utf-8")
    assert_refused(run, [cut], "is cut short")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"name": "my shopping list"}', "is not a sysdrill history export"),
        ("[1, 2, 3]", "use `sysdrill history export`"),
        ("hello, world", "is not JSON (line 1, column 1)"),
        ("", "is cut short"),
        (b"\xff\xfe\x00binary", "not UTF-8"),
        ("[" * 100_000, "nested too deeply"),
    ],
)
def test_a_file_that_is_not_an_export_is_refused(run, tmp_path, content, message) -> None:
    path = tmp_path / "foreign.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    assert_refused(run, [path], message)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda e: e["phases"][1].update(notes=42),
            "session 2 (xs0001): phases[1].notes: must be text",
        ),
        (lambda e: e.update(status="won"), "session 2 (xs0001): status: must be one of"),
        (
            lambda e: e["scores"][0].update(score=9),
            "scores[0].score: must be a whole number from 1 to 5",
        ),
        (lambda e: e.update(started_at="yesterday"), "started_at: 'yesterday' is not a UTC time"),
        (
            lambda e: e.update(id="../../etc"),
            "session 2 (../../etc): id: '../../etc' is not a valid value",
        ),
        (
            lambda e: e["phases"][0].update(notes="x" * 1_000_001),
            "longer than 1,000,000 characters",
        ),
        (lambda e: e["phases"][0].update(actual_seconds=float("nan")), "must be a number"),
        (lambda e: e.pop("phases"), "session 2 (xs0001): phases: missing"),
        (lambda e: e.update(current_phase=True), "current_phase: must be a whole number"),
    ],
)
def test_a_bad_entry_is_named_and_nothing_is_imported(run, tmp_path, change, message) -> None:
    entries = good_entries(run)
    change(entries[1])
    good = write_export(tmp_path / "good.json", [dict(entries[0], id="fine")])
    bad = write_export(tmp_path / "bad.json", entries)
    assert_refused(run, [good, bad], message)


def test_a_session_twice_in_one_file_is_refused(run, tmp_path) -> None:
    entries = good_entries(run)
    path = write_export(tmp_path / "twice.json", [entries[0], entries[0]])
    assert_refused(run, [path], "session 2 (xs0002) appears twice")


def test_imported_control_characters_never_reach_the_terminal(run, tmp_path) -> None:
    entries = good_entries(run)
    entries[0]["phases"][0]["notes"] = "ok \x1b]0;owned\x07 \x1b[2J \x9b31m"
    entries[0]["item_title"] = "Title \x1b[31mred"
    path = write_export(tmp_path / "evil.json", entries)
    result = run("history", "import", str(path))
    assert result.exit_code == 0, result.output
    for args in (["history"], ["history", "show", "xs0002"], ["history", "export", "-f", "md"],
                 ["history", "export", "-f", "csv"], ["history", "--json"]):  # fmt: skip
        shown = run(*args)
        assert shown.exit_code == 0, shown.output
        assert "\x1b" not in shown.stdout and "\x9b" not in shown.stdout, args
    assert "\\x1b]0;owned" in run("history", "show", "xs0002").stdout


# -- delete --------------------------------------------------------------------


def test_delete_with_yes_removes_only_the_named_sessions(run) -> None:
    save(make_session(1), make_session(2, status="abandoned"), make_session(3))
    result = run("history", "delete", "s0002", "s0003", "--yes")
    assert result.exit_code == 0, result.output
    assert "Deleted 2 sessions:" in result.stdout
    assert "s0002  2026-01-03 00:00Z  dynamodb: Amazon DynamoDB  (abandoned)" in result.stdout
    assert ids_in_history() == ["s0001"]
    with open_history() as store:
        assert store.db.execute("SELECT count(*) FROM phases").fetchone()[0] == 2
        assert store.db.execute("SELECT count(*) FROM scores").fetchone()[0] == 2


def test_delete_without_a_terminal_or_yes_deletes_nothing(run) -> None:
    save(make_session(1))
    result = run("history", "delete", "s0001")
    assert result.exit_code == 2
    assert "add --yes" in result.stderr
    assert ids_in_history() == ["s0001"]


def test_delete_of_an_unknown_session_deletes_nothing(run) -> None:
    save(make_session(1), make_session(2))
    result = run("history", "delete", "s0001", "zzz", "--yes")
    assert result.exit_code == 1
    assert "no session with ID 'zzz'" in result.stderr
    assert ids_in_history() == ["s0001", "s0002"]


@pytest.mark.parametrize("answer", [True, False])
def test_delete_asks_naming_what_will_go(run, monkeypatch, answer: bool) -> None:
    from sysdrill.cli import history as history_cli
    from sysdrill.tui import prompts

    save(make_session(1), make_session(2))
    asked: list[str] = []
    monkeypatch.setattr(history_cli, "can_ask", lambda: True)
    monkeypatch.setattr(prompts, "confirm", lambda q, default: asked.append(q) or answer)
    result = run("history", "delete", "s0001")
    assert result.exit_code == 0, result.output
    assert asked == ["Delete this session? This cannot be undone."]
    assert "s0001  2026-01-02 00:00Z  dynamodb: Amazon DynamoDB  (completed)" in result.stdout
    assert ids_in_history() == (["s0002"] if answer else ["s0001", "s0002"])
    assert ("Nothing deleted." in result.stdout) == (not answer)


def test_a_missing_import_file_is_one_line(run, tmp_path) -> None:
    save(make_session(1))
    assert_refused(run, [tmp_path / "nowhere.json"], "cannot read")


def test_deletion_lines_fit_80_columns() -> None:
    from sysdrill.tui.history_view import deletion_lines

    long = make_session(1, item_title="A very long title " * 6)
    [line] = deletion_lines([long])
    assert len(line) <= 78 and line.endswith("…  (completed)")
