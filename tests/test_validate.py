"""`validate` and loading: every bad file is named with its line and column."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from tests.conftest import PROBLEM, write_problem


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def test_builtin_content_is_clean(run) -> None:
    result = run("validate")
    assert result.exit_code == 0, result.output
    assert "no problems" in result.stderr
    assert result.stdout == ""
    # not one alias of the built-in content is there for nothing
    assert "warning" not in result.stderr, result.stderr


def test_words_the_matcher_can_never_read_are_warned_of(run, pack: Path) -> None:
    text = PROBLEM.format(id="dead-words", title="Dead words").replace(
        "      - concept: consistent hashing\n        aliases: [hash ring]\n",
        "      - concept: consistent hashing\n"
        "        aliases: [hash ring, Redis, '30%', cache layer]\n"
        "      - concept: 5ms snapshot restore\n"
        "        aliases: [fast restore, 5 ms restore]\n"
        "      - concept: Kafka\n",
    )
    path = write(pack, "dead-words.yaml", text)
    result = run("validate", str(path))
    # warnings only: the file loads and drills as it is
    assert result.exit_code == 0, result.output
    assert "1 file checked: no problems." in result.stderr
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert warnings == [
        f"{path}:22:30: warning: alias 'Redis' never matches: generic words alone match nothing",
        f"{path}:22:37: warning: alias '30%' never matches: a figure alone matches nothing",
        f"{path}:24:19: warning: alias 'fast restore' never matches: it has no figure,"
        " and the concept '5ms snapshot restore' has one",
        f"{path}:25:18: warning: key point 'Kafka' can never be covered: none of its words"
        " can be read in notes (add an alias that names it)",
    ]


def test_clean_pack_exits_zero(run, pack: Path) -> None:
    write_problem(pack, "widget-store")
    result = run("validate", str(pack))
    assert result.exit_code == 0, result.output
    assert "1 file checked: no problems." in result.stderr


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("id: [unclosed\nkind: problem\n",
         ":2:5: YAML syntax error: "),
        ("just a sentence\n", ":1:1: expected a mapping of fields, got text"),
        (PROBLEM.format(id="w", title="t").replace("minutes: 10", "minutes: -5"),
         ":18:14: phases[0].minutes: must be greater than 0"),
        (PROBLEM.format(id="w", title="t").replace("minutes: 10", "minutes: ten"),
         ":18:14: phases[0].minutes: expected a number, got text"),
        (PROBLEM.format(id="w", title="t").replace("    minutes: 10", "    minuts: 10"),
         ":18:5: phases[0].minuts: unknown field 'minuts' (did you mean 'minutes'?)"),
        (PROBLEM.format(id="w", title="t").replace("summary: A small problem for tests.\n", ""),
         ":1:1: missing required field 'summary'"),
        (PROBLEM.format(id="w", title="t").replace("tags: [caching, pack-only]", "tags: caching"),
         ":6:7: tags: expected a list, got text"),
        (PROBLEM.format(id="Bad ID", title="t"),
         ":1:5: id: 'Bad ID' is not allowed here; use lower-case letters, digits and hyphens"),
        (PROBLEM.format(id="w", title="First") + "title: Second\n",
         ":23:1: duplicate key 'title'"),
        (PROBLEM.format(id="w", title="t").replace("minutes: 10", "minutes: 10\n    minutes: 5"),
         ":19:5: duplicate key 'minutes'"),
        ("id: evil\nkind: !!python/object/apply:os.system [echo owned]\n",
         ":2:7: tag !!python/object/apply:os.system is not allowed"),
    ],
)  # fmt: skip
def test_each_kind_of_error_names_file_line_column(run, pack, text, expected) -> None:
    path = write(pack, "item.yaml", text)
    result = run("validate", str(path))
    assert result.exit_code == 1, result.output
    assert f"{path}{expected}" in result.stdout
    assert "Traceback" not in result.output


def test_every_error_in_every_file_is_reported(run, pack: Path) -> None:
    text = PROBLEM.format(id="one", title="t")
    text = text.replace("level: L6", "level: L9").replace("title: t", "title: ''")
    write(pack, "one.yaml", text)
    write(pack, "two.yaml", "id: [\n")
    result = run("validate", str(pack))
    assert result.exit_code == 1
    lines = result.stdout.strip().splitlines()
    assert any("one.yaml:4:8: level: 'L9' is not one of L6, L7" in line for line in lines)
    assert any("one.yaml:3:8: title: must not be empty" in line for line in lines)
    assert any("two.yaml:2:1" in line for line in lines)
    assert "3 errors in 2 files" in result.stderr


def test_duplicate_ids_are_errors_with_both_places(run, pack: Path) -> None:
    write_problem(pack, "widget-store")
    (pack / "sub").mkdir()
    write_problem(pack / "sub", "widget-store").rename(pack / "sub" / "copy.yaml")
    result = run("validate", str(pack))
    assert result.exit_code == 1
    assert "copy.yaml:1:5: duplicate ID 'widget-store' (already defined in" in result.stdout


def test_a_pack_item_may_override_a_builtin_id(run, pack: Path) -> None:
    write_problem(pack, "object-storage")
    result = run("--content-dir", str(pack), "validate")
    assert result.exit_code == 0, result.output


def test_rubric_weights_must_sum_to_100(run, pack: Path) -> None:
    dims = "".join(
        f"  - id: d{n}\n    title: D{n}\n    weight: {w}\n    scores: "
        "{1: a, 2: b, 3: c, 4: d, 5: e}\n"
        for n, w in enumerate((40, 40, 15))
    )
    write(pack, "r.yaml", f"id: mine\nkind: rubric\ntitle: Mine\nlevel: L6\ndimensions:\n{dims}")
    result = run("validate", str(pack))
    assert result.exit_code == 1
    assert "r.yaml:6:3: dimension weights add up to 95; they must add up to 100" in result.stdout


def test_unknown_rubric_reference(run, pack: Path) -> None:
    text = PROBLEM.format(id="w", title="t").replace("tags:", "rubric: no-such-rubric\ntags:")
    write(pack, "w.yaml", text)
    result = run("validate", str(pack))
    assert result.exit_code == 1
    assert "w.yaml:6:9: unknown rubric 'no-such-rubric'" in result.stdout


def test_billion_laughs_is_refused_quickly(run, pack: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n in range(1, 9):
        prev, cur = chr(96 + n), chr(97 + n)
        lines.append(f"{cur}: &{cur} [{', '.join(['*' + prev] * 9)}]")
    path = write(pack, "lol.yaml", "\n".join(lines) + "\n")
    started = time.monotonic()
    result = run("validate", str(path))
    assert result.exit_code == 1
    assert "expand to more than 100,000 values; refused" in result.stdout
    assert time.monotonic() - started < 30  # a hang or an exploded walk would blow far past this


DEEP_SHAPES = {
    "flow-100k": "a: " + "[" * 100_000 + "\n",
    "flow-500": "a: " + "[" * 500 + "]" * 500 + "\n",
    "flow-maps": "a: " + "{b: " * 300 + "1" + "}" * 300 + "\n",
    "block-dashes": "a:\n" + "- " * 300 + "x\n",
    "block-indent": "".join(" " * n + f"k{n}:\n" for n in range(300)) + " " * 300 + "v: 1\n",
}


@pytest.mark.parametrize("loader", ["C", "pure"])
@pytest.mark.parametrize("shape", sorted(DEEP_SHAPES))
def test_depth_limit_is_ours_whatever_the_yaml_build(
    run, pack: Path, monkeypatch: pytest.MonkeyPatch, shape: str, loader: str
) -> None:
    import yaml

    from sysdrill.content import yamlio

    if loader == "pure":
        monkeypatch.setattr(yamlio, "SafeLoader", yaml.SafeLoader)
    elif not hasattr(yaml, "CSafeLoader"):
        pytest.skip("this PyYAML has no libyaml")
    deep = write(pack, "deep.yaml", DEEP_SHAPES[shape])
    result = run("validate", str(deep))
    assert result.exit_code == 1
    assert f"{deep}:" in result.stdout
    assert "nested more than 200 levels deep; refused" in result.stdout


def test_deep_nesting_and_huge_files_are_refused(run, pack: Path) -> None:
    deep = write(pack, "deep.yaml", "a: " + "[" * 100_000 + "\n")
    big = write(pack, "big.yaml", "a: " + "x" * (1024 * 1024 + 10) + "\n")
    result = run("validate", str(deep), str(big))
    assert result.exit_code == 1
    assert f"{deep}:1:" in result.stdout and "nested more than 200 levels deep" in result.stdout
    assert f"{big}: file is 1,048,590 bytes; content files are limited to 1 MiB" in result.stdout


def test_validate_missing_path_is_a_usage_error(run, tmp_path: Path) -> None:
    result = run("validate", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 2
    assert "no such file or directory" in result.stderr


def test_bad_files_never_change_on_disk(run, pack: Path) -> None:
    path = write(pack, "broken.yaml", "id: [\n")
    before = path.read_bytes()
    run("--content-dir", str(pack), "list")
    run("validate", str(pack))
    assert path.read_bytes() == before


def test_schema_command_prints_the_schema(run) -> None:
    result = run("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["properties"]["kind"]["enum"] == ["problem", "case-study", "rubric"]


def test_rule_errors_come_with_schema_errors(run, pack: Path) -> None:
    text = PROBLEM.format(id="w", title="t").replace("level: L6", "level: L9")
    text = text.replace("phases:\n", "phases:\n  - id: design\n    title: Again\n    minutes: 5\n"
                        "    prompts: [Twice.]\n")  # fmt: skip
    write(pack, "w.yaml", text)
    result = run("validate", str(pack))
    assert "level: 'L9' is not one of L6, L7" in result.stdout
    assert "phase id 'design' is used more than once" in result.stdout


def test_a_number_where_text_belongs_suggests_quotes(run, pack: Path) -> None:
    text = PROBLEM.format(id="w", title="t").replace("aliases: [hash ring]", "aliases: [100:1]")
    write(pack, "w.yaml", text)
    result = run("validate", str(pack))
    assert "expected text, got a number (put it in quotes to keep it as text)" in result.stdout


def test_validating_a_folder_without_content_is_an_error(run, pack: Path) -> None:
    result = run("validate", str(pack))
    assert result.exit_code == 1
    assert "no .yaml or .yml files in" in result.stderr


def test_a_parser_that_gives_up_on_depth_in_other_words_is_still_read_as_too_deep(
    run, pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import yaml

    from sysdrill.content import yamlio

    def gives_up(text: str, name: str, loader: object) -> None:
        mark = yaml.Mark(name, 1003, 0, 1003, None, None)
        raise yaml.MarkedYAMLError(problem="too much, said differently", problem_mark=mark)

    monkeypatch.setattr(yamlio, "_count_depth", gives_up)
    deep = write(pack, "deep.yaml", "a: " + "[" * 5_000 + "\n")
    result = run("validate", str(deep))
    assert result.exit_code == 1
    assert "nested more than 200 levels deep; refused" in result.stdout


def test_a_key_written_twice_refuses_the_item(run, pack: Path, monkeypatch) -> None:
    write(pack, "twice.yaml", PROBLEM.format(id="twice", title="First") + "title: Second\n")
    monkeypatch.setenv("SYSDRILL_CONTENT_PATH", str(pack))
    shown = run("show", "twice")
    assert shown.exit_code != 0
    assert "Second" not in shown.stdout
    assert "twice.yaml:23:1: duplicate key 'title'" in shown.stderr
    # A merge key ("<<") overriding a value is not a duplicate.
    merged = "base: &b {x: 1, y: 2}\nd:\n  <<: *b\n  x: 5\n"
    from sysdrill.content.yamlio import parse

    assert parse(merged, "m.yaml")["d"] == {"x": 5, "y": 2}


def test_errors_come_in_the_files_order_on_every_run(run, pack: Path) -> None:
    run("new", "problem", "widget-cache", "--dir", str(pack))
    result = run("validate", str(pack))
    assert result.exit_code == 1
    places = [
        tuple(int(n) for n in line.split(":")[1:3])
        for line in result.output.splitlines()
        if line.startswith(str(pack)) and line.split(":")[1].isdigit()
    ]
    assert len(places) > 10
    assert places == sorted(places)
    warning = run("--content-dir", str(pack), "list").stderr
    assert f"widget-cache.yaml:{places[0][0]}:{places[0][1]}: title:" in warning


def test_a_large_file_without_aliases_is_refused_for_its_size(run, pack: Path) -> None:
    head, _ = PROBLEM.format(id="big", title="Big").split("phases:\n")
    phases = "".join(
        f"  - id: p{i}\n    title: Phase {i}\n    minutes: 1\n    prompts: [Say {i}.]\n"
        for i in range(10_000)
    )
    path = write(pack, "big.yaml", head + "phases:\n" + phases)
    result = run("validate", str(path))
    assert result.exit_code == 1, result.output
    assert "holds more than 100,000 values; refused" in result.stdout
    assert "alias" not in result.stdout


def test_a_directory_named_like_a_content_file_is_named(run, pack: Path) -> None:
    (pack / "x.yaml").mkdir()
    (pack / "plain").mkdir()
    write_problem(pack / "plain", "inside")
    alone = run("validate", str(pack / "x.yaml"))
    assert alone.exit_code == 1
    assert f"{pack / 'x.yaml'}: a directory, not a content file" in alone.stdout
    whole = run("validate", str(pack))
    assert whole.exit_code == 1
    assert whole.stdout.splitlines() == [f"{pack / 'x.yaml'}: a directory, not a content file"]
    (pack / "x.yaml").rmdir()
    assert run("validate", str(pack)).exit_code == 0
