"""Rendering one item for `show` and for the brief before a drill."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from sysdrill.content.model import Item, Phase, Rubric
from sysdrill.session.duration import format_length
from sysdrill.tui.console import print_clean

_CONTEXT_LABELS = {
    "industry": "Industry",
    "business": "Business",
    "vision": "Vision",
    "organisation": "Organisation",
    "innovation": "Innovation",
}
_REQUIREMENT_LABELS = {
    "functional": "Functional",
    "non_functional": "Non-functional",
    "ecosystem": "Ecosystem",
}


def indent(renderable: RenderableType, columns: int) -> Padding:
    return Padding(renderable, (0, 0, 0, columns), expand=False)


def heading(text: str) -> Text:
    return Text(f"\n{text}", style="bold underline")


def bullets(lines: Any, margin: int = 2, style: str = "") -> RenderableType:
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(ratio=1)
    for line in lines:
        table.add_row(Text("•", style="dim"), Text(str(line), style=style))
    return indent(table, margin)


def fields(pairs: list[tuple[str, str]], margin: int = 2) -> RenderableType:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(ratio=1)
    for label, value in pairs:
        table.add_row(label, Text(value.strip()))
    return indent(table, margin)


def title_block(
    item: Item,
    *,
    overrides_builtin: bool = False,
    summary: bool = True,
    seconds: float | None = None,
    rubric_id: str | None = None,
) -> list[RenderableType]:
    kind = "case study" if item.kind == "case-study" else item.kind
    shown = format_length(item.minutes * 60 if seconds is None else seconds)
    meta = Text.assemble(
        (item.id, "cyan"),
        f" · {kind} · {item.category} · {item.level} · {shown} · rubric ",
        (rubric_id or item.rubric_id, "cyan"),
    )
    parts: list[RenderableType] = [Text(item.title, style="bold"), meta]
    if item.tags:
        parts.append(Text("tags: " + ", ".join(item.tags), style="dim"))
    if item.source != "built-in":
        note = " (overrides the built-in item)" if overrides_builtin else ""
        parts.append(Text(f"from {item.path}{note}", style="dim"))
    if summary:
        parts.append(Text(f"\n{item.summary.strip()}"))
    return parts


def brief_parts(item: Item, *, guidance: bool = True) -> list[RenderableType]:
    """What a candidate may read before the clock starts.

    A case study's brief includes its own interview guidance for its level,
    unless the full reference (which has every level's) follows.
    """
    data = item.data
    parts: list[RenderableType] = []
    if item.kind == "problem":
        parts.append(heading("Context"))
        parts.append(
            fields(
                [
                    (label, data["context"][k])
                    for k, label in _CONTEXT_LABELS.items()
                    if k in data["context"]
                ]
            )
        )
        parts.append(heading("Requirements"))
        for key, label in _REQUIREMENT_LABELS.items():
            if key in data["requirements"]:
                parts.append(indent(Text(label, style="bold"), 2))
                parts.append(bullets(data["requirements"][key], margin=4))
    else:
        parts.append(heading("Brief"))
        parts.append(indent(Text(data["brief"].strip()), 2))
        if guidance:
            parts += level_guidance_parts(item)
    return parts


def level_guidance(item: Item) -> dict[str, list[str]]:
    """A case study's own tips and questions for its level (answers left out)."""
    data = item.data
    tips = list((data.get("tips") or {}).get(item.level, ()))
    questions = [q["question"] for q in data.get("questions") or () if q["level"] == item.level]
    return {"tips": tips, "questions": questions}


def level_guidance_parts(item: Item) -> list[RenderableType]:
    guidance = level_guidance(item)
    parts: list[RenderableType] = []
    if guidance["tips"]:
        parts += [heading(f"Tips for {item.level} from this case"), bullets(guidance["tips"])]
    if guidance["questions"]:
        parts += [
            heading(f"{item.level} questions this case prepares"),
            bullets(guidance["questions"]),
        ]
    return parts


def phase_parts(phase: Phase, number: int, *, reference: bool) -> list[RenderableType]:
    parts: list[RenderableType] = [
        Text.assemble(f"\n  {number}. ", (phase.title, "bold"), (f"  {phase.minutes:g} min", "dim"))
    ]
    parts.append(bullets(phase.prompts, margin=5))
    if reference:
        if phase.probes:
            parts.append(indent(Text("Probes", style="italic"), 5))
            parts.append(bullets(phase.probes, margin=7))
        if phase.key_points:
            parts.append(indent(Text("Key points", style="italic"), 5))
            parts.append(
                bullets(
                    [
                        kp.concept + (f"  ({', '.join(kp.aliases)})" if kp.aliases else "")
                        for kp in phase.key_points
                    ],
                    margin=7,
                    style="green",
                )
            )
        if phase.reference:
            note = " (written for sysdrill)" if phase.reference_source == "original" else ""
            parts.append(indent(Text(f"Reference{note}", style="italic"), 5))
            parts.append(indent(Text(phase.reference.strip()), 7))
        if phase.reference_original:
            label = Text("Beyond the source (written for sysdrill)", style="italic")
            parts.append(indent(label, 5))
            parts.append(indent(Text(phase.reference_original.strip()), 7))
    return parts


def case_study_reference(data: dict[str, Any]) -> list[RenderableType]:
    parts: list[RenderableType] = [heading("Facts")]
    parts.append(fields([(f["label"], f["value"]) for f in data["facts"]]))
    arch = data["architecture"]
    parts += [heading("Architecture"), indent(Text(arch["overview"].strip()), 2)]
    if arch.get("components"):
        parts.append(Text(""))
        parts.append(fields([(c["name"], c["role"]) for c in arch["components"]]))
    parts.append(heading("Decisions"))
    for decision in data["decisions"]:
        parts.append(indent(Text(decision["title"], style="bold"), 2))
        parts.append(indent(Text(decision["summary"].strip()), 4))
        for key, label in (
            ("benefits", "Benefits"),
            ("tradeoffs", "Trade-offs"),
            ("results", "Results"),
        ):
            if decision.get(key):
                parts.append(indent(Text(label, style="italic"), 4))
                parts.append(bullets(decision[key], margin=6))
    if data.get("challenges"):
        parts.append(heading("Scaling challenges"))
        for challenge in data["challenges"]:
            parts.append(indent(Text(challenge["title"], style="bold"), 2))
            parts.append(bullets(challenge["solutions"], margin=4))
            if challenge.get("result"):
                parts.append(indent(Text("Result: " + challenge["result"].strip()), 4))
    for key, label in (("lessons", "Lessons"), ("tips", "Interview tips")):
        parts.append(heading(label))
        for level, lines in data[key].items():
            parts.append(indent(Text(level, style="bold"), 2))
            parts.append(bullets(lines, margin=4))
    if data.get("questions"):
        parts.append(heading("Interview questions"))
        for q in data["questions"]:
            parts.append(indent(Text.assemble((f"[{q['level']}] ", "cyan"), q["question"]), 2))
            if q.get("approach"):
                parts.append(indent(Text(q["approach"].strip(), style="dim"), 4))
    return parts


def print_item(item: Item, *, reference: bool = False, overrides_builtin: bool = False) -> None:
    parts = title_block(item, overrides_builtin=overrides_builtin) + brief_parts(
        item, guidance=not (reference and item.kind == "case-study")
    )
    if reference and item.kind == "case-study":
        parts += case_study_reference(item.data)
    parts.append(heading("Phases"))
    for number, phase in enumerate(item.phases, 1):
        parts += phase_parts(phase, number, reference=reference)
    if not reference:
        parts.append(Text(f"\nReference answers: sysdrill show {item.id} --reference", style="dim"))
    print_clean(Group(*parts))


def print_rubric(rubric: Rubric) -> None:
    parts: list[RenderableType] = [
        Text(rubric.title, style="bold"),
        Text.assemble((rubric.id, "cyan"), f" · rubric · {rubric.level}"),
    ]
    if rubric.summary:
        parts.append(Text(f"\n{rubric.summary.strip()}"))
    for dim in rubric.dimensions:
        parts.append(Text.assemble("\n", (dim.title, "bold"), (f"  weight {dim.weight}", "dim")))
        parts.append(fields([(str(score), text) for score, text in sorted(dim.scores.items())]))
    if rubric.indicators:
        parts += [heading("What excellent looks like"), bullets(rubric.indicators)]
    if rubric.candidate_guidance:
        parts += [heading("For candidates"), bullets(rubric.candidate_guidance)]
    if rubric.interviewer_guidance:
        parts += [heading("For interviewers"), bullets(rubric.interviewer_guidance)]
    print_clean(Group(*parts))


def item_json(item: Item, *, reference: bool) -> dict[str, Any]:
    """The item for scripts; without ``reference`` only what the brief shows."""
    data = item.data
    out: dict[str, Any] = {"summary": item.summary, "rubric": item.rubric_id}
    if item.kind == "problem":
        out["context"] = data["context"]
        out["requirements"] = data["requirements"]
    else:
        out["brief"] = data["brief"]
        out["level_guidance"] = level_guidance(item)
    if reference and item.kind == "case-study":
        for key in (
            "facts",
            "architecture",
            "decisions",
            "challenges",
            "lessons",
            "tips",
            "questions",
        ):
            if key in data:
                out[key] = data[key]
    out["phases"] = [
        phase if reference else {k: phase[k] for k in ("id", "title", "minutes", "prompts")}
        for phase in data["phases"]
    ]
    out["content_hash"] = item.content_hash
    return out
