"""A drill session as data: what is saved, restored and summarised."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from sysdrill.content.model import Item, Rubric
from sysdrill.session.clock import Clock, utc_text
from sysdrill.session.duration import split_seconds, whole_seconds
from sysdrill.session.matching import Evidence
from sysdrill.session.scoring import Score, weighted_score

IN_PROGRESS, COMPLETED, ABANDONED = "in_progress", "completed", "abandoned"
# Where an unfinished session stands: running phases, then scoring, then done.
PHASES, SCORING, REFLECTION, DONE = "phases", "scoring", "reflection", "done"
SOLO, PAIR = "solo", "pair"
SELF, INTERVIEWER = "self", "interviewer"


@dataclass
class ProbeAsked:
    """A probe put to a solo candidate: when, for how long, and its reference if any."""

    text: str
    asked_at: float  # seconds into the phase
    spent_seconds: float | None = None  # until dismissed or the next probe; None while open
    reference: str = ""


@dataclass
class PhaseRecord:
    position: int
    phase_id: str
    title: str
    planned_seconds: float
    elapsed_seconds: float = 0.0
    paused_seconds: float = 0.0
    pauses: int = 0
    extended_seconds: float = 0.0
    notes: str = ""
    covered: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    # concept -> the line of the notes that covered it, and the phase it was in
    evidence: dict[str, Evidence] = field(default_factory=dict)
    ticked: list[str] = field(default_factory=list)
    curveballs: list[str] = field(default_factory=list)
    # Solo drills: the probes asked in this phase, in order.
    probes: list[ProbeAsked] = field(default_factory=list)

    @property
    def allowed_seconds(self) -> float:
        """The phase's planned time plus its extensions (Ctrl-T)."""
        return self.planned_seconds + self.extended_seconds

    @property
    def spent_seconds(self) -> int:
        """Time spent in the phase, in the whole seconds shown everywhere."""
        return whole_seconds(self.elapsed_seconds)

    @property
    def overtime_seconds(self) -> int:
        """Overrun: time spent beyond the planned time plus extensions."""
        return max(0, self.spent_seconds - whole_seconds(self.allowed_seconds))


@dataclass
class DrillSession:
    id: str
    item_id: str
    item_title: str
    item_kind: str
    content_hash: str
    rubric_id: str
    mode: str
    duration_scale: float
    started_at: str
    phases: list[PhaseRecord]
    status: str = IN_PROGRESS
    stage: str = PHASES
    current: int = 0
    ended_at: str | None = None
    updated_at: str = ""
    scores: list[Score] = field(default_factory=list)
    reflection: str = ""
    interviewer: str | None = None
    # Who answers: the pair's candidate, or the solo person when named.
    candidate: str | None = None
    # A practice drill is kept and shown but never moves the item's schedule.
    practice: bool = False
    # Solo drills: probes a phase (0: none) and the seed of their schedule.
    probes_per_phase: int = 0
    probe_seed: int = 0

    @property
    def headline(self) -> float | None:
        """The score that stands for the session: the interviewer's in a pair, else your own."""
        if self.status != COMPLETED:
            return None
        return self.weighted(INTERVIEWER if self.mode == PAIR else SELF)

    @property
    def current_phase(self) -> PhaseRecord:
        return self.phases[min(self.current, len(self.phases) - 1)]

    @property
    def planned_total(self) -> int:
        """The drill's planned length, before any extension."""
        return sum(whole_seconds(p.planned_seconds) for p in self.phases)

    @property
    def allowed_total(self) -> int:
        """The drill's planned length plus every extension."""
        return sum(whole_seconds(p.allowed_seconds) for p in self.phases)

    @property
    def actual_total(self) -> int:
        return sum(p.spent_seconds for p in self.phases)

    @property
    def overtime_total(self) -> int:
        """The drill as a whole over its planned time plus extensions."""
        return max(0, self.actual_total - self.allowed_total)

    def scores_by(self, rater: str) -> list[Score]:
        return [s for s in self.scores if s.rater == rater]

    def weighted(self, rater: str = SELF) -> float | None:
        return weighted_score(self.scores_by(rater))

    def set_score(self, score: Score) -> None:
        """Add a score, or change one in its place (the rubric's order is kept)."""
        for n, old in enumerate(self.scores):
            if old.rater == score.rater and old.dimension_id == score.dimension_id:
                self.scores[n] = score
                return
        self.scores.append(score)


def new_session_id() -> str:
    return secrets.token_hex(5)


def start_session(
    item: Item,
    rubric: Rubric,
    *,
    clock: Clock,
    scale: float = 1.0,
    mode: str = SOLO,
    interviewer: str | None = None,
    candidate: str | None = None,
    practice: bool = False,
    probes_per_phase: int = 0,
) -> DrillSession:
    # Whole seconds that add up to the scaled total exactly: `--duration 2m`
    # plans 120 seconds, never 119.99.
    lengths = [phase.minutes * 60 for phase in item.phases]
    planned = split_seconds(lengths, round(sum(lengths) * scale))
    phases = [
        PhaseRecord(position=n, phase_id=phase.id, title=phase.title, planned_seconds=planned[n])
        for n, phase in enumerate(item.phases)
    ]
    now = utc_text(clock.utcnow())
    return DrillSession(
        id=new_session_id(),
        item_id=item.id,
        item_title=item.title,
        item_kind=item.kind,
        content_hash=item.content_hash,
        rubric_id=rubric.id,
        mode=mode,
        duration_scale=scale,
        started_at=now,
        updated_at=now,
        phases=phases,
        interviewer=interviewer,
        candidate=candidate,
        practice=practice,
        probes_per_phase=probes_per_phase if mode == SOLO else 0,
        probe_seed=secrets.randbelow(2**31),
    )
