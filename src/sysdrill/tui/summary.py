"""The end-of-drill summary and `history show`: time, coverage, scores."""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text

from sysdrill.session.duration import format_clock, overrun_words
from sysdrill.session.matching import Evidence
from sysdrill.session.scoring import score_gaps
from sysdrill.session.state import COMPLETED, INTERVIEWER, PAIR, SELF, DrillSession
from sysdrill.text import one_line
from sysdrill.tui.brief import bullets, heading, indent


def overrun_mark(overtime: int, extended: float, prefix: str = "") -> Text:
    """'+0:12 over (extended 5:00)': over is beyond the planned time plus extensions."""
    over, more = overrun_words(overtime, extended, prefix)
    mark = Text(over, style="red")
    if more:
        mark.append(" " if over else "")
        mark.append(more, style="dim")
    return mark


def time_table(session: DrillSession) -> Table:
    table = Table(box=None, header_style="bold", pad_edge=False)
    table.add_column("Phase")
    table.add_column("Planned", justify="right", no_wrap=True)
    table.add_column("Actual", justify="right", no_wrap=True)
    table.add_column("", no_wrap=True)
    for phase in session.phases:
        table.add_row(
            f"{phase.position + 1}. {phase.title}",
            format_clock(phase.planned_seconds),
            format_clock(phase.spent_seconds),
            overrun_mark(phase.overtime_seconds, phase.extended_seconds),
        )
    extended = session.allowed_total - session.planned_total
    table.add_row(
        Text("Total", style="bold"),
        format_clock(session.planned_total),
        format_clock(session.actual_total),
        overrun_mark(session.overtime_total, extended, prefix="drill "),
    )
    return table


# Evidence quotes stop here even on a wide terminal; a narrow one cuts sooner.
QUOTE_LIMIT = 60


# Words kept before the part of the line that matched, for context.
QUOTE_LEAD = 12


def quote(evidence: Evidence) -> str:
    """The line that matched, around the part that matched, at most QUOTE_LIMIT long."""
    line = evidence.line
    start, end = evidence.start, evidence.end
    if not 0 <= start < end <= len(line):
        start = end = 0
    begin = 0
    if end > QUOTE_LIMIT or start > QUOTE_LEAD * 2:
        begin = max(0, start - QUOTE_LEAD)
        space = line.rfind(" ", 0, begin + 1)
        begin = space + 1 if space >= max(0, start - QUOTE_LEAD * 2) else begin
    text = line[begin:].strip()
    head = "…" if begin > 0 else ""
    text = " ".join(one_line(text).split())
    if len(head) + len(text) > QUOTE_LIMIT:
        text = text[: QUOTE_LIMIT - len(head) - 1].rstrip() + "…"
    return f"\u201c{head}{text}\u201d"


class Marks:
    """Marked labels ("✗ concept") side by side, wrapped between labels:
    a mark never sits at a line's end with its label on the next line."""

    def __init__(self, labels: list[Text], gap: int = 3) -> None:
        self.labels = labels
        self.gap = gap

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        line = Text()
        for label in self.labels:
            if line and line.cell_len + self.gap + label.cell_len > width:
                yield line
                line = Text()
            if line:
                line.append(" " * self.gap)
            line.append_text(label)
        if line:
            yield line


def point_line(concept: str, hit: bool, evidence: Evidence | None, earlier: int | None) -> Text:
    """'✓ concept — "the line that matched"', cut with … to the terminal's width."""
    line = Text(no_wrap=True, overflow="ellipsis")
    line.append("✓ " if hit else "✗ ", style="green" if hit else "red")
    line.append(concept)
    if evidence is not None:
        line.append(" \u2014 ", style="dim")
        if earlier is not None:
            line.append(f"phase {earlier}: ", style="dim")
        line.append(quote(evidence), style="dim")
    return line


def coverage_parts(session: DrillSession) -> list[RenderableType]:
    parts: list[RenderableType] = []
    numbers = {p.phase_id: p.position + 1 for p in session.phases}
    pair = session.mode == PAIR
    for phase in session.phases:
        total = len(phase.covered) + len(phase.missed)
        reached = phase.position < session.current or session.status == COMPLETED
        if not total or not (reached or phase.elapsed_seconds or phase.notes):
            continue  # an unfinished session keeps the rest of its answers hidden
        got = len(phase.ticked) if pair else len(phase.covered)
        label = "ticked" if pair else "covered"
        parts.append(
            Text.assemble(
                f"{phase.position + 1}. {phase.title}  ", (f"{got}/{total} {label}", "bold")
            )
        )
        # the notes' matches: kept as evidence in a pair, where covered means ticked
        noted = set(phase.evidence) | set(phase.covered) if pair else set(phase.covered)
        missed: list[Text] = []
        for concept in phase.covered + phase.missed:
            hit = concept in phase.ticked if pair else concept in phase.covered
            if not hit and concept not in noted:
                missed.append(Text.assemble(("✗ ", "red"), concept))
                continue
            evidence = phase.evidence.get(concept)
            source = evidence.phase_id if evidence else ""
            earlier = numbers.get(source) if source and source != phase.phase_id else None
            parts.append(indent(point_line(concept, hit, evidence, earlier), 3))
        if missed:
            parts.append(indent(Marks(missed), 3))
    return parts


def probe_parts(session: DrillSession) -> list[RenderableType]:
    """Each probe in a solo drill: the answer under its marker, the time on it, its reference."""
    from sysdrill.session.probes import answers

    parts: list[RenderableType] = []
    for phase in session.phases:
        if not phase.probes:
            continue
        written = answers(phase.notes)
        parts.append(Text(f"{phase.position + 1}. {phase.title}", style="bold"))
        for probe in phase.probes:
            spent = (
                f"{format_clock(probe.spent_seconds)} on it before moving on"
                if probe.spent_seconds is not None
                else "still open"
            )
            parts.append(indent(Text(probe.text, style="bold"), 3))
            parts.append(
                indent(Text(f"asked at {format_clock(probe.asked_at)} · {spent}", style="dim"), 5)
            )
            answer = written.get(probe.text, "")
            if answer:
                parts.append(indent(Text(answer), 5))
            else:
                parts.append(indent(Text("No answer written under it.", style="red"), 5))
            if probe.reference.strip():
                parts.append(
                    indent(Text.assemble(("Reference: ", "bold dim"), (probe.reference, "dim")), 5)
                )
    return parts


def score_table(session: DrillSession, rater: str) -> Table:
    table = Table(box=None, header_style="bold", pad_edge=False)
    table.add_column("Dimension")
    table.add_column("Weight", justify="right")
    table.add_column("Score", justify="right")
    for score in session.scores_by(rater):
        table.add_row(score.dimension, str(score.weight), f"{score.score}/5")
    return table


def change_line(session: DrillSession, previous: DrillSession | None, rater: str) -> Text:
    current = session.weighted(rater)
    text = Text.assemble(
        ("Weighted score: ", "bold"),
        (f"{current:.1f} / 100" if current is not None else "not scored", "bold"),
    )
    if previous is None:
        text.append("   (first completed attempt at this item)", style="dim")
        return text
    if previous.rubric_id != session.rubric_id:
        # Weighted scores from different rubrics weigh different things.
        when = previous.started_at[:10]
        text.append(
            f"   (not compared: the attempt on {when} was scored with {previous.rubric_id})",
            style="dim",
        )
        return text
    before = previous.weighted(SELF) if rater == SELF else previous.weighted(rater)
    if before is None or current is None:
        return text
    delta = current - before
    style = "green" if delta > 0 else "red" if delta < 0 else "dim"
    text.append(f"   {delta:+.1f} since {previous.started_at[:10]} ({before:.1f})", style=style)
    return text


def gap_table(session: DrillSession) -> Table:
    table = Table(box=None, header_style="bold", pad_edge=False)
    table.add_column("Dimension")
    table.add_column(f"Interviewer ({session.interviewer or '?'})", justify="right")
    table.add_column(f"Self ({session.candidate or '?'})", justify="right")
    table.add_column("Gap", justify="right")
    for dimension, theirs, mine, gap in score_gaps(
        session.scores_by(INTERVIEWER), session.scores_by(SELF)
    ):
        style = "red" if abs(gap) >= 2 else "yellow" if gap else "dim"
        table.add_row(dimension, str(theirs), str(mine), Text(f"{gap:+d}", style=style))
    return table


def summary_renderable(session: DrillSession, previous: DrillSession | None) -> Group:
    who = ""
    if session.mode == PAIR:
        who = f" · interviewer {session.interviewer} · candidate {session.candidate}"
    parts: list[RenderableType] = [
        Text(f"Summary: {session.item_title}", style="bold"),
        Text(
            f"session {session.id} · {session.mode}{who} · {session.status.replace('_', ' ')}"
            f" · rubric {session.rubric_id} · started {session.started_at}",
            style="dim",
        ),
        heading("Time"),
        indent(time_table(session), 2),
    ]
    coverage = coverage_parts(session)
    if coverage:
        parts += [heading("Key points"), indent(Group(*coverage), 2)]
    probes = probe_parts(session)
    if probes:
        parts += [heading("Probes"), indent(Group(*probes), 2)]
    if session.mode == PAIR and session.scores_by(INTERVIEWER):
        parts += [
            heading("Scores side by side (largest gaps first)"),
            indent(gap_table(session), 2),
        ]
        for rater, name in ((INTERVIEWER, session.interviewer), (SELF, session.candidate)):
            if session.scores_by(rater):
                parts.append(
                    indent(
                        change_line(session, previous if rater == SELF else None, rater).append(
                            f"  ({rater}: {name})", style="dim"
                        ),
                        2,
                    )
                )
        theirs, mine = session.weighted(INTERVIEWER), session.weighted(SELF)
        if theirs is not None and mine is not None:
            parts.append(
                indent(
                    Text(f"Overall gap (self - interviewer): {mine - theirs:+.1f}", style="bold"), 2
                )
            )
    elif session.scores_by(SELF):
        parts += [heading("Scores"), indent(score_table(session, SELF), 2)]
        parts.append(indent(change_line(session, previous, SELF), 2))
    if session.status == COMPLETED:
        from sysdrill.tui.change_view import change_parts

        parts += change_parts(session, previous)
    if session.reflection:
        parts += [heading("Reflection"), indent(Text(session.reflection), 2)]
    asked = [p for p in session.phases if p.curveballs]
    if asked:
        parts.append(heading("Curveballs asked"))
        for phase in asked:
            parts.append(indent(Text(f"{phase.position + 1}. {phase.title}", style="bold"), 2))
            parts.append(bullets(phase.curveballs, margin=4))
    if session.mode == PAIR:
        notes = [(p, p.notes.strip()) for p in session.phases if p.notes.strip()]
        if notes:
            parts.append(heading("Interviewer's notes"))
            for phase, text in notes:
                parts += [
                    indent(Text(f"{phase.position + 1}. {phase.title}", style="bold"), 2),
                    indent(Text(text), 4),
                ]
    return Group(*parts)
