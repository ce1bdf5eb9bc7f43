"""The parts of `show` only some calls need, as blocks (see ``tui.layout``):
a case study's full reference, a rubric's page, and an item as JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sysdrill.tui.item_page import heading, level_guidance
from sysdrill.tui.layout import Block, Bullets, Fields, Para, print_blocks

if TYPE_CHECKING:
    from sysdrill.content.model import Item, Rubric


def case_study_reference(data: dict[str, Any]) -> list[Block]:
    parts: list[Block] = [heading("Facts")]
    parts.append(Fields([(f["label"], f["value"]) for f in data["facts"]]))
    arch = data["architecture"]
    parts += [heading("Architecture"), Para(arch["overview"].strip(), margin=2)]
    if arch.get("components"):
        parts.append(Para(""))
        parts.append(Fields([(c["name"], c["role"]) for c in arch["components"]]))
    parts.append(heading("Decisions"))
    for decision in data["decisions"]:
        parts.append(Para(decision["title"], "bold", 2))
        parts.append(Para(decision["summary"].strip(), margin=4))
        for key, label in (
            ("benefits", "Benefits"),
            ("tradeoffs", "Trade-offs"),
            ("results", "Results"),
        ):
            if decision.get(key):
                parts.append(Para(label, "italic", 4))
                parts.append(Bullets(decision[key], margin=6))
    if data.get("challenges"):
        parts.append(heading("Scaling challenges"))
        for challenge in data["challenges"]:
            parts.append(Para(challenge["title"], "bold", 2))
            parts.append(Bullets(challenge["solutions"], margin=4))
            if challenge.get("result"):
                parts.append(Para("Result: " + challenge["result"].strip(), margin=4))
    for key, label in (("lessons", "Lessons"), ("tips", "Interview tips")):
        parts.append(heading(label))
        for level, lines in data[key].items():
            parts.append(Para(level, "bold", 2))
            parts.append(Bullets(lines, margin=4))
    if data.get("questions"):
        parts.append(heading("Interview questions"))
        for q in data["questions"]:
            parts.append(Para([(f"[{q['level']}] ", "cyan"), (q["question"], "")], margin=2))
            if q.get("approach"):
                parts.append(Para(q["approach"].strip(), "dim", 4))
    return parts


def rubric_page(rubric: Rubric) -> list[Block]:
    parts: list[Block] = [
        Para(rubric.title, "bold"),
        Para([(rubric.id, "cyan"), (f" · rubric · {rubric.level}", "")]),
    ]
    if rubric.summary:
        parts.append(Para(f"\n{rubric.summary.strip()}"))
    for dim in rubric.dimensions:
        parts.append(Para([("\n", ""), (dim.title, "bold"), (f"  weight {dim.weight}", "dim")]))
        parts.append(Fields([(str(score), text) for score, text in sorted(dim.scores.items())]))
    if rubric.indicators:
        parts += [heading("What excellent looks like"), Bullets(rubric.indicators)]
    if rubric.candidate_guidance:
        parts += [heading("For candidates"), Bullets(rubric.candidate_guidance)]
    if rubric.interviewer_guidance:
        parts += [heading("For interviewers"), Bullets(rubric.interviewer_guidance)]
    return parts


def print_rubric(rubric: Rubric) -> None:
    print_blocks(rubric_page(rubric))


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
