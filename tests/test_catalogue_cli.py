"""Browsing the catalogue as a user would: list, filters, categories, show."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import write_problem

from sysdrill import __version__


def listed_ids(result) -> list[str]:
    return [item["id"] for item in json.loads(result.stdout)]


def test_version(run) -> None:
    result = run("--version")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"sysdrill {__version__}"


def test_list_shows_problems_and_case_studies(run) -> None:
    result = run("list")
    assert result.exit_code == 0, result.output
    assert "Problems" in result.stdout and "Case studies" in result.stdout
    assert "object-storage" in result.stdout
    assert "Global Cloud Storage Service (S3-class)" in result.stdout
    assert "14 problems, 10 case studies" in result.stdout


def test_list_json_has_the_public_fields(run) -> None:
    result = run("list", "--json")
    assert result.exit_code == 0, result.output
    items = json.loads(result.stdout)
    assert len(items) == 24
    for item in items:
        for key in ("id", "kind", "title", "category", "level", "tags", "minutes", "source"):
            assert key in item, key
    storage = next(i for i in items if i["id"] == "object-storage")
    assert storage["minutes"] == 90
    assert storage["source"] == "built-in"
    assert storage["kind"] == "problem"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--kind", "case-study", "--level", "L6"],
         {"lambda-cold-starts", "amazon-search", "uber-dispatch", "airbnb-search",
          "slack-messaging"}),
        (["--category", "STORAGE"], {"object-storage", "s3-consistency"}),
        (["--category", "storage", "--kind", "problem"], {"object-storage"}),
        (["--level", "l6", "--category", "realtime"], {"uber-dispatch", "slack-messaging"}),
    ],
)  # fmt: skip
def test_filters_combine_and_narrow(run, args, expected) -> None:
    result = run("list", "--json", *args)
    assert result.exit_code == 0, result.output
    assert set(listed_ids(result)) == expected


def test_tag_filter_is_case_insensitive_and_repeatable(run) -> None:
    one = listed_ids(run("list", "--json", "--tag", "NoSQL"))
    assert "dynamodb" in one
    both = listed_ids(run("list", "--json", "--tag", "nosql", "--tag", "no-such-tag"))
    assert both == []


def test_search_looks_in_title_tags_and_text(run) -> None:
    # "Reed-Solomon" is only in the body of the object storage problem, not its title
    found = listed_ids(run("list", "--json", "--search", "reed-solomon"))
    assert "object-storage" in found
    assert "slack-messaging" not in found
    narrowed = listed_ids(run("list", "--json", "--search", "Reed-Solomon", "--kind", "case-study"))
    assert "object-storage" not in narrowed


def test_no_match_says_so_and_exits_zero(run) -> None:
    result = run("list", "--search", "zzzz-nothing-zzzz")
    assert result.exit_code == 0, result.output
    assert "No items match." in result.stderr
    assert run("list", "--json", "--search", "zzzz-nothing-zzzz").stdout.strip() == "[]"


def test_unknown_filter_value_is_a_usage_error_with_a_suggestion(run) -> None:
    result = run("list", "--category", "storge")
    assert result.exit_code == 2
    assert "did you mean 'storage'" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_categories_counts(run) -> None:
    result = run("categories", "--json")
    assert result.exit_code == 0, result.output
    rows = {r["category"]: r for r in json.loads(result.stdout)}
    assert rows["storage"]["problems"] == 1 and rows["storage"]["case_studies"] == 1
    assert sum(r["total"] for r in rows.values()) == 24
    text = run("categories").stdout
    assert "storage" in text and "Case studies" in text


def test_show_brief_hides_the_reference(run) -> None:
    result = run("show", "object-storage")
    assert result.exit_code == 0, result.output
    assert "Global Cloud Storage Service" in result.stdout
    assert "Requirements" in result.stdout and "Strategic context" in result.stdout
    assert "Key points" not in result.stdout
    assert "Reed-Solomon" not in result.stdout  # a key point alias: reference material
    assert "sysdrill show object-storage --reference" in result.stdout
    full = run("show", "object-storage", "--reference")
    assert "Key points" in full.stdout and "Reed-Solomon" in full.stdout


def test_show_marks_what_goes_beyond_the_source(run) -> None:
    brief = run("show", "telecom-platform")
    assert "Beyond the source" not in brief.stdout and "5.26 minutes" not in brief.stdout
    full = run("show", "telecom-platform", "--reference")
    assert full.exit_code == 0, full.output
    text = " ".join(full.stdout.split())
    requirements_shown = text[text.index("2. Platform requirements") : text.index("3. High-level")]
    # the sizing follows the restated requirements, under its own label
    restated = requirements_shown.index("10B+ connected devices")
    label = requirements_shown.index("Beyond the source (written for sysdrill)")
    assert restated < label < requirements_shown.index("Turned into budgets")
    phases = json.loads(run("show", "telecom-platform", "--json", "--reference").stdout)["phases"]
    requirements = next(p for p in phases if p["id"] == "platform-requirements")
    assert "5.26 minutes" in requirements["reference_original"]
    assert "5.26 minutes" not in requirements["reference"]


def test_show_case_study_reference_has_facts_and_questions(run) -> None:
    result = run("show", "slack-messaging", "--reference")
    assert result.exit_code == 0, result.output
    for heading in ("Facts", "Architecture", "Decisions", "Lessons", "Interview questions"):
        assert heading in result.stdout
    assert "Discord" in result.stdout  # the common question sits with this case


def test_show_json(run) -> None:
    brief = json.loads(run("show", "dynamodb", "--json").stdout)
    assert brief["id"] == "dynamodb" and brief["kind"] == "case-study"
    assert "reference" not in brief["phases"][0] and "facts" not in brief
    full = json.loads(run("show", "dynamodb", "--json", "--reference").stdout)
    assert full["phases"][0]["reference"] and full["facts"]


def test_unique_prefix_unknown_and_ambiguous_ids(run) -> None:
    assert "Amazon DynamoDB" in run("show", "dyn").stdout
    ambiguous = run("show", "s")
    assert ambiguous.exit_code == 1
    assert "matches more than one item" in ambiguous.stderr and "smart-grid" in ambiguous.stderr
    unknown = run("show", "dynamo-db")
    assert unknown.exit_code == 1
    assert "did you mean 'dynamodb'" in unknown.stderr


def test_pack_items_are_listed_and_overrides_marked(run, pack: Path, monkeypatch) -> None:
    write_problem(pack, "widget-store")
    write_problem(pack, "object-storage", title="My own storage problem")
    result = run("--content-dir", str(pack), "list", "--json")
    assert result.exit_code == 0, result.output
    items = {i["id"]: i for i in json.loads(result.stdout)}
    assert items["widget-store"]["source"] == str(pack)
    assert items["object-storage"]["title"] == "My own storage problem"
    assert items["object-storage"]["overrides_builtin"] is True
    table = run("--content-dir", str(pack), "list").stdout
    assert "pack override" in table
    monkeypatch.setenv("SYSDRILL_CONTENT_PATH", str(pack))
    assert "widget-store" in listed_ids(run("list", "--json"))


def test_bad_pack_files_warn_once_each_and_good_items_still_list(run, pack: Path) -> None:
    write_problem(pack, "widget-store")
    (pack / "broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    (pack / "wrong.yaml").write_text("id: wrong\nkind: problem\n", encoding="utf-8")
    result = run("--content-dir", str(pack), "list", "--json")
    assert result.exit_code == 0, result.output
    assert "widget-store" in listed_ids(result)
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 2
    assert any("broken.yaml:2:1" in w or "broken.yaml:1" in w for w in warnings)
    assert "Traceback" not in result.output
    shown = run("--content-dir", str(pack), "show", "widget-store")
    assert shown.exit_code == 0 and "Widget store" in shown.stdout


def test_index_notices_edited_files(run, pack: Path) -> None:
    path = write_problem(pack, "widget-store", title="First title")
    assert "First title" in run("--content-dir", str(pack), "list").stdout
    path.write_text(path.read_text().replace("First title", "Second title, longer"), "utf-8")
    assert "Second title, longer" in run("--content-dir", str(pack), "list").stdout


def test_missing_content_dir_is_a_usage_error(run, tmp_path: Path) -> None:
    result = run("--content-dir", str(tmp_path / "nope"), "list")
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_damaged_index_is_rebuilt(run, isolated_home: Path) -> None:
    assert run("list").exit_code == 0
    index = isolated_home / "cache" / "catalogue.json"
    index.write_text("{not json", encoding="utf-8")
    result = run("list", "--json")
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)) == 24


def test_pack_problems_list_with_the_problems(run, pack: Path) -> None:
    write_problem(pack, "aaa-pack-problem")
    result = run("--content-dir", str(pack), "list", "--category", "storage")
    problems, case_studies = result.stdout.split("Case studies")
    assert "aaa-pack-problem" in problems and "object-storage" in problems
    assert "s3-consistency" in case_studies and "aaa-pack-problem" not in case_studies


def test_an_unknown_tag_gets_a_suggestion(run) -> None:
    result = run("list", "--tag", "nosq")
    assert "No item has the tag 'nosq' (did you mean 'nosql'?)" in result.stderr


def test_the_index_is_not_rewritten_when_nothing_changed(run, pack: Path, isolated_home) -> None:
    write_problem(pack, "widget-store")
    assert run("--content-dir", str(pack), "list").exit_code == 0
    index = isolated_home / "cache" / "catalogue.json"
    before = index.stat().st_mtime_ns
    assert run("list").exit_code == 0  # the pack's entries stay, unwritten
    assert run("list").exit_code == 0
    assert index.stat().st_mtime_ns == before


def test_search_still_finds_pack_text_after_an_unrelated_change(run, pack: Path) -> None:
    path = write_problem(pack, "widget-store")
    other = write_problem(pack, "gadget-store")
    assert "widget-store" in run("--content-dir", str(pack), "list", "--search", "sketch").stdout
    other.write_text(other.read_text().replace("Widget store", "Gadget store"), "utf-8")
    assert run("--content-dir", str(pack), "list").exit_code == 0
    found = run("--content-dir", str(pack), "list", "--json", "--search", "widget store")
    assert "widget-store" in listed_ids(found)
    assert path.exists()


def test_a_search_right_after_a_list_reads_no_file_again(run, pack: Path, monkeypatch) -> None:
    write_problem(pack, "widget-store")
    assert run("--content-dir", str(pack), "list").exit_code == 0

    def no_reading(path):
        raise AssertionError(f"{path} was read again")

    monkeypatch.setattr("sysdrill.content.validate.check_file", no_reading)
    found = run("--content-dir", str(pack), "list", "--json", "--search", "sketch widget")
    assert found.exit_code == 0, found.output
    assert "widget-store" in listed_ids(found)


def test_a_pack_listed_once_is_not_in_the_built_in_index(run, pack: Path, isolated_home) -> None:
    write_problem(pack, "widget-store")
    assert "widget-store" in run("--content-dir", str(pack), "list").stdout
    index = (isolated_home / "cache" / "catalogue.json").read_text(encoding="utf-8")
    assert str(pack) not in index
    plain = run("list", "--json", "--search", "widget")
    assert plain.exit_code == 0 and "widget-store" not in plain.stdout
    again = run("--content-dir", str(pack), "list", "--json", "--search", "widget")
    assert "widget-store" in listed_ids(again)


def test_a_file_removed_from_a_pack_leaves_its_index(run, pack: Path) -> None:
    write_problem(pack, "widget-store")
    gone = write_problem(pack, "gadget-store")
    assert "gadget-store" in run("--content-dir", str(pack), "list").stdout
    gone.unlink()
    result = run("--content-dir", str(pack), "list", "--json")
    assert "widget-store" in listed_ids(result) and "gadget-store" not in listed_ids(result)


def test_show_reuses_its_check_until_the_file_changes(run, pack: Path, monkeypatch) -> None:
    path = write_problem(pack, "widget-store")
    first = run("--content-dir", str(pack), "show", "widget-store")
    assert first.exit_code == 0 and "Widget store" in first.stdout

    def no_reading(path):
        raise AssertionError(f"{path} was read again")

    with monkeypatch.context() as patched:
        patched.setattr("sysdrill.content.validate.check_file", no_reading)
        again = run("--content-dir", str(pack), "show", "widget-store")
    assert again.exit_code == 0 and again.stdout == first.stdout
    path.write_text(path.read_text().replace("Widget store", "Gadget shop"), "utf-8")
    changed = run("--content-dir", str(pack), "show", "widget-store")
    assert changed.exit_code == 0 and "Gadget shop" in changed.stdout
    path.write_text(path.read_text().replace("kind: problem", "kind: nonsense"), "utf-8")
    broken = run("--content-dir", str(pack), "show", "widget-store")
    assert broken.exit_code == 1
    assert f"{path}" in broken.stderr and "Traceback" not in broken.output
