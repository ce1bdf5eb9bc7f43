"""Whether a term (a key point's concept or alias) is in the notes, and on which line.

A term matches a line of the notes when every one of its words (by stem,
short forms expanded, one-letter slips allowed on long words) and every one
of its figures (by value) is on that line, in any order, within a short
window (closer when the term's words are all generic). A word typed
without its vowels ("sgmnt", "idnty") is the word it leaves out of. A term with
enough telling words may leave its generic ones out. A term of one
generic word, or of figures alone, matches nothing.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache

from sysdrill.session.matching.glossary import Glossary
from sysdrill.session.matching.numbers import COUNT, MEASURE, Reading, same_figure
from sysdrill.session.matching.tokens import ROLE, Token, joined, tokenize
from sysdrill.session.matching.words import GENERIC, skeleton, stem, typo_of, vowels_dropped

# Words a term may have between its own, beyond its length: "snapshot
# restore" finds "restore from a snapshot" and "restore of the snapshot".
SLACK = 3
GENERIC_SLACK = 1  # for a term whose words are all generic

GENERIC_STEMS = frozenset(stem(w) for w in GENERIC)

# Words that say no more than a sum of money does: "$20B revenue", "$1T
# volume", "$1B investment". Such a term is also covered by the sum alone,
# written as money.
MONEY_STEMS = frozenset(
    stem(w)
    for w in """revenue target goal arr sales topline run rate volume processed tpv gpv gmv
    investment invest capex spend annual year yearly""".split()
)

# Words that make a sum the size of a market, not a revenue: "market ~$10B".
MARKET_STEMS = frozenset(stem(w) for w in "market mkt tam sam industry".split())

# A term with this many telling words or figures matches without its generic
# words: they add nothing the telling ones do not already say.
TELLING_ENOUGH = 3

Hit = tuple[int, int]  # (line number, position in the line)


@dataclass(frozen=True)
class Found:
    line: int  # number of the line in the notes
    start: int  # the characters of that line the term was read from
    end: int


@dataclass(frozen=True)
class Term:
    text: str
    variants: tuple[tuple[Token, ...], ...]  # the words as written, and with neighbours joined
    specific: bool  # has a word that is not generic
    words: int  # distinct words
    has_figure: bool
    has_quantity: bool  # a figure that is not a name or a year
    has_measure: bool

    @property
    def usable(self) -> bool:
        """Never a bare figure, a year or one generic word alone.

        A word that is not generic will do; so will a quantity with any
        word ("6 regions"), or two generic words together ("storage nodes").
        """
        if not self.variants or not self.words:
            return False
        return self.specific or self.has_quantity or self.words >= 2


def _join_variants(tokens: tuple[Token, ...]) -> list[tuple[Token, ...]]:
    out = []
    for pair in joined(tokens):
        i = next(n for n, t in enumerate(tokens) if t.pos == pair.pos)
        out.append((*tokens[:i], pair, *tokens[i + 2 :]))
    return out


@lru_cache(maxsize=16384)
def compile_term(text: str) -> Term:
    tokens = tokenize(" ".join(text.split()))
    words = [t for t in tokens if not t.is_figure]
    specific = any(not (t.stems - {ROLE} <= GENERIC_STEMS) for t in words)
    # beside a telling word, any word for a component's role will do
    roles = any(ROLE not in t.stems and not t.stems <= GENERIC_STEMS for t in words)
    tokens = tuple(
        replace(t, stems=frozenset({ROLE}) if roles else t.stems - {ROLE}) if ROLE in t.stems else t
        for t in tokens
    )
    variants = (tokens, *_join_variants(tokens)) if tokens else ()
    variants = tuple(tuple(replace(t, money=False) for t in v) for v in variants)
    telling = tuple(t for t in tokens if t.is_figure or not t.stems <= GENERIC_STEMS | {ROLE})
    if len(telling) < len(tokens) and len(telling) >= TELLING_ENOUGH:
        # "p99 cold start 100ms" is read in "cold start under 100ms"
        variants = (*variants, tuple(replace(t, pos=n, money=False) for n, t in enumerate(telling)))
    figures = [t for t in tokens if t.is_figure]
    if len(figures) == 1 and figures[0].money and all(t.stems <= MONEY_STEMS for t in words):
        # "$20B revenue": money alone says it ("$20B / $1T = 2% take")
        variants = (*variants, (replace(figures[0], pos=0),))
    return Term(
        text=text,
        variants=variants,
        specific=specific,
        words=len({t.raw for t in words}),
        has_figure=any(t.is_figure for t in tokens),
        has_quantity=any(t.role in (MEASURE, COUNT) for t in tokens),
        has_measure=any(t.role == MEASURE for t in tokens),
    )


class NotesIndex:
    """One phase's notes, split in lines and indexed by stem and figure."""

    def __init__(self, notes: str, glossary: Glossary = ()) -> None:
        raw = notes.splitlines()
        self.lines = [line.strip() for line in raw]
        self.tokens = [tokenize(line, _used(glossary, line)) for line in self.lines]
        # a line under a heading reads with the heading's words before its own
        # ("sharding:" then "- by channel id" says "sharding by channel id")
        own = list(self.tokens)
        self.headings: list[int | None] = _parents(raw)
        for number, parent in enumerate(self.headings):
            if parent is not None and 0 < len(own[parent]) <= HEADING_WORDS:
                self.tokens[number] = _under(own[parent], own[number])
            else:
                self.headings[number] = None
        self.by_stem: dict[str, list[Hit]] = defaultdict(list)
        # long words by each spelling with one letter left out, for slips
        self.by_deletion: dict[str, set[str]] = defaultdict(set)
        # words typed without their vowels ("sgmnt"), by their consonants
        self.by_skeleton: dict[str, set[str]] = defaultdict(set)
        self.by_written: dict[str, list[Hit]] = defaultdict(list)
        self._cache: dict[tuple[frozenset[str], str, frozenset[Reading], bool], list[Hit]] = {}
        self.figures: list[tuple[Hit, frozenset[Reading], bool]] = []
        for number, tokens in enumerate(self.tokens):
            written = set(map(id, tokens))
            for token in (*tokens, *joined(tokens)):
                hit = (number, token.pos)
                if token.is_figure:
                    self.figures.append((hit, token.figure, token.money))
                    for s in token.stems:  # its unit, as a word
                        self.by_stem[s].append(hit)
                    continue
                for s in token.stems:
                    self.by_stem[s].append(hit)
                # slips on words as written, not on two words read together
                # ("partner APIs" is not a slip of "partner apps")
                if id(token) in written and token.raw.isalpha() and len(token.raw) >= 6:
                    for variant in _deletions(token.raw):
                        self.by_deletion[variant].add(token.raw)
                    self.by_stem[token.raw].append(hit)
                if id(token) in written and _few_vowels(token.raw):
                    for shape in {skeleton(w) for w in _bare(token.raw)}:
                        self.by_skeleton[shape].add(token.raw)
                    self.by_written[token.raw].append(hit)

    def quote(self, found: Found) -> tuple[str, int, int]:
        """The line a match was read from, its heading before it when the
        match used the heading's words ("sharding: › by channel id"), and
        where in that text the match is."""
        line = self.lines[found.line]
        heading = self.headings[found.line]
        if found.start >= 0 or heading is None:
            return line, found.start, found.end
        head = f"{self.lines[heading]} › "
        return head + line, 0, len(head) + max(found.end, 0)

    def _word_hits(self, token: Token) -> list[Hit]:
        hits: list[Hit] = []
        for s in token.stems:
            hits += self.by_stem.get(s, ())
        meant = token.raw
        if meant.isalpha() and len(meant) >= 6:
            near: set[str] = set()
            for variant in _deletions(meant):
                near |= self.by_deletion.get(variant, set())
            for written in near:
                if written != meant and (
                    typo_of(written, meant)
                    or typo_of(stem(written), meant)
                    or typo_of(stem(written), stem(meant))  # "renewbles": a slip, plural
                ):
                    hits += self.by_stem[written]
        if meant.isalpha() and len(meant) >= 5:
            target = stem(meant)
            for written in self.by_skeleton.get(skeleton(meant), set()) | self.by_skeleton.get(
                skeleton(target), set()
            ):
                if any(vowels_dropped(w, m) for w in _bare(written) for m in {meant, target}):
                    hits += self.by_written[written]
        return hits

    def _hits(self, token: Token) -> list[Hit]:
        key = (token.stems, token.raw, token.figure, token.money)
        found = self._cache.get(key)
        if found is None:
            if token.is_figure:
                found = [
                    hit
                    for hit, fig, money in self.figures
                    if same_figure(fig, token.figure) and (money or not token.money)
                ]
                if token.money:  # a sum alone: not the size of a market ("market ~$10B")
                    found = [hit for hit in found if not self._sizes_market(hit)]
            else:
                found = self._word_hits(token)
            self._cache[key] = found
        return found

    def _sizes_market(self, hit: Hit) -> bool:
        line, pos = hit
        return any(abs(t.pos - pos) <= 1 and t.stems & MARKET_STEMS for t in self.tokens[line])

    def find(self, term: Term, skip: frozenset[int] = frozenset()) -> Found | None:
        """Where the term first matches, or None; the lines in ``skip`` are
        not read."""
        best: Found | None = None
        # generic words mean something only close together ("regional
        # failover", "consistency traded for latency"; not "failover ... 50/region")
        slack = SLACK if term.specific or term.has_figure else GENERIC_SLACK
        for variant in term.variants:
            found = self._find_variant(variant, slack, skip)
            if found is not None and (best is None or found.line < best.line):
                best = found
        return best

    def _find_variant(
        self, tokens: tuple[Token, ...], slack: int = SLACK, skip: frozenset[int] = frozenset()
    ) -> Found | None:
        per_line: dict[int, list[list[int]]] = {}
        for n, token in enumerate(tokens):
            hits = self._hits(token)
            if not hits:
                return None
            lines = {line for line, _ in hits}
            if n == 0:
                per_line = {line: [] for line in lines}
            else:
                per_line = {line: v for line, v in per_line.items() if line in lines}
            if not per_line:
                return None
            for line, pos in hits:
                if line in per_line:
                    if len(per_line[line]) <= n:
                        per_line[line].append([])
                    per_line[line][n].append(pos)
        window = len(tokens) + slack
        twice = len({t.stems for t in tokens if not t.is_figure}) < sum(
            not t.is_figure for t in tokens
        )
        for line in sorted(per_line.keys() - skip):
            span = _fits(per_line[line], window, twice)
            if span is not None:
                first, last = self.tokens[line][span[0]], self.tokens[line][span[1]]
                return Found(line, first.start, max(first.end, last.end))
        return None


# A heading names a topic in a few words; a longer line above is a thought
# of its own, not the heading of the lines under it.
HEADING_WORDS = 6
# the lines of a tree drawn as the `tree` command does ("├── hash key",
# "│   └── GSI") are indented by their branches
_OUTLINE = re.compile(r"([\s│├└┬┼─]*)(?:(\d+(?:\.\d+)*)[.)]?\s|[-*+•]\s)?")
_HEADING = re.compile(r":\s*$")


def _parents(lines: list[str]) -> list[int | None]:
    """For each line of the notes, the line it sits under, or None: the
    nearest line above indented less, the nearest line numbered one level up
    ("2." above "2.1"), or a line ending in a colon above a list at its own
    indentation. One pass, however long the notes."""
    parents: list[int | None] = []
    indented: list[tuple[int, int]] = []  # (indentation, line) of open parents
    numbered: list[tuple[int, int, int]] = []  # (depth, indentation, line)
    headings: dict[int, int] = {}  # indentation -> a heading whose list runs on
    for number, line in enumerate(lines):
        if not line.strip():
            headings.pop(0, None)
            parents.append(None)
            continue
        match = _OUTLINE.match(line)
        indent = len(match.group(1).expandtabs(4)) if match else 0
        depth = match.group(2).count(".") + 1 if match and match.group(2) else 0
        bullet = bool(match and match.group(0).strip())
        candidates = []
        while indented and indented[-1][0] >= indent:
            indented.pop()
        if indented:
            candidates.append(indented[-1][1])
        indented.append((indent, number))
        if depth:
            while numbered and numbered[-1][0] >= depth:
                numbered.pop()
            if numbered and numbered[-1][1] == indent:
                candidates.append(numbered[-1][2])
            numbered.append((depth, indent, number))
        if bullet and indent in headings:
            candidates.append(headings[indent])
        if _HEADING.search(line):
            headings[indent] = number
        elif not bullet:
            headings.pop(indent, None)
        parents.append(max(candidates) if candidates else None)
    return parents


def _under(heading: tuple[Token, ...], line: tuple[Token, ...]) -> tuple[Token, ...]:
    """The tokens of a line with its heading's before them (at -1 in the line)."""
    shift = max(t.pos for t in heading) + 1
    return (
        *(replace(t, start=-1, end=-1) for t in heading),
        *(replace(t, pos=t.pos + shift) for t in line),
    )


def _used(glossary: Glossary, line: str) -> Glossary:
    """The short forms of the glossary that the line uses (so that a line
    is read once, however the glossary grows)."""
    if not glossary:
        return glossary
    words = set(_WORDS.findall(line.lower()))
    return tuple(entry for entry in glossary if entry[0] in words or entry[0] + "s" in words)


_WORDS = re.compile(r"[a-z0-9]+")


def _few_vowels(word: str) -> bool:
    """Whether the word could be one typed without its vowels (most words have too many)."""
    return (
        len(word) >= 4
        and word.isalpha()
        and sum(ch in "aeiou" for ch in word[1:]) <= len(word) // 4
    )


def _bare(word: str) -> set[str]:
    """A word as typed, and without a plural "s" or an "-ly" ("progrssvly")."""
    return {word, word.removesuffix("s"), word.removesuffix("ly")}


@lru_cache(maxsize=65536)
def _deletions(word: str) -> tuple[str, ...]:
    """The word, and the word with each one letter left out: two words one slip
    apart (or a plural "s" and a slip apart) share one of these."""
    out = {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}
    if word.endswith("s"):
        out.add(word[:-1])
    return tuple(out)


def _fits(positions: list[list[int]], window: int, twice: bool = False) -> tuple[int, int] | None:
    """The first and last position of one position from each list within
    ``window`` tokens, or None. When the term has a word twice ("tenant by
    tenant", ``twice``), the window must hold as many places as the term has
    words: one "tenant" is not two."""
    if len(positions) == 1:
        return min(positions[0]), min(positions[0])
    marks = sorted((pos, n) for n, plist in enumerate(positions) for pos in set(plist))
    need = len(positions)
    counts = [0] * need
    have = 0
    left = 0
    for pos, n in marks:
        if counts[n] == 0:
            have += 1
        counts[n] += 1
        while have == need:
            start, m = marks[left]
            if pos - start + 1 <= window and (not twice or _distinct(marks, left, pos) >= need):
                return start, pos
            counts[m] -= 1
            if counts[m] == 0:
                have -= 1
            left += 1
    return None


def _distinct(marks: list[tuple[int, int]], left: int, last: int) -> int:
    """How many different positions the marks from ``left`` up to ``last`` hold."""
    return len({pos for pos, _ in marks[left:] if pos <= last})
