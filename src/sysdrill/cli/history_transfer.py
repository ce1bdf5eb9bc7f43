"""`history export` and `history import`: a history you can hand on or move."""

# No `from __future__ import annotations` here: see sysdrill/cli/__init__.py.

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import click
import typer

from sysdrill.cli.drill import open_store
from sysdrill.cli.history import history_app
from sysdrill.errors import SysdrillError

if TYPE_CHECKING:
    from sysdrill.history.store import HistoryStore
    from sysdrill.session.state import DrillSession

MAX_DETAILS = 10


def phases_path(path: Path) -> Path:
    """Where a CSV export's phases go: out.csv -> out.phases.csv."""
    stem = path.name[: -len(".csv")] if path.name.lower().endswith(".csv") else path.name
    return path.with_name(f"{stem}.phases.csv")


def _chosen(store: "HistoryStore", prefixes: list[str]) -> "Iterator[DrillSession]":
    """The sessions named (all of them when none is), newest first, read one at a time."""
    from sysdrill.history.queries import EXPORT_ORDER, SessionFilter

    if prefixes:
        ids = list(dict.fromkeys(store.resolve(p) for p in prefixes))
        sessions = [store.load(i) for i in ids]
        yield from sorted(sessions, key=lambda s: (s.started_at, s.id), reverse=True)
        return
    from sysdrill.history.store import DamagedSessionError
    from sysdrill.text import one_line

    for session_id in store.iter_ids(SessionFilter(), order=EXPORT_ORDER):
        try:
            yield store.load(session_id)
        except DamagedSessionError as bad:  # the rest still go; this one is named
            sys.stderr.write(f"sysdrill: warning: {one_line(str(bad))}; not exported\n")


@history_app.command("export")
def history_export(
    session_ids: Annotated[
        list[str] | None,
        typer.Argument(metavar="[SESSION]...", help="IDs or prefixes; none: every session."),
    ] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            click_type=click.Choice(["json", "csv", "md"]),
            help="json (lossless, what import reads), csv (long format) or md (a report).",
        ),
    ] = "json",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", dir_okay=False, help="Write to FILE (whole or not at all)."),
    ] = None,
) -> None:
    """Export sessions as JSON, CSV or a Markdown report, to stdout or a file."""
    from sysdrill.history import reports, transfer

    with open_store(write=False) as store:
        sessions = _chosen(store, session_ids or [])
        first = next(sessions, None)  # resolve every prefix before writing anything
        if first is None and session_ids is None and output is None and fmt != "json":
            sys.stderr.write("No sessions yet: start one with `sysdrill drill`.\n")
        everything = _prepend(first, sessions)
        try:
            if fmt == "csv":
                _export_csv(everything, output)
            else:
                made = (
                    transfer.export_json(everything)
                    if fmt == "json"
                    else reports.markdown_report(everything)
                )
                if output is None:
                    for chunk in made:
                        sys.stdout.write(chunk)
                else:
                    transfer.write_atomic(output, made)
        except BrokenPipeError:
            raise  # the reader has gone (`| head`): the command line stops quietly
        except OSError as exc:
            where = "to standard output" if output is None else str(output)
            raise SysdrillError(f"cannot write {where}: {exc.strerror or exc}") from None
    if output is not None:
        extra = f" (phases in {phases_path(output)})" if fmt == "csv" else ""
        sys.stderr.write(f"Exported to {output}{extra}.\n")


def _prepend(
    first: "DrillSession | None", rest: "Iterator[DrillSession]"
) -> "Iterator[DrillSession]":
    if first is not None:
        yield first
    yield from rest


def _export_csv(sessions: "Iterator[DrillSession]", output: Path | None) -> None:
    from sysdrill.history import reports, transfer

    scores_header = ",".join(reports.SCORE_COLUMNS) + "\n"
    phases_header = ",".join(reports.PHASE_COLUMNS) + "\n"
    if output is None:
        # One stream: the scores, a blank line, then the phases (kept until then).
        phase_rows: list[str] = []
        sys.stdout.write(scores_header)
        for session in sessions:
            for row in reports.score_rows(session):
                sys.stdout.write(row)
            phase_rows.extend(reports.phase_rows(session))
        sys.stdout.write("\n" + phases_header + "".join(phase_rows))
        return
    with transfer.atomic_files(output, phases_path(output)) as (scores, phases):
        scores.write(scores_header)
        phases.write(phases_header)
        for session in sessions:
            scores.writelines(reports.score_rows(session))
            phases.writelines(reports.phase_rows(session))


@history_app.command("import")
def history_import(
    files: Annotated[
        list[Path], typer.Argument(metavar="FILE...", help="Files made by `history export`.")
    ],
) -> None:
    """Merge exported sessions into this history: all of them, or nothing.

    A session already here keeps the copy further along (completed beats
    unfinished; then the later stage and phase; then the one saved last).
    Importing the same file twice changes nothing.
    """
    from sysdrill.history.importer import KEPT, UPDATED, import_files

    with open_store() as store:
        report = import_files(store, files)
    names = ", ".join(str(f) for f in files)
    sys.stdout.write(f"Imported {names}: {report.summary()}.\n")
    details = [(i, "updated: the imported copy is further along") for i in
               report.outcomes.get(UPDATED, [])]  # fmt: skip
    details += [(i, "kept the copy here: it is further along") for i in
                report.outcomes.get(KEPT, [])]  # fmt: skip
    for session_id, why in details[:MAX_DETAILS]:
        sys.stdout.write(f"  {session_id}  {why}\n")
    if len(details) > MAX_DETAILS:
        sys.stdout.write(f"  ... and {len(details) - MAX_DETAILS} more\n")
