"""One bad file in a pack is reported for itself; everything else still loads."""

from __future__ import annotations

import json
import os
import socket
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.conftest import PROBLEM, write_problem

BUILTIN_COUNT = 24  # problems and case studies shipped with sysdrill
GOOD = PROBLEM.format(id="{id}", title="A good one")


def _text(name: str, text: str) -> Callable[[Path], Path]:
    def make(pack: Path) -> Path:
        path = pack / name
        path.write_text(text, encoding="utf-8")
        return path

    return make


def _bytes(name: str, data: bytes) -> Callable[[Path], Path]:
    def make(pack: Path) -> Path:
        path = pack / name
        path.write_bytes(data)
        return path

    return make


def _alias_bomb(pack: Path) -> Path:
    """925 KB and valid, but a 520 KB summary named 99,000 times."""
    big = "x" * 520_000
    text = GOOD.format(id="alias-bomb").replace(
        "summary: A small problem for tests.", f"summary: &b {big}"
    )
    text = text.replace(
        "prompts: [Sketch the widget store.]", "prompts: [" + ", ".join(["*b"] * 99_000) + "]"
    )
    path = pack / "alias-bomb.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _many_tags(pack: Path, count: int = 8000) -> Path:
    """Tags "A": every one wrong twice over (case, and repeated)."""
    text = GOOD.format(id="many-tags").replace(
        "tags: [caching, pack-only]", "tags: [" + ", ".join(["A"] * count) + "]"
    )
    path = pack / "many-tags.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _fifo(pack: Path) -> Path:
    path = pack / "x.yaml"
    os.mkfifo(path)
    return path


def _symlink(name: str, target: str) -> Callable[[Path], Path]:
    def make(pack: Path) -> Path:
        path = pack / name
        path.symlink_to(target)
        return path

    return make


def _socket(pack: Path) -> Path:
    path = pack / "s.yaml"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.close()
    return path


# (how to make the file, words our message must contain, does it have a line:col)
def _directory(pack: Path) -> Path:
    path = pack / "folder.yaml"
    path.mkdir()
    return path


BAD_FILES = {
    "a directory named like a file": (_directory, "a directory, not a content file", False),
    "a key written twice": (
        _text("twice.yaml", PROBLEM.format(id="twice", title="First") + "title: Second\n"),
        "duplicate key 'title'",
        True,
    ),
    "500 nested [": (
        _text("nested.yaml", "id: " + "[" * 500 + "]" * 500 + "\n"),
        "nested more than 200 levels deep",
        True,
    ),
    "deep block nesting": (
        _text("block.yaml", "".join(" " * n + "a:\n" for n in range(300)) + " " * 300 + "b\n"),
        "nested more than 200 levels deep",
        True,
    ),
    "5,000 digits": (
        _text(
            "digits.yaml", GOOD.format(id="digits").replace("minutes: 10", "minutes: " + "9" * 5000)
        ),
        "a number with 5,000 digits",
        True,
    ),
    "520 KB string named 99,000 times": (_alias_bomb, "characters of text; refused", False),
    "billion laughs": (
        _text(
            "laughs.yaml",
            "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
            + "".join(
                f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n"
                for i in range(6)
            ),
        ),
        "expand to more than 100,000 values",
        False,
    ),
    "alias that contains itself": (_text("self.yaml", "a: &a [*a]\n"), "aliases expand", False),
    "8,000 tags A": (_many_tags, "tags: more than 200 items", True),
    "FIFO": (_fifo, "not a regular file (a named pipe)", False),
    "symlink to /dev/zero": (
        _symlink("zero.yaml", "/dev/zero"),
        "not a regular file (a device)",
        False,
    ),
    "symlink loop": (_symlink("loop.yaml", "loop.yaml"), "cannot read file", False),
    "dangling symlink": (_symlink("gone.yaml", "nowhere.yaml"), "cannot read file", False),
    "socket": (_socket, "not a regular file (a socket)", False),
    "Latin-1 bytes": (_bytes("latin1.yaml", b"id: caf\xe9\n"), "not UTF-8 text (byte 0xe9)", True),
    "NUL byte": (_bytes("nul.yaml", b"id: a\x00b\n"), "character U+0000 is not allowed", True),
    "date that does not exist": (
        _text(
            "date.yaml", GOOD.format(id="date").replace("A small problem for tests.", "2001-02-30")
        ),
        "cannot read this value",
        True,
    ),
    "unhashable key": (_text("key.yaml", "? [a, b]\n: c\n"), "unsupported YAML", True),
    "two documents": (_text("two.yaml", "id: a\n---\nid: b\n"), "YAML syntax error", True),
    "empty file": (_text("empty.yaml", ""), "expected a mapping of fields, got nothing", True),
    "90,000 prompts": (
        _text(
            "wide.yaml",
            GOOD.format(id="wide").replace(
                "prompts: [Sketch the widget store.]",
                "prompts: [" + ", ".join(["p"] * 90_000) + "]",
            ),
        ),
        "phases[0].prompts: more than 200 items",
        True,
    ),
    "900 KB summary": (
        _text(
            "long.yaml",
            GOOD.format(id="long").replace(
                "summary: A small problem for tests.", "summary: " + "word " * 180_000
            ),
        ),
        "summary: longer than 20,000 characters",
        True,
    ),
    "over 1 MiB": (_text("big.yaml", "# " + "x" * (1024 * 1024) + "\n"), "limited to 1 MiB", False),
}


@pytest.fixture
def mixed_pack(pack: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write_problem(pack, "good-one", "A good one")
    monkeypatch.setenv("SYSDRILL_CONTENT_PATH", str(pack))
    return pack


def listed_ids(run) -> tuple[set[str], list[str]]:
    result = run("list", "--json")
    assert result.exit_code == 0, result.output
    return {e["id"] for e in json.loads(result.stdout)}, result.stderr.splitlines()


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_bad_file_is_reported_and_everything_else_loads(run, mixed_pack: Path, case) -> None:
    make, words, positioned = BAD_FILES[case]
    bad = make(mixed_pack)

    ids, warnings = listed_ids(run)
    assert "good-one" in ids and len(ids) == BUILTIN_COUNT + 1
    assert len(warnings) == 1, warnings
    assert str(bad) in warnings[0] and words in warnings[0]

    shown = run("show", "good-one")
    assert shown.exit_code == 0, shown.output
    assert "A good one" in shown.stdout
    assert len(shown.stderr.splitlines()) == 1

    checked = run("validate", str(mixed_pack))
    assert checked.exit_code == 1, checked.output
    lines = checked.stdout.splitlines()
    assert lines and all(line.startswith(f"{bad}:") for line in lines), lines
    assert words in checked.stdout
    if positioned:
        line, column = lines[0][len(str(bad)) + 1 :].split(":")[:2]
        assert line.isdigit() and column.isdigit(), lines[0]
    assert "internal error" not in checked.output


def test_drill_starts_with_a_bad_file_beside_it(run, mixed_pack: Path, monkeypatch) -> None:
    import sysdrill.cli.drill as drill_cli
    import sysdrill.tui.flow as flow

    for make, _, _ in BAD_FILES.values():
        make(mixed_pack)
    started = []
    monkeypatch.setattr(drill_cli, "require_terminal", lambda command: None)
    monkeypatch.setattr(flow, "run_session", lambda drill, *a, **k: started.append(drill) or 0)
    result = run("drill", "good-one")
    assert result.exit_code == 0, result.output
    assert [d.item.id for d in started] == ["good-one"]
    assert len(result.stderr.splitlines()) == len(BAD_FILES)


def test_every_bad_file_together_in_one_pack(run, mixed_pack: Path) -> None:
    for make, _, _ in BAD_FILES.values():
        make(mixed_pack)
    ids, warnings = listed_ids(run)
    assert len(ids) == BUILTIN_COUNT + 1 and len(warnings) == len(BAD_FILES)
    again, warned_again = listed_ids(run)  # from the index this time
    assert again == ids and warned_again == warnings
    checked = run("validate")
    assert checked.exit_code == 1
    assert len({line.split(":")[0] for line in checked.stdout.splitlines()}) == len(BAD_FILES)


def test_a_file_errors_are_capped_and_located(run, pack: Path) -> None:
    path = _many_tags(pack, 150)  # 299 errors: a bad case, and all but one repeated
    result = run("validate", str(path))
    lines = result.stdout.splitlines()
    assert len(lines) == 51, lines[-3:]
    assert lines[0].startswith(f"{path}:6:")
    assert lines[-1] == f"{path}: more than 50 errors; fix these and check again"


def test_a_byte_order_mark_is_allowed(run, mixed_pack: Path) -> None:
    (mixed_pack / "bom.yaml").write_bytes(b"\xef\xbb\xbf" + GOOD.format(id="with-bom").encode())
    ids, warnings = listed_ids(run)
    assert "with-bom" in ids and not warnings


def test_a_directory_named_like_a_file_is_looked_into(run, mixed_pack: Path) -> None:
    inner = mixed_pack / "x.yaml"
    inner.mkdir()
    write_problem(inner, "inside-dir")
    ids, warnings = listed_ids(run)
    assert "inside-dir" in ids
    assert len(warnings) == 1 and f"{inner}: a directory, not a content file" in warnings[0]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_an_unreadable_file_is_reported(run, mixed_pack: Path, monkeypatch) -> None:
    path = write_problem(mixed_pack, "secret")
    path.chmod(0)
    if os.access(path, os.R_OK):  # root reads anything: refuse it the way the kernel would
        real_open = os.open

        def refusing_open(file, flags, *args, **kwargs):
            if Path(file) == path:
                raise PermissionError(13, "Permission denied", str(file))
            return real_open(file, flags, *args, **kwargs)

        monkeypatch.setattr(os, "open", refusing_open)
    try:
        ids, warnings = listed_ids(run)
        assert "good-one" in ids and len(warnings) == 1
        assert f"{path}: cannot read file" in warnings[0]
    finally:
        path.chmod(0o600)


def test_a_damaged_index_is_rebuilt(run, mixed_pack: Path, isolated_home: Path) -> None:
    listed_ids(run)
    (isolated_home / "cache" / "catalogue.json").write_text("[" * 100_000, encoding="utf-8")
    ids, warnings = listed_ids(run)
    assert len(ids) == BUILTIN_COUNT + 1 and not warnings


def test_validate_names_a_file_that_is_not_regular(run, pack: Path) -> None:
    fifo = _fifo(pack)
    zero = _symlink("zero.yaml", "/dev/zero")(pack)
    result = run("validate", str(fifo), str(zero))
    assert result.exit_code == 1, result.output
    assert result.stdout.splitlines() == [
        f"{fifo}: not a regular file (a named pipe)",
        f"{zero}: not a regular file (a device)",
    ]
