"""Counts in words: "1 file", "3 files"."""

from __future__ import annotations


def counted(n: int, word: str, plural: str | None = None) -> str:
    """``n`` and the word, singular for exactly one: counted(1, "drill day") == "1 drill day"."""
    return f"{n} {word if n == 1 else plural or word + 's'}"
