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
import json
import math
import re
from typing import Any, TypeVar

# C0 controls except tab and newline, DEL, C1 controls, and the Unicode
# characters that reorder or break lines behind the terminal's back.
_UNSAFE_CHARS = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
)
_UNSAFE = re.compile(f"[{_UNSAFE_CHARS}]")
_UNSAFE_OR_LAYOUT = re.compile(f"[{_UNSAFE_CHARS}\t\n]")
# json.dumps escapes C0 itself; these it leaves raw with ensure_ascii=False.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")

_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}

T = TypeVar("T")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, *, layout: bool = True) -> str:
    """``text`` with every control character shown as a visible escape.

    With ``layout`` (the default) newlines and tabs are kept, for text laid
    out over several lines; without it they are escaped too, for anything
    that must stay on one line (an error, a warning, a table cell).
    """
    pattern = _UNSAFE if layout else _UNSAFE_OR_LAYOUT
    if pattern.search(text) is None:
        return text
    return pattern.sub(_escape, text)


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
    if _JSON_UNSAFE.search(raw) is None:
        return raw
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", raw)


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value
