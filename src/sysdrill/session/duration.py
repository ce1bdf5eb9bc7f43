"""`--duration 45m`: a total length, turned into a scale for every phase."""

from __future__ import annotations

import math
import re

from sysdrill.errors import UsageError
from sysdrill.session.lengths import _SLACK
from sysdrill.session.lengths import format_length as format_length  # callers look here too
from sysdrill.session.lengths import whole_seconds as whole_seconds

_PART = re.compile(r"(\d+(?:\.\d+)?)\s*(h|m|s)", re.IGNORECASE)
_UNIT = {"h": 3600.0, "m": 60.0, "s": 1.0}


def parse_duration(text: str) -> float:
    """Seconds in '90m', '1h', '1h30m', '30s' or a bare number of minutes."""
    cleaned = text.strip().lower().replace(" ", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", cleaned):
        seconds = float(cleaned) * 60
    elif cleaned and re.fullmatch(r"(?:\d+(?:\.\d+)?[hms])+", cleaned):
        seconds = sum(float(n) * _UNIT[u] for n, u in _PART.findall(cleaned))
    else:
        raise UsageError(
            f"cannot read duration '{_shown(text)}': use forms like 45m, 1h, 1h30m or 30s"
        )
    if seconds <= 0:
        raise UsageError(f"duration '{_shown(text)}' must be longer than zero")
    if seconds < MIN_DURATION_SECONDS:
        raise UsageError(f"duration '{_shown(text)}' is too short: at least 1s")
    if not seconds <= MAX_DURATION_SECONDS:  # also catches an infinity from 400 digits
        raise UsageError(f"duration '{_shown(text)}' is too long: at most 10h")
    return seconds


MIN_DURATION_SECONDS = 1.0
MAX_DURATION_SECONDS = 10 * 3600.0


def _shown(text: str) -> str:
    """The user's text, short enough for a one-line error."""
    text = " ".join(text.split())
    return text if len(text) <= 24 else f"{text[:20]}... ({len(text)} characters)"


def split_seconds(parts: list[float], total: int) -> list[int]:
    """Whole seconds in proportion to ``parts`` that add up to exactly ``total``.

    Each part gets its share rounded down, and the seconds left over go to
    the parts that lost the most in rounding; no part gets less than one.
    """
    from fractions import Fraction

    weight = sum(parts)
    if weight <= 0 or not parts:
        return [max(1, total // max(1, len(parts)))] * len(parts)
    exact = [
        Fraction(p).limit_denominator(10**6) * total / Fraction(weight).limit_denominator(10**6)
        for p in parts
    ]
    shares = [math.floor(e) for e in exact]
    order = sorted(range(len(parts)), key=lambda i: (shares[i] - exact[i], i))
    for i in order[: max(0, total - sum(shares))]:
        shares[i] += 1
    return [max(1, s) for s in shares]


def format_clock(seconds: float) -> str:
    """A length of time as 12:05 or 1:02:03, in whole seconds rounded down."""
    whole = whole_seconds(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def overrun_words(overtime: int, extended: float, prefix: str = "") -> tuple[str, str]:
    """('+0:12 over', '(extended 5:00)'); either is "" when there is none.

    Over is the time beyond the planned time plus the extensions.
    """
    over = f"{prefix}+{format_clock(overtime)} over" if overtime else ""
    more = f"(extended {format_clock(extended)})" if extended else ""
    return over, more


def format_countdown(remaining: float) -> str:
    """Time left, rounded up: a fraction of a second left still shows 0:01.

    With whole planned seconds this is exactly the planned time minus the
    time spent as ``format_clock`` shows it.
    """
    if remaining <= _SLACK:
        return format_clock(0)
    return format_clock(math.ceil(remaining - _SLACK))


def format_span(seconds: float) -> str:
    """A short human length: 45s, 12m 05s, 1h 02m."""
    whole = whole_seconds(seconds)
    if whole < 60:
        return f"{whole}s"
    minutes, secs = divmod(whole, 60)
    if minutes < 60:
        return f"{minutes}m {secs:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h {minutes:02d}m"
