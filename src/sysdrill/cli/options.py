"""The options every command takes, before or after its name.

`sysdrill --content-dir pack list` and `sysdrill list --content-dir pack`
mean the same. The options are declared once here; the group adds them to
itself and to every command under it, and each use adds to the one
Settings object on the root context.
"""

from __future__ import annotations

from typing import Any

import click

from sysdrill.cli.context import Settings

CONTENT_DIR_HELP = "Extra directory of content YAML (repeatable). Also: SYSDRILL_CONTENT_PATH."
DEBUG_HELP = "Show tracebacks for errors."


def root_settings(ctx: click.Context) -> Settings:
    """The Settings on the root context, made on first use."""
    root = ctx.find_root()
    if not isinstance(root.obj, Settings):
        root.obj = Settings()
    return root.obj


def _add_content_dirs(ctx: click.Context, _param: click.Parameter, value: Any) -> None:
    chosen = root_settings(ctx).content_dirs
    for path in value or ():
        if path not in chosen:
            chosen.append(path)


def _add_debug(ctx: click.Context, _param: click.Parameter, value: Any) -> None:
    if value:
        root_settings(ctx).debug = True


def shared_options() -> list[click.Parameter]:
    """Fresh copies of the shared options (a parameter belongs to one command)."""
    from pathlib import Path

    return [
        click.Option(
            ["--content-dir"],
            multiple=True,
            type=click.Path(
                exists=True, file_okay=False, dir_okay=True, resolve_path=True, path_type=Path
            ),
            expose_value=False,
            callback=_add_content_dirs,
            help=CONTENT_DIR_HELP,
        ),
        click.Option(
            ["--debug"],
            is_flag=True,
            expose_value=False,
            callback=_add_debug,
            help=DEBUG_HELP,
        ),
    ]


def add_shared_options(command: click.Command) -> None:
    """Give ``command`` and every command under it the shared options."""
    have = {name for param in command.params for name in param.opts}
    extra = [p for p in shared_options() if not have.intersection(p.opts)]
    command.params.extend(extra)
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            add_shared_options(sub)
