"""Short forms a candidate defines in their own notes: "identity resolution (IR)".

Under time pressure people coin short forms for the item's ideas, say once
what each stands for, then use it: "conn gateway = CG ... 50k conns per CG".
A short form counts as defined when its letters are the starts of the words
it stands for, in order ("IR", "IdR" or "IDRes" for identity resolution);
small words may give a letter or none ("quality of service (QoS)"). From
the definition on, in every phase, the short form reads as those words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from sysdrill.session.matching.words import STOPWORDS

# (short form, the words it stands for), lower case, sorted
Glossary = tuple[tuple[str, str], ...]

_SHORT = r"[a-z][a-z0-9]{1,5}"
_WORD = r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*"
_WORDS = rf"{_WORD}(?:\s+{_WORD}){{0,5}}"
# "identity resolution (IR)", "IR = identity resolution", "IR: identity
# resolution", "identity resolution = IR", "identity resolution aka IR"
_BEFORE = re.compile(
    rf"(?P<words>{_WORDS})\s*(?:\(\s*(?P<a>{_SHORT})\s*\)|(?:=|aka|a\.k\.a\.)\s*(?P<b>{_SHORT})\b(?!\s*\w))"
)
_AFTER = re.compile(
    rf"(?:^|[^\w.-])(?P<short>{_SHORT})\s*(?:=|:|means|stands for)\s*(?P<words>{_WORDS})"
)
_MOST_WORDS = 5


def _spells(short: str, words: list[str]) -> bool:
    """Whether ``short`` is made of a start of each word, in order (small
    words may give nothing)."""
    if not words:
        return not short
    word, rest = words[0], words[1:]
    if word in STOPWORDS and _spells(short, rest):
        return True
    return any(
        short.startswith(word[:n]) and _spells(short[n:], rest)
        for n in range(1, min(len(word), len(short)) + 1)
    )


def _stands_for(short: str, words: list[str], *, from_end: bool) -> str | None:
    """The fewest of ``words`` (the last ones, or the first) that ``short``
    spells, at least two that are not small words; or None."""
    # "read-after-write (RAW)": each part of a hyphened word is a word
    words = [part for word in words for part in word.split("-") if part]
    if short in words:
        return None
    for n in range(2, min(len(words), _MOST_WORDS) + 1):
        chosen = words[-n:] if from_end else words[:n]
        if chosen[0] in STOPWORDS or chosen[-1] in STOPWORDS:
            continue
        if sum(w not in STOPWORDS for w in chosen) < 2:
            continue
        if _spells(short, chosen):
            return " ".join(chosen)
    return None


@lru_cache(maxsize=256)
def _defined_in(text: str) -> Glossary:
    found: dict[str, str] = {}
    for line in text.lower().splitlines():
        for match in _BEFORE.finditer(line):
            short = match.group("a") or match.group("b")
            meaning = _stands_for(short, match.group("words").split(), from_end=True)
            if meaning:
                found.setdefault(short, meaning)
        for match in _AFTER.finditer(line):
            short = match.group("short")
            meaning = _stands_for(short, match.group("words").split(), from_end=False)
            if meaning:
                found.setdefault(short, meaning)
    return tuple(sorted(found.items()))


def glossary(texts: Iterable[str]) -> Glossary:
    """The short forms defined anywhere in ``texts`` (the first definition of each)."""
    found: dict[str, str] = {}
    for text in texts:
        for short, meaning in _defined_in(text):
            found.setdefault(short, meaning)
    return tuple(sorted(found.items()))
