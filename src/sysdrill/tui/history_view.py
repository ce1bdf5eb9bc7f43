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
    """The weighted score; for a pair, the interviewer's then the candidate's own."""
    if session.status != COMPLETED:
        return ""
    values = [
        session.weighted(r) for r in ((INTERVIEWER, SELF) if session.mode == PAIR else (SELF,))
    ]
    return " / ".join(f"{v:.0f}" for v in values if v is not None)


MISSING = " (not in the catalogue)"


def item_label(session: DrillSession, known_items: set[str] | None) -> Text:
    """The item's ID, marked when the catalogue no longer has that item."""
    label = Text(session.item_id)
    if known_items is not None and session.item_id not in known_items:
        label.append(MISSING, style="dim")
    return label


def deletion_lines(sessions: Sequence[DrillSession]) -> list[str]:
    """One line per session about to go: ID, when, item, status."""
    return [
        f"{s.id}  {when(s.started_at)}  {s.item_id}: {s.item_title}  ({s.status.replace('_', ' ')})"
        for s in sessions
    ]


def print_sessions(
    sessions: Sequence[DrillSession],
    *,
    total: int | None = None,
    known_items: set[str] | None = None,
) -> None:
    table = Table(box=None, header_style="bold", pad_edge=False)
    table.add_column("When (UTC)", no_wrap=True)
    table.add_column("Session", style="cyan", no_wrap=True)
    table.add_column("Item", ratio=2, overflow="fold")
    table.add_column("Mode", ratio=1)
    table.add_column("Status", no_wrap=True)
    table.add_column("Score", justify="right", no_wrap=True)
    table.add_column("Time", justify="right", no_wrap=True)
    for s in sessions:
        mode = f"pair {s.interviewer}→{s.candidate}" if s.mode == PAIR else s.mode
        if s.mode != PAIR and s.candidate:
            mode = f"{mode} {s.candidate}"
        if s.practice:
            mode = f"{mode}, practice"
        table.add_row(
            when(s.started_at),
            s.id,
            item_label(s, known_items),
            mode,
            Text(s.status.replace("_", " "), style=STATUS_STYLE.get(s.status, "dim")),
            score_text(s),
            format_span(s.actual_total),
        )
    console = stdout()
    console.print(table)
    if any(s.mode == PAIR for s in sessions):
        console.print(Text("Pair scores: interviewer's / candidate's own.", style="dim"))
    if total is not None and total > len(sessions):
        console.print(
            Text(f"Showing {len(sessions):,} of {total:,}; --limit N or --all for more.",
                 style="dim")
        )  # fmt: skip


def print_session(
    session: DrillSession, previous: DrillSession | None, *, item_missing: bool = False
) -> None:
    parts: list[RenderableType] = []
    if item_missing:
        parts.append(
            Text(f"{session.item_id} is no longer in the catalogue; kept as it was.", style="dim")
        )
    parts.append(summary_renderable(session, previous))
    notes = [(p, p.notes.strip()) for p in session.phases if p.notes.strip()]
    if notes and session.mode != PAIR:
        parts.append(heading("Notes"))
        for phase, text in notes:
            parts.append(
                indent(
                    Text(
                        f"{phase.position + 1}. {phase.title}"
                        f"  ({format_clock(phase.spent_seconds)})",
                        style="bold",
                    ),
                    2,
                )
            )
            parts.append(indent(Text(text), 4))
    print_clean(Group(*parts))
