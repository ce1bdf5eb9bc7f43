"""Control sequences in someone else's content or history never reach the terminal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import new_drill
from tests.tmux import Terminal

from sysdrill.text import json_text, one_line, printable, printable_data

# What a hostile author would write, as YAML double-quoted escapes.
TITLE_OSC = r"\e]0;PWNED-TITLE\a"
CLIPBOARD_OSC = r"\e]52;c;cm0gLXJmIH4K\a"
CLEAR_SCREEN = r"\e[2J\e[H"
C1_CSI = r"\x9b31m"
BIDI = r"\u202egnp.exe"
HIDING = r"safe\rEVIL\b\b\b\b"
HOSTILE = TITLE_OSC + CLIPBOARD_OSC + CLEAR_SCREEN + C1_CSI + BIDI + HIDING

# Bytes that must not appear in anything sysdrill prints.
FORBIDDEN = ["\x1b", "\x07", "\x9b", "\u202e", "\b", "\r", "\x00"]

HOSTILE_PROBLEM = f"""\
id: hostile
kind: problem
title: "Hostile {HOSTILE}"
level: L6
category: storage
tags: [hostile]
summary: "Looks harmless {HOSTILE}"
context:
  industry: "Industry {HOSTILE}"
  business: Widgets.
  vision: Widgets.
requirements:
  functional: ["Store {HOSTILE}"]
  non_functional: ["Fast {HOSTILE}"]
phases:
  - id: design
    title: "Design {HOSTILE}"
    minutes: 10
    prompts: ["Sketch it {HOSTILE}"]
    probes: ["Why {HOSTILE}"]
    reference: "Answer {HOSTILE}"
    key_points:
      - concept: "hashing {HOSTILE}"
"""

# Wrong in ways whose messages quote the content back.
HOSTILE_INVALID = f"""\
id: "bad{TITLE_OSC}"
kind: problem
title: T
level: L6
category: storage
summary: S
"color{CLEAR_SCREEN}": 1
phases: []
"""


def assert_clean(text: str) -> None:
    found = [repr(c) for c in FORBIDDEN if c in text]
    assert not found, f"{found} reached the terminal in:\n{text!r}"


@pytest.fixture
def hostile_pack(pack: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (pack / "hostile.yaml").write_text(HOSTILE_PROBLEM, encoding="utf-8")
    (pack / "invalid.yaml").write_text(HOSTILE_INVALID, encoding="utf-8")
    monkeypatch.setenv("SYSDRILL_CONTENT_PATH", str(pack))
    return pack


def test_printable_shows_controls_as_visible_escapes() -> None:
    assert printable("a\x1b]0;x\x07b") == "a\\x1b]0;x\\x07b"
    assert printable("\x9b2J") == "\\x9b2J"
    assert printable("\u202eabc\u2066") == "\\u202eabc\\u2066"
    assert printable("one\r\x08") == "one\\r\\x08"
    assert printable("keeps\n\tlayout, ünïcode and emoji 🚀") == (
        "keeps\n\tlayout, ünïcode and emoji 🚀"
    )
    assert one_line("two\nlines\tand tab") == "two\\nlines\\tand tab"
    assert printable(printable("\x1b")) == printable("\x1b")


def test_printable_data_reaches_into_containers_and_dataclasses(catalogue, store) -> None:
    drill = new_drill(catalogue, store, "dynamodb")
    drill.session.item_title = "T\x1b[2J"
    drill.session.phases[0].notes = "notes\x1b]0;x\x07\nline two"
    shown = printable_data(drill.session)
    assert shown.item_title == "T\\x1b[2J"
    assert shown.phases[0].notes == "notes\\x1b]0;x\\x07\nline two"
    assert drill.session.phases[0].notes.startswith("notes\x1b")  # the original is untouched
    assert printable_data({"k\x1b": ["\x9b", ("\u202e",)]}) == {"k\\x1b": ["\\x9b", ("\\u202e",)]}


def test_json_text_is_strict_lossless_and_safe() -> None:
    data = {"text": "a\x1b\x9b\u202e\x7fb", "bad": float("inf"), "nan": float("nan")}
    raw = json_text(data)
    assert_clean(raw)
    assert "Infinity" not in raw and "NaN" not in raw
    back = json.loads(raw)
    assert back == {"text": "a\x1b\x9b\u202e\x7fb", "bad": None, "nan": None}


@pytest.mark.parametrize(
    "args",
    [
        ("list",),
        ("list", "--search", "hostile"),
        ("list", "--json"),
        ("list", "--kind", "problem", "--tag", "hostile"),
        ("categories",),
        ("show", "hostile"),
        ("show", "hostile", "--reference"),
        ("show", "hostile", "--json", "--reference"),
        ("validate",),
        ("show", "\x1b]0;PWNED\x07"),
        ("drill", "\x1b]0;PWNED\x07"),
    ],
)
def test_no_command_prints_a_control_sequence_from_a_pack(run, hostile_pack, args) -> None:
    result = run(*args)
    assert_clean(result.stdout + result.stderr)


def test_hostile_text_is_still_shown_visibly(run, hostile_pack) -> None:
    result = run("show", "hostile")
    assert result.exit_code == 0, result.output
    assert "\\x1b]0;PWNED-TITLE\\x07" in result.stdout
    listed = json.loads(run("list", "--json").stdout)
    assert any(e["id"] == "hostile" and "\\u202e" in e["summary"] for e in listed)
    validated = run("validate")
    assert validated.exit_code == 1
    assert "invalid.yaml:7:1: color\\x1b[2J\\x1b[H: unknown field" in validated.stdout


def test_file_names_with_controls_are_shown_escaped(run, pack, monkeypatch) -> None:
    (pack / "x\x1b]0;NAME\x07.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    monkeypatch.setenv("SYSDRILL_CONTENT_PATH", str(pack))
    result = run("list")
    assert result.exit_code == 0, result.output
    assert "x\\x1b]0;NAME\\x07.yaml" in result.stderr
    assert_clean(result.stdout + result.stderr)
    assert_clean(run("validate", str(pack)).stdout)


def test_history_text_is_neutralised_when_shown(run, catalogue, isolated_home) -> None:
    from sysdrill.history.store import open_history

    with open_history() as store:
        drill = new_drill(catalogue, store, "dynamodb")
        drill.session.item_title = "Dynamo\x1b]0;PWNED\x07"
        drill.session.phases[0].notes = "typed \x1b]52;c;Zm9v\x07 and \x9b2J and \u202edone"
        drill.session.reflection = "reflect\x1b[2J"
        store.save(drill.session)
        ident = drill.session.id
    for args in (("history",), ("history", "show", ident), ("history", "--json")):
        result = run(*args)
        assert result.exit_code == 0, result.output
        assert_clean(result.stdout + result.stderr)
    shown = run("history", "show", ident).stdout
    assert "typed \\x1b]52;c;Zm9v\\x07" in shown
    saved = json.loads(run("history", "--json").stdout)
    assert saved[0]["phases"][0]["notes"].startswith("typed \x1b]52")  # kept exactly


@pytest.mark.skipif(sys.platform == "win32", reason="tmux")
def test_show_leaves_the_terminal_title_alone(tmp_path: Path, hostile_pack: Path) -> None:
    env = {
        "SYSDRILL_HOME": str(tmp_path / "home"),
        "SYSDRILL_CONTENT_PATH": str(hostile_pack),
        "PYTHONPATH": os.pathsep.join(sys.path),
    }
    terminal = Terminal(tmp_path, env, width=80, height=24)
    try:
        terminal.start("show", "hostile")
        terminal.wait_for("EXIT=", history=True)
        title = subprocess.run(
            ["tmux", "-L", terminal.socket, "display-message", "-p", "-t", "t", "#{pane_title}"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert "PWNED" not in title
        assert "PWNED-TITLE" in terminal.screen(history=True)
    finally:
        terminal.close()


# Invisible characters: zero-width space, non-joiner and joiner, soft hyphen,
# word joiner, interlinear annotation anchor, a tag character, private use.
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u00ad", "\u2060", "\ufff9", "\U000e0041", "\ue000"]


def test_printable_escapes_invisible_characters_and_keeps_text() -> None:
    for char in INVISIBLE:
        shown = printable(f"a{char}b")
        assert char not in shown and shown.startswith("a\\") and shown.endswith("b")
        assert char not in json_text(f"a{char}b")
        assert json.loads(json_text(f"a{char}b")) == f"a{char}b"
    kept = "Größe, 日本語, e\u0301, ❤\ufe0f, 👍🏽, family 👨\u200d👩\u200d👧"
    assert printable(kept) == kept
    assert printable("\U0010ffff\ud800") == "\\U0010ffff\\ud800"


@pytest.mark.parametrize("char", INVISIBLE)
def test_invisible_characters_from_a_pack_never_reach_the_terminal(
    run, pack, monkeypatch, char
) -> None:
    text = HOSTILE_PROBLEM.replace(HOSTILE, f"x{char}y").replace(
        "Looks harmless", f"Looks{char}harmless"
    )
    (pack / "hidden.yaml").write_text(text, encoding="utf-8")
    (pack / "bad.yaml").write_text(f"id: 'bad{char}'\nkind: nonsense\n", encoding="utf-8")
    monkeypatch.setenv("SYSDRILL_CONTENT_PATH", str(pack))
    for args in (("list",), ("list", "--json"), ("show", "hostile"), ("validate",)):
        result = run(*args)
        assert char not in result.stdout + result.stderr, (args, result.output)
    assert "Hostile x\\" in run("show", "hostile").stdout  # shown as an escape


@pytest.mark.parametrize("char", INVISIBLE)
def test_invisible_characters_in_history_never_reach_the_terminal(
    run, catalogue, isolated_home, char
) -> None:
    from sysdrill.history.store import open_history

    with open_history() as store:
        drill = new_drill(catalogue, store, "dynamodb")
        drill.session.item_title = f"Dynamo{char}DB"
        drill.session.phases[0].notes = f"typed{char}notes"
        store.save(drill.session)
        ident = drill.session.id
    for args in (("history",), ("history", "show", ident), ("history", "--json"), ("stats",)):
        result = run(*args)
        assert result.exit_code == 0, result.output
        assert char not in result.stdout + result.stderr, (args, result.output)
    saved = json.loads(run("history", "--json").stdout)
    assert saved[0]["phases"][0]["notes"] == f"typed{char}notes"  # kept exactly
