"""`show` prints what rich printed before, without loading rich's console.

Each page is printed both ways and compared as a reader sees it: the same
characters on the same lines, each with the same look (bold, dim, italic,
underline, colour); spaces only for what shows on a space (underline).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from rich.console import Group

from sysdrill.content.catalogue import builtin_roots, load_catalogue
from sysdrill.tui import console
from sysdrill.tui.brief import to_rich
from sysdrill.tui.item_page import item_page
from sysdrill.tui.layout import Bullets, Fields, Para, _Unsupported, layout_text, terminal
from sysdrill.tui.reference_page import rubric_page

SGR = re.compile(r"\x1b\[([0-9;]*)m")
SHOWN_ON_A_SPACE = {"4", "7", "9"}  # underline, reverse, strike


def as_seen(text: str) -> list[list[tuple[str, frozenset[str]]]]:
    """Each line as (character, its look), trailing unmarked spaces dropped."""
    lines = []
    for line in text.split("\n"):
        row: list[tuple[str, frozenset[str]]] = []
        look: set[str] = set()
        at = 0
        for match in [*SGR.finditer(line), None]:
            end = match.start() if match else len(line)
            for char in line[at:end]:
                row.append((char, frozenset(look & SHOWN_ON_A_SPACE if char == " " else look)))
            if match is None:
                break
            for code in (match.group(1) or "0").split(";"):
                look = set() if code == "0" else look | {code}
            at = match.end()
        while row and row[-1] == (" ", frozenset()):
            row.pop()
        lines.append(row)
    return lines


def set_terminal(monkeypatch, width: int, mode: str) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    monkeypatch.setenv("LINES", "40")
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("TTY_COMPATIBLE", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    if mode != "pipe":
        monkeypatch.setenv("FORCE_COLOR", "1")
    if mode == "no-color":
        monkeypatch.setenv("NO_COLOR", "1")


def by_rich(blocks, capsys) -> str:
    console.stdout.cache_clear()  # the console reads the terminal when it is made
    try:
        console.print_clean(Group(*(to_rich(block) for block in blocks)))
    finally:
        console.stdout.cache_clear()
    return capsys.readouterr().out


def pages() -> list[tuple[str, list]]:
    catalogue = load_catalogue(builtin_roots(), index_dir=None)
    found = []
    for entry in catalogue.drillable():
        item = catalogue.load_item(entry)
        found.append((entry.id, item_page(item)))
        found.append((f"{entry.id} --reference", item_page(item, reference=True)))
    for entry in catalogue.rubrics():
        found.append((entry.id, rubric_page(catalogue.load_rubric(entry.id))))
    return found


def test_every_builtin_page_reads_as_rich_printed_it(monkeypatch, capsys) -> None:
    set_terminal(monkeypatch, 100, "colour")
    for name, blocks in pages():
        expected = by_rich(blocks, capsys)
        shown = layout_text(blocks, *terminal())  # never left to rich at this width
        assert as_seen(shown) == as_seen(expected), name


AWKWARD = [
    Para("A title in bold, long enough to be wrapped at a narrow width", "bold"),
    Para([("id-123", "cyan"), (" · case study · L7 · 45 min · rubric ", ""), ("r", "cyan")]),
    Para("\nHeading", "bold underline"),
    Para("supercalifragilisticexpialidocious-and-then-some-more-of-it folded", margin=4),
    Para("Wide: 分布式系统的设计与实现 and an emoji 🚀 among words", margin=2),
    Para("café — naïve “quotes” → arrows ≤ maths µs ² non\u00a0breaking", "dim", 2),
    Para("Two lines\nof a paragraph\n\nwith a blank one", margin=7),
    Para("   leading spaces and trailing ones   ", "italic", 5),
    Para(""),
    Bullets(["short", "", "a https://example.com/a/very/long/address/that/cannot/wrap here"]),
    Bullets(
        ["two\nlines", "wrapped " * 12, "宽字符的要点也会换行宽字符的要点也会换行"],
        margin=7,
        style="green",
    ),
    Fields([("Industry", "Retail"), ("Organisation", "A very long value " * 6), ("Empty", "")]),
    Fields([("p99 latency", "under 10 ms, at a peak of 1,000,000 requests a second"), ("", "x")]),
    Fields([("Cost [USD]", "a label rich reads as markup"), ("a:b:c", "and one with colons")]),
    Para("tab\tstops"),
]


@pytest.mark.parametrize("mode", ["colour", "no-color", "pipe"])
@pytest.mark.parametrize("width", [12, 24, 37, 60, 80])
def test_awkward_text_reads_as_rich_printed_it(width, mode, monkeypatch, capsys) -> None:
    from sysdrill.tui.layout import print_blocks

    set_terminal(monkeypatch, width, mode)
    for block in AWKWARD:
        expected = by_rich([block], capsys)
        print_blocks([block])  # left to rich where it would differ
        assert as_seen(capsys.readouterr().out) == as_seen(expected), vars(block)


def test_only_the_unusual_is_left_to_rich(monkeypatch) -> None:
    set_terminal(monkeypatch, 60, "colour")
    left = []
    for block in AWKWARD:
        try:
            layout_text([block], *terminal())
        except _Unsupported:
            left.append(block)
    assert left == AWKWARD[-2:]  # a label rich reads as markup, and a tab


def test_colour_only_where_rich_would_use_it(monkeypatch) -> None:
    blocks = [Para([("id", "cyan"), (" text", "")], "bold")]
    set_terminal(monkeypatch, 80, "colour")
    assert layout_text(blocks, *terminal()) == "\x1b[1;36mid\x1b[0m\x1b[1m text\x1b[0m\n"
    set_terminal(monkeypatch, 80, "no-color")
    assert layout_text(blocks, *terminal()) == "\x1b[1mid\x1b[0m\x1b[1m text\x1b[0m\n"
    set_terminal(monkeypatch, 80, "pipe")
    assert layout_text(blocks, *terminal()) == "id text\n"
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    assert terminal() == (80, False, False)


@pytest.mark.parametrize("env", [{}, {"FORCE_COLOR": "1"}])
def test_show_loads_no_rich_console(env, isolated_home) -> None:
    shows = (
        ["show", "dynamodb"],
        ["show", "container-orchestration", "-r"],
        ["show", "l7-case-study"],
    )
    for args in shows:
        result = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "sysdrill", *args],
            capture_output=True,
            text=True,
            env={**os.environ, "SYSDRILL_HOME": str(isolated_home), **env},
        )
        assert result.returncode == 0, result.stderr[-2000:]
        imported = {
            line.rsplit("|", 1)[1].strip()
            for line in result.stderr.splitlines()
            if line.startswith("import time:") and "|" in line
        }
        assert "rich.console" not in imported
        assert SGR.sub("", result.stdout).startswith(("Amazon", "Container", "L7"))
