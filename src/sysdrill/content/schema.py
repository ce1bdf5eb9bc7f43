"""The content schema, and a validator for the part of JSON Schema it uses.

The published ``schema.json`` is the single statement of the format: editors
use it to complete and check YAML, and ``validate`` interprets the same file,
so the two cannot drift apart. Only the keywords the schema uses are
supported; a test checks that the file uses no others.
"""

from __future__ import annotations

import difflib
import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from sysdrill.paths import PACKAGE_DIR
from sysdrill.text import printable

SCHEMA_PATH = PACKAGE_DIR / "content" / "schema.json"

SUPPORTED_KEYWORDS = frozenset(
    {
        "$schema", "$id", "$ref", "title", "description", "definitions",
        "type", "enum", "const", "required", "properties", "additionalProperties",
        "items", "minItems", "uniqueItems", "minLength", "maxLength", "pattern",
        "minimum", "maximum", "exclusiveMinimum", "allOf", "if", "then",
    }
)  # fmt: skip

# Limits on every list and every text, whatever the field: content is read
# by people, and a list of 90,000 prompts or a 900 KB summary would take a
# minute to lay out on the screen. The built-in files stay far below both.
MAX_LIST_ITEMS = 200
MAX_TEXT_CHARS = 20_000

_TYPE_NAMES = {
    "object": "a mapping",
    "array": "a list",
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
}
_PATTERN_HINTS = {
    "^[a-z0-9][a-z0-9-]*$": "use lower-case letters, digits and hyphens",
    "^[a-z0-9][a-z0-9+.-]*$": "use lower-case letters, digits, '-', '+' and '.'",
}


@cache
def content_schema() -> dict[str, Any]:
    result: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return result


@dataclass(frozen=True)
class SchemaError:
    path: tuple[str | int, ...]
    message: str
    at_key: bool = False  # point at the key itself (unknown keys)


def describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "text"
    if isinstance(value, int | float):
        return "a number"
    return f"a {type(value).__name__}"


def quote(value: Any) -> str:
    """A value as a message shows it: text in quotes (already printable), else its repr."""
    return f"'{value}'" if isinstance(value, str) else repr(value)


def _is_type(value: Any, name: str) -> bool:
    if name == "object":
        return isinstance(value, dict)
    if name == "array":
        return isinstance(value, list)
    if name == "string":
        return isinstance(value, str)
    if name == "boolean":
        return isinstance(value, bool)
    if isinstance(value, bool):
        return False
    if name == "integer":
        return isinstance(value, int) or (isinstance(value, float) and value.is_integer())
    if name == "number":
        return isinstance(value, int | float)
    return False


def did_you_mean(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def normalise(value: Any) -> Any:
    """Content as the rest of sysdrill may use it.

    YAML allows non-text keys (``1:``); JSON Schema sees them as text. Text
    is made printable here, once, as it comes in: a pack is someone else's
    writing, and no control sequence in it may reach a terminal.
    """
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {printable(str(k)): normalise(v) for k, v in value.items()}
    if isinstance(value, list):
        return [normalise(v) for v in value]
    return value


def _label(path: tuple[str | int, ...]) -> str:
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else step)
    return out or "the file"


class Validator:
    def __init__(self, schema: dict[str, Any]) -> None:
        self.root = schema

    def _resolve(self, ref: str) -> dict[str, Any]:
        node: Any = self.root
        for part in ref.removeprefix("#/").split("/"):
            node = node[part]
        return dict(node)

    def errors(
        self, value: Any, schema: dict[str, Any] | None = None, path: tuple[str | int, ...] = ()
    ) -> Iterator[SchemaError]:
        schema = self.root if schema is None else schema
        if "$ref" in schema:
            yield from self.errors(value, self._resolve(schema["$ref"]), path)
            return
        expected = schema.get("type")
        if expected and not _is_type(value, expected):
            hint = ""
            if expected == "string" and isinstance(value, int | float | bool):
                hint = " (put it in quotes to keep it as text)"
            yield SchemaError(
                path,
                f"{_label(path)}: expected {_TYPE_NAMES[expected]}, got {describe(value)}{hint}",
            )
            return
        if "const" in schema and value != schema["const"]:
            yield SchemaError(
                path, f"{_label(path)}: must be '{schema['const']}', got {quote(value)}"
            )
            return
        if "enum" in schema and value not in schema["enum"]:
            choices = [str(c) for c in schema["enum"]]
            hint = did_you_mean(str(value), choices) if isinstance(value, str) else ""
            listed = ", ".join(choices)
            yield SchemaError(path, f"{_label(path)}: {quote(value)} is not one of {listed}{hint}")
            return
        if isinstance(value, dict):
            yield from self._object_errors(value, schema, path)
        elif isinstance(value, list):
            yield from self._array_errors(value, schema, path)
        elif isinstance(value, str):
            yield from self._string_errors(value, schema, path)
        elif isinstance(value, int | float) and not isinstance(value, bool):
            yield from self._number_errors(value, schema, path)
        for sub in schema.get("allOf", ()):
            yield from self.errors(value, sub, path)
        if "if" in schema and not any(True for _ in self.errors(value, schema["if"], path)):
            yield from self.errors(value, schema.get("then", {}), path)

    def _object_errors(
        self, value: dict[str, Any], schema: dict[str, Any], path: tuple[str | int, ...]
    ) -> Iterator[SchemaError]:
        properties: dict[str, Any] = schema.get("properties", {})
        for key in schema.get("required", ()):
            if key not in value:
                where = f" in {_label(path)}" if path else ""
                yield SchemaError(path, f"missing required field '{key}'{where}")
        for key, item in value.items():
            if key in properties:
                yield from self.errors(item, properties[key], (*path, key))
            elif schema.get("additionalProperties") is False:
                hint = did_you_mean(key, list(properties))
                yield SchemaError(
                    (*path, key), f"{_label((*path, key))}: unknown field '{key}'{hint}", True
                )

    def _array_errors(
        self, value: list[Any], schema: dict[str, Any], path: tuple[str | int, ...]
    ) -> Iterator[SchemaError]:
        least = schema.get("minItems")
        if least is not None and len(value) < least:
            yield SchemaError(path, f"{_label(path)}: needs at least {least} item(s)")
        if len(value) > MAX_LIST_ITEMS:
            yield SchemaError(path, f"{_label(path)}: more than {MAX_LIST_ITEMS} items")
            return
        if schema.get("uniqueItems"):
            seen: set[Any] = set()
            others: list[Any] = []  # unhashable items: compared the slow way
            for index, item in enumerate(value):
                try:
                    repeated = item in seen
                    seen.add(item)
                except TypeError:
                    repeated = item in others
                    others.append(item)
                if repeated:
                    yield SchemaError(
                        (*path, index), f"{_label(path)}: {quote(item)} is listed more than once"
                    )
        if "items" in schema:
            for index, item in enumerate(value):
                yield from self.errors(item, schema["items"], (*path, index))

    def _string_errors(
        self, value: str, schema: dict[str, Any], path: tuple[str | int, ...]
    ) -> Iterator[SchemaError]:
        import re

        if len(value) > MAX_TEXT_CHARS:
            yield SchemaError(path, f"{_label(path)}: longer than {MAX_TEXT_CHARS:,} characters")
            return
        if len(value.strip()) < schema.get("minLength", 0):
            yield SchemaError(path, f"{_label(path)}: must not be empty")
        if "maxLength" in schema and len(value) > schema["maxLength"]:
            yield SchemaError(path, f"{_label(path)}: longer than {schema['maxLength']} characters")
        pattern = schema.get("pattern")
        if pattern and not re.search(pattern, value):
            hint = _PATTERN_HINTS.get(pattern, f"expected to match {pattern}")
            yield SchemaError(path, f"{_label(path)}: {quote(value)} is not allowed here; {hint}")

    def _number_errors(
        self, value: float, schema: dict[str, Any], path: tuple[str | int, ...]
    ) -> Iterator[SchemaError]:
        if not math.isfinite(value):  # .inf and .nan are YAML numbers; no length is either
            yield SchemaError(path, f"{_label(path)}: must be a finite number")
            return
        if "exclusiveMinimum" in schema and not value > schema["exclusiveMinimum"]:
            yield SchemaError(
                path, f"{_label(path)}: must be greater than {schema['exclusiveMinimum']}"
            )
            return
        if "minimum" in schema and value < schema["minimum"]:
            yield SchemaError(path, f"{_label(path)}: must be at least {schema['minimum']}")
        if "maximum" in schema and value > schema["maximum"]:
            yield SchemaError(path, f"{_label(path)}: must be at most {schema['maximum']}")


def field_label(path: tuple[str | int, ...]) -> str:
    """How an error names a field: ``phases[0].title``."""
    return _label(path)
