"""Content as the rest of sysdrill sees it: problems, case studies, rubrics."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sysdrill.content.vocabulary import BUILTIN, default_rubric


@dataclass(frozen=True)
class KeyPoint:
    """A concept a good answer names, and other words for it."""

    concept: str
    aliases: tuple[str, ...] = ()

    @property
    def terms(self) -> tuple[str, ...]:
        return (self.concept, *self.aliases)


@dataclass(frozen=True)
class Phase:
    """One timed part of a drill: its prompts and what a reference answer holds."""

    id: str
    title: str
    minutes: float
    prompts: tuple[str, ...]
    probes: tuple[str, ...] = ()
    key_points: tuple[KeyPoint, ...] = ()
    reference: str | None = None
    reference_source: str = "seed"
    reference_original: str | None = None


@dataclass(frozen=True)
class Item:
    """A problem or a case study: something to drill."""

    id: str
    kind: str
    title: str
    level: str
    category: str
    tags: tuple[str, ...]
    summary: str
    phases: tuple[Phase, ...]
    rubric_id: str
    data: dict[str, Any] = field(repr=False, compare=False)
    path: str = ""
    source: str = BUILTIN
    content_hash: str = ""

    @property
    def minutes(self) -> float:
        return sum(phase.minutes for phase in self.phases)


@dataclass(frozen=True)
class Dimension:
    """One thing a rubric scores, with what each score means."""

    id: str
    title: str
    weight: int
    scores: dict[int, str]
    covers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rubric:
    """How a drill is scored: weighted dimensions and guidance."""

    id: str
    title: str
    level: str
    dimensions: tuple[Dimension, ...]
    summary: str = ""
    indicators: tuple[str, ...] = ()
    interviewer_guidance: tuple[str, ...] = ()
    candidate_guidance: tuple[str, ...] = ()
    path: str = ""
    source: str = BUILTIN


def _phase(raw: dict[str, Any]) -> Phase:
    return Phase(
        id=raw["id"],
        title=raw["title"],
        minutes=float(raw["minutes"]),
        prompts=tuple(raw["prompts"]),
        probes=tuple(raw.get("probes", ())),
        key_points=tuple(
            KeyPoint(kp["concept"], tuple(kp.get("aliases", ())))
            for kp in raw.get("key_points", ())
        ),
        reference=raw.get("reference"),
        reference_source=raw.get("reference_source", "seed"),
        reference_original=raw.get("reference_original"),
    )


def item_from_dict(
    raw: dict[str, Any], *, path: str = "", source: str = BUILTIN, content_hash: str = ""
) -> Item:
    """Build an item from a dict that has passed validation."""
    return Item(
        id=raw["id"],
        kind=raw["kind"],
        title=raw["title"],
        level=raw["level"],
        category=raw["category"],
        tags=tuple(raw.get("tags", ())),
        summary=raw["summary"],
        phases=tuple(_phase(p) for p in raw["phases"]),
        rubric_id=raw.get("rubric") or default_rubric(raw["kind"], raw["level"]),
        data=raw,
        path=path,
        source=source,
        content_hash=content_hash,
    )


def rubric_from_dict(raw: dict[str, Any], *, path: str = "", source: str = BUILTIN) -> Rubric:
    guidance = raw.get("guidance", {})
    return Rubric(
        id=raw["id"],
        title=raw["title"],
        level=raw["level"],
        summary=raw.get("summary", ""),
        dimensions=tuple(
            Dimension(
                id=d["id"],
                title=d["title"],
                weight=int(d["weight"]),
                scores={int(k): v for k, v in d["scores"].items()},
                covers=tuple(d.get("covers", ())),
            )
            for d in raw["dimensions"]
        ),
        indicators=tuple(raw.get("indicators", ())),
        interviewer_guidance=tuple(guidance.get("interviewers", ())),
        candidate_guidance=tuple(guidance.get("candidates", ())),
        path=path,
        source=source,
    )
