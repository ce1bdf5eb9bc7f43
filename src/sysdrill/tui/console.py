"""The rich consoles everything prints through (NO_COLOR is honoured by rich)."""

from __future__ import annotations

from functools import cache

from rich.console import Console


@cache
def stdout() -> Console:
    return Console(highlight=False)


@cache
def stderr() -> Console:
    return Console(stderr=True, highlight=False)


def print_clean(renderable: object) -> None:
    """Print without the trailing spaces rich pads wrapped lines with."""
    import re
    import sys

    console = stdout()
    with console.capture() as captured:
        console.print(renderable)
    text = re.sub(r"[ \t]+(?=(?:\x1b\[[0-9;]*m)*$)", "", captured.get(), flags=re.M)
    sys.stdout.write(text)
