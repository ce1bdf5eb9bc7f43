"""`--duration 45m`: a total length, turned into a scale for every phase."""

from __future__ import annotations

import re

from sysdrill.errors import UsageError

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
        raise UsageError(f"cannot read duration '{text}': use forms like 45m, 1h, 1h30m or 30s")
    if seconds <= 0:
        raise UsageError(f"duration '{text}' must be longer than zero")
    return seconds


def format_clock(seconds: float) -> str:
    """12:05 or 1:02:03; never negative (overtime is shown separately)."""
    whole = max(0, int(seconds + 0.999)) if seconds > 0 else 0
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def format_span(seconds: float) -> str:
    """A short human length: 45s, 12m 05s, 1h 02m."""
    whole = int(round(max(0.0, seconds)))
    if whole < 60:
        return f"{whole}s"
    minutes, secs = divmod(whole, 60)
    if minutes < 60:
        return f"{minutes}m {secs:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h {minutes:02d}m"
