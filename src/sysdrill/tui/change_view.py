"""'Since last time' in the summary and `history show`: what changed against the last attempt."""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text

from sysdrill.session.compare import Comparison, compare
from sysdrill.session.state import PAIR, DrillSession
from sysdrill.tui.brief import heading, indent
from sysdrill.tui.summary import Marks

NO_PREVIOUS = "No earlier completed attempt at this item by the same person to compare with."


def attempt_words(session: DrillSession) -> str:
    if session.mode == PAIR:
        return f"pair drill ({session.interviewer or '?'} interviewing)"
    return "solo drill"


def compared_with(comparison: Comparison, previous: DrillSession) -> Text:
    date = comparison.previous_started_at[:10]
    if comparison.other_rubric:
        scores = f"scores not compared: that attempt used {comparison.other_rubric}"
    elif comparison.rater == comparison.previous_rater:
        scores = f"scores: {comparison.rater}"
    else:
        scores = f"scores: {comparison.rater} now, {comparison.previous_rater} then"
    return Text(
        f"Against the {attempt_words(previous)} on {date}"
        f" (session {comparison.previous_id}; {scores}).",
        style="dim",
    )


def change_parts(session: DrillSession, previous: DrillSession | None) -> list[RenderableType]:
    """The section, or one line when there is nothing to compare with."""
    parts: list[RenderableType] = [heading("Since last time")]
    if previous is None:
        return [*parts, indent(Text(NO_PREVIOUS, style="dim"), 2)]
    comparison = compare(session, previous)
    body: list[RenderableType] = [compared_with(comparison, previous)]
    for phase in comparison.phases:
        if not (phase.newly_covered or phase.newly_missed):
            continue
        body.append(Text(phase.title, style="bold"))
        marks = [Text.assemble(("+ ", "green"), c) for c in phase.newly_covered]
        marks += [Text.assemble(("- ", "red"), c, (" (missed now)", "dim"))
                  for c in phase.newly_missed]  # fmt: skip
        body.append(indent(Marks(marks), 3))
    if not any(p.newly_covered or p.newly_missed for p in comparison.phases):
        body.append(Text("Key points: the same ones covered as then."))
    if comparison.on_time_now:
        body.append(
            Text.assemble(("On time now, over then: ", "green"), ", ".join(comparison.on_time_now))
        )
    if comparison.over_now:
        body.append(
            Text.assemble(("Over now, on time then: ", "red"), ", ".join(comparison.over_now))
        )
    if comparison.scores:
        changes = [
            Text.assemble(
                f"{s.dimension} {s.before}→{s.after} ",
                (f"({s.delta:+d})", "green" if s.delta > 0 else "red" if s.delta < 0 else "dim"),
            )
            for s in comparison.scores
        ]
        body += [Text("Scores", style="bold"), indent(Marks(changes), 3)]
    return [*parts, *(indent(part, 2) for part in body)]
