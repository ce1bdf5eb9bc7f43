"""The built-in content: all of it, in the shape the drill needs."""

from __future__ import annotations

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
    assert kinds.count("rubric") == 3
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


def test_rubrics_weigh_100_and_describe_every_score(catalogue) -> None:
    expected = {
        "l7-strategic": [25, 25, 20, 15, 15],
        "l7-advanced": [30, 25, 20, 15, 10],
    }
    for entry in catalogue.rubrics():
        rubric = catalogue.load_rubric(entry.id)
        assert sum(d.weight for d in rubric.dimensions) == 100
        for dimension in rubric.dimensions:
            assert sorted(dimension.scores) == [1, 2, 3, 4, 5]
        assert rubric.interviewer_guidance and rubric.candidate_guidance
        if rubric.id in expected:
            assert [d.weight for d in rubric.dimensions] == expected[rubric.id]
    assert {e.id for e in catalogue.rubrics()} == {"l7-strategic", "l7-advanced", "l6-engineering"}


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
