"""Lines of notes (or a key point's term) as tokens: words by stem, and figures."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache

from sysdrill.session.matching.abbreviations import ABBREVIATIONS
from sysdrill.session.matching.glossary import Glossary
from sysdrill.session.matching.numbers import (
    COUNT,
    FIGURE,
    MAGNITUDE_WORDS,
    MEASURE,
    Reading,
    figure_role,
    readings,
    spell_out,
    unit_word,
)
from sysdrill.session.matching.words import ROLES, STOPWORDS, stem

ROLE = "<role>"  # stands for any word in ROLES (see words.ROLES)
ROLE_STEMS = frozenset(stem(w) for w in ROLES) | {stem("database")}


@dataclass(frozen=True, slots=True)
class Token:
    """One word (its stems: more than one for an ambiguous short form) or one figure."""

    pos: int
    start: int = 0  # where it is in the line, for quoting the evidence
    end: int = 0
    stems: frozenset[str] = frozenset()
    raw: str = ""  # the word as written, lower case, for typo checks
    figure: frozenset[Reading] = frozenset()
    role: str = ""  # for a figure: measure, count or name (see numbers.figure_role)
    money: bool = False  # a figure written as money ("$20B"); in a term: must be money
    written: str = ""  # a short form of several words, as written ("ai" in "AI ops")

    @property
    def is_figure(self) -> bool:
        return bool(self.figure)


_WORD = r"[a-z0-9]*[a-z][a-z0-9]*"
# "w/o", "b/w", "a/b" or "a-b" (as "AB": "A/B tests" meets "AB testing"),
# "x-" before a word ("x-region": cross region), "%" with no number
# before it ("cold start %": percent) and the arrows up and down ("cold
# starts ↓ 90%") are words too.
# Delivery guarantees are one word each: "at least once" is not "exactly once"
# with two words dropped.
_ONCE = r"\b(?:at[- ]least|at[- ]most|exactly)[- ]once\b"
_TOKEN = re.compile(
    rf"{FIGURE.pattern}|(?P<word>{_ONCE}|%|[↑↓]|\bw/o\b|\bb/w\b|\ba[/-]b\b|\bx(?=-[a-z])|{_WORD})(?:'s)?"
)
_YEAR_NUMBER = re.compile(r"(?:y|yr|year)(\d{1,2})")
_SHORTHAND = {"w/o": "without", "b/w": "between", "a/b": "ab", "x": "cross", "%": "percent"}
# Changes that keep every character where it was.
_SPELLINGS = [
    (re.compile(r"[\u2010-\u2015\u2212]"), "-"),
    (re.compile(r"µs"), "us"),
]
_ISH = re.compile(r"(?<=\d)-?ish\b")  # "2020ish" is 2020
# "99th percentile" is p99, and so is each of "10th/50th/90th percentile"
_ORDINAL = re.compile(
    r"(?<![\d.])(\d{1,3})(?:st|nd|rd|th)\b"
    r"(?=(?:[\s/,&-]+(?:and\s+)?\d{1,3}(?:st|nd|rd|th)\b)*[\s-]*percentiles?\b)"
)


# Numbers that count the points of a list ("1) ingest", "2. route", "(3) store")
# are no figures: "1) real-time" is not "#1 in real-time".
_LIST_MARK = re.compile(
    r"^(?P<lead>\s*(?:[-*\u2022+]\s*)?)\(?\d{1,2}[.)](?=\s)"
    r"|(?<=[\s,;:])\(?\d{1,2}\)(?=\s+[a-z])"
)


def _unmarked(text: str) -> str:
    return _LIST_MARK.sub(
        lambda m: (m.group("lead") or "") + " " * (len(m.group(0)) - len(m.group("lead") or "")),
        text,
    )


def _accents() -> dict[int, str]:
    """Letters with accents as their plain letter, one for one ("réplicas" is
    "replicas", "año" "ano"), so places in the text stay where they were."""
    table = {}
    for point in range(0xC0, 0x250):
        parts = unicodedata.normalize("NFD", chr(point))
        base = parts[0]
        if base.isascii() and base.isalpha() and all(map(unicodedata.combining, parts[1:])):
            table[point] = base
    return table


_ACCENTS = _accents()


def normalise(text: str) -> str:
    lowered = text.lower()
    text = lowered if len(lowered) == len(text) else text
    text = text.translate(_ACCENTS)
    text = _unmarked(text)
    for pattern, replacement in _SPELLINGS:
        text = pattern.sub(replacement, text)
    text = _ISH.sub(lambda m: " " * len(m.group(0)), text)
    text = _ORDINAL.sub(lambda m: ("p" + m.group(1)).ljust(len(m.group(0))), text)
    return spell_out(text)


_PARTICLES = frozenset({"on", "in"})  # "on-call", "opt-in", "add-on", "built-in"
_APART = re.compile(r" [a-z]")


def _hyphened_once(text: str, start: int, end: int) -> bool:
    """A small word joined by a hyphen on one side only ("on-call", "opt-in")
    is part of a compound; in "time-to-market" it is just a small word."""
    before = start > 0 and text[start - 1] == "-"
    after = text[end : end + 1] == "-"
    return before != after


# Words that end in "s" after a short form but are not its plural (AIS is a
# ship's position signal, ECS a container service).
_WORDS_OF_THEIR_OWN = frozenset({"ais", "ecs", "dps", "cps", "sigs"})


def _expand(word: str, own: dict[str, str] | None = None) -> list[frozenset[str]]:
    """A word as one or more tokens' stems, short forms expanded: the notes'
    own (see glossary.py) before the field's."""
    expansion = None
    for table in (own or {}, ABBREVIATIONS):
        expansion = table.get(word)
        if (
            expansion is None
            and word.endswith("s")
            and len(word) > 2
            and word not in _WORDS_OF_THEIR_OWN
        ):
            expansion = table.get(word[:-1])
        if expansion is not None:
            break
    if expansion is None:
        return [frozenset({stem(word)})]
    if "|" in expansion:
        return [frozenset(stem(w) for w in expansion.split("|"))]
    return [frozenset({stem(w)}) for w in expansion.split()]


# "team by team", "step by step", "one at a time": done a piece at a time,
# which key points say as "incremental" (or "gradual", "progressive"); not
# "side by side" (at once) or "case by case".
_STEPWISE = re.compile(
    r"\b(?:(?!side\b|case\b)([a-z]+)\s+by\s+\1|(?:one|1)\s+(?:at\s+a\s+time|by\s+(?:one|1))"
    r"|bit\s+by\s+bit|little\s+by\s+little)\b"
)
_GRADUAL = frozenset({stem("gradual")})

_MONEY = re.compile(r"[$€£]\s?$")
# a currency said after the figure: "5 billion dollars", "40B USD"
_CURRENCY = frozenset({"dollar", "dollars", "usd", "eur", "euro", "euros", "gbp", "bucks"})


def _as_money(figure: frozenset[Reading]) -> frozenset[Reading]:
    """A figure written as money: "$10B" is ten billion, never ten bytes."""
    return frozenset(r for r in figure if r[0] != "b") or figure


# "sub" is a stopword before a figure ("sub 10ms"), a word elsewhere ("pub sub").
_BEFORE_FIGURE = re.compile(r"[\s-]*[<~]?\d")


def _with_stepwise(text: str, tokens: list[Token]) -> list[Token]:
    """A word for "incremental" after each step-by-step phrase."""
    ends = [m.end() for m in _STEPWISE.finditer(text)]
    if not ends:
        return tokens
    out: list[Token] = []
    for token in tokens:
        while ends and token.start >= ends[0]:
            out.append(Token(len(out), ends[0], ends[0], stems=_GRADUAL, raw="gradual"))
            ends.pop(0)
        out.append(replace(token, pos=len(out)))
    for end in ends:
        out.append(Token(len(out), end, end, stems=_GRADUAL, raw="gradual"))
    return out


@lru_cache(maxsize=8192)
def tokenize(line: str, glossary: Glossary = ()) -> tuple[Token, ...]:
    """The tokens of one line, stopwords left out, positions counted without
    them; ``glossary`` holds short forms the notes define themselves."""
    own = dict(glossary)
    text = normalise(line)
    tokens: list[Token] = []
    particle = ""
    for match in _TOKEN.finditer(text):
        start, end = match.span()
        word = match.group("word")
        if word is None:
            figure = readings(match)
            role = figure_role(match, text)
            unit = unit_word(match)
            stems = frozenset({stem(unit)}) if unit else frozenset()
            money = _MONEY.search(text, max(0, start - 2), start) is not None
            if money:
                figure = _as_money(figure)
            tokens.append(
                Token(len(tokens), start, end, stems, figure=figure, role=role, money=money)
            )
            continue
        if word == "a-b":
            word = "a/b"
        elif word.endswith("once") and not word.isalpha():
            word = re.sub(r"[- ]", "", word)
        if word == "x" and not text.startswith("-", end):
            word = "times"  # a times sign ("replicas x 2", "rate x latency"), not "x-region"
        word = _SHORTHAND.get(word, word) if "/" in word or word in "x%" else word
        year = _YEAR_NUMBER.fullmatch(word)
        if year:  # "Y5", "yr3": year 5, year 3
            tokens.append(Token(len(tokens), start, end, stems=frozenset({"year"}), raw="year"))
            value = frozenset({("n", float(year.group(1)))})
            tokens.append(Token(len(tokens), start, end, figure=value, role=COUNT))
            continue
        if (
            word in _CURRENCY
            and tokens
            and tokens[-1].is_figure
            and not text[tokens[-1].end : start].strip()
        ):
            # "5 billion dollars" is money, as "$5B" is
            tokens[-1] = replace(tokens[-1], figure=_as_money(tokens[-1].figure), money=True)
            continue
        if (
            word in STOPWORDS
            and not (word in _PARTICLES and _hyphened_once(text, start, end))
            and not (word == "sub" and not _BEFORE_FIGURE.match(text, end))
        ):
            # "on demand", "on call", "in memory": the compound written apart
            particle = word if word in _PARTICLES and _APART.match(text, end) else ""
            continue
        if word in MAGNITUDE_WORDS:
            value = frozenset({("n", MAGNITUDE_WORDS[word])})
            tokens.append(Token(len(tokens), start, end, figure=value, role=MEASURE))
            continue
        parts = _expand(word, own)
        if particle and len(parts) == 1 and word.isalpha():
            parts = [parts[0] | {stem(particle + word)}]
        particle = ""
        # one token: the word as written ("svc", or "dev" for any of its
        # readings); a short form of several words: each word of it
        raw = word if len(parts) == 1 else ""
        for stems in parts:
            raw_word = raw or min(stems)
            if stems & ROLE_STEMS:
                stems = stems | {ROLE}
            tokens.append(
                Token(len(tokens), start, end, stems, raw=raw_word, written="" if raw else word)
            )
    return tuple(_with_stepwise(text, tokens))


def joined(tokens: tuple[Token, ...]) -> list[Token]:
    """Neighbouring words written as one ("fan out" as "fanout"), at the first one's place."""
    out: list[Token] = []
    for a, b in zip(tokens, tokens[1:], strict=False):
        # a short form of several words joins as written: "AI ops" is "AIOps"
        first, second = a.written or a.raw, b.written or b.raw
        if first.isalpha() and second.isalpha() and a.pos + 1 == b.pos and a.start != b.start:
            word = first + second
            # no slip is read in two words put together ("searches/s" is
            # not a slip of "searches"): its raw form is the two words
            stems = frozenset({stem(word)})
            out.append(Token(a.pos, a.start, b.end, stems=stems, raw=f"{first} {second}"))
    return out
