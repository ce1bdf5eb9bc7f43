"""Sessions whose fields cannot go together are refused whole, naming the entry."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.test_history_transfer import assert_refused, good_entries, write_export


def set_field(entry: dict, key: str, value: object) -> None:
    if key.startswith("phases."):
        entry["phases"][0][key.split(".", 1)[1]] = value
    else:
        entry[key] = value


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("ended_at", "2000-01-01T00:00:00Z", "ended_at: is before started_at"),
        ("item_kind", "rubric", "item_kind: must be one of problem, case-study"),
        ("item_kind", "", "item_kind: must be one of"),
        ("duration_scale", 0, "duration_scale: must be more than 0"),
        ("duration_scale", -1, "duration_scale"),
        ("phases.planned_seconds", -5, "phases[0].planned_seconds"),
        ("phases.actual_seconds", float("nan"), "phases[0].actual_seconds"),
        ("phases.paused_seconds", float("inf"), "phases[0].paused_seconds"),
    ],
)
def test_an_inconsistent_session_is_refused(
    run, tmp_path: Path, key: str, value: object, message: str
) -> None:
    entries = good_entries(run)
    set_field(entries[1], key, value)
    path = write_export(tmp_path / "bad.json", entries)
    assert_refused(run, [path], f"session 2 ({entries[1]['id']}): {message}")


@pytest.mark.parametrize("names", [(None, None), ("Ana", None), (None, "Ben"), ("  ", "Ben")])
def test_a_pair_session_without_both_names_is_refused(run, tmp_path: Path, names) -> None:
    entries = good_entries(run)
    entries[0].update(mode="pair", interviewer=names[0], candidate=names[1])
    path = write_export(tmp_path / "pair.json", entries)
    assert_refused(run, [path], "a pair session needs the interviewer's and candidate's names")


def test_a_pair_session_with_both_names_imports(run, tmp_path: Path) -> None:
    entries = good_entries(run)
    entries[0].update(mode="pair", interviewer="Ana", candidate="Ben")
    path = write_export(tmp_path / "pair.json", entries)
    result = run("history", "import", str(path))
    assert result.exit_code == 0, result.output
    assert "2 added" in result.stdout
