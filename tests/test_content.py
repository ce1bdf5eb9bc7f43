"""The built-in content: all of it, in the shape the drill needs."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import REPO

PROBLEM_MINUTES = [15, 15, 20, 25, 10, 5]


def test_counts(catalogue) -> None:
    kinds = [e.kind for e in catalogue.entries]
    assert kinds.count("problem") == 14
    assert kinds.count("case-study") == 10
    assert kinds.count("rubric") == 4
    assert catalogue.warnings == []


def test_ids_are_unique_and_files_are_named_by_id(catalogue) -> None:
    ids = [e.id for e in catalogue.entries]
    assert len(ids) == len(set(ids))
    for entry in catalogue.entries:
        assert Path(entry.path).stem == entry.id


def test_problems_have_the_six_timed_phases(catalogue) -> None:
    for entry in catalogue.drillable():
        item = catalogue.load_item(entry)
        for phase in item.phases:
            assert len(phase.key_points) >= 4, (item.id, phase.id)
            assert 3 <= len(phase.prompts) <= 6, (item.id, phase.id)
            assert 2 <= len(phase.probes) <= 4, (item.id, phase.id)
            assert phase.reference, (item.id, phase.id)
        if item.kind == "problem":
            assert [p.minutes for p in item.phases] == PROBLEM_MINUTES, item.id
        else:
            assert 30 <= item.minutes <= 45, item.id


def test_problems_11_to_14_mark_their_original_references(catalogue) -> None:
    for ident in ("telecom-platform", "supply-chain", "quantum-cloud", "smart-grid"):
        item = catalogue.load_item(catalogue.find(ident))
        sources = {p.id: p.reference_source for p in item.phases}
        for phase in ("high-level-architecture", "deep-dive", "evolution-and-ecosystem"):
            assert sources[phase] == "original", (ident, phase)


PROBLEMS_3_TO_10 = (
    "container-orchestration",
    "ecommerce-platform",
    "realtime-analytics",
    "media-delivery",
    "saas-infrastructure",
    "payments-platform",
    "data-mesh",
    "customer-data-platform",
)
PROBLEMS_11_TO_14 = ("telecom-platform", "supply-chain", "quantum-cloud", "smart-grid")


def test_original_material_in_seed_phases_is_marked_as_such(catalogue) -> None:
    for ident in ("ml-platform", "object-storage", *PROBLEMS_3_TO_10, *PROBLEMS_11_TO_14):
        phases = {p.id: p for p in catalogue.load_item(catalogue.find(ident)).phases}
        assert phases["executive-summary"].reference_original, ident
        assert phases["platform-requirements"].reference_original, ident
    for entry in catalogue.drillable():
        for phase in catalogue.load_item(entry).phases:
            if phase.reference_original:
                assert phase.reference_source == "seed", (entry.id, phase.id)
                assert phase.reference, (entry.id, phase.id)


def test_deep_dives_of_problems_3_to_10_answer_each_probe_with_numbers(catalogue) -> None:
    for ident in PROBLEMS_3_TO_10:
        phase = next(
            p for p in catalogue.load_item(catalogue.find(ident)).phases if p.id == "deep-dive"
        )
        assert phase.reference_original, ident
        intro, *answers = phase.reference_original.strip().split("\n\n")
        assert "estimate" in intro, ident
        assert len(answers) == len(phase.probes), ident
        for answer in answers:
            assert re.search(r"\d", answer), (ident, answer[:60])


def test_rubrics_weigh_100_and_describe_every_score(catalogue) -> None:
    expected = {
        "l7-strategic": [25, 25, 20, 15, 15],
        "l7-advanced": [30, 25, 20, 15, 10],
        "l7-case-study": [20, 20, 15, 20, 10, 15],
    }
    for entry in catalogue.rubrics():
        rubric = catalogue.load_rubric(entry.id)
        assert sum(d.weight for d in rubric.dimensions) == 100
        for dimension in rubric.dimensions:
            assert sorted(dimension.scores) == [1, 2, 3, 4, 5]
        assert rubric.interviewer_guidance and rubric.candidate_guidance
        if rubric.id in expected:
            assert [d.weight for d in rubric.dimensions] == expected[rubric.id]
    assert {e.id for e in catalogue.rubrics()} == {
        "l7-strategic",
        "l7-advanced",
        "l7-case-study",
        "l6-engineering",
    }


def test_each_item_is_scored_by_the_rubric_written_for_its_kind_and_level(catalogue) -> None:
    l7_case_studies = {
        "prime-video",
        "dynamodb",
        "s3-consistency",
        "netflix-streaming",
        "spotify-recommendations",
    }
    drillable = catalogue.drillable()
    assert {
        e.id for e in drillable if e.kind == "case-study" and e.level == "L7"
    } == l7_case_studies
    for entry in drillable:
        item = catalogue.load_item(entry)
        if item.id in l7_case_studies:
            assert item.rubric_id == "l7-case-study", item.id
        elif item.level == "L7":
            assert item.rubric_id == "l7-strategic", item.id
        else:
            assert item.rubric_id == "l6-engineering", item.id
        assert entry.rubric == item.rubric_id, item.id


def test_a_pack_l7_case_study_without_a_rubric_gets_the_case_study_rubric(run, tmp_path) -> None:
    text = (REPO / "casestudies" / "dynamodb.yaml").read_text(encoding="utf-8")
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "mine.yaml").write_text(text.replace("id: dynamodb", "id: mine"), encoding="utf-8")
    result = run("--content-dir", str(pack), "show", "mine", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["rubric"] == "l7-case-study"


def test_l6_engineering_says_its_weights_are_sysdrills_own(catalogue) -> None:
    summary = " ".join(catalogue.load_rubric("l6-engineering").summary.split())
    assert "Written for sysdrill" in summary and "no weights" in summary


def test_the_case_study_rubric_weights_match_the_derivation_in_the_docs(catalogue) -> None:
    doc = (REPO / "docs" / "content-format.md").read_text(encoding="utf-8")
    rows = {
        cells[0].strip("* "): [c.strip("* ") for c in cells[1:]]
        for line in doc.splitlines()
        if line.startswith("| **")
        for cells in [line.strip("|").split("|")]
    }
    counts = [int(c) for c in rows["total (81)"]]
    assert sum(counts) == 81
    weights = [int(c) for c in rows["weight"]]
    rubric = catalogue.load_rubric("l7-case-study")
    assert [d.weight for d in rubric.dimensions] == weights
    for count, weight in zip(counts, weights, strict=True):
        assert abs(count / 81 * 100 - weight) <= 2.5, (count, weight)


def test_every_item_uses_a_rubric_that_exists(catalogue) -> None:
    rubric_ids = {e.id for e in catalogue.rubrics()}
    for entry in catalogue.drillable():
        assert entry.rubric in rubric_ids, entry.id


def test_content_is_in_our_own_words() -> None:
    tool = REPO.parent / "shared" / "tools" / "seed_overlap.py"
    if not tool.exists():
        pytest.skip("the source documents are not beside this checkout")
    result = subprocess.run(
        [sys.executable, str(tool), "problems", "casestudies", "src", "docs", "README.md"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-2000:]


def test_every_built_in_key_point_can_be_covered() -> None:
    """A key point whose terms are all generic words or bare figures never gets a ✓."""
    from sysdrill.content.catalogue import builtin_roots, load_catalogue
    from sysdrill.session.matching import usable_terms

    catalogue = load_catalogue(builtin_roots(), index_dir=None)
    never = [
        f"{entry.id}: {point.concept}"
        for entry in catalogue.drillable()
        for phase in catalogue.load_item(entry).phases
        for point in phase.key_points
        if not usable_terms(point)
    ]
    assert never == []
