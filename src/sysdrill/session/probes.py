"""Probes in a solo drill: when they come, which ones, and the answers written under them.

Nobody pushes back when you drill alone, so the drill does it: at moments
spread through the middle three fifths of a phase, a probe from the item
is put to the candidate. The schedule is a pure function of the phase's
length, how many probes it gets and the session's seed, so a resumed drill
keeps the same moments; which probes were asked is saved with the phase.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass

from sysdrill.content.model import Item, Phase
from sysdrill.session.state import DrillSession, PhaseRecord, ProbeAsked
from sysdrill.text import one_line, printable

DEFAULT_PER_PHASE = 2
MAX_PER_PHASE = 9
# A phase shorter than this gets no probe: there would be no time to answer one.
MIN_PHASE_SECONDS = 30.0
# Probes are at least this far apart, so each can be answered.
MIN_GAP_SECONDS = 15.0
# Never in the first or the last fifth of the phase.
EDGE = 0.2
# Typing stopped this long ago counts as a pause, even in the middle of a word.
TYPING_PAUSE_SECONDS = 2.0

MARKER = "> probe: "


def probe_times(length: float, count: int, seed: int) -> list[float]:
    """When the phase's probes are due, in seconds into the phase.

    The middle three fifths of the phase are cut into ``count`` equal slices
    and each probe falls somewhere in the middle of its own slice, so they
    are spread out and never bunch at the edges. Short phases get fewer.
    """
    if count <= 0 or length < MIN_PHASE_SECONDS:
        return []
    start, span = length * EDGE, length * (1 - 2 * EDGE)
    count = max(1, min(count, int(span // MIN_GAP_SECONDS)))
    rng = random.Random(seed)
    slice_ = span / count
    return [start + slice_ * (k + 0.2 + 0.6 * rng.random()) for k in range(count)]


def phase_seed(session: DrillSession, record: PhaseRecord) -> int:
    return session.probe_seed * 31 + record.position


def schedule_for(session: DrillSession, record: PhaseRecord) -> list[float]:
    return probe_times(
        record.planned_seconds, session.probes_per_phase, phase_seed(session, record)
    )


def due_count(schedule: list[float], elapsed: float) -> int:
    """How many of the phase's probes should have been asked by now."""
    return sum(1 for t in schedule if t <= elapsed)


def seconds_to_next(schedule: list[float], asked: int, elapsed: float) -> float:
    """Seconds until the next probe is due (inf when none is left)."""
    left = [t - elapsed for t in schedule[asked:]]
    return max(0.0, left[0]) if left else float("inf")


def typing_allows(before_cursor: str, idle_seconds: float) -> bool:
    """Not in the middle of a word: after a space or a new line, or after a pause in typing."""
    if not before_cursor or before_cursor[-1].isspace():
        return True
    return idle_seconds >= TYPING_PAUSE_SECONDS


@dataclass(frozen=True)
class Candidate:
    text: str
    reference: str = ""


def flat(text: str) -> str:
    """Content's text on one line, with no control characters: a probe as shown and marked."""
    return one_line(" ".join(str(text).split()))


def candidates(item: Item, phase: Phase) -> list[Candidate]:
    """The phase's own probes first, then the rest of the item's, then a case study's questions."""
    own = [Candidate(flat(p)) for p in phase.probes]
    others = [Candidate(flat(p)) for o in item.phases if o.id != phase.id for p in o.probes]
    questions = [
        Candidate(flat(q["question"]), printable(str(q.get("approach") or "").strip()))
        for q in item.data.get("questions", ())
        if isinstance(q, dict) and q.get("question")
    ]
    seen: set[str] = set()
    out = []
    for c in own + others + questions:
        if c.text and c.text not in seen:
            seen.add(c.text)
            out.append(c)
    return out


def choose_probe(
    item: Item,
    phase: Phase,
    *,
    asked: Iterable[str],
    used_before: dict[str, int],
    seed: int,
) -> Candidate | None:
    """A probe not yet asked in this session: the phase's own first, least used across sessions."""
    taken = set(asked)
    pool = [c for c in candidates(item, phase) if c.text not in taken]
    if not pool:
        return None
    own = {flat(p) for p in phase.probes}
    tier = [c for c in pool if c.text in own] or pool
    fewest = min(used_before.get(c.text, 0) for c in tier)
    return random.Random(seed).choice([c for c in tier if used_before.get(c.text, 0) == fewest])


def asked_in(session: DrillSession) -> list[str]:
    """Every probe already put in this session, solo or as a pair's curveball."""
    return [p.text for r in session.phases for p in r.probes] + [
        c for r in session.phases for c in r.curveballs
    ]


def open_probe(record: PhaseRecord) -> ProbeAsked | None:
    """The probe on screen: the last one asked, until it is dismissed."""
    if record.probes and record.probes[-1].spent_seconds is None:
        return record.probes[-1]
    return None


def close_probe(record: PhaseRecord, elapsed: float) -> None:
    """The candidate moved on from the open probe: how long they spent on it."""
    probe = open_probe(record)
    if probe is not None:
        probe.spent_seconds = max(0.0, elapsed - probe.asked_at)


def ask(record: PhaseRecord, candidate: Candidate, elapsed: float) -> ProbeAsked:
    close_probe(record, elapsed)
    probe = ProbeAsked(candidate.text, asked_at=elapsed, reference=candidate.reference)
    record.probes.append(probe)
    return probe


def marker(text: str) -> str:
    return MARKER + one_line(text)


def insert_marker(notes: str, cursor: int, text: str) -> tuple[str, int]:
    """The notes with the probe's marker on a line of its own after the cursor's line.

    Returns the new notes and the cursor, placed on the line after the
    marker so that what is typed next answers the probe.
    """
    cursor = max(0, min(cursor, len(notes)))
    end = notes.find("\n", cursor)
    end = len(notes) if end == -1 else end
    head, tail = notes[:end], notes[end:]
    lead = "\n" if head and not head.endswith("\n") else ""
    line = f"{lead}{marker(text)}\n"
    new = head + line + tail
    return new, len(head) + len(line)


def is_marker(line: str) -> bool:
    return line.startswith(MARKER.rstrip())


def without_markers(notes: str) -> str:
    """The notes without the probe markers: the matcher reads only the candidate's words."""
    return "\n".join(line for line in notes.split("\n") if not is_marker(line))


def answers(notes: str) -> dict[str, str]:
    """The notes written under each probe's marker, up to the next marker."""
    found: dict[str, str] = {}
    current: str | None = None
    lines: list[str] = []
    for line in [*notes.split("\n"), MARKER + "\0"]:
        if is_marker(line):
            if current is not None and current not in found:
                found[current] = "\n".join(lines).strip()
            current = line[len(MARKER) :].strip() if line.startswith(MARKER) else ""
            lines = []
        elif current is not None:
            lines.append(line)
    return found
