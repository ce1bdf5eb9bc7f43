"""Saving often without saving on every keystroke."""

from __future__ import annotations

from collections.abc import Callable

from sysdrill.session.clock import Clock

AUTOSAVE_SECONDS = 2.0


class Autosaver:
    """Calls ``save`` when something changed and a couple of seconds have passed."""

    def __init__(self, save: Callable[[], None], clock: Clock, interval: float = AUTOSAVE_SECONDS):
        self._save = save
        self._clock = clock
        self.interval = interval
        self._dirty = False
        self._last = clock.monotonic()

    @property
    def dirty(self) -> bool:
        return self._dirty

    def changed(self) -> None:
        self._dirty = True

    def maybe_save(self) -> bool:
        if self._dirty and self._clock.monotonic() - self._last >= self.interval:
            self.save_now()
            return True
        return False

    def save_now(self) -> None:
        self._save()
        self._dirty = False
        self._last = self._clock.monotonic()
