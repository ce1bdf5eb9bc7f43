"""Packs may bring categories of their own; the built-in content keeps to the list."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import write_problem

from sysdrill.content.vocabulary import CATEGORIES


def with_category(path: Path, category: str) -> Path:
    text = path.read_text(encoding="utf-8").replace("category: storage", f"category: {category}")
    path.write_text(text, encoding="utf-8")
    return path


def test_a_pack_category_is_accepted_listed_and_filtered(run, pack: Path) -> None:
    with_category(write_problem(pack, "packet-routing"), "networking")
    checked = run("validate", str(pack))
    assert checked.exit_code == 0, checked.output
    assert "warning" not in checked.stderr

    listed = run("list", "--json", "--category", "Networking", "--content-dir", str(pack))
    assert listed.exit_code == 0, listed.output
    assert [item["id"] for item in json.loads(listed.stdout)] == ["packet-routing"]
    assert "networking" not in listed.stderr  # no warning for a category of its own

    rows = json.loads(run("categories", "--json", "--content-dir", str(pack)).stdout)
    names = [row["category"] for row in rows]
    assert names[: len(CATEGORIES)] == list(CATEGORIES)
    networking = next(row for row in rows if row["category"] == "networking")
    assert networking["problems"] == 1 and networking["total"] == 1
    shown = run("categories", "--content-dir", str(pack))
    assert "networking" in shown.stdout


def test_without_the_pack_its_category_is_unknown(run) -> None:
    result = run("list", "--category", "networking")
    assert result.exit_code == 2
    assert "unknown category 'networking'" in result.stderr


def test_a_near_miss_of_a_built_in_category_is_a_warning(run, pack: Path) -> None:
    with_category(write_problem(pack, "typo-item"), "storag")
    checked = run("validate", str(pack))
    assert checked.exit_code == 0, checked.output
    assert "did you mean 'storage'?" in checked.stderr
    assert "typo-item.yaml:5:" in checked.stderr  # at the category line

    listed = run("list", "--content-dir", str(pack))
    assert listed.exit_code == 0, listed.output
    assert listed.stderr.count("did you mean 'storage'?") == 1
    assert "typo-item" in listed.stdout


def test_a_category_must_still_look_like_an_id(run, pack: Path) -> None:
    with_category(write_problem(pack, "bad-category"), '"Not An ID"')
    checked = run("validate", str(pack))
    assert checked.exit_code == 1
    assert "category: 'Not An ID' is not allowed here" in checked.stdout


def test_built_in_content_is_held_to_the_vocabulary(run, tmp_path: Path) -> None:
    from sysdrill.content.catalogue import Root
    from sysdrill.content.checks import check_paths
    from sysdrill.content.vocabulary import BUILTIN

    write_problem(tmp_path, "would-be-builtin")
    with_category(tmp_path / "would-be-builtin.yaml", "networking")
    report = check_paths([Root(tmp_path, BUILTIN)])
    assert any("'networking' is not one of" in d.message for d in report.diagnostics)


def test_every_built_in_item_uses_a_built_in_category(catalogue) -> None:
    for entry in catalogue.drillable():
        assert entry.category in CATEGORIES, entry.id
