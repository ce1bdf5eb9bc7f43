"""Key points are written so that real notes match them, and unrelated notes do not.

tests/fixtures/notes/<item>.yaml holds, for every built-in item, the quick
notes a strong candidate would type in each phase, in their own words.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from sysdrill.content.catalogue import builtin_roots, load_catalogue
from sysdrill.session.coverage import split_coverage

FIXTURES = Path(__file__).parent / "fixtures" / "notes"


@pytest.fixture(scope="module")
def items():
    catalogue = load_catalogue(builtin_roots(), index_dir=None)
    return {e.id: catalogue.load_item(e) for e in catalogue.drillable()}


def notes_for(item_id: str) -> dict[str, str]:
    return yaml.safe_load((FIXTURES / f"{item_id}.yaml").read_text(encoding="utf-8"))


def test_every_item_has_realistic_notes(items) -> None:
    assert sorted(p.stem for p in FIXTURES.glob("*.yaml")) == sorted(items)


def test_strong_notes_get_credit_in_every_phase(items) -> None:
    for item in items.values():
        notes = notes_for(item.id)
        for phase in item.phases:
            covered, missed = split_coverage(notes[phase.id], phase.key_points)
            share = len(covered) / (len(covered) + len(missed))
            assert share >= 0.7, (item.id, phase.id, missed)


def test_another_items_notes_get_little_credit(items) -> None:
    """Loose aliases ("data", "scale") would let any notes cover anything."""
    worst = (0.0, "")
    for item in items.values():
        for other in items.values():
            if other.id == item.id:
                continue
            pooled = " ".join(notes_for(other.id).values())
            covered = total = 0
            for phase in item.phases:
                hit, miss = split_coverage(pooled, phase.key_points)
                covered, total = covered + len(hit), total + len(hit) + len(miss)
            worst = max(worst, (covered / total, f"{other.id} notes on {item.id}"))
    assert worst[0] <= 0.45, worst
