"""Reading one session's rows back, where one bad value must not hide the rest.

A row can hold what sysdrill never wrote: a hand edit, another program, a
disk that flipped a byte inside a value while the file stayed valid SQLite.
Each value is read on its own; one that cannot be used is replaced by an
empty one and described, so the caller can report that session (by its ID)
and go on with the others.
"""

from __future__ import annotations

import json
from typing import Any

from sysdrill.errors import DamagedSessionError

__all__ = ["DamagedSessionError", "RowReader"]


class RowReader:
    """Reads values, collecting what is wrong with them instead of failing."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def _problem(self, where: str, what: str, why: str) -> None:
        self.problems.append(f"{where}: {what} {why}")

    def text(self, raw: Any, where: str, what: str) -> str:
        if isinstance(raw, str):
            return raw
        if isinstance(raw, bytes):
            self._problem(where, what, "is not text")
            return raw.decode("utf-8", errors="replace")
        self._problem(where, what, "is missing" if raw is None else "is not text")
        return "" if raw is None else str(raw)

    def optional_text(self, raw: Any, where: str, what: str) -> str | None:
        return None if raw is None else self.text(raw, where, what)

    def number(self, raw: Any, where: str, what: str) -> float:
        if isinstance(raw, int | float) and not isinstance(raw, bool) and raw == raw:
            return float(raw)
        self._problem(where, what, "is not a number")
        return 0.0

    def whole(self, raw: Any, where: str, what: str) -> int:
        if isinstance(raw, int) and not isinstance(raw, bool):
            return raw
        self._problem(where, what, "is not a whole number")
        return 0

    def text_list(self, raw: Any, where: str, what: str) -> list[str]:
        """A JSON list of strings, as the key points and probes are kept."""
        try:
            value = json.loads(raw)
        except (TypeError, ValueError, RecursionError):
            self._problem(where, what, "is not valid JSON")
            return []
        if not isinstance(value, list):
            self._problem(where, what, "is not a list")
            return []
        kept = [v for v in value if isinstance(v, str)]
        if len(kept) != len(value):
            self._problem(where, what, "holds something other than text")
        return kept
