"""Who drills: the last pair, remembered for the next `--pair`, and the last solo name."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from sysdrill.files import write_private

FILE_NAME = "last-pair.json"
NAME_FILE = "last-name.json"


@dataclass(frozen=True)
class Pair:
    interviewer: str
    candidate: str

    def swapped(self) -> Pair:
        return Pair(self.candidate, self.interviewer)


def clean_name(name: str | None) -> str | None:
    """A name with its spaces tidied; None when nothing is left."""
    if name is None:
        return None
    tidy = " ".join(name.split())
    return tidy or None


def load_last_pair(directory: Path) -> Pair | None:
    try:
        data = json.loads((directory / FILE_NAME).read_text(encoding="utf-8"))
        pair = Pair(clean_name(data["interviewer"]) or "", clean_name(data["candidate"]) or "")
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return pair if pair.interviewer and pair.candidate else None


def save_last_pair(directory: Path, pair: Pair) -> None:
    _write_json(
        directory / FILE_NAME, {"interviewer": pair.interviewer, "candidate": pair.candidate}
    )


def load_last_name(directory: Path) -> str | None:
    """The name the last solo drill was given with `--name`, if any."""
    try:
        data = json.loads((directory / NAME_FILE).read_text(encoding="utf-8"))
        return clean_name(data["name"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def save_last_name(directory: Path, name: str) -> None:
    _write_json(directory / NAME_FILE, {"name": name})


def _write_json(path: Path, data: dict[str, str]) -> None:
    write_private(path, json.dumps(data), durable=True)
