"""Tables for `history` and `history show`."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from sysdrill.session.duration import format_clock, format_span
from sysdrill.session.state import COMPLETED, IN_PROGRESS, INTERVIEWER, PAIR, SELF, DrillSession
from sysdrill.tui.brief import heading, indent
from sysdrill.tui.console import print_clean, stdout
from sysdrill.tui.summary import summary_renderable

STATUS_STYLE = {COMPLETED: "green", IN_PROGRESS: "yellow"}


def when(stamp: str) -> str:
    return stamp.replace("T", " ")[:16] + "Z" if stamp else ""


def score_text(session: DrillSession) -> str:
    if session.status != COMPLETED:
        return ""
    parts = []
    for rater, label in ((INTERVIEWER, "int "), (SELF, "self " if session.mode == PAIR else "")):
        value = session.weighted(rater)
        if value is not None:
            parts.append(f"{label}{value:.0f}")
    return " / ".join(parts)


def print_sessions(sessions: Sequence[DrillSession]) -> None:
    table = Table(box=None, header_style="bold", pad_edge=False)
    table.add_column("When (UTC)", no_wrap=True)
    table.add_column("Session", style="cyan", no_wrap=True)
    table.add_column("Item")
    table.add_column("Mode")
    table.add_column("Status", no_wrap=True)
    table.add_column("Score", justify="right", no_wrap=True)
    table.add_column("Time", justify="right", no_wrap=True)
    for s in sessions:
        mode = s.mode if s.mode != PAIR else f"pair: {s.interviewer} → {s.candidate}"
        table.add_row(
            when(s.started_at),
            s.id,
            s.item_id,
            mode,
            Text(s.status.replace("_", " "), style=STATUS_STYLE.get(s.status, "dim")),
            score_text(s),
            format_span(s.actual_total),
        )
    stdout().print(table)


def print_session(session: DrillSession, previous: DrillSession | None) -> None:
    parts: list[RenderableType] = [summary_renderable(session, previous)]
    notes = [(p, p.notes.strip()) for p in session.phases if p.notes.strip()]
    if notes and session.mode != PAIR:
        parts.append(heading("Notes"))
        for phase, text in notes:
            parts.append(
                indent(
                    Text(
                        f"{phase.position + 1}. {phase.title}"
                        f"  ({format_clock(phase.elapsed_seconds)})",
                        style="bold",
                    ),
                    2,
                )
            )
            parts.append(indent(Text(text), 4))
    print_clean(Group(*parts))
