"""`history`: the sessions kept so far, listed, shown, and deleted."""

# No `from __future__ import annotations` here: see sysdrill/cli/__init__.py.

import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated, Any

import click
import typer

from sysdrill.cli.drill import open_store
from sysdrill.errors import UsageError
from sysdrill.text import one_line

if TYPE_CHECKING:
    from sysdrill.history.queries import SessionFilter
    from sysdrill.history.store import DamagedSessionError, HistoryStore
    from sysdrill.session.state import DrillSession

history_app = typer.Typer(
    help="List past sessions, show one in full, export, import or delete them.",
    no_args_is_help=False,
    rich_markup_mode=None,
)

DEFAULT_LIMIT = 20

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
PersonOption = Annotated[
    str | None,
    typer.Option("--person", help="Only sessions with this person in them (solo or pair)."),
]
RoleOption = Annotated[
    str | None,
    typer.Option(
        "--role", help="With --person: only as interviewer or as candidate (solo counts)."
    ),
]
ItemOption = Annotated[
    str | None, typer.Option("--item", help="Only sessions of items whose ID starts so.")
]
StatusOption = Annotated[
    str | None,
    typer.Option(
        "--status",
        click_type=click.Choice(["in_progress", "completed", "abandoned"]),
        help="Only sessions with this status.",
    ),
]
MAX_LIMIT = 1_000_000_000
LimitOption = Annotated[
    int | None,
    typer.Option(
        "--limit",
        "-n",
        min=1,
        max=MAX_LIMIT,
        help=f"At most N, newest first (default {DEFAULT_LIMIT}).",
    ),
]
AllOption = Annotated[
    bool, typer.Option("--all", help="Every session (--json lists every one unless --limit).")
]


def known_item_ids(ctx: Any) -> set[str] | None:
    """IDs of the items in the catalogue now, to mark sessions of items since removed."""
    try:
        from sysdrill.cli.context import open_catalogue

        return {entry.id for entry in open_catalogue(ctx).drillable()}
    except Exception:  # the history must list even when the content cannot be read
        return None


def _role(role: str | None, person: str | None) -> str | None:
    if role is None:
        return None
    if person is None:
        raise UsageError("--role goes with --person NAME")
    wanted = role.strip().lower()
    if wanted not in ("interviewer", "candidate"):
        raise UsageError(f"unknown role '{role}'; choose from interviewer, candidate")
    return wanted


def _sessions(
    store: "HistoryStore", ids: Iterator[str], damaged: "list[DamagedSessionError]"
) -> "Iterator[DrillSession]":
    """Each session in turn; one that cannot be read is left out and kept in ``damaged``."""
    from sysdrill.history.store import DamagedSessionError

    for session_id in ids:
        try:
            yield store.load(session_id)
        except DamagedSessionError as bad:
            damaged.append(bad)


def _list(
    ctx: Any,
    as_json: bool,
    person: str | None,
    item: str | None,
    status: str | None,
    limit: int | None,
    show_all: bool,
    role: str | None = None,
) -> None:
    from sysdrill.history.queries import SessionFilter

    if show_all and limit:
        raise UsageError("give --limit N or --all, not both")
    where = SessionFilter(item_id=item, status=status, person=person, role=_role(role, person))
    damaged: list[DamagedSessionError] = []
    try:
        _print_list(ctx, where, damaged, as_json=as_json, limit=limit, show_all=show_all)
    finally:
        for error in damaged:  # one bad row is reported, not fatal
            line = (
                f"{error}; left out (`sysdrill history show {error.session_id}`"
                " shows what can be read)"
            )
            sys.stderr.write(f"sysdrill: warning: {one_line(line)}\n")


def _print_list(
    ctx: Any,
    where: "SessionFilter",
    damaged: "list[DamagedSessionError]",
    *,
    as_json: bool,
    limit: int | None,
    show_all: bool,
) -> None:
    from sysdrill.history.queries import SessionFilter

    if as_json:
        from sysdrill.history.transfer import json_array

        with open_store(write=False) as store:
            for chunk in json_array(_sessions(store, store.iter_ids(where, limit), damaged)):
                sys.stdout.write(chunk)
        sys.stdout.write("\n")
        return
    shown = None if show_all else (limit or DEFAULT_LIMIT)
    with open_store(write=False) as store:
        sessions = list(_sessions(store, store.iter_ids(where, shown), damaged))
        found = len(sessions) + len(damaged)
        total = found if shown is None or found < shown else store.count(where)
    if not sessions:
        if where != SessionFilter() or damaged:
            sys.stderr.write("No sessions match.\n")
        else:
            sys.stderr.write("No sessions yet: start one with `sysdrill drill`.\n")
        return
    from sysdrill.text import printable_data
    from sysdrill.tui.history_view import print_sessions

    print_sessions(printable_data(sessions), total=total, known_items=known_item_ids(ctx))


@history_app.callback(invoke_without_command=True)
def history(
    ctx: typer.Context,
    as_json: JsonOption = False,
    person: PersonOption = None,
    item: ItemOption = None,
    status: StatusOption = None,
    limit: LimitOption = None,
    show_all: AllOption = False,
    role: RoleOption = None,
) -> None:
    """List past sessions, newest first (the 20 newest unless --limit or --all)."""
    if ctx.invoked_subcommand is None:
        _list(ctx, as_json, person, item, status, limit, show_all, role)


@history_app.command("list")
def history_list(
    ctx: typer.Context,
    as_json: JsonOption = False,
    person: PersonOption = None,
    item: ItemOption = None,
    status: StatusOption = None,
    limit: LimitOption = None,
    show_all: AllOption = False,
    role: RoleOption = None,
) -> None:
    """List past sessions, newest first (the 20 newest unless --limit or --all)."""
    _list(ctx, as_json, person, item, status, limit, show_all, role)


@history_app.command("show")
def history_show(
    ctx: typer.Context,
    session_id: Annotated[
        str | None,
        typer.Argument(metavar="[SESSION]", help="ID or unique prefix; none: the latest."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Show one session in full: time, notes, key points, scores."""
    from sysdrill.errors import NotFoundError

    damaged: list[str] = []
    with open_store(write=False) as store:
        wanted = store.resolve(session_id) if session_id is not None else store.latest_id()
        if wanted is None:
            raise NotFoundError("no sessions yet: start one with `sysdrill drill`")
        session = store.load(wanted, damaged=damaged)
        previous = store.previous_completed(session)
    for problem in damaged:
        line = f"session {session.id} is damaged: {problem}; shown without it"
        sys.stderr.write(f"sysdrill: warning: {one_line(line)}\n")
    if as_json:
        from sysdrill.history.transfer import session_json
        from sysdrill.text import json_text

        sys.stdout.write(json_text(session_json(session)) + "\n")
        return
    from sysdrill.text import printable_data
    from sysdrill.tui.history_view import print_session

    known = known_item_ids(ctx)
    print_session(
        printable_data(session),
        printable_data(previous),
        item_missing=known is not None and session.item_id not in known,
    )


def can_ask() -> bool:
    """Whether a question can be put to someone at a terminal."""
    return sys.stdin.isatty() and sys.stdout.isatty()


@history_app.command("delete")
def history_delete(
    session_ids: Annotated[
        list[str], typer.Argument(metavar="SESSION...", help="IDs or unique prefixes.")
    ],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Delete without asking.")] = False,
) -> None:
    """Delete sessions for good, after naming each one (--yes: without asking)."""
    with open_store() as store:
        ids = list(dict.fromkeys(store.resolve(prefix) for prefix in session_ids))
        doomed = [store.load(i, damaged=[]) for i in ids]  # a damaged one can go too
        from sysdrill.text import printable_data
        from sysdrill.tui.history_view import deletion_lines

        lines = deletion_lines(printable_data(doomed))
        if not yes:
            if not can_ask():
                raise UsageError(
                    "`sysdrill history delete` asks before deleting and needs a terminal;"
                    " add --yes to delete without asking"
                )
            from sysdrill.tui import prompts

            sys.stdout.write("".join(f"  {line}\n" for line in lines))
            noun = "this session" if len(ids) == 1 else f"these {len(ids)} sessions"
            if not prompts.confirm(f"Delete {noun}? This cannot be undone.", default=False):
                sys.stdout.write("Nothing deleted.\n")
                return
        store.delete(ids)
    sys.stdout.write(
        f"Deleted {len(ids)} session{'s' if len(ids) != 1 else ''}:\n"
        + "".join(f"  {line}\n" for line in lines)
    )


@history_app.command("check")
def history_check() -> None:
    """Check the whole history for damage now (it is also checked once a day)."""
    with open_store(write=False) as store:
        if store.set_aside:  # found on opening, and already said
            raise typer.Exit(1)
        if store.in_memory:
            sys.stdout.write(f"No history yet at {store.path}.\n")
            return
        result = store.check()
        if result.set_aside is None:
            count = store.db.execute("SELECT count(*) FROM sessions").fetchone()[0]
    moved = result.set_aside
    if moved is not None:
        sys.stderr.write(
            f"sysdrill: the history at {moved.original} {moved.reason}; it was moved to"
            f" {moved.moved_to} and a new one will be started\n"
        )
        raise typer.Exit(1)
    noun = "session" if count == 1 else "sessions"
    sys.stdout.write(f"The history at {store.path} is healthy ({count:,} {noun}).\n")


def register(app: typer.Typer) -> None:
    from sysdrill.cli import history_transfer  # noqa: F401  (adds export and import)

    app.add_typer(history_app, name="history")
