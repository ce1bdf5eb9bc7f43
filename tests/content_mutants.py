"""Mutants of the built-in content files, for fuzzing the loader.

A seeded generator: the same seed gives the same mutants on every machine.
Each mutant starts from a real built-in file (its ID renamed so it cannot
collide with anything) and gets one to three mutations of lines, bytes,
scalars, nesting, aliases, tags or encoding; a few are not files at all
(a named pipe, a device, a symlink loop, a directory).
"""

from __future__ import annotations

import os
import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SOURCES = sorted(
    [*REPO.glob("problems/*.yaml"), *REPO.glob("casestudies/*.yaml")]
    + list((REPO / "src" / "sysdrill" / "rubrics").glob("*.yaml"))
)

_ID = re.compile(rb"^id: .*$", re.M)
_SCALAR = re.compile(rb"^(\s*(?:- )?[a-z_]+: )(?![|>&*!\[{])(.+)$", re.M)
_LIST_ITEM = re.compile(rb"^(\s*- )(?![a-z_]+: )(.+)$", re.M)

HOSTILE_SCALARS = [
    b"9" * 5000,
    b"-" + b"9" * 40,
    b"0x" + b"f" * 100,
    b"1:2:3:4:5:6:7:8:9",
    b".inf",
    b"-.inf",
    b".nan",
    b"1.0e+308",
    b"5.0e-324",
    b"0",
    b"-1",
    b"~",
    b"''",
    b"yes",
    b"2001-02-30",
    b"2001-12-14t21:59:43.10-99:00",
    b"[]",
    b"{}",
    b"[[], {}]",
    b'"\\e]0;PWNED\\a\\e[2J\\x9b\\u202e"',
    b'"\\0\\b\\r"',
    b"x" * 20_000,
    b"!!binary aGVsbG8=",
    b"!!set {a, b}",
    b"!!omap [a: 1]",
    b"!!python/object/apply:os.system [echo hi]",
    b"!!python/name:os.system",
    b"!A tag",
    b"&anchor value",
    b"*undefined",
    b"? complex",
    b"<<: *nothing",
    b"%YAML 1.1",
    b"'unterminated",
    b'"unterminated',
    b"a: b: c",
    b"- in the wrong place",
    b"@reserved",
    b"`reserved",
]


@dataclass(frozen=True)
class Mutant:
    name: str  # file name to write it under
    data: bytes | None  # None: a special file, made by ``special``
    special: str = ""
    how: str = ""


def _lines(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    lines = data.split(b"\n")
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    op = rng.choice(["delete", "duplicate", "swap", "indent", "dedent", "truncate", "shuffle"])
    if op == "delete":
        del lines[i]
    elif op == "duplicate":
        lines[i:i] = [lines[i]] * rng.choice([1, 2, 50, 5000])
    elif op == "swap":
        lines[i], lines[j] = lines[j], lines[i]
    elif op == "indent":
        lines[i] = b" " * rng.choice([1, 2, 3, 8, 300]) + lines[i]
    elif op == "dedent":
        lines[i] = lines[i].lstrip()
    elif op == "truncate":
        lines = lines[:i]
    else:
        start = min(i, j)
        part = lines[start : start + 8]
        rng.shuffle(part)
        lines[start : start + 8] = part
    return b"\n".join(lines), f"lines:{op}"


def _bytes(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    raw = bytearray(data)
    op = rng.choice(["flip", "insert", "delete", "cut", "splice"])
    at = rng.randrange(max(len(raw), 1))
    if op == "flip":
        for _ in range(rng.randint(1, 8)):
            raw[rng.randrange(len(raw))] ^= 1 << rng.randrange(8)
    elif op == "insert":
        raw[at:at] = bytes(
            [rng.choice([0, 7, 8, 9, 13, 27, 0x7F, 0x80, 0x9B, 0xC3, 0xFF, 0x22, 0x3A])]
        )
    elif op == "delete":
        del raw[at : at + rng.randint(1, 40)]
    elif op == "cut":
        del raw[at:]
    else:
        other = bytes(raw[rng.randrange(len(raw)) :][:200])
        raw[at:at] = other
    return bytes(raw), f"bytes:{op}"


def _scalars(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    pattern = rng.choice([_SCALAR, _LIST_ITEM])
    matches = list(pattern.finditer(data))
    if not matches:
        return data, "scalar:none"
    match = rng.choice(matches)
    value = rng.choice(HOSTILE_SCALARS)
    return data[: match.start(2)] + value + data[match.end(2) :], f"scalar:{value[:16]!r}"


def _nesting(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    matches = list(_SCALAR.finditer(data))
    if not matches:
        return data, "nesting:none"
    match = rng.choice(matches)
    depth = rng.choice([150, 199, 201, 500, 5000, 50_000])
    if rng.random() < 0.5:
        value = b"[" * depth + match.group(2) + b"]" * depth
        how = f"nesting:flow:{depth}"
    else:
        indent = len(match.group(1)) - len(match.group(1).lstrip())
        value = (
            b"\n"
            + b"".join(b" " * (indent + 2 + n) + b"k:\n" for n in range(min(depth, 400)))
            + b" " * (indent + 2 + min(depth, 400))
            + b"v"
        )
        how = f"nesting:block:{min(depth, 400)}"
    return data[: match.start(2)] + value + data[match.end(2) :], how


def _aliases(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    op = rng.choice(["laughs", "long-string", "self", "undefined", "merge"])
    if op == "laughs":
        levels = rng.choice([3, 5, 9])
        lines = [b"l0: &l0 [x, x, x, x, x, x, x, x, x, x]"]
        for n in range(1, levels):
            refs = b", ".join([b"*l%d" % (n - 1)] * 10)
            lines.append(b"l%d: &l%d [%s]" % (n, n, refs))
        return b"\n".join(lines) + b"\n" + data, f"aliases:laughs:{levels}"
    if op == "long-string":
        size = rng.choice([10_000, 200_000, 500_000])
        count = rng.choice([10, 1000, 99_000])
        refs = b", ".join([b"*s"] * count)
        head = b"x_long: &s " + b"y" * size + b"\nx_refs: [" + refs + b"]\n"
        return head + data, f"aliases:long:{size}x{count}"
    if op == "self":
        return data + b"\nx_self: &me [*me]\n", "aliases:self"
    if op == "undefined":
        return data.replace(b"title: ", b"title: *nowhere #", 1), "aliases:undefined"
    return data + b"\nx_base: &base {a: 1}\nx_merged: {<<: [*base, *base], b: 2}\n", "aliases:merge"


def _tags(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    op = rng.choice(["unknown", "python", "many", "core"])
    matches = list(_SCALAR.finditer(data)) or [None]
    match = rng.choice(matches)
    if match is None:
        return data, "tags:none"
    tag = {
        "unknown": b"!A ",
        "python": b"!!python/object/new:os.system ",
        "many": b"",
        "core": rng.choice([b"!!str ", b"!!int ", b"!!float ", b"!!bool ", b"!!null ", b"!!map "]),
    }[op]
    if op == "many":
        value = b"[" + b", ".join([b"!A a"] * 8000) + b"]"
    else:
        value = tag + match.group(2)
    return data[: match.start(2)] + value + data[match.end(2) :], f"tags:{op}"


def _encoding(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    text = data.decode("utf-8", "replace")
    op = rng.choice(
        [
            "utf-16",
            "utf-32",
            "latin-1",
            "bom",
            "double-bom",
            "nul",
            "crlf",
            "cr",
            "bad-utf8",
            "surrogate",
        ]
    )
    if op in ("utf-16", "utf-32"):
        return text.encode(op), f"encoding:{op}"
    if op == "latin-1":
        return text.replace("e", "é", 3).encode("latin-1", "replace"), "encoding:latin-1"
    if op == "bom":
        return b"\xef\xbb\xbf" + data, "encoding:bom"
    if op == "double-bom":
        return b"\xef\xbb\xbf\xef\xbb\xbf" + data, "encoding:double-bom"
    if op == "nul":
        at = rng.randrange(len(data))
        return data[:at] + b"\x00" + data[at:], "encoding:nul"
    if op == "crlf":
        return data.replace(b"\n", b"\r\n"), "encoding:crlf"
    if op == "cr":
        return data.replace(b"\n", b"\r"), "encoding:cr"
    if op == "bad-utf8":
        at = rng.randrange(len(data))
        return data[:at] + rng.choice([b"\xc3", b"\xff\xfe", b"\xed\xa0\x80"]) + data[
            at:
        ], "encoding:bad"
    return data.replace(b"title: ", b'title: "\\ud800" #', 1), "encoding:surrogate"


MUTATIONS: list[Callable[[bytes, random.Random], tuple[bytes, str]]] = [
    _lines,
    _bytes,
    _scalars,
    _nesting,
    _aliases,
    _tags,
    _encoding,
]
SPECIAL = ["fifo", "dev-zero", "loop", "dangling", "directory"]


def mutants(seed: int, count: int, *, special_rate: float = 0.03) -> Iterator[Mutant]:
    """``count`` mutants, the same ones for the same seed."""
    rng = random.Random(seed)
    for n in range(count):
        name = f"mutant-{seed}-{n:05d}.yaml"
        if rng.random() < special_rate:
            kind = rng.choice(SPECIAL)
            yield Mutant(name, None, kind, f"special:{kind}")
            continue
        source = rng.choice(SOURCES)
        data = _ID.sub(b"id: mutant-%d-%d" % (seed, n), source.read_bytes(), count=1)
        hows = []
        for _ in range(rng.choice([1, 1, 1, 2, 3])):
            data, how = rng.choice(MUTATIONS)(data, rng)
            hows.append(how)
        yield Mutant(name, data, how=f"{source.name} {' '.join(hows)}")


def write(mutant: Mutant, directory: Path) -> Path:
    path = directory / mutant.name
    if mutant.data is not None:
        path.write_bytes(mutant.data)
    elif mutant.special == "fifo":
        os.mkfifo(path)
    elif mutant.special == "dev-zero":
        path.symlink_to("/dev/zero")
    elif mutant.special == "loop":
        path.symlink_to(path.name)
    elif mutant.special == "dangling":
        path.symlink_to(directory / "no-such-file.yaml")
    else:
        path.mkdir()
    return path
