"""`sysdrill new`: a starting file that validates once its placeholders are filled."""

from __future__ import annotations

import re
import stat
from pathlib import Path

import pytest

KINDS = ["problem", "case-study", "rubric"]


def fill(text: str) -> str:
    text = text.replace('"FILL IN: category"', "storage")
    text = re.sub(r'"FILL IN:[^"]*"', '"Written by the pack author"', text)
    return re.sub(r"FILL IN:[^\n]*", "Written by the pack author.", text)


@pytest.mark.parametrize("kind", KINDS)
def test_a_filled_scaffold_validates(run, tmp_path: Path, kind: str) -> None:
    pack = tmp_path / "my-pack"
    result = run("new", kind, f"my-{kind}", "--dir", str(pack))
    assert result.exit_code == 0, result.output
    path = pack / f"my-{kind}.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    schema = text.splitlines()[0].split("$schema=", 1)[1]
    assert schema == "./sysdrill.schema.json"  # relative: it travels with the pack
    assert (pack / schema).read_text(encoding="utf-8") == run("schema").stdout
    assert f"id: my-{kind}" in text and f"kind: {kind}" in text

    unfilled = run("validate", str(path))
    assert unfilled.exit_code == 1
    assert "title: fill in the placeholder" in unfilled.stdout
    assert f"{path}:5:" in unfilled.stdout  # file:line:column of the title

    path.write_text(fill(text), encoding="utf-8")
    filled = run("validate", str(path))
    assert filled.exit_code == 0, filled.output


def test_every_field_line_has_a_comment_or_is_a_placeholder(run, tmp_path: Path) -> None:
    run("new", "case-study", "cs", "--dir", str(tmp_path))
    lines = (tmp_path / "cs.yaml").read_text(encoding="utf-8").splitlines()
    top_level = [line for line in lines if re.match(r"^[a-z_]+:", line)]
    for line in top_level:
        assert "#" in line or "FILL IN" in line, line


def test_a_filled_pack_item_lists_and_shows(run, tmp_path: Path) -> None:
    run("new", "problem", "widget-store", "--dir", str(tmp_path))
    path = tmp_path / "widget-store.yaml"
    path.write_text(fill(path.read_text(encoding="utf-8")), encoding="utf-8")
    shown = run("show", "widget-store", "--content-dir", str(tmp_path))
    assert shown.exit_code == 0, shown.output
    assert "Written by the pack author" in shown.stdout


def test_it_refuses_to_overwrite(run, tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("kept: yes\n", encoding="utf-8")
    result = run("new", "problem", "mine", "--dir", str(tmp_path))
    assert result.exit_code == 1
    assert "already exists" in result.stderr
    assert path.read_text(encoding="utf-8") == "kept: yes\n"


@pytest.mark.parametrize("bad", ["Bad_Id", "has space", "x" * 65, "über"])
def test_a_bad_id_is_a_usage_error(run, tmp_path: Path, bad: str) -> None:
    result = run("new", "problem", bad, "--dir", str(tmp_path))
    assert result.exit_code == 2
    assert "cannot be an ID" in result.stderr
    assert not list(tmp_path.iterdir())


def test_an_unknown_kind_is_a_usage_error(run, tmp_path: Path) -> None:
    result = run("new", "probelm", "x", "--dir", str(tmp_path))
    assert result.exit_code == 2
    assert "unknown kind 'probelm'" in result.stderr and "problem" in result.stderr


def test_the_pack_is_private_and_an_existing_schema_is_kept(run, tmp_path: Path) -> None:
    pack = tmp_path / "shared" / "my-pack"
    result = run("new", "problem", "widget-cache", "--dir", str(pack))
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(pack.stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "shared").stat().st_mode) == 0o700
    for name in ("widget-cache.yaml", "sysdrill.schema.json"):
        assert stat.S_IMODE((pack / name).stat().st_mode) == 0o600
    (pack / "sysdrill.schema.json").write_text("{}", encoding="utf-8")
    assert run("new", "rubric", "my-rubric", "--dir", str(pack)).exit_code == 0
    assert (pack / "sysdrill.schema.json").read_text(encoding="utf-8") == "{}"


def test_an_id_of_a_builtin_item_warns_that_it_overrides_it(run, tmp_path: Path) -> None:
    result = run("new", "problem", "dynamodb", "--dir", str(tmp_path))
    assert result.exit_code == 0
    warning = [line for line in result.stderr.splitlines() if "override" in line]
    assert len(warning) == 1
    assert "'dynamodb'" in warning[0] and "built-in case study" in warning[0]
    quiet = run("new", "problem", "widget-cache", "--dir", str(tmp_path))
    assert "override" not in quiet.stderr
