"""Which key points a phase's notes cover, and the line that shows it.

See docs/matching.md. In short: a key point is covered when its concept or
one of its aliases is on one line of the notes (with the heading it sits
under, if any), read word by word (stems,
short forms, one-letter slips on long words, words typed without their
vowels, any order within a short window) and figure by figure (by value,
in any spelling). A term must have a word that is not generic, and a key
point whose concept states a figure ("5ms snapshot restore") needs a
figure in the term too. Notes of earlier phases count for a later phase's
key points, marked as such.
Negation is not read: "no sharding" covers "sharding".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from sysdrill.content.model import KeyPoint
from sysdrill.session.matching.availability import wrong_downtime
from sysdrill.session.matching.glossary import Glossary, glossary
from sysdrill.session.matching.matcher import Found, NotesIndex, Term, compile_term
from sysdrill.session.matching.numbers import PERIOD_SECONDS, Reading, same_figure
from sysdrill.session.matching.sums import wrong_sum
from sysdrill.session.matching.tokens import Token, tokenize
from sysdrill.session.matching.words import stem

__all__ = [
    "Coverage",
    "Evidence",
    "cover_phase",
    "covers",
    "dead_terms",
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
def _index(notes: str, glossary: Glossary = ()) -> NotesIndex:
    return NotesIndex(notes, glossary)


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
def _contrast_index(notes: str, glossary: Glossary = ()) -> NotesIndex:
    """The notes with only the lines that weigh one thing against another."""
    return NotesIndex(
        "\n".join(line if _CONTRAST.search(line) else "" for line in notes.splitlines()),
        glossary,
    )


# An unticked box ("[ ] GSI update path - skipped") is a point still to make.
_UNTICKED = re.compile(r"^\s*(?:[-*+•]\s*)?\[ ?\]")


@lru_cache(maxsize=64)
def _unticked(notes: str) -> frozenset[int]:
    """The lines of the notes that are unticked boxes of a checklist."""
    return frozenset(n for n, line in enumerate(notes.splitlines()) if _UNTICKED.match(line))


# A line that calls two things the same ("error correction and mitigation are
# basically the same") does not weigh one against the other.
_SAME = re.compile(
    r"\bsame thing\b|\b(?:are|r|is|basically|essentially|kind of|kinda|pretty much|just)"
    r"\s+(?:the\s+)?same\b|\bno (?:real )?difference\b|\binterchangeabl",
    re.IGNORECASE,
)


@lru_cache(maxsize=64)
def _equating(notes: str) -> frozenset[int]:
    """The lines of the notes that call two things the same."""
    return frozenset(n for n, line in enumerate(notes.splitlines()) if _SAME.search(line))


# A key point that names nines ("99.99% uptime", "five nines") is not covered
# by a line that gets their downtime wrong ("99.99% = ~5 min a year").
_NINES_CONCEPT = re.compile(r"\b99\.9+\s*%|\bnines\b", re.IGNORECASE)


@lru_cache(maxsize=64)
def _unsound(notes: str, nines: bool) -> frozenset[int]:
    """The lines of the notes whose downtime the nines do not allow
    (``nines``), or whose load sum is wrong."""
    wrong = wrong_downtime if nines else wrong_sum
    return frozenset(n for n, line in enumerate(notes.splitlines()) if wrong(line))


# A figure said per one period where the key point says another ("10B msgs a
# day" for "10B+ messages monthly") is a different figure.
_PERIODS = {stem(word): seconds for word, seconds in PERIOD_SECONDS.items() if len(word) > 1}


def _periods(tokens: Sequence[Token]) -> set[int]:
    return {_PERIODS[s] for t in tokens if not t.is_figure for s in t.stems if s in _PERIODS}


@lru_cache(maxsize=8192)
def _rate(key_point: KeyPoint) -> tuple[int, tuple[frozenset[Reading], ...]]:
    """The one period the concept counts its figures over, and those figures
    ("10B+ messages monthly": a month, 10B); (0, ()) when it states no rate."""
    tokens = tokenize(key_point.concept)
    periods = _periods(tokens)
    figures = tuple(t.figure for t in tokens if t.is_figure)
    if len(periods) != 1 or not figures:
        return 0, ()
    return periods.pop(), figures


@lru_cache(maxsize=64)
def _wrong_periods(notes: str, key_point: KeyPoint) -> frozenset[int]:
    """The lines of the notes that give the key point's figure over another
    period than its own, and never name its own."""
    period, figures = _rate(key_point)
    if not period:
        return frozenset()
    wrong = set()
    for number, line in enumerate(notes.splitlines()):
        tokens = tokenize(line)
        if period in _periods(tokens):
            continue
        for n, token in enumerate(tokens):
            if token.is_figure and any(same_figure(token.figure, f) for f in figures):
                # the words after the figure, up to the next figure
                after = []
                for later in tokens[n + 1 :]:
                    if later.is_figure or later.pos > token.pos + 3:
                        break
                    after.append(later)
                if _periods(after) - {period}:
                    wrong.add(number)
                    break
    return frozenset(wrong)


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


@lru_cache(maxsize=8192)
def _states_figure(key_point: KeyPoint) -> bool:
    """Whether the concept states a figure ("10 trillion requests per day"):
    a line with a wrong load sum may still have that figure right, but it
    does not cover a point that is only the sizing ("request volume")."""
    concept = compile_term(key_point.concept)
    return concept.has_figure or bool(_YEAR.search(key_point.concept))


def usable_terms(key_point: KeyPoint) -> list[str]:
    """The concept and aliases that can cover the key point (the others never match)."""
    return [t.text for t in _terms(key_point)]


def dead_terms(key_point: KeyPoint) -> list[tuple[str, str]]:
    """The concept or aliases of the key point that can never cover it, each
    with the reason (for ``validate``)."""
    usable = set(usable_terms(key_point))
    concept = compile_term(key_point.concept)
    needs_figure = concept.has_measure or bool(_YEAR.search(key_point.concept))
    dead = []
    for text in dict.fromkeys(t for t in key_point.terms if t.strip()):
        if text in usable:
            continue
        term = compile_term(text)
        if not term.words:
            why = "a figure alone matches nothing"
        elif not term.usable:
            why = "generic words alone match nothing"
        elif needs_figure and not term.has_figure:
            why = f"it has no figure, and the concept '{key_point.concept}' has one"
        else:  # pragma: no cover - every unusable term is one of the above
            why = "it can never match"
        dead.append((text, why))
    return dead


# How good a match is as evidence, best first: the concept itself, then a
# term of more words, then a tighter span, then an earlier line.
Rank = tuple[int, int, int, int]


def _best(
    notes: str, key_point: KeyPoint, concept_only: bool = False, words: Glossary = ()
) -> tuple[Rank, Found] | None:
    if _NINES_CONCEPT.search(key_point.concept):
        skip = _unsound(notes, nines=True)
    elif not _states_figure(key_point):
        skip = _unsound(notes, nines=False)
    else:
        skip = frozenset()
    skip |= _unticked(notes) | _wrong_periods(notes, key_point)
    index = _index(notes, words)
    trade_off = _TRADE_OFF.search(key_point.concept) is not None
    if trade_off:
        skip |= _equating(notes)
    best: tuple[Rank, Found] | None = None
    for term in _terms(key_point):
        is_concept = term.text == key_point.concept
        if concept_only and not is_concept:
            continue
        if trade_off and _VERSUS.search(term.text):
            found = _contrast_index(notes, words).find(term, skip)
        else:
            found = index.find(term, skip)
        if found is None:
            continue
        rank = (0 if is_concept else 1, -term.words, found.end - found.start, found.line)
        if best is None or rank < best[0]:
            best = (rank, found)
    return best


def find(
    notes: str,
    key_point: KeyPoint,
    phase_id: str = "",
    concept_only: bool = False,
    words: Glossary | None = None,
) -> Evidence | None:
    """The line of the notes that covers the key point, or None: the line that
    says the concept itself if there is one, else the one that says most of an
    alias most tightly. ``concept_only`` looks for the concept alone. ``words``
    are the short forms the candidate defined (by default, those in ``notes``)."""
    if words is None:
        words = glossary([notes])
    best = _best(notes, key_point, concept_only, words)
    if best is None:
        return None
    found = best[1]
    line, start, end = _index(notes, words).quote(found)
    return Evidence(line, phase_id, start, end)


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
    for the best evidence among them (see ``_best``).
    """
    covered: list[str] = []
    missed: list[str] = []
    evidence: dict[str, Evidence] = {}
    # short forms the candidate defined so far ("identity resolution (IR)")
    words = glossary([*(text for _, text in earlier), notes])
    for key_point in key_points:
        # this phase first; then the earlier phases, the best evidence among
        # them (the concept itself, else the fullest, tightest alias; the
        # nearer phase when they tie)
        found = find(notes, key_point, phase_id, words=words) if notes.strip() else None
        if found is None:
            choice: tuple[Rank, Evidence] | None = None
            for distance, (source_id, text) in enumerate(reversed(earlier)):
                match = _best(text, key_point, words=words) if text.strip() else None
                if match is None:
                    continue
                (concept, fullness, span, _), where = match
                rank = (concept, fullness, span, distance)
                if choice is None or rank < choice[0]:
                    line, start, end = _index(text, words).quote(where)
                    choice = (rank, Evidence(line, source_id, start, end))
            found = choice[1] if choice else None
        if found is not None:
            covered.append(key_point.concept)
            evidence[key_point.concept] = found
        else:
            missed.append(key_point.concept)
    return Coverage(covered, missed, evidence)
