"""--content-dir and --debug work before or after the command's name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import write_problem

from sysdrill.errors import NotFoundError


@pytest.mark.parametrize("where", ["before", "after"])
def test_list_reads_a_pack_named_on_either_side(run, pack: Path, where: str) -> None:
    write_problem(pack, "pack-widgets")
    args = ["list", "--json"]
    args = (
        ["--content-dir", str(pack), *args]
        if where == "before"
        else [*args, "--content-dir", str(pack)]
    )
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert "pack-widgets" in [item["id"] for item in json.loads(result.stdout)]


def test_content_dir_repeats_on_both_sides(run, tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    first.mkdir()
    second.mkdir()
    write_problem(first, "first-widgets")
    write_problem(second, "second-widgets")
    result = run("--content-dir", str(first), "list", "--json", "--content-dir", str(second))
    assert result.exit_code == 0, result.output
    ids = [item["id"] for item in json.loads(result.stdout)]
    assert "first-widgets" in ids and "second-widgets" in ids


@pytest.mark.parametrize(
    "args",
    [
        ["show", "pack-widgets"],
        ["validate"],
        ["categories"],
        ["stats"],
        ["next"],
        ["history"],
        ["history", "list"],
    ],
)
def test_every_command_takes_content_dir_after_its_name(run, pack: Path, args) -> None:
    write_problem(pack, "pack-widgets")
    result = run(*args, "--content-dir", str(pack))
    assert result.exit_code == 0, result.output
    assert "No such option" not in result.output


def test_show_finds_a_pack_item_named_after_the_command(run, pack: Path) -> None:
    write_problem(pack, "pack-widgets", title="Widget warehouse")
    result = run("show", "pack-widgets", "--content-dir", str(pack))
    assert result.exit_code == 0, result.output
    assert "Widget warehouse" in result.stdout


def test_drill_checks_the_id_against_a_pack_named_after_it(run, pack: Path) -> None:
    # No terminal under the runner: a known ID gets as far as asking for one,
    # which shows the pack was read.
    write_problem(pack, "pack-widgets")
    unknown = run("drill", "pack-widgets")
    assert unknown.exit_code == 1
    assert "no item with ID 'pack-widgets'" in unknown.stderr
    known = run("drill", "pack-widgets", "--content-dir", str(pack))
    assert "no item with ID" not in known.stderr


def test_a_missing_content_dir_after_the_command_is_a_usage_error(run, tmp_path: Path) -> None:
    result = run("list", "--content-dir", str(tmp_path / "nowhere"))
    assert result.exit_code == 2
    assert "--content-dir" in result.stderr
    assert "Traceback" not in result.output


def test_debug_after_the_command_lets_the_traceback_through(run) -> None:
    quiet = run("show", "no-such-item")
    assert quiet.exit_code == 1
    assert quiet.stderr.startswith("sysdrill: no item with ID")
    with pytest.raises(NotFoundError):
        run("show", "no-such-item", "--debug")
    with pytest.raises(NotFoundError):
        run("--debug", "show", "no-such-item")


def test_help_of_a_command_lists_the_shared_options(run) -> None:
    result = run("drill", "--help")
    assert result.exit_code == 0, result.output
    assert "--content-dir" in result.stdout and "--debug" in result.stdout
