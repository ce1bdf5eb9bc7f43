"""Shell completion for the values users type: IDs, sessions, categories, tags.

Completion runs on every Tab, so it must be quick and quiet: items come from
the catalogue index (no YAML is read while the index is warm), sessions from
one read-only query of the history, and any failure completes nothing rather
than printing a warning or a traceback into the user's shell line.

Completers are attached by name, in one table, so every command that takes
`--category` or an item ID completes it the same way without each declaring it.
"""

# No `from __future__ import annotations` here: see sysdrill/cli/__init__.py.

import os
from collections.abc import Callable
from typing import Annotated, Any

import click
import typer

Completer = Callable[[click.Context, str], list[tuple[str, str]]]

SHELLS = ("bash", "zsh", "fish")
COMPLETE_VAR = "_SYSDRILL_COMPLETE"


def _catalogue(ctx: click.Context) -> Any:
    from sysdrill.cli.context import content_roots
    from sysdrill.content.catalogue import load_catalogue
    from sysdrill.paths import usable_cache_dir

    index_dir, _ = usable_cache_dir()
    return load_catalogue(content_roots(ctx), index_dir=index_dir)


def _items(*kinds: str) -> Completer:
    def complete(ctx: click.Context, _incomplete: str) -> list[tuple[str, str]]:
        entries = _catalogue(ctx).entries
        return sorted((e.id, e.title) for e in entries if not kinds or e.kind in kinds)

    return complete


def _categories(ctx: click.Context, _incomplete: str) -> list[tuple[str, str]]:
    from sysdrill.content.vocabulary import CATEGORIES

    return [(c, CATEGORIES.get(c, "")) for c in _catalogue(ctx).categories()]


def _tags(ctx: click.Context, _incomplete: str) -> list[tuple[str, str]]:
    return [(t, "") for t in sorted({t for e in _catalogue(ctx).entries for t in e.tags})]


def _fixed(*values: str) -> Completer:
    return lambda _ctx, _incomplete: [(v, "") for v in values]


def _sessions(*, unfinished: bool = False) -> Completer:
    def complete(_ctx: click.Context, _incomplete: str) -> list[tuple[str, str]]:
        import sqlite3

        from sysdrill.history.db import DB_NAME
        from sysdrill.paths import data_dir_path

        path = data_dir_path() / DB_NAME
        if not path.exists():
            return []
        where = "WHERE status = 'in_progress' " if unfinished else ""
        db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=0.1)
        try:
            rows = db.execute(
                f"SELECT id, item_id, started_at FROM sessions {where}"  # noqa: S608
                "ORDER BY started_at DESC LIMIT 500"
            ).fetchall()
        finally:
            db.close()
        return [(str(i), f"{item} {str(started)[:16]}") for i, item, started in rows]

    return complete


ITEMS = _items("problem", "case-study")
# By option name, whatever the command; arguments by (command, parameter name).
BY_OPTION: dict[str, Completer] = {
    "--category": _categories,
    "--tag": _tags,
    "--level": _fixed("L6", "L7"),
    "--kind": _fixed("problem", "case-study", "rubric"),
    "--rubric": _items("rubric"),
    "--item": ITEMS,
    "--status": _fixed("new", "drilled", "due"),
}
BY_ARGUMENT: dict[tuple[str, str], Completer] = {
    ("drill", "item_id"): ITEMS,
    ("show", "item_id"): _items(),
    ("new", "kind"): _fixed("problem", "case-study", "rubric"),
    ("show", "session_id"): _sessions(),
    ("delete", "session_ids"): _sessions(),
    ("export", "session_ids"): _sessions(),
    ("resume", "session_id"): _sessions(unfinished=True),
}


def _shell_complete(completer: Completer) -> Callable[..., list[Any]]:
    def complete(ctx: click.Context, _param: click.Parameter, incomplete: str) -> list[Any]:
        from click.shell_completion import CompletionItem

        try:
            values = completer(ctx, incomplete)
        except Exception:  # a broken index or history completes nothing, silently
            return []
        from sysdrill.text import one_line

        # Sessions may come from someone else's history: whatever they hold
        # reaches the shell's line as plain, one-line text.
        needle = incomplete.lower()
        return [
            CompletionItem(one_line(v), help=one_line(h) or None)
            for v, h in values
            if v.lower().startswith(needle)
        ]

    return complete


def attach_completers(command: click.Command, name: str = "") -> None:
    """Give the parameters of ``command`` (and those under it) their completers."""
    for param in command.params:
        completer = None
        if isinstance(param, click.Option):
            completer = next((BY_OPTION[o] for o in param.opts if o in BY_OPTION), None)
        elif param.name:
            completer = BY_ARGUMENT.get((name, param.name))
        if completer is not None:
            param._custom_shell_complete = _shell_complete(completer)  # click's own hook
    if isinstance(command, click.Group):
        for sub_name, sub in command.commands.items():
            attach_completers(sub, sub_name)


def script(shell: str) -> str:
    """The script that makes ``shell`` ask sysdrill for completions."""
    from typer._completion_shared import get_completion_script

    return get_completion_script(prog_name="sysdrill", complete_var=COMPLETE_VAR, shell=shell)


def typer_instruction(value: str) -> str:
    """Accept click's spelling (``bash_complete``) beside Typer's (``complete_bash``)."""
    first, _, second = value.partition("_")
    if first in (*SHELLS, "powershell", "pwsh") and second in ("complete", "source"):
        return f"{second}_{first}"
    return value


def normalise_instruction() -> None:
    value = os.environ.get(COMPLETE_VAR)
    if value:
        os.environ[COMPLETE_VAR] = typer_instruction(value)


def completion(
    shell: Annotated[str, typer.Argument(metavar="SHELL", help="bash, zsh or fish.")],
) -> None:
    """Print the completion script for SHELL (see the README for where it goes)."""
    import sys

    from sysdrill.cli.catalogue import choice

    chosen = choice(shell, list(SHELLS), "shell")
    assert chosen is not None
    sys.stdout.write(script(chosen).rstrip("\n") + "\n")


INSTALL = """Install it once for your shell:

\b
  bash:  sysdrill completion bash > ~/.local/share/bash-completion/completions/sysdrill
  zsh:   sysdrill completion zsh > ~/.zfunc/_sysdrill
         (with fpath+=~/.zfunc; autoload -Uz compinit; compinit in ~/.zshrc)
  fish:  sysdrill completion fish > ~/.config/fish/completions/sysdrill.fish

Then open a new shell. Tab completes commands, options, item and rubric IDs,
session IDs, categories, tags, kinds and levels."""


def register(app: typer.Typer) -> None:
    app.command(epilog=INSTALL)(completion)
