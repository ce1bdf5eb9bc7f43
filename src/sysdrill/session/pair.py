"""Pair mode's own state: the interviewer's checklist and curveball probes."""

from __future__ import annotations

import random
from collections.abc import Iterable

from sysdrill.content.model import Item, Phase
from sysdrill.session.state import PhaseRecord


def toggle_tick(record: PhaseRecord, phase: Phase, index: int) -> bool | None:
    """Tick or untick the checklist's key point ``index`` (0-based); None if none there."""
    if not 0 <= index < len(phase.key_points):
        return None
    concept = phase.key_points[index].concept
    if concept in record.ticked:
        record.ticked.remove(concept)
        return False
    order = [kp.concept for kp in phase.key_points]
    record.ticked = sorted([*record.ticked, concept], key=order.index)
    return True


def probe_order(phase: Phase, rng: random.Random) -> list[str]:
    """The phase's probes in an order of this session's own."""
    probes = list(phase.probes)
    rng.shuffle(probes)
    return probes


def curveball_pool(item: Item, phase: Phase) -> list[str]:
    """Probes from the rest of the item (and a case study's questions)."""
    pool = [p for other in item.phases if other.id != phase.id for p in other.probes]
    pool += [q["question"] for q in item.data.get("questions", ())]
    return [p for p in dict.fromkeys(pool) if p not in phase.probes]


def next_curveball(
    item: Item,
    phase: Phase,
    *,
    used_now: Iterable[str],
    used_before: dict[str, int],
    rng: random.Random,
) -> str | None:
    """One probe not yet used in this session, preferring ones earlier sessions used least."""
    taken = set(used_now)
    candidates = [p for p in curveball_pool(item, phase) if p not in taken]
    if not candidates:
        return None
    fewest = min(used_before.get(p, 0) for p in candidates)
    return rng.choice([p for p in candidates if used_before.get(p, 0) == fewest])
