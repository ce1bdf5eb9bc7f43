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
