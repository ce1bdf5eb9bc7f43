"""Tables for `history` and `history show`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.cells import cell_len
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


def deletion_lines(sessions: Sequence[DrillSession], width: int = 78) -> list[str]:
    """One line per session about to go: ID, when, item, status (titles cut to fit)."""
    lines = []
    for s in sessions:
        head = f"{s.id}  {when(s.started_at)}  {s.item_id}"
        tail = f"  ({s.status.replace('_', ' ')})"
        room = width - len(head) - len(tail) - 2
        title = (
            s.item_title if len(s.item_title) <= room else s.item_title[: max(0, room - 1)] + "…"
        )
        lines.append(f"{head}: {title}{tail}" if room > 8 else head + tail)
    return lines


def mode_text(session: DrillSession, detail: bool = True) -> str:
    if not detail:
        return f"{session.mode}, practice" if session.practice else session.mode
    mode = (
        f"pair {session.interviewer}→{session.candidate}" if session.mode == PAIR else session.mode
    )
    if session.mode != PAIR and session.candidate:
        mode = f"{mode} {session.candidate}"
    if session.practice:
        mode = f"{mode}, practice"
    return mode


# Detail given up, in order, until the table fits: the year, the time
# spent, the names in the mode, the hour, the mode, the date, the score, the
# status. IDs are never cut.
LEVELS = (
    {"when": "full", "names": True, "time": True, "mode": True},
    {"when": "short", "names": True, "time": True, "mode": True},
    {"when": "short", "names": True, "time": False, "mode": True},
    {"when": "short", "names": False, "time": False, "mode": True},
    {"when": "date", "names": False, "time": False, "mode": True},
    {"when": "date", "names": False, "time": False, "mode": False},
    {"when": None, "names": False, "time": False, "mode": False},
    {"when": None, "names": False, "time": False, "mode": False, "score": False},
    {"when": None, "names": False, "time": False, "mode": False, "score": False, "status": False},
)


def when_text(stamp: str, form: str) -> str:
    full = when(stamp)  # 2026-11-30 16:13Z
    return {"full": full, "short": full[5:16], "date": full[5:10]}.get(form, full)


def session_rows(
    sessions: Sequence[DrillSession], known_items: set[str] | None, level: dict[str, Any]
) -> tuple[list[str], list[list[Text]]]:
    headers = ["When (UTC)", "Session", "Item", "Mode", "Status", "Score", "Time"]
    keep = [
        level["when"] is not None,
        True,
        True,
        level["mode"],
        level.get("status", True),
        level.get("score", True),
        level["time"],
    ]
    rows = []
    for s in sessions:
        cells = [
            Text(when_text(s.started_at, level["when"] or "full")),
            Text(s.id, style="cyan"),
            item_label(s, known_items),
            Text(mode_text(s, level["names"])),
            Text(s.status.replace("_", " "), style=STATUS_STYLE.get(s.status, "dim")),
            Text(score_text(s)),
            Text(format_span(s.actual_total)),
        ]
        rows.append([c for c, k in zip(cells, keep, strict=True) if k])
    return [h for h, k in zip(headers, keep, strict=True) if k], rows


def table_width(headers: list[str], rows: list[list[Text]]) -> int:
    widths = [cell_len(h) for h in headers]
    for row in rows:
        widths = [max(w, c.cell_len) for w, c in zip(widths, row, strict=True)]
    return sum(widths) + 2 * (len(widths) - 1)


def print_sessions(
    sessions: Sequence[DrillSession],
    *,
    total: int | None = None,
    known_items: set[str] | None = None,
) -> None:
    width = stdout().width
    for level in LEVELS:
        headers, rows = session_rows(sessions, known_items, level)
        if table_width(headers, rows) <= width:
            break
    table = Table(box=None, header_style="bold", pad_edge=False)
    for header in headers:
        right = header in ("Score", "Time")
        table.add_column(header, justify="right" if right else "left", no_wrap=True)
    for row in rows:
        table.add_row(*row)
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
