"""`drill` and `resume`: the timed session."""

# No `from __future__ import annotations` here: see sysdrill/cli/__init__.py.

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from sysdrill.cli.context import open_catalogue
from sysdrill.errors import NotFoundError, SysdrillError, UsageError
from sysdrill.session.lock import RunningElsewhere, SessionLock, lock_session
from sysdrill.text import one_line

if TYPE_CHECKING:
    from sysdrill.content.catalogue import Catalogue
    from sysdrill.content.model import Item, Rubric
    from sysdrill.history.store import HistoryStore
    from sysdrill.pairs import Pair
    from sysdrill.session.state import DrillSession
    from sysdrill.tui.flow import DrillOptions


# How the phases run; `drill` and `resume` take the same three.
PlainOption = Annotated[
    bool, typer.Option("--plain", help="No live redraw: a line a minute (screen readers, logs).")
]
EditorOption = Annotated[
    bool, typer.Option("--editor", help="Write each phase's notes in $EDITOR.")
]
AutoAdvanceOption = Annotated[
    bool, typer.Option("--auto-advance", help="Move on by itself when a phase's time is up.")
]


def require_terminal(command: str) -> None:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError(
            f"`sysdrill {command}` is interactive and needs a terminal for input and output;"
            " run it in a terminal, not through a pipe or a redirect"
        )


def open_store(*, write: bool = True) -> "HistoryStore":
    """The history, telling the user when a damaged database was set aside.

    Commands that only read pass ``write=False``: they never wait for another
    process's write lock and work on a read-only history.
    """
    from sysdrill.history.store import open_history

    store = open_history(write=write)
    if store.set_aside:
        moved = store.set_aside
        sys.stderr.write(
            f"sysdrill: warning: the history at {moved.original} {moved.reason};"
            f" it was moved to {moved.moved_to} and a new one was started\n"
        )
    return store


def open_drill_store() -> "HistoryStore":
    """The history for a drill: recovery files put back, and short waits on locks."""
    from sysdrill.paths import recovery_dirs
    from sysdrill.session.recovery import restore

    store = open_store()
    for line in restore(store, recovery_dirs()):
        sys.stderr.write(f"sysdrill: {line}\n")
    store.short_waits()  # a running drill retries a failed write instead of freezing
    return store


def drill(
    ctx: typer.Context,
    item_id: Annotated[
        str | None, typer.Argument(metavar="[ID]", help="Item ID or prefix; none: choose one.")
    ] = None,
    duration: Annotated[
        str | None,
        typer.Option("--duration", "-d", help="Total length; phases scale (45m, 1h, 30s)."),
    ] = None,
    rubric: Annotated[
        str | None, typer.Option("--rubric", help="Score against this rubric instead.")
    ] = None,
    plain: PlainOption = False,
    editor: EditorOption = False,
    auto_advance: AutoAdvanceOption = False,
    pair: Annotated[
        bool,
        typer.Option("--pair", help="Two people, one laptop: this is the interviewer's console."),
    ] = False,
    interviewer: Annotated[
        str | None, typer.Option("--interviewer", help="With --pair: who interviews.")
    ] = None,
    candidate: Annotated[
        str | None, typer.Option("--candidate", help="With --pair: who answers.")
    ] = None,
    name: Annotated[
        str | None,
        typer.Option("--name", help="Solo: who drills (remembered for the next solo drill)."),
    ] = None,
    practice: Annotated[
        bool,
        typer.Option("--practice", help="Kept in the history, but never moves the schedule."),
    ] = False,
    probes: Annotated[
        int | None,
        typer.Option(
            "--probes",
            min=0,
            max=9,
            metavar="N",
            help="Solo: probes put to you in each phase, as an interviewer would (default 2).",
        ),
    ] = None,
    no_probes: Annotated[
        bool, typer.Option("--no-probes", help="Solo: no probes during the phases.")
    ] = False,
) -> None:
    """Run a timed drill: phase by phase, notes as you go, then score it."""
    if name is not None and pair:
        raise UsageError("--name is for solo drills; with --pair use --candidate")
    if name is not None and not name.strip():
        raise UsageError("--name needs a name")
    from sysdrill.session.clock import SystemClock
    from sysdrill.session.drill import Drill
    from sysdrill.session.duration import parse_duration
    from sysdrill.session.state import start_session
    from sysdrill.tui import prompts
    from sysdrill.tui.flow import DrillOptions, run_session

    if (interviewer or candidate) and not pair:
        raise UsageError("--interviewer and --candidate go with --pair")
    if pair and (probes is not None or no_probes):
        raise UsageError(
            "--probes and --no-probes are for solo drills; in a pair the interviewer asks"
        )
    if no_probes and probes:
        raise UsageError("--probes and --no-probes together: choose one")
    from sysdrill.session.probes import DEFAULT_PER_PHASE

    per_phase = 0 if no_probes else DEFAULT_PER_PHASE if probes is None else probes
    target = parse_duration(duration) if duration else None
    catalogue = open_catalogue(ctx)
    drillable = catalogue.drillable()
    if item_id is None:
        require_terminal("drill")
        from sysdrill.cli.next import current_statuses, status_label

        statuses = current_statuses([e.id for e in drillable])
        try:
            item_id = prompts.choose(
                "Which item? (status, last score out of 100)",
                [
                    (
                        e.id,
                        f"{status_label(statuses[e.id]):<16}  {e.id}  ·  {e.title}"
                        f"  ({e.level}, {e.minutes:g} min)",
                    )
                    for e in drillable
                ],
            )
        except KeyboardInterrupt:
            raise typer.Exit(130) from None
    entry = catalogue.find(item_id, kinds=["problem", "case-study"])
    item = catalogue.load_item(entry)
    chosen_rubric = catalogue.load_rubric(rubric or item.rubric_id)
    # A wrong ID or rubric is reported before the want of a terminal.
    require_terminal("drill")
    scale = target / (item.minutes * 60) if target else 1.0
    clock = SystemClock()
    options = DrillOptions(plain=plain, editor=editor, auto_advance=auto_advance)
    names = None
    solo_name = None
    if pair:
        try:
            names = ask_pair(interviewer, candidate)
        except KeyboardInterrupt:
            raise typer.Exit(130) from None
    else:
        solo_name = solo_person(name)
    if editor:
        from sysdrill.tui.editor import editor_command

        editor_command()  # fail now, not after the brief, when $EDITOR is unset
    store = open_drill_store()
    with store:
        waiting = store.latest_in_progress(item.id)
        held = None
        if waiting:
            try:
                held = lock_session(running_dir(), waiting)
            except RunningElsewhere as running:
                if not start_instead(running, item.id):
                    raise typer.Exit(1) from None
                waiting = None  # it goes on in its own window; this one starts afresh
        if waiting and held:
            try:
                again = prompts.confirm(
                    f"You have an unfinished session of {item.id} ({waiting}). Resume it?",
                    default=True,
                )
            except KeyboardInterrupt:
                raise typer.Exit(130) from None
            if again:
                raise typer.Exit(_resume(ctx, store, waiting, options, held=held))
            from sysdrill.session.clock import utc_text

            store.mark_abandoned(waiting, utc_text(clock.utcnow()))
            held.release()
        session = start_session(
            item,
            chosen_rubric,
            clock=clock,
            scale=scale,
            mode="pair" if names else "solo",
            interviewer=names.interviewer if names else None,
            candidate=names.candidate if names else solo_name,
            practice=practice,
            probes_per_phase=per_phase,
        )
        runner = Drill(session, item, chosen_rubric, clock=clock, save=store.save)
        with lock_session(running_dir(), session.id):
            code = run_session(runner, store, options, fresh=True)
    raise typer.Exit(code)


def running_dir() -> Path:
    """Where running sessions hold their locks."""
    from sysdrill.paths import data_dir

    return data_dir() / "running"


def start_instead(running: RunningElsewhere, item_id: str) -> bool:
    """The session is running elsewhere: start a new one instead? (never a second writer)"""
    from sysdrill.tui import prompts

    sys.stdout.write(f"{one_line(str(running)).capitalize()}.\n")
    try:
        if prompts.confirm(f"Start a new session of {item_id} instead?", default=False):
            return True
    except KeyboardInterrupt:
        pass
    sys.stderr.write("sysdrill: nothing started; carry on in the other window\n")
    return False


def solo_person(name: str | None) -> str | None:
    """The solo drill's person: `--name`, else the name given last time, else nobody."""
    from sysdrill.pairs import clean_name, load_last_name, save_last_name
    from sysdrill.paths import data_dir

    if name is None:
        remembered = load_last_name(data_dir())
        if remembered:
            sys.stdout.write(f"Drilling as {remembered} (--name to change).\n")
        return remembered
    given = clean_name(name)
    if given is None:
        raise UsageError("--name needs a name")
    save_last_name(data_dir(), given)
    return given


def ask_pair(interviewer: str | None, candidate: str | None) -> "Pair":
    """Both names: from the options, the last pair (same or swapped), or asked for."""
    from sysdrill.pairs import Pair, clean_name, load_last_pair, save_last_pair
    from sysdrill.paths import data_dir
    from sysdrill.tui import prompts

    given_interviewer, given_candidate = clean_name(interviewer), clean_name(candidate)
    if interviewer is not None and given_interviewer is None:
        raise UsageError("--interviewer needs a name")
    if candidate is not None and given_candidate is None:
        raise UsageError("--candidate needs a name")
    last = load_last_pair(data_dir())
    if last and given_interviewer is None and given_candidate is None:
        swap = last.swapped()
        choice = prompts.choose(
            "Who interviews this time?",
            [
                ("swap", f"Swap roles: {swap.interviewer} interviews {swap.candidate}"),
                ("same", f"Same roles: {last.interviewer} interviews {last.candidate}"),
                ("new", "Someone else"),
            ],
        )
        if choice != "new":
            pair = swap if choice == "swap" else last
            save_last_pair(data_dir(), pair)
            return pair
    while given_interviewer is None:
        given_interviewer = clean_name(prompts.text("Interviewer's name:", required=True))
    while given_candidate is None:
        given_candidate = clean_name(prompts.text("Candidate's name:", required=True))
    pair = Pair(given_interviewer, given_candidate)
    save_last_pair(data_dir(), pair)
    return pair


def _resume(
    ctx: typer.Context,
    store: "HistoryStore",
    session_id: str,
    options: "DrillOptions",
    *,
    held: SessionLock | None = None,
) -> int:
    if held is None:
        try:
            held = lock_session(running_dir(), session_id)
        except RunningElsewhere as running:
            item_id = store.load(session_id).item_id
            if not start_instead(running, item_id):
                return 1
            return _start_like(ctx, store, session_id, options)
    with held:  # loaded only once this process holds the session
        return _resume_held(ctx, store, session_id, options)


def rubric_for(catalogue: "Catalogue", session: "DrillSession", item: "Item") -> "Rubric":
    """The session's rubric; if it is gone, the item's own, said in one line.

    A session imported from elsewhere, or one whose rubric's pack is not
    given now, would otherwise never resume and its notes would be stranded.
    """
    try:
        return catalogue.load_rubric(session.rubric_id)
    except NotFoundError:
        if item.rubric_id == session.rubric_id:
            raise
    rubric = catalogue.load_rubric(item.rubric_id)
    sys.stderr.write(
        one_line(
            f"sysdrill: note: the rubric '{session.rubric_id}' of session {session.id} is not in"
            f" the catalogue; scoring with {item.id}'s rubric '{rubric.id}' instead"
        )
        + "\n"
    )
    session.rubric_id = rubric.id
    return rubric


def _start_like(
    ctx: typer.Context, store: "HistoryStore", session_id: str, options: "DrillOptions"
) -> int:
    """A new session of the same item, rubric, length and people as ``session_id``."""
    from sysdrill.session.clock import SystemClock
    from sysdrill.session.drill import Drill
    from sysdrill.session.state import start_session
    from sysdrill.tui.flow import run_session

    like = store.load(session_id)
    catalogue = open_catalogue(ctx)
    item = catalogue.load_item(catalogue.find(like.item_id, kinds=["problem", "case-study"]))
    rubric = rubric_for(catalogue, like, item)
    clock = SystemClock()
    session = start_session(
        item,
        rubric,
        clock=clock,
        scale=like.duration_scale,
        mode=like.mode,
        interviewer=like.interviewer,
        candidate=like.candidate,
        practice=like.practice,
    )
    runner = Drill(session, item, rubric, clock=clock, save=store.save)
    with lock_session(running_dir(), session.id):
        return run_session(runner, store, options, fresh=True)


def _resume_held(
    ctx: typer.Context, store: "HistoryStore", session_id: str, options: "DrillOptions"
) -> int:
    from sysdrill.session.clock import SystemClock
    from sysdrill.session.drill import Drill
    from sysdrill.session.duration import format_clock
    from sysdrill.session.state import IN_PROGRESS, PHASES, REFLECTION
    from sysdrill.tui.flow import run_session

    session = store.load(session_id)
    if session.status != IN_PROGRESS:
        raise SysdrillError(
            f"session {session.id} is {session.status.replace('_', ' ')}; nothing to resume"
        )
    catalogue = open_catalogue(ctx)
    try:
        entry = catalogue.find(session.item_id, kinds=["problem", "case-study"])
    except NotFoundError:
        raise NotFoundError(
            f"session {session.id} is a drill of '{session.item_id}', which is no longer"
            " in the catalogue; if it came from a content pack, pass --content-dir DIR"
        ) from None
    item = catalogue.load_item(entry)
    rubric = rubric_for(catalogue, session, item)
    if item.content_hash != session.content_hash:
        sys.stderr.write(
            f"sysdrill: note: {item.id} has been edited since this session started;"
            " phases are matched by their IDs\n"
        )
    from sysdrill.session.realign import realign_phases

    realigned = realign_phases(session, item) if session.stage == PHASES else None
    if realigned is not None:
        store.save(session)  # the moved notes are kept before anything else happens
        sys.stderr.write(one_line(f"sysdrill: note: {realigned}") + "\n")
    record = session.current_phase
    where = (
        f"phase {record.position + 1}/{len(session.phases)} ({record.title}),"
        f" {format_clock(record.elapsed_seconds)} spent"
        if session.stage == PHASES
        else "the reflection"
        if session.stage == REFLECTION
        else "the scoring"
    )
    sys.stdout.write(one_line(f"Resuming {session.item_title} at {where}.") + "\n")
    if session.stage == PHASES:
        from sysdrill.tui import prompts

        try:
            prompts.wait_for_enter("Press Enter to start the clock again (Ctrl-C to cancel) ")
        except KeyboardInterrupt:
            return 130
    runner = Drill(session, item, rubric, clock=SystemClock(), save=store.save)
    if session.stage == PHASES:
        from sysdrill.tui.editor import adopt_leftover_draft

        if adopt_leftover_draft(runner):  # lines an editor wrote and nobody saved
            sys.stdout.write("The notes from the editor's leftover draft are newer; kept.\n")
    return run_session(runner, store, options, fresh=False)


def resume(
    ctx: typer.Context,
    session_id: Annotated[
        str | None,
        typer.Argument(
            metavar="[SESSION]", help="Session ID or prefix; none: the latest unfinished."
        ),
    ] = None,
    plain: PlainOption = False,
    editor: EditorOption = False,
    auto_advance: AutoAdvanceOption = False,
) -> None:
    """Continue an interrupted drill where it stopped, notes and time included."""
    require_terminal("resume")
    from sysdrill.tui.flow import DrillOptions

    with open_drill_store() as store:
        found = store.resolve(session_id) if session_id else store.latest_in_progress()
        if found is None:
            raise NotFoundError("no unfinished session to resume (see `sysdrill history`)")
        options = DrillOptions(plain=plain, editor=editor, auto_advance=auto_advance)
        code = _resume(ctx, store, found, options)
    raise typer.Exit(code)


def register(app: typer.Typer) -> None:
    app.command()(drill)
    app.command()(resume)
