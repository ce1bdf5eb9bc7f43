"""Whether a run of scores is getting better, and a one-line picture of it."""

from __future__ import annotations

from collections.abc import Sequence

BETTER, WORSE, FLAT, TOO_FEW = "better", "worse", "flat", "too few"
TREND_WINDOW = 5
# Scores 1 to 5: a slope of 0.1 a session is 0.4 over five sessions.
SCORE_SLOPE = 0.1
# Key-point coverage 0 to 1: 2.5 points of coverage a session.
COVERAGE_SLOPE = 0.025
BARS = "▁▂▃▄▅▆▇█"


def slope(values: Sequence[float]) -> float:
    """The least-squares slope of ``values`` against 0, 1, 2, ..."""
    n = len(values)
    if n < 2:
        return 0.0
    mean_x = (n - 1) / 2
    mean_y = sum(values) / n
    spread = sum((x - mean_x) ** 2 for x in range(n))
    return sum((x - mean_x) * (y - mean_y) for x, y in enumerate(values)) / spread


def trend(values: Sequence[float], threshold: float = SCORE_SLOPE) -> str:
    """better, worse or flat over the last five values (too few: under three)."""
    last = list(values)[-TREND_WINDOW:]
    if len(last) < 3:
        return TOO_FEW
    rise = slope(last)
    if rise >= threshold:
        return BETTER
    if rise <= -threshold:
        return WORSE
    return FLAT


def sparkline(values: Sequence[float], low: float = 1, high: float = 5) -> str:
    """One bar per value, its height from ``low`` to ``high``."""
    span = high - low
    out = []
    for value in values:
        share = 0.0 if span <= 0 else (min(max(value, low), high) - low) / span
        out.append(BARS[round(share * (len(BARS) - 1))])
    return "".join(out)
