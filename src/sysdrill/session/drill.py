"""The drill controller: one session moving through its phases, saved as it goes.

The terminal screens call this and draw what it says; it knows nothing of
the terminal, and reaches the history only through the ``save`` it is given.
"""

from __future__ import annotations

from collections.abc import Callable

from sysdrill.content.model import Dimension, Item, Phase, Rubric
from sysdrill.session.autosave import EVERYTHING, Autosaver, Changes
from sysdrill.session.clock import Clock, utc_text
from sysdrill.session.matching import cover_phase
from sysdrill.session.probes import (
    MIN_GAP_SECONDS,
    Candidate,
    ask,
    asked_in,
    choose_probe,
    close_probe,
    due_count,
    open_probe,
    phase_seed,
    schedule_for,
    seconds_to_next,
    without_markers,
)
from sysdrill.session.scoring import Score
from sysdrill.session.state import (
    COMPLETED,
    DONE,
    PAIR,
    PHASES,
    REFLECTION,
    SCORING,
    SELF,
    DrillSession,
    PhaseRecord,
    ProbeAsked,
)
from sysdrill.session.timer import EXTEND_SECONDS, PhaseTimer


def _only(*positions: int) -> Changes:
    return Changes(phases=frozenset(positions))


class Drill:
    def __init__(
        self,
        session: DrillSession,
        item: Item,
        rubric: Rubric,
        *,
        clock: Clock,
        save: Callable[[DrillSession, Changes], None],
    ) -> None:
        self.session = session
        self.item = item
        self.rubric = rubric
        self.clock = clock
        self._save = save
        self.autosave = Autosaver(self._write, clock)
        self.timer: PhaseTimer | None = None
        # How often earlier sessions of the item asked each probe (least used first).
        self.probes_used_before: dict[str, int] = {}

    # -- where we are ----------------------------------------------------------

    @property
    def record(self) -> PhaseRecord:
        return self.session.current_phase

    def phase_for(self, record: PhaseRecord) -> Phase:
        for phase in self.item.phases:
            if phase.id == record.phase_id:
                return phase
        return self.item.phases[min(record.position, len(self.item.phases) - 1)]

    @property
    def phase(self) -> Phase:
        return self.phase_for(self.record)

    @property
    def in_phases(self) -> bool:
        return self.session.stage == PHASES and self.session.current < len(self.session.phases)

    def total_remaining(self) -> float:
        """Time left in the whole drill; below zero when it is over time.

        Every phase's planned time plus extensions, less the time spent in
        the phases done and in this one: an overrun eats the phases to come.
        """
        current = self.record
        done = sum(p.spent_seconds for p in self.session.phases if p is not current)
        here = self.timer.elapsed() if self.timer is not None else current.elapsed_seconds
        return self.session.allowed_total - done - here

    # -- saving ------------------------------------------------------------------

    def _write(self, changes: Changes) -> None:
        if self.timer is not None:
            self.timer.checkpoint()
        self.session.updated_at = utc_text(self.clock.utcnow())
        self._save(self.session, changes)

    def save_now(self, changes: Changes = EVERYTHING) -> bool:
        """Write now; False when the write failed (it is retried, see ``autosave``)."""
        return self.autosave.save_now(changes)

    @property
    def here(self) -> Changes:
        """The running phase, and the session's own row."""
        return _only(self.record.position)

    # -- the running phase -----------------------------------------------------

    def begin_phase(self) -> PhaseTimer:
        self.timer = PhaseTimer(self.record, self.clock)
        self.timer.start()
        self.save_now(self.here)
        return self.timer

    def set_notes(self, text: str) -> None:
        if text != self.record.notes:
            self.record.notes = text
            self.autosave.changed(self.record.position)

    def toggle_pause(self) -> bool:
        assert self.timer is not None
        paused = self.timer.toggle_pause()
        self.save_now(self.here)
        return paused

    def suspended(self, stop_process: Callable[[], None]) -> None:
        """Hold the clock while ``stop_process`` keeps the program stopped (Ctrl-Z, then fg)."""
        assert self.timer is not None
        held = not self.timer.paused and self.timer.toggle_pause(counted=False)
        self.save_now()  # a stopped program may never be resumed
        try:
            stop_process()
        finally:
            if held:
                self.timer.toggle_pause(counted=False)
            self.save_now()

    def extend(self, seconds: float = EXTEND_SECONDS) -> None:
        assert self.timer is not None
        self.timer.extend(seconds)
        self.save_now(self.here)

    def tick(self) -> list[str]:
        """Called a few times a second: due events, and saving when it is time."""
        events = self.timer.due_events() if self.timer else []
        self.autosave.maybe_save(clock_running=self.clock_running)
        return events

    @property
    def clock_running(self) -> bool:
        return self.timer is not None and self.timer.running

    def save_due_in(self) -> float:
        """Seconds until ``tick`` has a write to do."""
        return self.autosave.due_in(self.clock_running)

    # -- probes (solo drills) ------------------------------------------------------

    def probe_due(self) -> Candidate | None:
        """The probe to put now, if one is due; None otherwise (or when none is left)."""
        if self.timer is None or self.session.probes_per_phase <= 0 or self.timer.paused:
            return None
        record, elapsed = self.record, self.timer.elapsed()
        if len(record.probes) >= due_count(schedule_for(self.session, record), elapsed):
            return None
        showing = open_probe(record)
        if showing is not None and elapsed - showing.asked_at < MIN_GAP_SECONDS:
            return None  # after a resume, overdue probes come one at a time
        return choose_probe(
            self.item,
            self.phase,
            asked=asked_in(self.session),
            used_before=self.probes_used_before,
            seed=phase_seed(self.session, record) * 7 + len(record.probes),
        )

    def probe_due_in(self) -> float:
        """Seconds until the next probe is due (inf when none is left)."""
        if self.timer is None or self.session.probes_per_phase <= 0:
            return float("inf")
        record = self.record
        schedule = schedule_for(self.session, record)
        return seconds_to_next(schedule, len(record.probes), self.timer.elapsed())

    def ask_probe(self, candidate: Candidate) -> ProbeAsked:
        assert self.timer is not None
        probe = ask(self.record, candidate, self.timer.elapsed())
        self.autosave.changed(self.record.position)
        return probe

    def dismiss_probe(self) -> bool:
        """The candidate is done with the probe on screen; False when there was none."""
        if self.timer is None or open_probe(self.record) is None:
            return False
        close_probe(self.record, self.timer.elapsed())
        self.autosave.changed(self.record.position)
        return True

    def update_coverage(self, record: PhaseRecord) -> None:
        """Key points covered by this phase's notes, or by an earlier phase's."""
        # Probe markers are the drill's words, not the candidate's: they cover nothing.
        earlier = [
            (p.phase_id, without_markers(p.notes)) for p in self.session.phases[: record.position]
        ]
        result = cover_phase(
            self.phase_for(record).key_points,
            without_markers(record.notes),
            record.phase_id,
            earlier,
        )
        record.covered, record.missed = result.covered, result.missed
        record.evidence = result.evidence
        if self.session.mode == PAIR:
            # In a pair, covered means ticked by the interviewer; the notes'
            # matches stay in the evidence, shown beside the ticks.
            concepts = [kp.concept for kp in self.phase_for(record).key_points]
            record.covered = [c for c in concepts if c in record.ticked]
            record.missed = [c for c in concepts if c not in record.ticked]

    def finish_phase(self) -> bool:
        """End the running phase; True when it was the last one."""
        if self.timer is not None:
            self.timer.stop()
            self.timer = None
        close_probe(self.record, self.record.elapsed_seconds)
        self.update_coverage(self.record)
        finished = self.record.position
        self.session.current += 1
        last = self.session.current >= len(self.session.phases)
        if last:
            self.session.current = len(self.session.phases) - 1
            self.session.stage = SCORING
        self.save_now(_only(finished, self.record.position))
        return last

    def stop(self) -> None:
        """Keep everything so far; the session stays resumable."""
        if self.timer is not None:
            self.timer.checkpoint()
        self.update_coverage(self.record)
        self.save_now(self.here)

    # -- scoring and the end -------------------------------------------------

    def unscored(self, rater: str = SELF) -> list[Dimension]:
        done = {s.dimension_id for s in self.session.scores_by(rater)}
        return [d for d in self.rubric.dimensions if d.id not in done]

    def record_score(self, dimension: Dimension, value: int, rater: str = SELF) -> None:
        if value not in range(1, 6):
            raise ValueError(f"score must be 1 to 5, got {value}")
        self.session.set_score(Score(rater, dimension.id, dimension.title, value, dimension.weight))
        self.save_now(Changes(scores=True))

    def finish_scoring(self) -> None:
        self.session.stage = REFLECTION
        self.save_now(Changes())

    def complete(self, reflection: str) -> None:
        self.session.reflection = reflection.strip()
        for record in self.session.phases:
            self.update_coverage(record)
        self.session.status = COMPLETED
        self.session.stage = DONE
        self.session.ended_at = utc_text(self.clock.utcnow())
        self.save_now()
