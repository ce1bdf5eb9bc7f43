"""Key points are written so that real notes match them, and unrelated notes do not.

tests/fixtures/notes/<item>.yaml holds, for every built-in item, the quick
notes a strong candidate would type in each phase, in their own words. They
are kept for regression; tests/test_blind_notes.py measures the matcher on
notes written without sight of the key points.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from sysdrill.content.catalogue import builtin_roots, load_catalogue
from sysdrill.session.matching import cover_phase, split_coverage

FIXTURES = Path(__file__).parent / "fixtures" / "notes"


@pytest.fixture(scope="module")
def items():
    catalogue = load_catalogue(builtin_roots(), index_dir=None)
    return {e.id: catalogue.load_item(e) for e in catalogue.drillable()}


@pytest.fixture(scope="module")
def notes() -> dict[str, dict[str, str]]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in FIXTURES.glob("*.yaml")}


def test_every_item_has_realistic_notes(items, notes) -> None:
    assert sorted(notes) == sorted(items)


def test_strong_notes_get_credit_in_every_item(items, notes) -> None:
    for item in items.values():
        covered = total = 0
        earlier: list[tuple[str, str]] = []
        for phase in item.phases:
            text = notes[item.id][phase.id]
            result = cover_phase(phase.key_points, text, phase.id, earlier)
            earlier.append((phase.id, text))
            covered += len(result.covered)
            total += len(phase.key_points)
        assert covered / total >= 0.7, item.id


def test_another_items_notes_get_little_credit(items, notes) -> None:
    """Loose aliases ("data", "scale") would let any notes cover anything.

    Items on neighbouring subjects share real ideas (a multi-tenant SaaS and a
    multi-tenant container platform both isolate tenants), so the bar is the
    typical pair, the worst pair, and how far an item's own notes stay ahead.
    """
    pooled = {item_id: "\n".join(phases.values()) for item_id, phases in notes.items()}
    shares: list[tuple[float, str]] = []
    worst_for: dict[str, float] = {}
    for item in items.values():
        for other, text in pooled.items():
            if other == item.id:
                continue
            covered = total = 0
            for phase in item.phases:
                hit, miss = split_coverage(text, phase.key_points)
                covered, total = covered + len(hit), total + len(hit) + len(miss)
            shares.append((covered / total, f"{other} notes on {item.id}"))
            worst_for[item.id] = max(worst_for.get(item.id, 0.0), covered / total)
    shares.sort()
    assert shares[len(shares) // 2][0] <= 0.15, shares[len(shares) // 2]
    assert shares[-1][0] <= 0.6, shares[-1]
    for item in items.values():
        own = own_share(item, notes[item.id])
        assert own - worst_for[item.id] >= 0.35, (item.id, own, worst_for[item.id])


def own_share(item, phases: dict[str, str]) -> float:
    covered = total = 0
    earlier: list[tuple[str, str]] = []
    for phase in item.phases:
        result = cover_phase(phase.key_points, phases[phase.id], phase.id, earlier)
        earlier.append((phase.id, phases[phase.id]))
        covered += len(result.covered)
        total += len(phase.key_points)
    return covered / total
