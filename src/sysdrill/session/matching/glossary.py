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
# what marks a definition: "words (IR)", "words = IR", "words aka IR";
# "IR = words", "IR: words", "IR means words", "IR stands for words"
_SHORT_AFTER = re.compile(rf"\(\s*({_SHORT})\s*\)|(?:=|\baka)\s*({_SHORT})\s*(?:$|[,;.)]|\s-)")
_SHORT_BEFORE = re.compile(rf"(?:^|[^\w.-])({_SHORT})\s*(?:=|:|\bmeans\b|\bstands for\b)")
_WORD = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
_REACH = 80  # characters either side of the mark that the words may take
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


def _shortens(short: str, word: str) -> bool:
    """Whether ``short`` is a shortening of one word: its letters in order,
    the first one first ("RE" for renewables, "GW" for gateway)."""
    if not short.isalpha() or short in STOPWORDS or word in STOPWORDS:
        return False
    if len(word) < len(short) + 3 or short[0] != word[0]:
        return False
    rest = iter(word[1:])
    return all(letter in rest for letter in short[1:])


def _stands_for(short: str, words: list[str], *, from_end: bool) -> str | None:
    """What ``short`` stands for: one word it shortens, else the fewest of
    ``words`` (the last ones, or the first) that it spells, at least two
    that are not small words; or None."""
    # "read-after-write (RAW)": each part of a hyphened word is a word
    words = [part for word in words for part in word.split("-") if part]
    if short in words or not words:
        return None
    one = words[-1] if from_end else words[0]
    if _shortens(short, one):
        return one  # "renewables (RE)"
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
        if "(" not in line and "=" not in line and ":" not in line and " aka " not in line:
            if " means " not in line and " stands for " not in line:
                continue
        for match in _SHORT_AFTER.finditer(line):
            short = match.group(1) or match.group(2)
            words = _WORD.findall(line[max(0, match.start() - _REACH) : match.start()])
            meaning = _stands_for(short, words, from_end=True)
            if meaning:
                found.setdefault(short, meaning)
        for match in _SHORT_BEFORE.finditer(line):
            short = match.group(1)
            words = _WORD.findall(line[match.end() : match.end() + _REACH])
            meaning = _stands_for(short, words, from_end=False)
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
