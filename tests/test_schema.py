"""The published JSON Schema and the loader agree."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from sysdrill.content import model
from sysdrill.content.catalogue import yaml_files
from sysdrill.content.schema import SUPPORTED_KEYWORDS, Validator, content_schema, normalise
from sysdrill.paths import builtin_content_dirs

BUILTIN_FILES = [p for d in builtin_content_dirs() for p in yaml_files(d)]


def keywords(node: Any, parent: str = "") -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if parent not in ("properties", "definitions"):
                yield key
            yield from keywords(value, key)
    elif isinstance(node, list):
        for value in node:
            yield from keywords(value, parent)


def property_names(node: Any) -> set[str]:
    names: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "properties":
                names.update(value)
            names |= property_names(value)
    elif isinstance(node, list):
        for value in node:
            names |= property_names(value)
    return names


def test_schema_is_valid_draft7_and_uses_only_supported_keywords() -> None:
    schema = content_schema()
    jsonschema.Draft7Validator.check_schema(schema)
    assert set(keywords(schema)) <= SUPPORTED_KEYWORDS


def test_every_field_the_model_reads_is_in_the_schema() -> None:
    source = Path(model.__file__).read_text(encoding="utf-8")
    read = set(re.findall(r"""(?:raw|d|kp|guidance)(?:\[|\.get\()["']([a-z_0-9]+)["']""", source))
    assert read, "the pattern should find the fields model.py reads"
    assert read <= property_names(content_schema()), read - property_names(content_schema())


def mutations(data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Broken variants of a good item: one of each kind of mistake."""
    kind = {"case-study": "case_study"}.get(data["kind"], data["kind"])
    for key in content_schema()["definitions"][kind]["required"]:
        broken = copy.deepcopy(data)
        del broken[key]
        yield broken
    for key, bad in (("level", "L9"), ("category", "Not An ID"), ("tags", "x"), ("id", "Has Space"),
                     ("extra_field", 1), ("kind", "problm"), ("title", "")):  # fmt: skip
        broken = copy.deepcopy(data)
        broken[key] = bad
        yield broken
    if "phases" in data:
        for key, bad in (("minutes", 0), ("minutes", "ten"), ("prompts", []), ("minuts", 5)):
            broken = copy.deepcopy(data)
            broken["phases"][0][key] = bad
            yield broken
    if "dimensions" in data:
        broken = copy.deepcopy(data)
        del broken["dimensions"][0]["scores"]["3"]
        yield broken


@pytest.mark.parametrize("path", BUILTIN_FILES, ids=lambda p: p.name)
def test_verdicts_match_a_reference_json_schema_validator(path: Path) -> None:
    schema = content_schema()
    reference = jsonschema.Draft7Validator(schema)
    ours = Validator(schema)
    data = normalise(yaml.safe_load(path.read_text(encoding="utf-8")))
    assert reference.is_valid(data) and not list(ours.errors(data))
    for broken in mutations(data):
        assert not reference.is_valid(broken)
        assert list(ours.errors(broken)), broken
