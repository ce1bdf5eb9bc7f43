"""Exports for people and spreadsheets: CSV in long format, and a Markdown report.

Both carry text other people typed, so control characters are shown as
visible escapes, CSV cells that a spreadsheet would run as a formula start
with a quote, and Markdown puts notes in fenced blocks where nothing in them
is read as markup.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator

from sysdrill.session.duration import format_clock, overrun_words, whole_seconds
from sysdrill.session.state import COMPLETED, INTERVIEWER, PAIR, SELF, DrillSession
from sysdrill.text import printable

SCORE_COLUMNS = [
    "session_id", "item_id", "item_title", "status", "mode", "candidate", "interviewer",
    "started_at", "ended_at", "planned_seconds", "actual_seconds", "weighted_score",
    "rater", "dimension_id", "dimension", "score", "weight",
]  # fmt: skip
PHASE_COLUMNS = [
    "session_id", "item_id", "started_at", "position", "phase_id", "title",
    "planned_seconds", "actual_seconds", "extended_seconds", "overtime_seconds",
    "paused_seconds", "pauses", "covered", "missed", "notes",
]  # fmt: skip


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, str):
        text = printable(value)
        return "'" + text if text[:1] in ("=", "+", "-", "@") else text
    return value


def _row(values: Iterable[object]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow([_cell(v) for v in values])
    return buffer.getvalue()


def _headline(session: DrillSession) -> float | None:
    if session.status != COMPLETED:
        return None
    return session.weighted(INTERVIEWER if session.mode == PAIR else SELF)


def score_rows(session: DrillSession) -> Iterator[str]:
    """One row per rater and dimension; a session without scores still gets one."""
    head = [
        session.id, session.item_id, session.item_title, session.status, session.mode,
        session.candidate, session.interviewer, session.started_at, session.ended_at,
        session.planned_total, session.actual_total,
        _headline(session),
    ]  # fmt: skip
    if not session.scores:
        yield _row([*head, None, None, None, None, None])
    for s in session.scores:
        yield _row([*head, s.rater, s.dimension_id, s.dimension, s.score, s.weight])


def phase_rows(session: DrillSession) -> Iterator[str]:
    for p in session.phases:
        yield _row([
            session.id, session.item_id, session.started_at, p.position + 1, p.phase_id,
            p.title, whole_seconds(p.planned_seconds), p.spent_seconds,
            whole_seconds(p.extended_seconds), p.overtime_seconds,
            whole_seconds(p.paused_seconds), p.pauses, "; ".join(p.covered),
            "; ".join(p.missed), p.notes,
        ])  # fmt: skip


# -- Markdown ------------------------------------------------------------------


def _inline(text: str) -> str:
    """Text for a heading or a table cell: one line, no markup, no HTML."""
    flat = printable(text, layout=False).replace("\\n", " ")
    return re.sub(r"([\\`*_{}\[\]<>|#!~])", r"\\\1", flat)


def _fenced(text: str) -> list[str]:
    """A fenced block longer than any run of backticks inside: taken verbatim."""
    body = printable(text.strip())
    longest = max((len(m) for m in re.findall(r"`+", body)), default=0)
    fence = "`" * max(3, longest + 1)
    return [f"{fence}text", body, fence, ""]


def _when(stamp: str | None) -> str:
    return stamp.replace("T", " ")[:16] + " UTC" if stamp else ""


def _markdown_probes(session: DrillSession) -> list[str]:
    """Each probe put in a solo drill, with the answer written under it."""
    from sysdrill.session.probes import answers

    lines: list[str] = []
    for p in session.phases:
        if not p.probes:
            continue
        written = answers(p.notes)
        lines += [f"### {p.position + 1}. {_inline(p.title)}: probes", ""]
        for probe in p.probes:
            spent = (
                f", {format_clock(probe.spent_seconds)} before moving on"
                if probe.spent_seconds is not None
                else ""
            )
            lines += [
                f"- **{_inline(probe.text)}** (asked at {format_clock(probe.asked_at)}{spent})",
                "",
            ]
            answer = written.get(probe.text, "")
            lines += _fenced(answer) if answer else ["  No answer written.", ""]
            if probe.reference.strip():
                lines += [f"  Reference: {_inline(probe.reference)}", ""]
    return lines


def _overrun(overtime: int, extended: float, prefix: str = "") -> str:
    """' +0:04 over (extended 5:00)', as `history show` puts it; "" when neither."""
    words = " ".join(w for w in overrun_words(overtime, extended, prefix) if w)
    return f" {words}" if words else ""


def markdown_session(session: DrillSession) -> list[str]:
    who = "solo" if session.mode != PAIR else (
        f"pair: {_inline(session.interviewer or '?')} interviewed"
        f" {_inline(session.candidate or '?')}"
    )  # fmt: skip
    lines = [
        f"## {_inline(session.item_title)} (`{_inline(session.item_id)}`)",
        "",
        f"- Session: `{session.id}`",
        f"- Date: {_when(session.started_at)}, {who}, {session.status.replace('_', ' ')}",
        f"- Time: {format_clock(session.actual_total)} of"
        f" {format_clock(session.planned_total)} planned"
        + _overrun(session.overtime_total, session.allowed_total - session.planned_total, "drill "),
        "",
        "| Phase | Planned | Actual | Key points covered | Missed |",
        "| --- | ---: | ---: | --- | --- |",
    ]
    for p in session.phases:
        lines.append(
            f"| {p.position + 1}. {_inline(p.title)} | {format_clock(p.planned_seconds)}"
            f" | {format_clock(p.spent_seconds)}{_overrun(p.overtime_seconds, p.extended_seconds)}"
            f" | {_inline(', '.join(p.covered)) or '-'} | {_inline(', '.join(p.missed)) or '-'} |"
        )
    lines.append("")
    for p in session.phases:
        if p.notes.strip():
            lines += [f"### {p.position + 1}. {_inline(p.title)}: notes", ""]
            lines += _fenced(p.notes)
    lines += _markdown_probes(session)
    raters = [r for r in (INTERVIEWER, SELF) if session.scores_by(r)]
    if raters:
        names = {INTERVIEWER: "Interviewer", SELF: "Candidate (self)" if session.mode == PAIR
                 else "Self"}  # fmt: skip
        lines += ["### Scores", "", "| Dimension | Weight | " + " | ".join(names[r] for r in raters)
                  + " |", "| --- | ---: |" + " ---: |" * len(raters)]  # fmt: skip
        dimensions: dict[str, tuple[str, int]] = {}
        for s in session.scores:
            dimensions.setdefault(s.dimension_id, (s.dimension, s.weight))
        for dimension_id, (title, weight) in dimensions.items():
            marks = []
            for r in raters:
                score = next((s.score for s in session.scores_by(r)
                              if s.dimension_id == dimension_id), None)  # fmt: skip
                marks.append(f"{score}/5" if score is not None else "-")
            lines.append(f"| {_inline(title)} | {weight} | " + " | ".join(marks) + " |")
        if session.status == COMPLETED:
            totals = [f"{session.weighted(r):.0f}/100" for r in raters]
            lines.append("| **Weighted** | 100 | " + " | ".join(totals) + " |")
        lines.append("")
    if session.reflection.strip():
        lines += ["### Reflection", ""] + _fenced(session.reflection)
    return lines


def markdown_report(sessions: Iterable[DrillSession]) -> Iterator[str]:
    yield "# sysdrill sessions\n\n"
    for session in sessions:
        yield "\n".join(markdown_session(session)) + "\n"
