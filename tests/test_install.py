"""A real install: build the wheel, put it in a fresh virtual environment, run it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from tests.conftest import REPO

pytestmark = pytest.mark.e2e


def test_wheel_installs_and_lists_the_builtin_content(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(REPO)],
        check=True,
    )
    wheel = next(dist.glob("sysdrill-*.whl"))
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", "-q", str(wheel)], check=True)

    elsewhere = tmp_path / "elsewhere"  # not the checkout: content must come from the wheel
    elsewhere.mkdir()
    env = {**os.environ, "SYSDRILL_HOME": str(tmp_path / "home"), "NO_COLOR": "1"}
    env.pop("PYTHONPATH", None)
    result = subprocess.run(
        [str(bin_dir / "sysdrill"), "list", "--json"],
        cwd=elsewhere, env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    assert len(items) == 24
    assert all(str(env_dir) in item["path"] for item in items), items[0]["path"]
    table = subprocess.run(
        [str(bin_dir / "sysdrill"), "list"], cwd=elsewhere, env=env, capture_output=True, text=True
    )
    assert "14 problems, 10 case studies" in table.stdout
    module = subprocess.run(
        [str(bin_dir / "python"), "-m", "sysdrill", "--version"],
        cwd=elsewhere, env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert module.stdout.startswith("sysdrill ")
