"""How far your own scores sit from your interviewers', in words."""

from __future__ import annotations

# Below this the two agree well enough that the gap is not worth a sentence.
NOTICEABLE = 0.5


def describe_gap(dimension: str, gap: float) -> str:
    """ "you rate your Trade-offs +1.2 above your interviewers"."""
    if abs(gap) < 0.05:
        return f"you rate your {dimension} as your interviewers do"
    side = "above" if gap > 0 else "below"
    return f"you rate your {dimension} {gap:+.1f} {side} your interviewers"
