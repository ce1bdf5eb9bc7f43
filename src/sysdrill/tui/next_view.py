"""`next` on the terminal: the item, its standing, and the reason in one line."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from sysdrill.schedule.book import DUE
from sysdrill.schedule.choose import Suggestion
from sysdrill.tui.console import print_clean


def print_suggestion(suggestion: Suggestion, *, hint: bool = True) -> None:
    item, seen = suggestion.item, suggestion.status
    standing = [item.kind, item.category]
    if seen.last_drilled is None:
        standing.append("never drilled")
    if seen.last_score is not None:
        standing.append(f"last {seen.last_score:.0f}/100")
    if seen.due is not None:
        standing.append(f"due {'since ' if seen.status == DUE else ''}{seen.due:%d %b}")
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column()
    grid.add_row("Next", Text.assemble((item.item_id, "bold cyan"), f"  {item.title}"))
    grid.add_row("", Text(" · ".join(standing), style="dim"))
    grid.add_row("Why", suggestion.reason)
    parts: list[Table | Text] = [grid]
    if hint:
        parts.append(
            Text(f"\nStart it: sysdrill drill {item.item_id}  (or: sysdrill next --drill)")
        )
    print_clean(Group(*parts))
