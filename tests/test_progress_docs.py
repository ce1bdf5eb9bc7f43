"""The `stats` and `next` output shown in the README and docs is what sysdrill prints.

Each block after an `<!-- output: ARGS -->` comment is the output of
`sysdrill ARGS` at 80 columns with NO_COLOR, over the history that
docs/examples/month.py builds; `(excerpt)` after the arguments means the
block is a part of it. `UPDATE_DOCS=1 pytest tests/test_progress_docs.py`
rewrites the whole blocks.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shlex
import sys
from pathlib import Path

import pytest
from tests.conftest import REPO
from typer.testing import CliRunner

from sysdrill.cli import app

PAGES = [REPO / "README.md", REPO / "docs" / "progress.md"]
BLOCK = re.compile(r"<!-- output: (.*?) -->\n```text\n(.*?)```", re.S)


@pytest.fixture(scope="module")
def month_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("month")
    spec = importlib.util.spec_from_file_location("month", REPO / "docs/examples/month.py")
    assert spec and spec.loader
    month = importlib.util.module_from_spec(spec)
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(sys.modules, "month", month)  # its dataclasses look themselves up
        spec.loader.exec_module(month)
        patch.setenv("SYSDRILL_HOME", str(home))
        assert month.build(home) == 0
    return home


def printed(args: str, home: Path, columns: int = 80) -> str:
    from sysdrill.tui.console import stdout

    stdout.cache_clear()  # the console takes its width when it is made
    try:
        result = CliRunner().invoke(
            app,
            shlex.split(args),
            env={"SYSDRILL_HOME": str(home), "COLUMNS": str(columns), "NO_COLOR": "1"},
        )
    finally:
        stdout.cache_clear()
    assert result.exit_code == 0, result.output
    return result.stdout


def shown_blocks() -> list[tuple[Path, str, str]]:
    return [
        (page, match.group(1), match.group(2))
        for page in PAGES
        for match in BLOCK.finditer(page.read_text(encoding="utf-8"))
    ]


def test_the_pages_show_stats_and_next() -> None:
    shown = {args.split()[0] for _, args, _ in shown_blocks()}
    assert {"stats", "next"} <= shown


@pytest.mark.parametrize(
    ("page", "args", "block"),
    shown_blocks(),
    ids=[f"{p.name}: {a}" for p, a, _ in shown_blocks()],
)
def test_shown_output_is_what_sysdrill_prints(page: Path, args: str, block: str, month_home):
    excerpt = args.endswith("(excerpt)")
    actual = printed(args.removesuffix("(excerpt)").strip(), month_home)
    if excerpt:
        assert block in actual, f"{page.name}: this is no longer part of `sysdrill {args}`"
        return
    if os.environ.get("UPDATE_DOCS") and block != actual:
        text = page.read_text(encoding="utf-8")
        old = f"<!-- output: {args} -->\n```text\n{block}```"
        page.write_text(text.replace(old, f"<!-- output: {args} -->\n```text\n{actual}```"))
        block = actual
    assert block == actual, f"{page.name}: run UPDATE_DOCS=1 pytest tests/test_progress_docs.py"


@pytest.mark.parametrize("columns", [80, 120])
def test_stats_and_next_fit_the_terminal(month_home, columns: int) -> None:
    for args in ("stats --today 2026-11-30", "next --today 2026-11-30"):
        lines = printed(args, month_home, columns).splitlines()
        assert max(len(line) for line in lines) <= columns
        assert "\x1b[" not in "\n".join(lines)  # NO_COLOR: nothing but text
