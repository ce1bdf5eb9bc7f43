"""`next`: the one item to drill now, and why."""

# No `from __future__ import annotations` here: see sysdrill/cli/__init__.py.

import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer

from sysdrill.cli.context import open_catalogue
from sysdrill.cli.stats import JsonOption, PersonOption, TodayOption, check_person, now_for
from sysdrill.errors import NotFoundError, SysdrillError

if TYPE_CHECKING:
    from sysdrill.schedule.book import CacheRow, ItemStatus
    from sysdrill.schedule.choose import Suggestion


def suggestion_json(suggestion: "Suggestion") -> dict[str, Any]:
    seen = suggestion.status
    return {
        "item_id": suggestion.item.item_id,
        "title": suggestion.item.title,
        "kind": suggestion.item.kind,
        "category": suggestion.item.category,
        "status": seen.status,
        "last_score": seen.last_score,
        "last_drilled": seen.last_drilled,
        "due": seen.due.strftime("%Y-%m-%dT%H:%M:%SZ") if seen.due else None,
        "why": suggestion.why,
        "reason": suggestion.reason,
    }


def next_item(
    ctx: typer.Context,
    person: PersonOption = None,
    kind: Annotated[
        str | None, typer.Option("--kind", "-k", help="Only problems or only case studies.")
    ] = None,
    category: Annotated[
        str | None, typer.Option("--category", "-c", help="Only this category.")
    ] = None,
    as_json: JsonOption = False,
    drill_now: Annotated[bool, typer.Option("--drill", help="Start that drill now.")] = False,
    today: TodayOption = None,
) -> None:
    """Suggest one item to drill now, with the reason: due, never drilled, or weakest."""
    from sysdrill.cli.catalogue import choice
    from sysdrill.cli.drill import open_store
    from sysdrill.content.vocabulary import KINDS
    from sysdrill.history.progress import Scope, dimensions, last_dimension_score
    from sysdrill.schedule.book import DUE, item_statuses
    from sysdrill.schedule.choose import Candidate, Weakest, choose
    from sysdrill.session.clock import utc_text

    kind = choice(kind, list(KINDS), "kind")
    now = now_for(today)
    catalogue = open_catalogue(ctx)
    category = choice(category, catalogue.categories(), "category")
    drillable = catalogue.drillable()
    pool = [
        Candidate(e.id, e.title, e.kind, e.category, e.rubric)
        for e in drillable
        if (kind is None or e.kind == kind) and (category is None or e.category == category)
    ]
    if not pool:
        raise NotFoundError("no items match those filters (see `sysdrill list`)")
    with open_store(write=False) as store:
        name = check_person(store.db, person)
        scope = Scope(person=name, until=utc_text(now))
        statuses, replayed = item_statuses(store.db, scope, [e.id for e in drillable], now)
        # The weakest dimension matters only when nothing in the pool is due.
        any_due = any(statuses[c.item_id].status == DUE for c in pool)
        summaries = [] if any_due else dimensions(store.db, scope)
        weakest = None
        weakest_scores: dict[str, int] = {}
        if summaries:
            low = min(summaries, key=lambda d: (d.average, d.dimension))
            weakest = Weakest(low.dimension_id, low.dimension, low.average)
            for item_id in (i for i, seen in statuses.items() if seen.last_drilled):
                last = last_dimension_score(store.db, scope, item_id, low.dimension_id)
                if last is not None:
                    weakest_scores[item_id] = last
    rubric_dimensions = {}
    if weakest is not None:
        for rubric_id in sorted({c.rubric for c in pool}):
            try:
                rubric = catalogue.load_rubric(rubric_id)
            except SysdrillError:  # a pack's broken rubric only loses the hint
                continue
            rubric_dimensions[rubric_id] = {d.id for d in rubric.dimensions}
    keep_schedules(replayed)
    suggestion = choose(
        pool,
        [(e.id, e.category) for e in drillable],
        statuses,
        now,
        weakest=weakest,
        weakest_scores=weakest_scores,
        rubric_dimensions=rubric_dimensions,
    )
    assert suggestion is not None  # the pool is not empty
    if as_json:
        from sysdrill.text import json_text

        sys.stdout.write(json_text(suggestion_json(suggestion)) + "\n")
        return
    from sysdrill.text import printable_data
    from sysdrill.tui.next_view import print_suggestion

    print_suggestion(printable_data(suggestion), hint=not drill_now)
    if drill_now:
        from sysdrill.cli.drill import drill

        drill(ctx, item_id=suggestion.item.item_id)


def register(app: typer.Typer) -> None:
    app.command("next")(next_item)


def current_statuses(item_ids: list[str]) -> "dict[str, ItemStatus]":
    """Each item's status now, for everyone's drills; all new when there is no history yet."""
    from datetime import UTC, datetime

    from sysdrill.cli.drill import open_store
    from sysdrill.history.db import DB_NAME
    from sysdrill.history.progress import Scope
    from sysdrill.paths import data_dir
    from sysdrill.schedule.book import NEW, ItemStatus, item_statuses

    if not (data_dir() / DB_NAME).exists():
        return {i: ItemStatus(NEW) for i in item_ids}
    with open_store(write=False) as store:
        statuses, replayed = item_statuses(store.db, Scope(), item_ids, datetime.now(UTC))
    keep_schedules(replayed)
    return statuses


def keep_schedules(rows: "list[CacheRow]") -> None:
    """Cache replayed schedules for next time; only a speed-up, so never an error.

    The history is opened for writing only when there is something to keep,
    and waits only briefly for another program's write lock.
    """
    if not rows:
        return
    import sqlite3

    from sysdrill.history.store import open_history
    from sysdrill.schedule.book import keep_cards

    try:
        with open_history() as store:
            store.short_waits()
            keep_cards(store.db, rows)
    except (SysdrillError, OSError, sqlite3.Error):
        pass


def status_label(status: "ItemStatus") -> str:
    """ "new", "due, last 58" or "drilled, last 72"."""
    if status.last_score is None:
        return status.status
    return f"{status.status}, last {status.last_score:.0f}"
