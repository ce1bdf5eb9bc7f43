"""Which key points a phase's notes cover, and the line that shows it.

See docs/matching.md. In short: a key point is covered when its concept or
one of its aliases is on one line of the notes, read word by word (stems,
short forms, one-letter slips on long words, any order within a short
window) and figure by figure (by value, in any spelling). A term must
have a word that is not generic, and a key point whose concept states a
figure ("5ms snapshot restore") needs a figure in the term too. Notes of
earlier phases count for a later phase's key points, marked as such.
Negation is not read: "no sharding" covers "sharding".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from sysdrill.content.model import KeyPoint
from sysdrill.session.matching.matcher import Found, NotesIndex, Term, compile_term

__all__ = [
    "Coverage",
    "Evidence",
    "cover_phase",
    "covers",
    "find",
    "find_line",
    "split_coverage",
    "usable_terms",
]


@dataclass(frozen=True)
class Evidence:
    """The line of the notes that covered a key point, and the phase it was written in.

    ``start`` and ``end`` mark the characters of the line the key point was
    read from (both 0 when not known), so a long line can be quoted around them.
    """

    line: str
    phase_id: str = ""
    start: int = 0
    end: int = 0


@dataclass
class Coverage:
    covered: list[str]
    missed: list[str]
    evidence: dict[str, Evidence]


@lru_cache(maxsize=64)
def _index(notes: str) -> NotesIndex:
    return NotesIndex(notes)


# A trade-off ("cost vs latency", "consistency trade-off") said as "X vs Y" is
# made on a line that weighs one thing against another, not on a list that
# names both ("latency, fraud").
_TRADE_OFF = re.compile(r"\b(?:vs\.?|versus|trade-?offs?)(?=\W|$)", re.IGNORECASE)
_VERSUS = re.compile(r"\b(?:vs\.?|versus)(?=\W|$)", re.IGNORECASE)
_CONTRAST = re.compile(
    r"\b(?:vs\.?|versus|v\.|against|over|trad(?:e|es|ed|ing)(?:-?offs?)?|or|than|but|"
    r"instead|rather|not|"
    r"don'?t|while|whereas|balanc\w*|cost of|expense of|x)(?=\W|$)|/|<->|<>|↔",
    re.IGNORECASE,
)


@lru_cache(maxsize=64)
def _contrast_index(notes: str) -> NotesIndex:
    """The notes with only the lines that weigh one thing against another."""
    return NotesIndex(
        "\n".join(line if _CONTRAST.search(line) else "" for line in notes.splitlines())
    )


@lru_cache(maxsize=8192)
def _terms(key_point: KeyPoint) -> tuple[Term, ...]:
    terms = [compile_term(t) for t in key_point.terms if t.strip()]
    concept = terms[0] if terms else None
    needs_figure = concept is not None and (concept.has_measure or bool(_YEAR.search(concept.text)))
    usable = [t for t in terms if t.usable and (t.has_figure or not needs_figure)]
    if concept is not None and concept.has_measure and not concept.words:
        # a concept that is nothing but a figure ("five nines") is its figure
        usable.insert(0, concept)
    elif concept is not None and concept.has_measure:
        # "99.99% uptime": a figure of three nines or more says availability;
        # "eleven nines durability": so many nines say durability
        figure = compile_term(_AVAILABILITY.sub(" ", concept.text))
        if figure.has_measure and not figure.words and _NINES_FIGURE.search(concept.text):
            usable.insert(0, figure)
    return tuple(usable)


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_AVAILABILITY = re.compile(
    r"\b(uptime|availability|available|SLA|SLO|durability|durable)\b", re.IGNORECASE
)
_NINES_FIGURE = re.compile(r"\b99\.9+\s*%|\bnines\s+durab", re.IGNORECASE)


def usable_terms(key_point: KeyPoint) -> list[str]:
    """The concept and aliases that can cover the key point (the others never match)."""
    return [t.text for t in _terms(key_point)]


def find(
    notes: str, key_point: KeyPoint, phase_id: str = "", concept_only: bool = False
) -> Evidence | None:
    """The line of the notes that covers the key point, or None: a line that
    says the concept itself if there is one, else the first line that says
    one of its aliases. ``concept_only`` looks for the concept alone."""
    index = _index(notes)
    trade_off = _TRADE_OFF.search(key_point.concept) is not None

    def where(term: Term) -> Found | None:
        if trade_off and _VERSUS.search(term.text):
            return _contrast_index(notes).find(term)
        return index.find(term)

    terms = _terms(key_point)
    best: Found | None = None
    for term in terms:
        if term.text == key_point.concept:
            best = where(term)
            break
    if best is None and not concept_only:
        for term in terms:
            found = where(term)
            if found is not None and (best is None or found.line < best.line):
                best = found
    if best is None:
        return None
    return Evidence(index.lines[best.line], phase_id, best.start, best.end)


def find_line(notes: str, key_point: KeyPoint) -> str | None:
    """The first line of the notes that covers the key point, or None."""
    evidence = find(notes, key_point)
    return None if evidence is None else evidence.line


def covers(notes: str, key_point: KeyPoint) -> bool:
    return find(notes, key_point) is not None


def split_coverage(notes: str, key_points: Iterable[KeyPoint]) -> tuple[list[str], list[str]]:
    """Concepts covered and missed, in the item's order."""
    result = cover_phase(key_points, notes)
    return result.covered, result.missed


def cover_phase(
    key_points: Iterable[KeyPoint],
    notes: str,
    phase_id: str = "",
    earlier: Sequence[tuple[str, str]] = (),
) -> Coverage:
    """Coverage of one phase's key points by its notes, then by earlier phases'.

    ``earlier`` holds (phase ID, notes) of the phases before this one, in
    order. This phase's notes are searched first; then the earlier phases,
    nearest first, for the concept itself and then for any alias.
    """
    covered: list[str] = []
    missed: list[str] = []
    evidence: dict[str, Evidence] = {}
    sources = [(phase_id, notes), *reversed(earlier)]
    for key_point in key_points:
        # this phase first; then the earlier phases, where a line that says
        # the concept itself beats a nearer one that says it in other words
        found = find(notes, key_point, phase_id) if notes.strip() else None
        for concept_only in (True, False):
            for source_id, text in sources[1:]:
                if found is not None:
                    break
                if text.strip():
                    found = find(text, key_point, source_id, concept_only)
        if found is not None:
            covered.append(key_point.concept)
            evidence[key_point.concept] = found
        else:
            missed.append(key_point.concept)
    return Coverage(covered, missed, evidence)
