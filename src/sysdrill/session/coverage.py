"""Which key points a phase's notes cover.

A key point is covered when the notes contain its concept or any alias,
case-insensitively, on word boundaries. Spaces and hyphens in a term match
either in the notes ("read-after-write" finds "read after write"), and a
plural "s" or "es" is allowed after a last word made of letters ("virtual node"
finds "virtual nodes", while "20M" does not find "20ms").
Terms that start or end with a symbol ("<100ms", "99.99%") work too: the
boundary is "not next to a letter or digit".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from sysdrill.content.model import KeyPoint


@lru_cache(maxsize=4096)
def term_pattern(term: str) -> re.Pattern[str]:
    words = [w for w in re.split(r"[\s\-]+", term.strip()) if w]
    body = r"[\s\-]*".join(re.escape(w) for w in words)
    if words and words[-1].isalpha():  # "20M" must not find "20ms"
        body += r"(?:s|es)?"
    return re.compile(rf"(?<![^\W_]){body}(?![^\W_])", re.IGNORECASE)


def covers(notes: str, key_point: KeyPoint) -> bool:
    return any(term_pattern(term).search(notes) for term in key_point.terms if term.strip())


def split_coverage(notes: str, key_points: Iterable[KeyPoint]) -> tuple[list[str], list[str]]:
    """Concepts covered and missed, in the item's order."""
    covered: list[str] = []
    missed: list[str] = []
    for key_point in key_points:
        (covered if covers(notes, key_point) else missed).append(key_point.concept)
    return covered, missed
