"""Whole seconds and planned lengths in words: the little of ``session.duration``
that `show` needs, kept apart so that printing an item does not load the rest."""

from __future__ import annotations

import math

# A float that is a whole number of seconds give or take the arithmetic
# (2 minutes as 119.9999999) counts as that whole number.
_SLACK = 1e-6


def whole_seconds(seconds: float) -> int:
    """The one rounding of a length of time: whole seconds, rounded down.

    Time spent, planned, extended and over is shown and stored this way
    everywhere, so the screen, the summary, the history and JSON agree; a
    countdown is the planned whole seconds minus these, so it agrees too.
    """
    return max(0, math.floor(seconds + _SLACK))


def format_length(seconds: float) -> str:
    """A planned length in words: 45 min, 1 min 40 s, 30 s."""
    minutes, secs = divmod(whole_seconds(seconds), 60)
    if not secs:
        return f"{minutes} min"
    return f"{minutes} min {secs} s" if minutes else f"{secs} s"
