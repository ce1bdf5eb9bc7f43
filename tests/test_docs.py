"""Docs that cannot go stale: the CLI reference is the real --help output.

Regenerate after changing a command: UPDATE_DOCS=1 pytest tests/test_docs.py
"""

from __future__ import annotations

import os
import re
import shlex

import click
import pytest
import typer
from tests.conftest import REPO, write_problem

from sysdrill.cli import app

CLI_DOC = REPO / "docs" / "cli.md"


def help_text(args: list[str]) -> str:
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, [*args, "--help"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    return result.stdout.rstrip()


def command_paths() -> list[list[str]]:
    paths: list[list[str]] = [[]]
    root = typer.main.get_command(app)

    def walk(command: click.Command, prefix: list[str]) -> None:
        if isinstance(command, click.Group):
            for name, sub in command.commands.items():
                paths.append([*prefix, name])
                walk(sub, [*prefix, name])

    walk(root, [])
    return paths


def render_reference() -> str:
    parts = [
        "# Command reference",
        "",
        "Generated from `sysdrill --help`; `UPDATE_DOCS=1 pytest tests/test_docs.py`",
        "regenerates it.",
    ]
    for path in command_paths():
        parts += [
            "",
            f"## sysdrill {' '.join(path)}".rstrip(),
            "",
            "```text",
            help_text(path),
            "```",
        ]
    return "\n".join(parts) + "\n"


def test_cli_reference_is_current() -> None:
    expected = render_reference()
    if os.environ.get("UPDATE_DOCS"):
        CLI_DOC.write_text(expected, encoding="utf-8")
    assert CLI_DOC.read_text(encoding="utf-8") == expected, (
        "run UPDATE_DOCS=1 pytest tests/test_docs.py"
    )


def a_saved_session_id() -> str:
    from sysdrill.content.catalogue import builtin_roots, load_catalogue
    from sysdrill.history.store import open_history
    from sysdrill.session.clock import ManualClock
    from sysdrill.session.drill import Drill
    from sysdrill.session.state import start_session

    catalogue = load_catalogue(builtin_roots(), index_dir=None)
    item = catalogue.load_item(catalogue.find("dynamodb"))
    rubric = catalogue.load_rubric(item.rubric_id)
    clock = ManualClock()
    with open_history() as store:
        drill = Drill(start_session(item, rubric, clock=clock), item, rubric, clock=clock,
                      save=store.save)  # fmt: skip
        drill.begin_phase()
        drill.set_notes("10 trillion requests a day")
        drill.stop()
    return drill.session.id


def doc_commands() -> list[str]:
    """Every `sysdrill` line in the sh blocks of the README and docs/history.md."""
    commands = []
    for doc in ("README.md", "docs/history.md"):
        text = (REPO / doc).read_text(encoding="utf-8")
        for block in re.findall(r"```sh\n(.*?)```", text, flags=re.S):
            for line in block.splitlines():
                line = line.split("#", 1)[0].strip()
                interactive = line.startswith(("sysdrill drill", "sysdrill resume"))
                if line.startswith("sysdrill ") and not interactive:  # those run in tmux tests
                    commands.append(line)
    return commands


@pytest.mark.parametrize("command", doc_commands())
def test_doc_examples_run(run, command: str, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)  # examples that write a file write it here
    args = shlex.split(command.split(">", 1)[0])[1:]
    args = [str(tmp_path / "pack") if a == "my-pack/" or a == "my-pack" else a for a in args]
    (tmp_path / "pack").mkdir(exist_ok=True)
    write_problem(tmp_path / "pack", "widget-store")
    if args[:1] == ["history"]:
        session = a_saved_session_id()
        args = [session[:4] if a == "3f2a" else a for a in args]
        if args[1:2] == ["import"]:
            assert run("history", "export", "-o", args[2]).exit_code == 0
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert result.output.strip(), command
