"""Styled blocks of text, laid out the way rich lays them out, without loading rich.

`show` prints one item and exits; importing rich's console and rendering
through it cost more than the rest of the command. An item's page is made
of three kinds of block: a paragraph of styled text, a bulleted list, and a
grid of bold labels beside their values, each indented by a margin.
``layout_text`` lays them out as rich does: words wrapped at the same
width, a word longer than a line folded (in a list or grid, cut short with
an ellipsis), the same styles (colour only on a terminal or with
FORCE_COLOR, NO_COLOR dropping the colours but not bold),
the terminal's width read as rich reads it, trailing spaces dropped as
``tui.console.print_clean`` drops them. What it does not do the same way
(tab stops, a label rich would read as markup, Windows consoles, a
terminal too narrow for a grid) it leaves to rich: ``print_blocks`` then
prints through ``tui.brief.to_rich``, which also serves the screens that
mix these blocks with other rich output.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterable, Sequence

Span = tuple[str, str]  # text, style ("bold underline", "cyan", "")


class Para:
    """Text in ``style``, its spans styled further, indented by ``margin``."""

    __slots__ = ("spans", "style", "margin")

    def __init__(self, spans: Sequence[Span] | str, style: str = "", margin: int = 0) -> None:
        self.spans = [(spans, "")] if isinstance(spans, str) else list(spans)
        self.style = style
        self.margin = margin


class Bullets:
    """One bullet (a dim •) per line, the text in ``style``."""

    __slots__ = ("lines", "margin", "style")

    def __init__(self, lines: Iterable[object], margin: int = 2, style: str = "") -> None:
        self.lines = [str(line) for line in lines]
        self.margin = margin
        self.style = style


class Fields:
    """Bold labels in a column, each value beside its label, wrapped beside it."""

    __slots__ = ("pairs", "margin")

    def __init__(self, pairs: Iterable[tuple[str, str]], margin: int = 2) -> None:
        self.pairs = [(label, value.strip()) for label, value in pairs]
        self.margin = margin


Block = Para | Bullets | Fields

FIELDS_GAP = 2  # between a label and its value
BULLET = "•"
ELLIPSIS = "…"


class _Unsupported(Exception):
    """Something rich lays out in a way not copied here: rich prints it."""


# -- where the text goes ---------------------------------------------------------


def _is_terminal(environ: os._Environ[str]) -> bool:
    compatible = environ.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        return compatible == "1"
    force = environ.get("FORCE_COLOR")
    if force is not None:
        return force != ""
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def terminal() -> tuple[int, bool, bool]:
    """The width to lay out in, whether to style at all, and whether colours may be used."""
    environ = os.environ
    is_terminal = _is_terminal(environ)
    dumb = is_terminal and environ.get("TERM", "").lower() in ("dumb", "unknown")
    columns, lines = environ.get("COLUMNS"), environ.get("LINES")
    fixed = int(columns) if columns is not None and columns.isdigit() else None
    if fixed is not None and lines is not None and lines.isdigit():
        width = fixed
    elif dumb:
        width = 80
    else:
        measured = None
        for descriptor in (0, 1, 2):
            try:
                measured = os.get_terminal_size(descriptor).columns
            except (AttributeError, ValueError, OSError):
                continue
            break
        width = fixed if fixed is not None else (measured or 80)
    styled = is_terminal and not dumb
    return width, styled, styled and environ.get("NO_COLOR", "") == ""


# -- styles ----------------------------------------------------------------------

_ATTRIBUTES = {"bold": 1, "dim": 2, "italic": 3, "underline": 4, "reverse": 7, "strike": 9}
_COLOURS = {
    name: 30 + number
    for number, name in enumerate(
        ("black", "red", "green", "yellow", "blue", "magenta", "cyan", "white")
    )
}


def _codes(style: str, colour: bool) -> str:
    """The SGR parameters of ``style`` ("" for none); a later colour wins."""
    attributes: set[int] = set()
    foreground = None
    for word in style.split():
        if word in _ATTRIBUTES:
            attributes.add(_ATTRIBUTES[word])
        elif word in _COLOURS:
            foreground = _COLOURS[word]
        else:
            raise _Unsupported(word)
    codes = sorted(attributes)
    if colour and foreground is not None:
        codes.append(foreground)
    return ";".join(map(str, codes))


# -- wrapping --------------------------------------------------------------------

_WORD = re.compile(r"\s*\S+\s*")
_TRAILING_SPACE = re.compile(r"\s+$")


def _one_cell_each(text: str) -> bool:
    """Whether rich gives every character of ``text`` one cell, as it does ASCII:
    printable Latin letters, dashes, quotes, bullets, arrows and mathematical
    operators (checked against rich in the tests)."""
    if not text.replace("\n", " ").isprintable():
        return False
    return all(
        char < "\u0250"
        or "\u2010" <= char <= "\u2027"
        or "\u2030" <= char <= "\u205e"
        or "\u2190" <= char <= "\u22ff"
        for char in set(text)
    )


def _cell_counter(text: str) -> Callable[[str], int]:
    if text.isascii() or _one_cell_each(text):
        return len
    from rich.cells import cell_len

    return cell_len


def _breaks(line: str, width: int, cells: Callable[[str], int], fold: bool) -> list[int]:
    """Where ``line`` is broken to fit ``width`` cells: before a word that does not
    fit on the line so far, and (with ``fold``) inside a word longer than a line;
    without ``fold`` such a word gets a line of its own, to be cut short."""
    breaks: list[int] = []
    used = 0
    for match in _WORD.finditer(line):
        start, word = match.start(), match.group()
        size = cells(word.rstrip())
        if width - used >= size:
            used += cells(word)
        elif size > width and not fold:
            if start:
                breaks.append(start)
            used = cells(word)
        elif size > width:
            if cells is not len:
                raise _Unsupported("folding a word of wide characters")
            pieces = [word[at : at + width] for at in range(0, len(word), width)]
            for piece in pieces[:-1]:
                if start:
                    breaks.append(start)
                start += len(piece)
            if start:
                breaks.append(start)
            used = len(pieces[-1])
        elif used and start:
            breaks.append(start)
            used = cells(word)
    return breaks


def _wrap(text: str, width: int, fold: bool) -> list[tuple[int, int, bool]]:
    """The (start, end) of each line ``text`` is shown on at ``width``, and whether
    its last character is shown as an ellipsis (a line cut short, without ``fold``)."""
    if "\t" in text:
        raise _Unsupported("tab stops")
    cells = _cell_counter(text)
    out: list[tuple[int, int, bool]] = []
    start = 0
    for line in text.split("\n"):
        edges = [0, *_breaks(line, width, cells, fold), len(line)]
        for begin, end in zip(edges, edges[1:], strict=False):
            piece = line[begin:end]
            if len(piece) > width:  # whitespace past the edge goes
                spaces = _TRAILING_SPACE.search(piece)
                if spaces is not None:
                    end -= min(len(spaces.group()), len(piece) - width)
                    piece = line[begin:end]
            cut = cells(piece) > width
            if cut:
                if cells is not len:
                    raise _Unsupported("cutting wide characters short")
                end = begin + width
            out.append((start + begin, start + end, cut and not fold))
        start += len(line) + 1
    return out


# -- laying out ------------------------------------------------------------------


class _Styler:
    def __init__(self, styled: bool, colour: bool) -> None:
        self.styled = styled
        self.colour = colour
        self._codes: dict[str, str] = {}

    def __call__(self, text: str, style: str) -> str:
        if not text:
            return ""
        codes = self._codes.get(style)
        if codes is None:
            codes = self._codes[style] = _codes(style, self.colour)
        if not self.styled or not codes:
            return text
        return f"\x1b[{codes}m{text}\x1b[0m"


def _runs(spans: Sequence[Span], base: str) -> tuple[str, list[tuple[int, int, str]]]:
    plain = "".join(text for text, _ in spans)
    runs = []
    at = 0
    for text, style in spans:
        runs.append((at, at + len(text), f"{base} {style}".strip()))
        at += len(text)
    return plain, runs


def _lines_of(
    spans: Sequence[Span], base: str, width: int, style: _Styler, fold: bool = True
) -> list[tuple[str, str]]:
    """Each shown line of the text as (its plain text, the same styled)."""
    plain, runs = _runs(spans, base)
    out = []
    for begin, end, ellipsis in _wrap(plain, width, fold):
        if ellipsis:  # the last character gives way to "…", in its style
            plain = plain[: end - 1] + ELLIPSIS + plain[end:]
            text = plain[begin:end]
        else:
            text = plain[begin:end].rstrip(" ")
            end = begin + len(text)
        parts = []
        for run_start, run_end, run_style in runs:
            low, high = max(begin, run_start), min(end, run_end)
            if low < high:
                parts.append(style(plain[low:high], run_style))
        out.append((text, "".join(parts)))
    return out


def _width_of(texts: Iterable[str]) -> int:
    widest = 0
    for text in texts:
        cells = _cell_counter(text)
        for line in text.split("\n"):
            widest = max(widest, cells(line))
    return widest


def _para(block: Para, width: int, style: _Styler) -> list[str]:
    inner = width - block.margin
    if inner < 1:
        raise _Unsupported("no room")
    pad = " " * block.margin
    return [
        pad + shown if text else ""
        for text, shown in _lines_of(block.spans, block.style, inner, style)
    ]


def _columns(
    rows: list[tuple[str, int, str]],
    left: int,
    gap: int,
    block: Bullets | Fields,
    width: int,
    style: _Styler,
    value_style: str = "",
) -> list[str]:
    """Rows of (styled left cell, its width, value): the values wrapped in the
    room beside a column ``left`` wide, as a rich grid does (a word too long
    for it cut short with an ellipsis rather than folded)."""
    room = width - block.margin - left - gap
    if room < 1:
        raise _Unsupported("no room")
    inner = max(min(_width_of(value for _, _, value in rows), room), 1)
    pad = " " * block.margin
    out = []
    for cell, cells, value in rows:
        lines = _lines_of([(value, "")], value_style, inner, style, fold=False)
        for number, (text, shown) in enumerate(lines):
            if number == 0:
                after = " " * (left - cells + gap) + shown if text else ""
                out.append(pad + cell + after if cell or text else "")
            else:
                out.append(pad + " " * (left + gap) + shown if text else "")
    return out


def _bullets(block: Bullets, width: int, style: _Styler) -> list[str]:
    bullet = style(BULLET, "dim")
    rows = [(bullet, 1, line) for line in block.lines]
    return _columns(rows, 1, 1, block, width, style, block.style)


def _fields(block: Fields, width: int, style: _Styler) -> list[str]:
    labels = [label for label, _ in block.pairs]
    for label in labels:  # rich reads a label as markup, and :name: as an emoji
        if "[" in label or label.count(":") > 1 or "\n" in label or "\t" in label:
            raise _Unsupported("label")
    cells = _cell_counter("".join(labels))
    rows = [(style(label, "bold"), cells(label), value) for label, value in block.pairs]
    return _columns(rows, _width_of(labels), FIELDS_GAP, block, width, style)


def layout_text(blocks: Sequence[Block], width: int, styled: bool, colour: bool) -> str:
    """The blocks as printed at ``width``, with styles when ``styled``.

    Raises ``_Unsupported`` for what only rich lays out the same way.
    """
    style = _Styler(styled, colour)
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Para):
            lines += _para(block, width, style)
        elif isinstance(block, Bullets):
            lines += _bullets(block, width, style)
        else:
            lines += _fields(block, width, style)
    return "".join(line + "\n" for line in lines)


def print_blocks(blocks: Sequence[Block]) -> None:
    """Print the blocks as rich would, without rich when that is possible."""
    if sys.platform != "win32":
        try:
            text = layout_text(blocks, *terminal())
        except _Unsupported:
            pass
        else:
            sys.stdout.write(text)
            return
    from rich.console import Group

    from sysdrill.tui.brief import to_rich
    from sysdrill.tui.console import print_clean

    print_clean(Group(*(to_rich(block) for block in blocks)))
