"""Output for `list` and `categories`.

`list` writes plain padded text rather than a rich Table: rich measures every
cell of every row, which takes over a second for a 1,000-item pack, while
this takes milliseconds and looks the same.
"""

from __future__ import annotations

import os
import shutil
import sys
import textwrap
from collections.abc import Mapping, Sequence
from typing import Any

from sysdrill.content.catalogue import Entry

KIND_HEADINGS = {"problem": "Problems", "case-study": "Case studies", "rubric": "Rubrics"}
KIND_NOUNS = {
    "problem": ("problem", "problems"),
    "case-study": ("case study", "case studies"),
    "rubric": ("rubric", "rubrics"),
}
GAP = "  "


def count_label(count: int, kind: str) -> str:
    singular, plural = KIND_NOUNS.get(kind, (kind, f"{kind}s"))
    return f"{count} {singular if count == 1 else plural}"


def _use_colour() -> bool:
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return bool(os.environ.get("FORCE_COLOR")) or sys.stdout.isatty()


def _style(text: str, code: str, colour: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if colour and text else text


def _rows(entry: Entry, with_source: bool, status: Any = None) -> list[str]:
    row = [
        entry.id,
        entry.title,
        entry.category,
        entry.level,
        f"{entry.minutes:g}" if entry.minutes else "",
    ]
    if status is not None:
        row.append(status.status)
        row.append(f"{status.last_score:.0f}" if status.last_score is not None else "")
    if with_source:
        row.append(entry.source + (" (pack override)" if entry.overrides_builtin else ""))
    return row


def _wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width``, as textwrap makes them.

    Most titles fit on one line as they are: those skip textwrap, which is
    most of the time a long listing takes.
    """
    if len(text) <= width and text.isprintable() and text == text.strip():
        return [text]
    return textwrap.wrap(text, width) or [""]


def print_entries(entries: Sequence[Entry], statuses: Mapping[str, Any] | None = None) -> None:
    """The listing; with ``statuses`` (item ID to status), a Status and a Last score column."""
    colour = _use_colour()
    width = shutil.get_terminal_size((100, 24)).columns
    with_source = any(e.source != "built-in" for e in entries)
    headers = ["ID", "Title", "Category", "Level", "Min"]
    headers += ["Status", "Last"] if statuses is not None else []
    headers += ["Source"] if with_source else []
    rows = [_rows(e, with_source, statuses.get(e.id) if statuses else None) for e in entries]
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(headers)]
    fixed = sum(w for i, w in enumerate(widths) if i != 1) + len(GAP) * (len(headers) - 1)
    widths[1] = max(20, min(widths[1], width - fixed))
    right = {4, 6} if statuses is not None else {4}

    def line(cells: list[str], styles: dict[int, str]) -> list[str]:
        wrapped = [_wrap(c, widths[1]) if i == 1 else [c] for i, c in enumerate(cells)]
        out = []
        for n in range(max(len(w) for w in wrapped)):
            parts = []
            for i, column in enumerate(wrapped):
                text = column[n] if n < len(column) else ""
                padded = text.rjust(widths[i]) if i in right else text.ljust(widths[i])
                parts.append(_style(padded, styles[i], colour) if i in styles else padded)
            out.append(GAP.join(parts).rstrip())
        return out

    output = line(headers, dict.fromkeys(range(len(headers)), "1"))
    counts: dict[str, int] = {}
    for entry, row in zip(entries, rows, strict=True):
        if entry.kind not in counts:
            output.append("")
            output.append(_style(KIND_HEADINGS.get(entry.kind, entry.kind), "1;4", colour))
        counts[entry.kind] = counts.get(entry.kind, 0) + 1
        styles = {0: "36"}
        if entry.overrides_builtin and with_source:
            styles[len(row) - 1] = "33"
        output.extend(line(row, styles))
    output.append("")
    output.append(_style(", ".join(count_label(n, k) for k, n in counts.items()), "2", colour))
    sys.stdout.write("\n".join(output) + "\n")


def print_categories(rows: list[dict[str, Any]]) -> None:
    from rich.table import Table

    from sysdrill.tui.console import stdout

    table = Table(box=None, header_style="bold", pad_edge=False)
    table.add_column("Category", style="cyan", no_wrap=True)
    table.add_column("Problems", justify="right")
    table.add_column("Case studies", justify="right")
    table.add_column("Total", justify="right")
    table.add_column("Covers")
    for row in rows:
        table.add_row(
            row["category"],
            str(row["problems"]),
            str(row["case_studies"]),
            str(row["total"]),
            row["description"],
        )
    stdout().print(table)
