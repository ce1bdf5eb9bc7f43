"""`new`: a starting file for a problem, case study or rubric."""

# No `from __future__ import annotations` here: see sysdrill/cli/__init__.py.

import os
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
    from sysdrill.files import create_new, private_dir

    chosen = choice(kind, list(KINDS), "kind")
    assert chosen is not None
    if not valid_id(item_id):
        raise UsageError(
            f"'{item_id}' cannot be an ID: use lower-case letters, digits and hyphens,"
            " starting with a letter or digit (at most 64)"
        )
    path = directory / f"{item_id}.yaml"
    text = scaffold(chosen, item_id, schema=f"./{SCHEMA_NAME}", name=str(path))
    builtin = _builtin_entry(item_id)
    try:
        private_dir(directory)
        create_new(path, text)
    except FileExistsError:
        raise SysdrillError(f"{path} already exists; not overwriting it") from None
    except OSError as exc:
        raise SysdrillError(f"cannot write {path}: {exc.strerror or exc}") from None
    wrote_schema = _write_schema(directory / SCHEMA_NAME)
    sys.stdout.write(f"Wrote {path}\n")
    if wrote_schema:
        sys.stdout.write(f"Wrote {directory / SCHEMA_NAME} (the schema {path.name} names)\n")
    if builtin is not None:
        sys.stderr.write(
            f"sysdrill: warning: '{item_id}' is the ID of a built-in {builtin}; this"
            f" {chosen} will override it wherever the pack is loaded\n"
        )
    sys.stderr.write(f"Replace each FILL IN, then check it: sysdrill validate {path}\n")


SCHEMA_NAME = "sysdrill.schema.json"


def _write_schema(path: Path) -> bool:
    """The schema beside the new file, so the editor's link travels with the pack.

    An existing file is left as it is; True when it was written now.
    """
    from sysdrill.content.schema import SCHEMA_PATH
    from sysdrill.files import create_new

    if os.path.lexists(path):
        return False
    try:
        create_new(path, SCHEMA_PATH.read_text(encoding="utf-8"))
    except FileExistsError:
        return False
    except OSError as exc:
        raise SysdrillError(f"cannot write {path}: {exc.strerror or exc}") from None
    return True


def _builtin_entry(item_id: str) -> str | None:
    """The kind and title of the built-in item with this ID, or None."""
    from sysdrill.content.catalogue import builtin_roots, load_catalogue
    from sysdrill.paths import usable_cache_dir
    from sysdrill.text import one_line

    index_dir, _ = usable_cache_dir()
    for entry in load_catalogue(builtin_roots(), index_dir=index_dir).entries:
        if entry.id == item_id:
            return f"{entry.kind.replace('-', ' ')} ({one_line(entry.title)})"
    return None


def register(app: typer.Typer) -> None:
    app.command()(new)
