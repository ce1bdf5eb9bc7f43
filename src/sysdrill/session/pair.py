"""Pair mode's own state: the interviewer's checklist and curveball probes."""

from __future__ import annotations

import math
import random

from sysdrill.content.model import Item, Phase
from sysdrill.session.state import DrillSession, PhaseRecord


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


def asked_probes(session: DrillSession, item: Item) -> set[str]:
    """Probes already put before the interviewer in this session.

    Every curveball drawn, and the probes listed for each phase reached so far.
    """
    asked = {c for record in session.phases for c in record.curveballs}
    for record in session.phases[: session.current + 1]:
        for phase in item.phases:
            if phase.id == record.phase_id:
                asked.update(phase.probes)
    return asked


def reserved_probes(session: DrillSession, item: Item) -> set[str]:
    """Probes kept for the phases still to come: at least half of each one's own.

    A curveball may come from a later phase, but never leaves that phase
    with an empty list of probes to ask.
    """
    drawn = {c for record in session.phases for c in record.curveballs}
    later = {record.phase_id for record in session.phases[session.current + 1 :]}
    reserved: set[str] = set()
    for phase in item.phases:
        if phase.id not in later:
            continue
        left = [p for p in phase.probes if p not in drawn]
        keep = math.ceil(len(phase.probes) / 2)
        if len(left) <= keep:
            reserved.update(left)
    return reserved


def next_curveball(
    item: Item,
    phase: Phase,
    *,
    session: DrillSession,
    used_before: dict[str, int],
    rng: random.Random,
) -> str | None:
    """One probe not yet used in this session, preferring ones earlier sessions used least.

    Never one already drawn or listed in any phase so far, and never one a
    later phase needs for its own list.
    """
    taken = asked_probes(session, item) | reserved_probes(session, item)
    candidates = [p for p in curveball_pool(item, phase) if p not in taken]
    if not candidates:
        return None
    fewest = min(used_before.get(p, 0) for p in candidates)
    return rng.choice([p for p in candidates if used_before.get(p, 0) == fewest])
