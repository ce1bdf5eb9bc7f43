"""`history`: the sessions kept so far."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from sysdrill.cli.drill import open_store
from sysdrill.errors import UsageError
from sysdrill.text import one_line

history_app = typer.Typer(
    help="List past sessions, or show one in full.",
    no_args_is_help=False,
    rich_markup_mode=None,
)

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
LimitOption = Annotated[int | None, typer.Option("--limit", "-n", min=1, help="At most N.")]


def session_json(session: Any) -> dict[str, Any]:
    from sysdrill.session.duration import whole_seconds
    from sysdrill.session.state import COMPLETED, INTERVIEWER, SELF

    # A weighted score means something only once every dimension is scored.
    complete = session.status == COMPLETED
    weighted = {
        r: session.weighted(r) for r in (SELF, INTERVIEWER) if complete and session.scores_by(r)
    }
    headline = weighted.get(INTERVIEWER, weighted.get(SELF))
    return {
        "id": session.id,
        "item_id": session.item_id,
        "item_title": session.item_title,
        "item_kind": session.item_kind,
        "status": session.status,
        "mode": session.mode,
        "interviewer": session.interviewer,
        "candidate": session.candidate,
        "practice": session.practice,
        "started_at": session.started_at,
        "ended_at": session.ended_at,
        "rubric": session.rubric_id,
        "duration_scale": session.duration_scale,
        "weighted_score": headline,
        "weighted_scores": weighted,
        "planned_seconds": session.planned_total,
        "extended_seconds": session.allowed_total - session.planned_total,
        "actual_seconds": session.actual_total,
        "overtime_seconds": session.overtime_total,
        "reflection": session.reflection,
        "content_hash": session.content_hash,
        "phases": [
            {
                "phase_id": p.phase_id,
                "title": p.title,
                "planned_seconds": whole_seconds(p.planned_seconds),
                "actual_seconds": p.spent_seconds,
                "extended_seconds": whole_seconds(p.extended_seconds),
                "overtime_seconds": p.overtime_seconds,
                "paused_seconds": whole_seconds(p.paused_seconds),
                "pauses": p.pauses,
                "notes": p.notes,
                "covered": p.covered,
                "missed": p.missed,
                # the line of the notes behind each covered key point
                "evidence": {c: e.line for c, e in p.evidence.items()},
                # key points covered by an earlier phase's notes: that phase's ID
                "covered_in": {
                    c: e.phase_id
                    for c, e in p.evidence.items()
                    if e.phase_id and e.phase_id != p.phase_id
                },
                "ticked": p.ticked,
                "curveballs": p.curveballs,
            }
            for p in session.phases
        ],
        "gaps": gaps_json(session) if complete else [],
        "scores": [
            {
                "rater": s.rater,
                "dimension_id": s.dimension_id,
                "dimension": s.dimension,
                "score": s.score,
                "weight": s.weight,
            }
            for s in session.scores
        ],
    }


def gaps_json(session: Any) -> list[dict[str, Any]]:
    """Pair sessions: self minus interviewer per dimension, largest first."""
    from sysdrill.session.scoring import score_gaps
    from sysdrill.session.state import INTERVIEWER, SELF

    return [
        {"dimension": dimension, "interviewer": theirs, "self": mine, "gap": gap}
        for dimension, theirs, mine, gap in score_gaps(
            session.scores_by(INTERVIEWER), session.scores_by(SELF)
        )
    ]


def _emit(data: Any) -> None:
    from sysdrill.text import json_text

    sys.stdout.write(json_text(data) + "\n")


def _role(role: str | None, person: str | None) -> str | None:
    if role is None:
        return None
    if person is None:
        raise UsageError("--role goes with --person NAME")
    wanted = role.strip().lower()
    if wanted not in ("interviewer", "candidate"):
        raise UsageError(f"unknown role '{role}'; choose from interviewer, candidate")
    return wanted


def _list(
    as_json: bool,
    person: str | None,
    item: str | None,
    limit: int | None,
    role: str | None = None,
) -> None:
    role = _role(role, person)
    from sysdrill.history.store import DamagedSessionError

    sessions, damaged = [], []
    with open_store(write=False) as store:
        for session_id in store.session_ids(person=person, role=role, item_id=item, limit=limit):
            try:
                sessions.append(store.load(session_id))
            except DamagedSessionError as bad:  # one bad row is reported, not fatal
                damaged.append(bad)
    try:
        _print_list(sessions, as_json=as_json, filtered=bool(person or item or damaged))
    finally:
        for error in damaged:
            line = (
                f"{error}; left out (`sysdrill history show {error.session_id}`"
                " shows what can be read)"
            )
            sys.stderr.write(f"sysdrill: warning: {one_line(line)}\n")


def _print_list(sessions: list[Any], *, as_json: bool, filtered: bool) -> None:
    if as_json:
        _emit([session_json(s) for s in sessions])
        return
    if not sessions:
        if filtered:
            sys.stderr.write("No sessions match.\n")
        else:
            sys.stderr.write("No sessions yet: start one with `sysdrill drill`.\n")
        return
    from sysdrill.text import printable_data
    from sysdrill.tui.history_view import print_sessions

    print_sessions(printable_data(sessions))


@history_app.callback(invoke_without_command=True)
def history(
    ctx: typer.Context,
    as_json: JsonOption = False,
    person: PersonOption = None,
    item: ItemOption = None,
    limit: LimitOption = None,
    role: RoleOption = None,
) -> None:
    """List past sessions, newest first."""
    if ctx.invoked_subcommand is None:
        _list(as_json, person, item, limit, role)


@history_app.command("list")
def history_list(
    as_json: JsonOption = False,
    person: PersonOption = None,
    item: ItemOption = None,
    limit: LimitOption = None,
    role: RoleOption = None,
) -> None:
    """List past sessions, newest first."""
    _list(as_json, person, item, limit, role)


@history_app.command("show")
def history_show(
    session_id: Annotated[str, typer.Argument(metavar="SESSION", help="ID or unique prefix.")],
    as_json: JsonOption = False,
) -> None:
    """Show one session in full: time, notes, key points, scores."""
    damaged: list[str] = []
    with open_store(write=False) as store:
        session = store.load(store.resolve(session_id), damaged=damaged)
        previous = store.previous_completed(session)
    for problem in damaged:
        line = f"session {session.id} is damaged: {problem}; shown without it"
        sys.stderr.write(f"sysdrill: warning: {one_line(line)}\n")
    if as_json:
        _emit(session_json(session))
        return
    from sysdrill.text import printable_data
    from sysdrill.tui.history_view import print_session

    print_session(printable_data(session), printable_data(previous))


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
    app.add_typer(history_app, name="history")
