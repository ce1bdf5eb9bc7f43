"""What `show` prints for an item, as blocks (see ``tui.layout``).

The drill's brief reuses these through ``tui.brief``, which turns them into
rich renderables; `show` prints them without loading rich's console. What
only some calls need is in ``tui.reference_page``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sysdrill.tui.layout import Block, Bullets, Fields, Para, print_blocks

if TYPE_CHECKING:
    from sysdrill.content.model import Item, Phase

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


def heading(text: str) -> Para:
    return Para(f"\n{text}", "bold underline")


def title_block(
    item: Item,
    *,
    overrides_builtin: bool = False,
    summary: bool = True,
    seconds: float | None = None,
    rubric_id: str | None = None,
) -> list[Block]:
    from sysdrill.session.lengths import format_length

    kind = "case study" if item.kind == "case-study" else item.kind
    shown = format_length(item.minutes * 60 if seconds is None else seconds)
    meta = Para(
        [
            (item.id, "cyan"),
            (f" · {kind} · {item.category} · {item.level} · {shown} · rubric ", ""),
            (rubric_id or item.rubric_id, "cyan"),
        ]
    )
    parts: list[Block] = [Para(item.title, "bold"), meta]
    if item.tags:
        parts.append(Para("tags: " + ", ".join(item.tags), "dim"))
    if item.source != "built-in":
        note = " (overrides the built-in item)" if overrides_builtin else ""
        parts.append(Para(f"from {item.path}{note}", "dim"))
    if summary:
        parts.append(Para(f"\n{item.summary.strip()}"))
    return parts


def brief_parts(item: Item, *, guidance: bool = True) -> list[Block]:
    """What a candidate may read before the clock starts.

    A case study's brief includes its own interview guidance for its level,
    unless the full reference (which has every level's) follows.
    """
    data = item.data
    parts: list[Block] = []
    if item.kind == "problem":
        parts.append(heading("Context"))
        parts.append(
            Fields(
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
                parts.append(Para(label, "bold", 2))
                parts.append(Bullets(data["requirements"][key], margin=4))
    else:
        parts.append(heading("Brief"))
        parts.append(Para(data["brief"].strip(), margin=2))
        if guidance:
            parts += level_guidance_parts(item)
    return parts


def level_guidance(item: Item) -> dict[str, list[str]]:
    """A case study's own tips and questions for its level (answers left out)."""
    data = item.data
    tips = list((data.get("tips") or {}).get(item.level, ()))
    questions = [q["question"] for q in data.get("questions") or () if q["level"] == item.level]
    return {"tips": tips, "questions": questions}


def level_guidance_parts(item: Item) -> list[Block]:
    guidance = level_guidance(item)
    parts: list[Block] = []
    if guidance["tips"]:
        parts += [heading(f"Tips for {item.level} from this case"), Bullets(guidance["tips"])]
    if guidance["questions"]:
        parts += [
            heading(f"{item.level} questions this case prepares"),
            Bullets(guidance["questions"]),
        ]
    return parts


def phase_parts(phase: Phase, number: int, *, reference: bool) -> list[Block]:
    parts: list[Block] = [
        Para([(f"\n  {number}. ", ""), (phase.title, "bold"), (f"  {phase.minutes:g} min", "dim")])
    ]
    parts.append(Bullets(phase.prompts, margin=5))
    if reference:
        if phase.probes:
            parts.append(Para("Probes", "italic", 5))
            parts.append(Bullets(phase.probes, margin=7))
        if phase.key_points:
            parts.append(Para("Key points", "italic", 5))
            parts.append(
                Bullets(
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
            parts.append(Para(f"Reference{note}", "italic", 5))
            parts.append(Para(phase.reference.strip(), margin=7))
        if phase.reference_original:
            parts.append(Para("Beyond the source (written for sysdrill)", "italic", 5))
            parts.append(Para(phase.reference_original.strip(), margin=7))
    return parts


def item_page(
    item: Item, *, reference: bool = False, overrides_builtin: bool = False
) -> list[Block]:
    parts = title_block(item, overrides_builtin=overrides_builtin) + brief_parts(
        item, guidance=not (reference and item.kind == "case-study")
    )
    if reference and item.kind == "case-study":
        from sysdrill.tui.reference_page import case_study_reference

        parts += case_study_reference(item.data)
    parts.append(heading("Phases"))
    for number, phase in enumerate(item.phases, 1):
        parts += phase_parts(phase, number, reference=reference)
    if not reference:
        parts.append(Para(f"\nReference answers: sysdrill show {item.id} --reference", "dim"))
    return parts


def print_item(item: Item, *, reference: bool = False, overrides_builtin: bool = False) -> None:
    print_blocks(item_page(item, reference=reference, overrides_builtin=overrides_builtin))
