"""Numbers and dates out of every range get a one-line error, never an internal one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.test_history_transfer import (
    assert_refused,
    good_entries,
    make_session,
    save,
    write_export,
)


def assert_usage_error(result: object, *words: str) -> None:
    assert result.exit_code == 2, result.output  # type: ignore[attr-defined]
    stderr = result.stderr  # type: ignore[attr-defined]
    assert "internal error" not in stderr and "Traceback" not in stderr
    assert stderr.strip().splitlines()[-1]
    for word in words:
        assert word in stderr, stderr


def test_a_huge_history_limit_is_a_usage_error(run) -> None:
    save(make_session(1))
    assert_usage_error(run("history", "--limit", "9" * 23), "--limit")
    assert_usage_error(run("history", "list", "-n", str(2**63)), "--limit")


@pytest.mark.parametrize(
    "args",
    [
        ["stats", "--today", "9999-12-31"],
        ["stats", "--today", "0001-01-01"],
        ["stats", "--since", "9999-12-31"],
        ["next", "--today", "9999-12-31"],
        ["next", "--today", "0001-01-01"],
    ],
)
def test_a_day_at_the_end_of_the_calendar_is_a_usage_error(run, args: list[str]) -> None:
    save(make_session(1))
    result = run(*args)
    assert_usage_error(result, args[1], "YYYY-MM-DD")
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_far_but_sane_day_still_works(run) -> None:
    save(make_session(1))
    assert run("stats", "--today", "9000-12-31").exit_code == 0
    assert run("next", "--today", "9000-12-31").exit_code == 0


def test_an_export_with_an_endless_version_number_is_refused(run, tmp_path: Path) -> None:
    path = tmp_path / "long.json"
    path.write_text(
        '{"format":"sysdrill-history","version":' + "9" * 100_000 + ',"sessions":[]}',
        encoding="utf-8",
    )
    assert_refused(run, [path], "longer than 30 digits")


def test_a_lone_surrogate_in_imported_text_is_replaced_and_exports_again(
    run, tmp_path: Path
) -> None:
    entries = good_entries(run)
    entries[0]["reflection"] = "half a pair: \ud800 here"
    entries[0]["phases"][0]["notes"] = "pair kept: \U0001f600, lone: \udfff"
    path = tmp_path / "surrogate.json"
    path.write_text(
        json.dumps({"format": "sysdrill-history", "version": 1, "sessions": entries}),
        encoding="utf-8",
    )
    assert "\\ud800" in path.read_text(encoding="utf-8")
    result = run("history", "import", str(path))
    assert result.exit_code == 0, result.output
    out = run("history", "export", entries[0]["id"])
    assert out.exit_code == 0, out.output
    session = json.loads(out.stdout)["sessions"][0]
    assert session["reflection"].startswith("half a pair: \ufffd")
    assert "\U0001f600" in session["phases"][0]["notes"]
    assert "\ufffd" in session["phases"][0]["notes"]
    shown = run("history", "show", entries[0]["id"])
    assert shown.exit_code == 0, shown.output


def test_the_good_entries_still_import(run, tmp_path: Path) -> None:
    path = write_export(tmp_path / "ok.json", good_entries(run))
    assert run("history", "import", str(path)).exit_code == 0
