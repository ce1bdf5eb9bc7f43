"""What changed since the last attempt: key points, overruns and scores, phase by phase.

Pure: two sessions in, a ``Comparison`` out. The attempt compared with is
the same person's previous completed attempt at the same item, whatever
its mode (see ``HistoryStore.previous_completed``), so the comparison says
which mode and which rater's scores it compares with.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sysdrill.session.state import INTERVIEWER, PAIR, SELF, DrillSession, PhaseRecord


@dataclass(frozen=True)
class PhaseChange:
    title: str
    newly_covered: list[str]
    newly_missed: list[str]


@dataclass(frozen=True)
class ScoreChange:
    dimension: str
    before: int
    after: int

    @property
    def delta(self) -> int:
        return self.after - self.before


@dataclass(frozen=True)
class Comparison:
    previous_id: str
    previous_started_at: str
    previous_mode: str
    previous_rater: str  # whose scores stand for the earlier attempt, in words
    rater: str  # whose scores stand for this one, in words
    phases: list[PhaseChange] = field(default_factory=list)
    on_time_now: list[str] = field(default_factory=list)  # ran over then, not now
    over_now: list[str] = field(default_factory=list)  # on time then, over now
    scores: list[ScoreChange] = field(default_factory=list)
    other_rubric: str | None = None  # scores not compared: the earlier rubric

    @property
    def anything(self) -> bool:
        return bool(
            any(p.newly_covered or p.newly_missed for p in self.phases)
            or self.on_time_now
            or self.over_now
            or any(s.delta for s in self.scores)
        )


def headline_rater(session: DrillSession) -> str:
    return INTERVIEWER if session.mode == PAIR else SELF


def rater_words(session: DrillSession) -> str:
    if session.mode == PAIR:
        return f"interviewer {session.interviewer or '?'}"
    return "your own"


def hits(session: DrillSession, record: PhaseRecord) -> set[str]:
    """The key points a phase got: the interviewer's ticks in a pair, the notes' coverage solo."""
    return set(record.ticked if session.mode == PAIR else record.covered)


def compare(session: DrillSession, previous: DrillSession) -> Comparison:
    before_phases = {p.phase_id: p for p in previous.phases}
    phases: list[PhaseChange] = []
    on_time_now: list[str] = []
    over_now: list[str] = []
    for record in session.phases:
        then = before_phases.get(record.phase_id)
        if then is None:
            continue
        title = f"{record.position + 1}. {record.title}"
        now_hit, then_hit = hits(session, record), hits(previous, then)
        order = record.covered + record.missed
        phases.append(
            PhaseChange(
                title,
                newly_covered=[c for c in order if c in now_hit and c not in then_hit],
                newly_missed=[c for c in order if c not in now_hit and c in then_hit],
            )
        )
        was_over, is_over = then.overtime_seconds > 0, record.overtime_seconds > 0
        if was_over and not is_over:
            on_time_now.append(title)
        elif is_over and not was_over:
            over_now.append(title)
    scores: list[ScoreChange] = []
    other_rubric = None
    if previous.rubric_id != session.rubric_id:
        other_rubric = previous.rubric_id
    else:
        before = {s.dimension_id: s.score for s in previous.scores_by(headline_rater(previous))}
        for s in session.scores_by(headline_rater(session)):
            if s.dimension_id in before:
                scores.append(ScoreChange(s.dimension, before[s.dimension_id], s.score))
    return Comparison(
        previous_id=previous.id,
        previous_started_at=previous.started_at,
        previous_mode=previous.mode,
        previous_rater=rater_words(previous),
        rater=rater_words(session),
        phases=phases,
        on_time_now=on_time_now,
        over_now=over_now,
        scores=scores,
        other_rubric=other_rubric,
    )
