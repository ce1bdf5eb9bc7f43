"""Checking one content file: YAML, schema, and the rules a schema cannot say."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path
from typing import Any

from sysdrill.content import yamlio
from sysdrill.content.diagnostics import Diagnostic
from sysdrill.content.schema import (
    SchemaError,
    Validator,
    content_schema,
    field_label,
    normalise,
)

# A file with thousands of errors needs its first few fixed, not a listing of all.
MAX_ERRORS = 50


@dataclass(frozen=True)
class CheckedFile:
    """A file read and checked: its data when usable, else what is wrong."""

    path: Path
    data: dict[str, Any] | None
    diagnostics: tuple[Diagnostic, ...]
    content_hash: str = ""

    @property
    def ok(self) -> bool:
        return self.data is not None and not self.diagnostics


def _rule_errors(data: dict[str, Any]) -> Iterator[SchemaError]:
    for list_name, label in (("phases", "phase"), ("dimensions", "dimension")):
        seen: set[str] = set()
        for index, entry in enumerate(data.get(list_name) or ()):
            ident = entry.get("id") if isinstance(entry, dict) else None
            if isinstance(ident, str):
                if ident in seen:
                    yield SchemaError(
                        (list_name, index, "id"), f"{label} id '{ident}' is used more than once"
                    )
                seen.add(ident)
    if data.get("kind") == "rubric":
        raw = [d.get("weight") for d in data.get("dimensions") or () if isinstance(d, dict)]
        weights = [w for w in raw if isinstance(w, int | float)]
        if weights and len(weights) == len(raw):
            total = sum(weights)
            if total != 100:
                yield SchemaError(
                    ("dimensions",),
                    f"dimension weights add up to {total:g}; they must add up to 100",
                )


def _placeholders(value: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    """Where a scaffold's ``FILL IN`` text is still waiting to be replaced."""
    from sysdrill.content.scaffold import PLACEHOLDER

    if isinstance(value, str) and value.lstrip().startswith(PLACEHOLDER):
        yield path
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _placeholders(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _placeholders(item, (*path, index))


def check_text(text: str, name: str) -> tuple[dict[str, Any] | None, list[Diagnostic]]:
    """Validate YAML text; returns the data (None when unusable) and every error."""
    try:
        raw = yamlio.parse(text, name)
    except yamlio.YamlFileError as exc:
        return None, [exc.diagnostic]
    if not isinstance(raw, dict):
        return None, [Diagnostic(name, f"expected a mapping of fields, got {_kind(raw)}", 1, 1)]
    data = normalise(raw)
    unfilled = set(_placeholders(data))
    found = chain(Validator(content_schema()).errors(data), _rule_errors(data))
    # Say what to fill, not how a placeholder breaks its field's rules.
    errors = list(islice((e for e in found if e.path not in unfilled), MAX_ERRORS + 1))
    errors += [
        SchemaError(path, f"{field_label(path)}: fill in the placeholder")
        for path in sorted(unfilled, key=lambda p: [str(part) for part in p])
    ]
    locator = yamlio.Locator(text)
    diagnostics = []
    for error in errors[:MAX_ERRORS]:
        where = locator.find(error.path, key=error.at_key)
        line, column = where if where else (None, None)
        diagnostics.append(Diagnostic(name, error.message, line, column))
    diagnostics.sort(key=_position)  # the file's order, the same on every run
    if len(errors) > MAX_ERRORS:
        diagnostics.append(
            Diagnostic(name, f"more than {MAX_ERRORS} errors; fix these and check again")
        )
    return (None if diagnostics else data), diagnostics


def _position(diagnostic: Diagnostic) -> tuple[int, int, str]:
    """Line, then column, then message; one without a place comes last."""
    huge = 1 << 62
    line = huge if diagnostic.line is None else diagnostic.line
    column = huge if diagnostic.column is None else diagnostic.column
    return line, column, diagnostic.message


def _kind(value: Any) -> str:
    from sysdrill.content.schema import describe

    return describe(value)


def check_file(path: Path) -> CheckedFile:
    """Read and check one file. Whatever goes wrong becomes a diagnostic for
    this file alone: one bad file in a pack never stops the others loading."""
    name = str(path)
    try:
        text = yamlio.read_text(path)
        data, diagnostics = check_text(text, name)
        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    except yamlio.YamlFileError as exc:
        return CheckedFile(path, None, (exc.diagnostic,))
    except Exception as exc:  # RecursionError and MemoryError too: a failure of this file only
        message = f"cannot be checked ({type(exc).__name__}: {exc})"
        return CheckedFile(path, None, (Diagnostic(name, message[:300]),))
    return CheckedFile(path, data, tuple(diagnostics), digest)
