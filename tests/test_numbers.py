"""Numbers in content and on the command line: finite, in range, never a crash."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import PROBLEM

from sysdrill.errors import UsageError
from sysdrill.session.duration import parse_duration


def write_minutes(pack: Path, value: str) -> Path:
    path = pack / "numbers.yaml"
    path.write_text(
        PROBLEM.format(id="numbers", title="Numbers").replace("minutes: 10", f"minutes: {value}"),
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (".inf", "phases[0].minutes: must be a finite number"),
        ("-.inf", "phases[0].minutes: must be a finite number"),
        (".nan", "phases[0].minutes: must be a finite number"),
        ("1.0e+308", "phases[0].minutes: must be at most 600"),
        ("601", "phases[0].minutes: must be at most 600"),
        ("5.0e-324", "phases[0].minutes: must be at least 0.1"),
        ("0", "phases[0].minutes: must be greater than 0"),
    ],
)
def test_minutes_out_of_range_fail_validate(run, pack: Path, value: str, message: str) -> None:
    path = write_minutes(pack, value)
    result = run("validate", str(path))
    assert result.exit_code == 1, result.output
    assert result.stdout.splitlines() == [f"{path}:18:14: {message}"]


@pytest.mark.parametrize("value", ["0.1", "600", "7.5"])
def test_minutes_in_range_pass(run, pack: Path, value: str) -> None:
    result = run("validate", str(write_minutes(pack, value)))
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("value", [".inf", ".nan", "1.0e+308", "5.0e-324", "1e308"])
def test_list_json_stays_strict_json(run, pack: Path, monkeypatch, value: str) -> None:
    write_minutes(pack, value)
    monkeypatch.setenv("SYSDRILL_CONTENT_PATH", str(pack))
    result = run("list", "--json")
    assert result.exit_code == 0, result.output
    json.loads(result.stdout, parse_constant=lambda name: pytest.fail(f"{name} is not JSON"))
    assert "numbers.yaml" in result.stderr


@pytest.mark.parametrize("value", [".inf", "1.0e+308", "5.0e-324"])
def test_drill_refuses_the_item_instead_of_crashing(run, pack: Path, monkeypatch, value) -> None:
    import sysdrill.cli.drill as drill_cli

    write_minutes(pack, value)
    monkeypatch.setenv("SYSDRILL_CONTENT_PATH", str(pack))
    monkeypatch.setattr(drill_cli, "require_terminal", lambda command: None)
    result = run("drill", "numbers", "--duration", "20m")
    assert result.exit_code == 1, result.output
    assert "internal error" not in result.stderr
    assert "no item with ID 'numbers'" in result.stderr


@pytest.mark.parametrize(
    "text",
    ["9" * 401, "9" * 401 + "m", "1e999", "-5", "-5m", "0", "0s", "0.0001s", "11h", "inf", "nan"],
)
def test_durations_out_of_range_are_usage_errors(text: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_duration(text)
    assert "\n" not in str(caught.value) and len(str(caught.value)) < 200


@pytest.mark.parametrize("text", ["9" * 401, "1e999", "-5", "0"])
def test_drill_with_a_bad_duration_exits_2_with_one_line(run, monkeypatch, text: str) -> None:
    import sysdrill.cli.drill as drill_cli

    monkeypatch.setattr(drill_cli, "require_terminal", lambda command: None)
    result = run("drill", "dynamodb", "--duration", text)
    assert result.exit_code == 2, result.output
    assert len(result.stderr.splitlines()) == 1
    assert "internal error" not in result.stderr
