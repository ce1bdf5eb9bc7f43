"""Saving often, saving only what changed, and never giving up on a failed save.

The drill tells the ``Autosaver`` what changed (a phase's notes, the scores,
everything); the autosaver decides when to write and what. A write that
fails (the history locked by another program, a full disk) is not an
error for the drill: it is remembered, shown, and retried with a growing
pause on the drill's own clock, and everything not yet written stays
pending until a write succeeds.
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from sysdrill.session.clock import Clock

# Typing is written at most this long after it happens (the loss promise is 2 s).
AUTOSAVE_SECONDS = 1.5
# While only the clock moves, its progress is written this often (a small update).
CLOCK_SAVE_SECONDS = 5.0
# After a failed write, wait this long before the next try, then longer each time.
RETRY_SECONDS = (1.0, 2.0, 4.0, 8.0)

# The errors a write to the history can meet; anything else is a bug.
SAVE_ERRORS: tuple[type[BaseException], ...] = (sqlite3.Error, OSError)


@dataclass(frozen=True)
class Changes:
    """What one write has to carry."""

    phases: frozenset[int] | None = frozenset()  # positions; None: every phase
    scores: bool = False
    clock_only: bool = False  # only the running phase's times, a small update


EVERYTHING = Changes(phases=None, scores=True)
CLOCK = Changes(clock_only=True)


@dataclass(frozen=True)
class SaveFailure:
    """The last write failed: why, in plain words, since when, and how often."""

    reason: str
    since: float  # on the drill's monotonic clock
    attempts: int


def describe_save_error(exc: BaseException) -> str:
    """Why a write failed, in words a user can act on."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc).lower()
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return "the disk is full"
    if name.startswith("SQLITE_FULL") or "disk is full" in text:
        return "the disk is full"
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
        return "the history is locked by another program"
    if name.startswith("SQLITE_READONLY") or "readonly" in text or "read-only" in text:
        return "the history is read-only"
    if isinstance(exc, PermissionError):
        return "the history cannot be written (permission denied)"
    return f"the history cannot be written ({exc})"


class Autosaver:
    """Decides when to write and what, and keeps retrying a failed write."""

    def __init__(
        self,
        write: Callable[[Changes], None],
        clock: Clock,
        interval: float = AUTOSAVE_SECONDS,
        clock_interval: float = CLOCK_SAVE_SECONDS,
    ) -> None:
        self._write = write
        self._clock = clock
        self.interval = interval
        self.clock_interval = clock_interval
        self._phases: set[int] = set()
        self._all_phases = True  # nothing written yet: the first write is the whole session
        self._scores = True
        self._row = True  # the session's own row (stage, times, reflection)
        self._notes_pending = False
        self._last_write = clock.monotonic()
        self._last_try = clock.monotonic()
        self.failure: SaveFailure | None = None
        self.writes = 0

    # -- what changed ------------------------------------------------------------

    def changed(self, position: int | None = None) -> None:
        """Typing (or ticks) in the phase at ``position``: written within ``interval``."""
        if position is None:
            self._all_phases = True
        else:
            self._phases.add(position)
        self._row = self._notes_pending = True

    def _add(self, changes: Changes) -> None:
        if changes.clock_only:
            return
        self._row = True
        if changes.phases is None:
            self._all_phases = True
        else:
            self._phases |= changes.phases
        self._scores = self._scores or changes.scores

    @property
    def dirty(self) -> bool:
        return self._notes_pending or self.failure is not None

    def pending(self) -> Changes:
        phases = None if self._all_phases else frozenset(self._phases)
        if not self._row:
            return CLOCK
        return Changes(phases=phases, scores=self._scores)

    # -- when --------------------------------------------------------------------

    def _retry_delay(self) -> float:
        assert self.failure is not None
        return RETRY_SECONDS[min(self.failure.attempts, len(RETRY_SECONDS)) - 1]

    def due_in(self, clock_running: bool = False) -> float:
        """Seconds until the next write is due (inf when nothing is waiting)."""
        now = self._clock.monotonic()
        if self.failure is not None:
            return max(0.0, self._last_try + self._retry_delay() - now)
        if self._notes_pending:
            return max(0.0, self._last_write + self.interval - now)
        if clock_running:
            return max(0.0, self._last_write + self.clock_interval - now)
        return float("inf")

    def maybe_save(self, clock_running: bool = False) -> bool:
        """Write if it is time; True when a write was tried."""
        if self.due_in(clock_running) > 0:
            return False
        self.save_now(CLOCK)  # whatever is pending, else the clock alone
        return True

    # -- writing -----------------------------------------------------------------

    def save_now(self, changes: Changes = EVERYTHING) -> bool:
        """Write ``changes`` and everything still pending now; True when it worked."""
        self._add(changes)
        what = self.pending()
        now = self._clock.monotonic()
        self._last_try = now
        try:
            self._write(what)
        except SAVE_ERRORS as exc:
            attempts = self.failure.attempts + 1 if self.failure else 1
            since = self.failure.since if self.failure else now
            self.failure = SaveFailure(describe_save_error(exc), since, attempts)
            # What reached the history is unknown: the next write carries it all.
            self._all_phases = self._scores = self._row = True
            return False
        self.writes += 1
        self.failure = None
        self._phases.clear()
        self._all_phases = self._scores = self._row = self._notes_pending = False
        self._last_write = now
        return True
