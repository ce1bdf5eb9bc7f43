"""The browsing commands stay light: no interactive libraries at start-up."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

HEAVY = ("questionary", "prompt_toolkit", "sqlite3")


@pytest.mark.parametrize("args", [["list"], ["--help"], ["categories"], ["show", "dynamodb"]])
def test_browsing_imports_no_interactive_modules(args, isolated_home) -> None:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "sysdrill", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "SYSDRILL_HOME": str(isolated_home)},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    imported = {
        line.rsplit("|", 1)[1].strip().split(".")[0]
        for line in result.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    assert not imported & set(HEAVY), imported & set(HEAVY)


def test_version_prints_without_loading_the_command_line(isolated_home) -> None:
    from sysdrill import __version__

    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "sysdrill", "--version"],
        capture_output=True,
        text=True,
        env={**os.environ, "SYSDRILL_HOME": str(isolated_home)},
    )
    assert result.returncode == 0
    assert result.stdout == f"sysdrill {__version__}\n"
    imported = {
        line.rsplit("|", 1)[1].strip().split(".")[0]
        for line in result.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    assert not imported & {"typer", "click", "rich", "yaml"}


def test_listing_wraps_titles_as_textwrap_does() -> None:
    import textwrap

    from sysdrill.tui.listing import _wrap

    for title in ["Short", "", "  padded  ", "two  spaces", "tab\there", "a " * 40, "x" * 90]:
        assert _wrap(title, 30) == (textwrap.wrap(title, 30) or [""])
