"""Checking one content file: YAML, schema, and the rules a schema cannot say."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sysdrill.content import yamlio
from sysdrill.content.diagnostics import Diagnostic
from sysdrill.content.schema import SchemaError, Validator, content_schema, normalise


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


def check_text(text: str, name: str) -> tuple[dict[str, Any] | None, list[Diagnostic]]:
    """Validate YAML text; returns the data (None when unusable) and every error."""
    try:
        raw = yamlio.parse(text, name)
    except yamlio.YamlFileError as exc:
        return None, [exc.diagnostic]
    if not isinstance(raw, dict):
        return None, [Diagnostic(name, f"expected a mapping of fields, got {_kind(raw)}", 1, 1)]
    data = normalise(raw)
    errors = list(Validator(content_schema()).errors(data)) + list(_rule_errors(data))
    diagnostics = []
    for error in errors:
        where = yamlio.locate(text, error.path, key=error.at_key)
        line, column = where if where else (None, None)
        diagnostics.append(Diagnostic(name, error.message, line, column))
    return (None if diagnostics else data), diagnostics


def _kind(value: Any) -> str:
    from sysdrill.content.schema import describe

    return describe(value)


def check_file(path: Path) -> CheckedFile:
    name = str(path)
    try:
        text = yamlio.read_text(path)
    except yamlio.YamlFileError as exc:
        return CheckedFile(path, None, (exc.diagnostic,))
    data, diagnostics = check_text(text, name)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    return CheckedFile(path, data, tuple(diagnostics), digest)
