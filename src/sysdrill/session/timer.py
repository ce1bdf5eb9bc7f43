"""The running phase: elapsed time, pauses, extensions and deadline events."""

from __future__ import annotations

from sysdrill.session.clock import Clock
from sysdrill.session.state import PhaseRecord

WARN_BEFORE_SECONDS = 120.0
EXTEND_SECONDS = 300.0


class PhaseTimer:
    """Counts a phase's active time on a monotonic clock.

    Time already spent lives in the record (so it survives a save and a
    resume); the stretch since the last checkpoint is added on top.
    """

    def __init__(self, record: PhaseRecord, clock: Clock) -> None:
        self.record = record
        self.clock = clock
        self._run_started: float | None = None
        self._pause_started: float | None = None
        self.warned = self.remaining() <= self.warn_threshold
        self.rang = self.remaining() <= 0

    @property
    def warn_threshold(self) -> float:
        # Two minutes, or a quarter of the phase for very short (scaled) phases.
        return min(WARN_BEFORE_SECONDS, self.record.allowed_seconds / 4)

    @property
    def running(self) -> bool:
        return self._run_started is not None

    @property
    def paused(self) -> bool:
        return self._pause_started is not None

    def start(self) -> None:
        if not self.running and not self.paused:
            self._run_started = self.clock.monotonic()

    def elapsed(self) -> float:
        extra = self.clock.monotonic() - self._run_started if self._run_started is not None else 0.0
        return self.record.elapsed_seconds + extra

    def remaining(self) -> float:
        return self.record.allowed_seconds - self.elapsed()

    def overtime(self) -> float:
        return max(0.0, -self.remaining())

    def checkpoint(self) -> None:
        """Fold the running stretch into the record, ready to save."""
        now = self.clock.monotonic()
        if self._run_started is not None:
            self.record.elapsed_seconds += now - self._run_started
            self._run_started = now
        if self._pause_started is not None:
            self.record.paused_seconds += now - self._pause_started
            self._pause_started = now

    def toggle_pause(self, *, counted: bool = True) -> bool:
        """Pause or resume; returns True when now paused.

        ``counted=False`` holds the clock without counting a pause the user
        asked for (the drill suspended with Ctrl-Z).
        """
        self.checkpoint()
        if self.paused:
            self._pause_started = None
            self._run_started = self.clock.monotonic()
            return False
        self._run_started = None
        self._pause_started = self.clock.monotonic()
        if counted:
            self.record.pauses += 1
        return True

    def extend(self, seconds: float = EXTEND_SECONDS) -> None:
        self.record.extended_seconds += seconds
        if self.remaining() > 0:
            self.rang = False
        if self.remaining() > self.warn_threshold:
            self.warned = False

    def stop(self) -> None:
        self.checkpoint()
        self._run_started = None
        self._pause_started = None

    def seconds_to_next_event(self) -> float:
        """How long until the warning or the deadline is due (inf when none)."""
        if self.paused:
            return float("inf")
        remaining = self.remaining()
        if not self.warned and remaining > self.warn_threshold:
            return remaining - self.warn_threshold
        if not self.rang and remaining > 0:
            return remaining
        return float("inf")

    def due_events(self) -> list[str]:
        """'warn' at the warning threshold and 'deadline' at zero, once each."""
        events = []
        remaining = self.remaining()
        if not self.warned and remaining <= self.warn_threshold:
            self.warned = True
            events.append("warn")
        if not self.rang and remaining <= 0:
            self.rang = True
            events.append("deadline")
        return events
