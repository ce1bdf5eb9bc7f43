"""Text from other people, made safe to show in a terminal.

Content packs and saved or imported histories are written by someone else.
A control character in them (ESC starting an OSC that renames the window or
sets the clipboard, CSI clearing the screen, a C1 control, a backspace or
carriage return that hides what came before, a bidi override that reorders
what is shown) must never reach the terminal. ``printable`` replaces each
with a visible escape such as ``\\x1b`` or ``\\u202e``; ordinary text,
including any language and emoji, passes unchanged and costs one regex scan.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import math
import re
import unicodedata
from typing import Any, TypeVar

# Beyond the explicit list below, every character whose Unicode category says
# it is not text to be seen is escaped:
# - Cc (controls) and Cs (lone surrogates, which cannot even be encoded);
# - Cf (format): invisible characters such as zero-width spaces and joiners,
#   the soft hyphen, word joiner, bidi marks and overrides, interlinear
#   annotation and tag characters; they hide or smuggle text the reader cannot
#   see. The one exception is a zero-width joiner between two emoji, which
#   only joins them into one picture (a family, a profession).
# - Zl, Zp: line and paragraph separators break lines behind our layout.
# - Co (private use): what they show depends on the font; nothing in a pack
#   needs them.
# - Cn (unassigned, noncharacters included): no defined width or look. A very
#   new emoji on an older Python may show as an escape: visible, not lost.
# Letters of any script, marks (combining accents, variation selectors),
# symbols and emoji pass unchanged.
_UNSAFE_CATEGORIES = frozenset({"Cc", "Cs", "Cf", "Zl", "Zp", "Co", "Cn"})
_ZWJ = "\u200d"

_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}

T = TypeVar("T")


@functools.lru_cache(maxsize=8192)
def _unsafe(char: str) -> bool:
    return unicodedata.category(char) in _UNSAFE_CATEGORIES


def _escaped(char: str) -> str:
    named = _NAMED.get(char)
    if named:
        return named
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _joins_emoji(text: str, index: int) -> bool:
    """Whether the zero-width joiner at ``index`` sits between two emoji."""
    if index == 0 or index + 1 >= len(text):
        return False
    before, after = text[index - 1], text[index + 1]
    before_ok = before == "\ufe0f" or unicodedata.category(before) in ("So", "Sk")
    return before_ok and unicodedata.category(after) == "So"


def _unsafe_in(text: str) -> set[str]:
    return {char for char in set(text) if _unsafe(char)}


def printable(text: str, *, layout: bool = True) -> str:
    """``text`` with every control or invisible character shown as a visible escape.

    With ``layout`` (the default) newlines and tabs are kept, for text laid
    out over several lines; without it they are escaped too, for anything
    that must stay on one line (an error, a warning, a table cell).
    """
    unsafe = _unsafe_in(text)
    if layout:
        unsafe -= {"\t", "\n"}
    if not unsafe:
        return text
    pattern = re.compile("[" + "".join(re.escape(char) for char in sorted(unsafe)) + "]")

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        if char == _ZWJ and _joins_emoji(text, match.start()):
            return char
        return _escaped(char)

    return pattern.sub(escape, text)


def one_line(text: str) -> str:
    """``text`` safe to print as (part of) one line."""
    return printable(text, layout=False)


def printable_data(value: T) -> T:
    """A copy of ``value`` with every string in it made ``printable``.

    Walks dicts (keys too), lists, tuples and dataclass instances, so a whole
    session or item can be made safe at the point it is shown.
    """
    result: Any
    if isinstance(value, str):
        result = printable(value)
    elif isinstance(value, dict):
        result = {printable_data(k): printable_data(v) for k, v in value.items()}
    elif isinstance(value, list):
        result = [printable_data(v) for v in value]
    elif isinstance(value, tuple):
        result = tuple(printable_data(v) for v in value)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: printable_data(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.init
        }
        result = dataclasses.replace(value, **changes)
    else:
        result = value
    return result  # type: ignore[no-any-return]


def json_text(data: Any, *, indent: int | None = 2) -> str:
    """Strict JSON for scripts that is also safe to print to a terminal.

    Control characters are written as ``\\uXXXX`` escapes, which JSON readers
    turn back into the same text: nothing is lost. NaN and infinities are
    refused (they are not JSON).
    """
    try:
        raw = json.dumps(data, indent=indent, ensure_ascii=False, allow_nan=False)
    except ValueError:  # a NaN or infinity from somewhere: shown as null
        raw = json.dumps(_finite(data), indent=indent, ensure_ascii=False, allow_nan=False)
    # json.dumps escapes C0 controls itself; the rest it leaves raw with
    # ensure_ascii=False, so each is written as a \\uXXXX escape (a surrogate
    # pair past U+FFFF), which JSON readers turn back into the same text.
    unsafe = _unsafe_in(raw) - {"\n"}
    if not unsafe:
        return raw
    pattern = re.compile("[" + "".join(re.escape(char) for char in sorted(unsafe)) + "]")
    return pattern.sub(lambda m: _json_escape(m.group()), raw)


def _json_escape(char: str) -> str:
    code = ord(char)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value
