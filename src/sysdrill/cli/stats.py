"""`stats`: how drilling is going, from the history."""

# No `from __future__ import annotations` here: see sysdrill/cli/__init__.py.

import sys
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Annotated

import typer

from sysdrill.cli.context import open_catalogue
from sysdrill.errors import NotFoundError, UsageError

if TYPE_CHECKING:
    import sqlite3

PersonOption = Annotated[
    str | None,
    typer.Option("--person", help="Only this person's drills (solo, or as the candidate)."),
]
TodayOption = Annotated[
    str | None,
    typer.Option(
        "--today", metavar="DATE", help="Count as of the end of this day (YYYY-MM-DD, UTC)."
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]


# Dates a report can be made for: far enough from date's own limits that
# the weeks before and the intervals after a day can still be counted.
FIRST_DAY = date(1970, 1, 1)
LAST_DAY = date(9000, 12, 31)


def parse_day(text: str, option: str) -> date:
    from sysdrill.text import one_line

    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"{option} takes a date as YYYY-MM-DD, not '{one_line(text)}'") from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise UsageError(
            f"{option} takes a date as YYYY-MM-DD from {FIRST_DAY} to {LAST_DAY}, not '{day}'"
        )
    return day


def now_for(today: str | None) -> datetime:
    """The moment a report is made for: now, or the end of the day given with --today."""
    if today is None:
        return datetime.now(UTC).replace(microsecond=0)
    from sysdrill.stats.report import end_of_day

    return end_of_day(parse_day(today, "--today"))


def check_person(db: "sqlite3.Connection", person: str | None) -> str | None:
    from sysdrill.history.progress import person_known
    from sysdrill.pairs import clean_name

    name = clean_name(person)
    if person is not None and name is None:
        raise UsageError("--person needs a name")
    if name is not None and not person_known(db, name):
        raise NotFoundError(f"no drills by or with '{name}' in the history")
    return name


def stats(
    ctx: typer.Context,
    person: PersonOption = None,
    since: Annotated[
        str | None,
        typer.Option("--since", metavar="DATE", help="Only drills from this day on (YYYY-MM-DD)."),
    ] = None,
    as_json: JsonOption = False,
    today: TodayOption = None,
) -> None:
    """Progress: sessions, drill days, coverage, scores by dimension, pacing, calibration."""
    from sysdrill.cli.drill import open_store
    from sysdrill.history.progress import Scope
    from sysdrill.session.clock import utc_text
    from sysdrill.stats.report import build_report, report_json

    start = parse_day(since, "--since") if since is not None else None
    now = now_for(today)
    catalogue = open_catalogue(ctx)
    with open_store(write=False) as store:
        name = check_person(store.db, person)
        scope = Scope(
            person=name,
            since=f"{start.isoformat()}T00:00:00Z" if start else None,
            until=utc_text(now),
        )
        report = build_report(
            store.db, scope, [(e.id, e.category) for e in catalogue.drillable()], now
        )
    if as_json:
        from sysdrill.text import json_text

        sys.stdout.write(json_text(report_json(report)) + "\n")
        return
    if report.empty:
        if name is not None:
            when = f" since {start.isoformat()}" if start else ""
            sys.stdout.write(
                f"No drills of {name}'s own{when}: none as the candidate in a pair,"
                f" and no solo drill given --name {name}.\n"
            )
            return
        if start is not None:
            sys.stdout.write(f"No drills since {start.isoformat()}.\n")
            return
        sys.stdout.write(
            "No drills yet. `sysdrill next` suggests an item to start with, and"
            " `sysdrill drill ID` runs it; progress shows here once you have drilled.\n"
        )
        return
    from sysdrill.text import printable_data
    from sysdrill.tui.stats_view import print_stats

    print_stats(printable_data(report))  # titles and IDs from the history are others' text


def register(app: typer.Typer) -> None:
    app.command()(stats)
