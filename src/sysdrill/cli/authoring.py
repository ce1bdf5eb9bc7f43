"""`new`: a starting file for a problem, case study or rubric."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from sysdrill.errors import SysdrillError, UsageError


def new(
    kind: Annotated[str, typer.Argument(metavar="KIND", help="problem, case-study or rubric.")],
    item_id: Annotated[
        str, typer.Argument(metavar="ID", help="Lower-case letters, digits and hyphens.")
    ],
    directory: Annotated[
        Path,
        typer.Option(
            "--dir", "-d", help="Where to write ID.yaml (made if missing).", file_okay=False
        ),
    ] = Path("."),
) -> None:
    """Write ID.yaml with every field commented; fill in each FILL IN, then validate it."""
    from sysdrill.cli.catalogue import choice
    from sysdrill.content.scaffold import KINDS, scaffold, valid_id
    from sysdrill.content.schema import SCHEMA_PATH
    from sysdrill.files import create_new

    chosen = choice(kind, list(KINDS), "kind")
    assert chosen is not None
    if not valid_id(item_id):
        raise UsageError(
            f"'{item_id}' cannot be an ID: use lower-case letters, digits and hyphens,"
            " starting with a letter or digit (at most 64)"
        )
    path = directory / f"{item_id}.yaml"
    text = scaffold(chosen, item_id, schema=SCHEMA_PATH.resolve().as_posix(), name=str(path))
    try:
        directory.mkdir(parents=True, exist_ok=True)
        create_new(path, text)
    except FileExistsError:
        raise SysdrillError(f"{path} already exists; not overwriting it") from None
    except OSError as exc:
        raise SysdrillError(f"cannot write {path}: {exc.strerror or exc}") from None
    sys.stdout.write(f"Wrote {path}\n")
    sys.stderr.write(f"Replace each FILL IN, then check it: sysdrill validate {path}\n")


def register(app: typer.Typer) -> None:
    app.command()(new)
