"""`stats` on the terminal: every figure in words or glyphs, colour only as a hint."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from sysdrill.session.duration import format_span
from sysdrill.stats.calibration import NOTICEABLE, describe_gap
from sysdrill.stats.heatmap import LEVELS, Heatmap, glyph
from sysdrill.stats.report import Report
from sysdrill.stats.trends import BETTER, WORSE, sparkline
from sysdrill.tui.brief import heading, indent
from sysdrill.tui.console import print_clean
from sysdrill.words import counted

TREND_STYLE = {BETTER: "green", WORSE: "red"}
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _table() -> Table:
    return Table(box=None, header_style="bold", pad_edge=False, padding=(0, 2, 0, 0))


def _signed_minutes(seconds: float) -> str:
    sign = "-" if seconds < 0 else "+"
    whole = int(round(abs(seconds)))
    return f"{sign}{whole // 60}:{whole % 60:02d}"


def _sessions_line(report: Report) -> Text:
    line = Text.assemble(("Sessions  ", "bold"), f"{report.completed} completed")
    if report.practice:
        line.append(f" ({report.practice} practice)")
    line.append(f", {report.abandoned} abandoned")
    if report.in_progress:
        line.append(f", {report.in_progress} unfinished")
    line.append(f"; {format_span(report.seconds_completed)} drilled")
    if report.seconds_abandoned:
        line.append(f" (+{format_span(report.seconds_abandoned)} in abandoned drills)")
    return line


def heatmap_renderable(heatmap: Heatmap) -> RenderableType:
    months = [" "] * (len(heatmap.weeks) * 2)
    last_month = None
    for w in range(len(heatmap.weeks)):
        monday = heatmap.days[w * 7][0] if w * 7 < len(heatmap.days) else None
        if monday is not None and monday.month != last_month:
            label = monday.strftime("%b")
            if all(c == " " for c in months[w * 2 : w * 2 + len(label)]):
                months[w * 2 : w * 2 + len(label)] = list(label)
            last_month = monday.month
    lines = [Text("     " + "".join(months).rstrip(), style="dim")]
    for d, name in enumerate(WEEKDAYS):
        row = " ".join(glyph(week[d]) for week in heatmap.weeks).rstrip()
        lines.append(Text(f"{name}  {row}"))
    key = "  ".join(f"{g} {n}" for g, n in zip(LEVELS, ("none", "1", "2", "3+"), strict=True))
    lines.append(
        Text(
            f"{counted(heatmap.drill_days, 'drill day')} since {heatmap.start:%d %b}  ({key})",
            style="dim",
        )
    )
    return Group(*lines)


def coverage_renderable(report: Report) -> RenderableType:
    table = _table()
    table.add_column("Category")
    table.add_column("Drilled", justify="right")
    table.add_column("")
    for row in report.coverage:
        filled = round(10 * row.drilled / row.total) if row.total else 0
        table.add_row(
            row.category, f"{row.drilled}/{row.total}", "█" * filled + "░" * (10 - filled)
        )
    parts: list[RenderableType] = [table]
    if report.missing_items:
        gone = ", ".join(f"{i} ({n})" for i, n in report.missing_items.items())
        parts.append(Text(f"Drilled but no longer in the catalogue: {gone}", style="dim"))
    return Group(*parts)


def dimensions_renderable(report: Report) -> RenderableType:
    table = _table()
    table.add_column("Dimension", ratio=1)
    table.add_column("Avg", justify="right", no_wrap=True)
    table.add_column("Last scores", no_wrap=True)
    table.add_column("Trend", no_wrap=True)
    for row in report.dimensions:
        s = row.summary
        table.add_row(
            s.dimension,
            f"{s.average:.1f}",
            sparkline(s.recent),
            Text(row.trend, style=TREND_STYLE.get(row.trend, "")),
        )
    return table


def pacing_renderable(report: Report) -> RenderableType:
    table = _table()
    table.add_column("Phase", ratio=1)
    table.add_column("Over", justify="right", no_wrap=True)
    table.add_column("Overran", justify="right", no_wrap=True)
    table.add_column("Key points", no_wrap=True)
    table.add_column("Trend", no_wrap=True)
    for row in report.phases:
        p = row.pacing
        points = (
            "" if p.coverage is None else f"{p.coverage:4.0%} {sparkline(p.recent_coverage, 0, 1)}"
        )
        table.add_row(
            p.title,
            _signed_minutes(p.average_over_seconds),
            f"{p.overran}/{p.sessions}",
            points,
            Text(row.coverage_trend, style=TREND_STYLE.get(row.coverage_trend, ""))
            if p.coverage is not None
            else "",
        )
    reached = Text(
        f"Reached the last phase before the planned time was up in {report.last_phase_reached}"
        f" of {report.drills_paced} drills.",
        style="dim",
    )
    key = Text("Over: average time past the plan (minus: under).", style="dim")
    return Group(table, reached, key)


def calibration_renderable(report: Report) -> RenderableType:
    lines = []
    close = []
    for gap in report.calibration:
        if abs(gap.gap) < NOTICEABLE:
            close.append(gap.dimension)
            continue
        drills = "drill" if gap.sessions == 1 else "drills"
        lines.append(
            Text.assemble(
                (describe_gap(gap.dimension, gap.gap), "bold"), f" ({gap.sessions} {drills})"
            )
        )
    if close:
        lines.append(Text(f"Within {NOTICEABLE} of your interviewers on: {', '.join(close)}."))
    return indent(Group(*lines), 2)


def stats_renderable(report: Report) -> RenderableType:
    who = f" for {report.scope.person}" if report.scope.person else ""
    since = f" since {report.scope.since[:10]}" if report.scope.since else ""
    parts: list[RenderableType] = [
        Text(f"Progress{who}{since}, as of {report.today:%a %d %b %Y}", style="bold"),
        _sessions_line(report),
    ]
    if report.heatmap:
        parts += [heading("Drill days, last 12 weeks"), heatmap_renderable(report.heatmap)]
    parts += [heading("Coverage of the catalogue"), indent(coverage_renderable(report), 2)]
    if report.dimensions:
        parts += [
            heading("Rubric dimensions (trend over the last five)"),
            indent(dimensions_renderable(report), 2),
        ]
    if report.phases:
        parts += [heading("Pacing and key points by phase"), indent(pacing_renderable(report), 2)]
    if report.calibration:
        parts += [
            heading("Calibration in pair drills (your score minus your interviewer's)"),
            calibration_renderable(report),
        ]
    if not report.completed:
        parts.append(
            Text(
                "\nNo completed drill yet: scores, pacing and trends appear once you finish one"
                " (`sysdrill next` picks one).",
            )
        )
    return Group(*parts)


def print_stats(report: Report) -> None:
    print_clean(stats_renderable(report))
