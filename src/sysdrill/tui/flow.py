"""One drill from the brief to the summary, on top of the screens and prompts."""

from __future__ import annotations

import sqlite3
import sys
from dataclasses import dataclass

from rich.console import Group, RenderableType
from rich.text import Text

from sysdrill.content.model import Dimension
from sysdrill.errors import ExitCode
from sysdrill.history.store import HistoryStore
from sysdrill.session.drill import Drill
from sysdrill.session.duration import format_clock
from sysdrill.session.state import DONE, INTERVIEWER, PAIR, PHASES, REFLECTION, SCORING, SELF
from sysdrill.text import printable_data
from sysdrill.tui import prompts
from sysdrill.tui.brief import (
    brief_parts,
    bullets,
    fields,
    heading,
    indent,
    phase_parts,
    title_block,
)
from sysdrill.tui.console import print_clean, stdout
from sysdrill.tui.hangup import Hangup, hangup_guard, ignore_signals, leave_terminal
from sysdrill.tui.phase_screen import NEXT, STOP, PhaseScreen
from sysdrill.tui.unsaved import keep_unsaved, say, warn_if_failing


@dataclass(frozen=True)
class DrillOptions:
    plain: bool = False
    editor: bool = False
    auto_advance: bool = False


def resume_hint(drill: Drill) -> str:
    return f"sysdrill resume {drill.session.id}"


def stopped(drill: Drill, code: ExitCode = ExitCode.INTERRUPTED) -> int:
    drill.stop()
    kept = keep_unsaved(drill)
    if kept:
        say(f"\nStopped. {kept}\n")
    else:
        say(f"\nStopped. Everything so far is saved; continue with: {resume_hint(drill)}\n")
    return int(code)


def show_brief(drill: Drill) -> None:
    # A case study's summary can quote the figures its first phase asks the
    # candidate to recall; its brief is the scenario written for the drill.
    parts = title_block(
        drill.item,
        summary=drill.item.kind == "problem",
        seconds=drill.session.planned_total,
        rubric_id=drill.rubric.id,
    ) + brief_parts(drill.item)
    tips = drill.rubric.candidate_guidance
    if tips:
        label = "More tips, from the rubric" if drill.item.kind == "case-study" else "Tips"
        parts += [heading(label), bullets(tips)]
    parts.append(heading("Phases"))
    for record in drill.session.phases:
        parts.append(
            Text(
                f"  {record.position + 1}. {record.title}  ({format_clock(record.planned_seconds)})"
            )
        )
    print_clean(Group(*parts))


def phase_intro(drill: Drill) -> None:
    """Plain and editor modes print the phase once instead of redrawing it."""
    record = drill.record
    print_clean(
        Group(
            Text(
                f"\nPhase {record.position + 1}/{len(drill.session.phases)}: {record.title}"
                f" ({format_clock(record.allowed_seconds)} planned)",
                style="bold",
            ),
            *phase_parts(drill.phase, record.position + 1, reference=False)[1:],
        )
    )


def pair_heading(drill: Drill) -> str:
    session = drill.session
    return f"{session.interviewer} interviews {session.candidate}"


def run_phases(drill: Drill, options: DrillOptions, store: HistoryStore | None = None) -> str:
    pair = drill.session.mode == PAIR
    used_before = store.curveball_counts(drill.item.id) if store else {}
    if store and not pair and drill.session.probes_per_phase:
        # Least used first across sessions, whether put as a probe or a curveball.
        for probe, count in store.probe_counts(drill.item.id).items():
            used_before[probe] = used_before.get(probe, 0) + count
        drill.probes_used_before = used_before
    heading_text = pair_heading(drill) if pair else ""
    while drill.in_phases:
        side = None
        if pair:
            from sysdrill.tui.pair_panel import PairPanel

            side = PairPanel(drill, used_before).side_panel()
        if options.editor:
            from sysdrill.tui.editor import edit_phase

            phase_intro(drill)
            result = edit_phase(drill)
        else:
            if options.plain:
                phase_intro(drill)
            screen = PhaseScreen(
                drill,
                auto_advance=options.auto_advance,
                plain=options.plain,
                heading=heading_text,
                side=side,
            )
            result = screen.run()
        if result != NEXT:
            return result
        drill.finish_phase()
    return NEXT


def describe_dimension(dimension: Dimension, number: int, count: int) -> None:
    lines: list[RenderableType] = [
        Text.assemble(
            (f"\n{number}/{count}  {dimension.title}", "bold"),
            (f"  weight {dimension.weight}", "dim"),
        )
    ]
    if dimension.covers:
        lines.append(indent(Text(" · ".join(dimension.covers), style="dim"), 2))
    lines.append(fields([(str(v), d) for v, d in sorted(dimension.scores.items())]))
    print_clean(Group(*lines))


def score_all(drill: Drill, rater: str = SELF, title: str = "Score yourself") -> None:
    """Ask each unscored dimension, then let any be changed before they are final."""
    dimensions = drill.rubric.dimensions
    remaining = drill.unscored(rater)
    if not remaining:
        return
    stdout().print(Text(f"\n{title} against {drill.rubric.title}", style="bold underline"))
    for dimension in remaining:
        ask_score(drill, dimension, rater)
    while True:
        show_scores(drill, rater)
        number = prompts.pick_number(
            "Enter to confirm these scores, or a dimension's number to change it:",
            len(dimensions),
        )
        if number is None:
            return
        ask_score(drill, dimensions[number - 1], rater)


def ask_score(drill: Drill, dimension: Dimension, rater: str) -> None:
    dimensions = drill.rubric.dimensions
    describe_dimension(dimension, dimensions.index(dimension) + 1, len(dimensions))
    value = prompts.score(f"Score for {dimension.title} (1-5, Enter):")
    drill.record_score(dimension, value, rater)
    warn_if_failing(drill)


def show_scores(drill: Drill, rater: str) -> None:
    given = {s.dimension_id: s.score for s in drill.session.scores_by(rater)}
    rows = [
        Text.assemble(f"  {n}. {d.title}  ", (f"{given.get(d.id, '-')}/5", "bold"))
        for n, d in enumerate(drill.rubric.dimensions, 1)
    ]
    print_clean(Group(Text("\nScores so far", style="bold"), *rows))


def clear_screen() -> None:
    """Clear the screen and, where the terminal allows, its scrollback."""
    console = stdout()
    console.clear()
    if console.is_terminal:
        sys.stdout.write("\x1b[3J")
        sys.stdout.flush()


def interviewer_briefing(drill: Drill) -> None:
    session = drill.session
    clear_screen()
    parts: list[RenderableType] = [
        Text(" FOR THE INTERVIEWER ONLY ", style="reverse bold"),
        Text(
            f"\n{session.interviewer}, turn the screen away from {session.candidate} until the"
            " brief.",
            style="bold",
        ),
        Text(f"\n{drill.item.title}  ·  rubric {drill.rubric.title}"),
    ]
    if drill.rubric.interviewer_guidance:
        parts += [heading("How to run it"), bullets(drill.rubric.interviewer_guidance)]
    parts.append(heading("Pacing"))
    for record in session.phases:
        phase = drill.phase_for(record)
        parts.append(
            Text(
                f"  {record.position + 1}. {record.title}  ({format_clock(record.planned_seconds)})"
                f"  ·  {len(phase.probes)} probes, {len(phase.key_points)} key points"
            )
        )
    parts += [
        heading("During each phase"),
        bullets(
            [
                "Your notes on the candidate go in the notes area.",
                "Alt-1 … Alt-9 and Alt-0 tick a key point when the candidate covers it.",
                "Ctrl-B shows a curveball: one more probe you have not used yet.",
                "Ctrl-N next phase · Ctrl-P pause · Ctrl-T +5 min · Ctrl-C stop (resumable).",
            ]
        ),
    ]
    print_clean(Group(*parts))
    prompts.wait_for_enter("\nPress Enter to show the brief to both of you ")
    clear_screen()


def handover(drill: Drill) -> None:
    """Hide the interviewer's marks and pass the laptop to the candidate."""
    clear_screen()
    name = drill.session.candidate or "the candidate"
    stdout().print(Text(f"\nGive the laptop to {name}.", style="bold"))
    stdout().print("The interviewer's scores stay hidden until you have scored yourself.")
    prompts.wait_for_enter(f"\n{name}, press Enter when you are ready to score yourself ")
    clear_screen()


def score_session(drill: Drill) -> None:
    session = drill.session
    if session.mode != PAIR:
        score_all(drill)
        return
    if drill.unscored(INTERVIEWER):
        score_all(drill, INTERVIEWER, f"{session.interviewer}: score {session.candidate}")
    handover(drill)
    score_all(drill, SELF, f"{session.candidate}: score yourself")


def show_summary(drill: Drill, store: HistoryStore) -> None:
    from sysdrill.tui.summary import summary_renderable

    try:
        previous = store.previous_completed(drill.session)
    except sqlite3.Error:  # the summary stands without the comparison
        previous = None
    stdout().print()
    print_clean(summary_renderable(printable_data(drill.session), printable_data(previous)))


def offer_reference(drill: Drill) -> None:
    if not prompts.confirm("Show the reference answers?", default=False):
        stdout().print(
            Text(
                f"Later: sysdrill show {drill.item.id} --reference"
                f" · sysdrill history show {drill.session.id}",
                style="dim",
            )
        )
        return
    from sysdrill.tui.brief import case_study_reference

    parts = []
    if drill.item.kind == "case-study":
        parts += case_study_reference(drill.item.data)
    parts.append(heading("Reference answers"))
    for number, phase in enumerate(drill.item.phases, 1):
        parts += phase_parts(phase, number, reference=True)
    print_clean(Group(*parts))


def run_session(drill: Drill, store: HistoryStore, options: DrillOptions, *, fresh: bool) -> int:
    """Carry a session on from wherever it stands; returns the exit code.

    A closed terminal or SIGTERM anywhere in it saves what there is and stops.
    """
    with hangup_guard():
        try:
            return _run_session(drill, store, options, fresh=fresh)
        except Hangup as hangup:
            tried = drill.autosave.writes > 0 or drill.autosave.failure is not None
            return hung_up(drill, hangup, started=tried or not fresh)


def hung_up(drill: Drill, hangup: Hangup, *, started: bool) -> int:
    """Save at once; say so only when the terminal is still there."""
    ignore_signals()
    session = drill.session
    kept = None
    typed = ""
    if started and session.stage != DONE:
        if session.stage == REFLECTION and hangup.typed and hangup.typed.strip():
            typed = ", with the reflection you had typed,"
            session.reflection = hangup.typed.strip()
        drill.stop()
        kept = keep_unsaved(drill)
    if hangup.terminal_gone:
        leave_terminal()
    elif not started:
        say("\nStopped before the clock started; nothing was saved.\n")
    elif session.stage != DONE:
        where = kept or f"Everything so far{typed} is saved; continue with: {resume_hint(drill)}"
        say(f"\nStopped ({hangup}). {where}\n")
    return hangup.exit_code


def _run_session(drill: Drill, store: HistoryStore, options: DrillOptions, *, fresh: bool) -> int:
    session = drill.session
    if fresh:
        try:
            if session.mode == PAIR:
                interviewer_briefing(drill)
            show_brief(drill)
            if session.mode == PAIR:
                typed = prompts.wait_for_enter(
                    f"\nWhen {session.candidate} has read the brief, turn the screen back to"
                    f" {session.interviewer}, who presses Enter to start the clock "
                )
            else:
                typed = prompts.wait_for_enter(
                    "\nPress Enter to start the clock (Ctrl-C to cancel) "
                )
            if typed and typed.strip() and session.stage == PHASES:
                # notes typed before the clock started are the first phase's first line
                drill.set_notes(typed.strip() + "\n")
        except KeyboardInterrupt:
            sys.stderr.write("\nCancelled before the clock started; nothing was saved.\n")
            return int(ExitCode.INTERRUPTED)
    try:
        if session.stage == PHASES:
            result = run_phases(drill, options, store)
            if result == STOP:
                return stopped(drill)
        if session.stage == SCORING:
            score_session(drill)
            drill.finish_scoring()
        if session.stage == REFLECTION:
            who = f"{session.candidate}: one" if session.mode == PAIR else "One"
            reflection = prompts.text(
                f"{who} paragraph of reflection (optional, Enter to skip):",
                default=session.reflection,  # kept when it was cut short
            )
            drill.complete(reflection)
    except KeyboardInterrupt as cancelled:
        if session.stage == REFLECTION and isinstance(cancelled, prompts.Cancelled):
            session.reflection = cancelled.typed.strip()  # kept, and offered again on resume
        return stopped(drill)
    kept = keep_unsaved(drill)
    if session.stage == DONE:
        show_summary(drill, store)
        if kept:
            say(f"\n{kept}\n")
        try:
            offer_reference(drill)
        except KeyboardInterrupt:
            pass
    return int(ExitCode.ERROR) if kept else 0
