"""Every usage error is one line on stderr naming the help to read, with exit code 2."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.parametrize(
    ("args", "words", "command"),
    [
        (["--bogus"], ["--bogus"], "sysdrill"),
        (["list", "--bogus"], ["--bogus"], "sysdrill list"),
        (["show"], ["ID"], "sysdrill show"),
        (["show", "x", "extra"], ["extra"], "sysdrill show"),
        (["history", "--limit", "0"], ["--limit", "0"], "sysdrill history"),
        (["history", "export", "--format", "xml"], ["--format", "xml"], "sysdrill history export"),
        (["history", "import"], ["FILE"], "sysdrill history import"),
        (["--content-dir", "/nonexistent/pack", "list"], ["--content-dir"], "sysdrill"),
        (["drill", "--probes", "10", "dynamodb"], ["--probes", "10"], "sysdrill drill"),
    ],
)
def test_a_usage_error_is_one_line(run, args: list[str], words: list[str], command: str) -> None:
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("sysdrill: ")
    assert lines[0].endswith(f"(see '{command} --help')")
    for word in words:
        assert word in lines[0]
    assert "Usage:" not in result.stderr and "Traceback" not in result.stderr


def test_no_arguments_still_prints_the_help(run) -> None:
    result = run()
    assert "Commands:" in result.output and "history" in result.output


@pytest.mark.parametrize("args", [["--help"], ["history", "--help"], ["-h"], ["--version"]])
def test_help_and_version_exit_0(run, args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip()


def test_an_error_of_our_own_keeps_its_exit_code(run) -> None:
    result = run("show", "no-such-item-anywhere")
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1


def test_the_installed_command_prints_one_line_too(tmp_path: Path) -> None:
    env = {**os.environ, "SYSDRILL_HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "sysdrill", "list", "--bogus"],
        capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and "--bogus" in lines[0], done.stderr
    assert lines[0].startswith("sysdrill: ") and lines[0].endswith("(see 'sysdrill list --help')")
