"""Coverage measured on notes written blind, against a grader's marks.

tests/fixtures/blind/ holds twenty-four items' notes (a strong and a weak
candidate each), written from `sysdrill show` and the sources without seeing
the key points, and the key points a grader credited. Seven items were used
to develop the matcher and the aliases; ten more arrived in a second round
(measured unseen first, then used for general rules and their own aliases);
the other seven are held out and only measured.
benchmarks/coverage_quality.py prints the same figures per item.

Targets: recall >= 95% and false credits <= 3%, and a content-free
paragraph earns <= 3% of all key points. The development items meet them;
the second-round items reach about 92% recall once aliases that echoed their
notes' wording were taken out again, and the held-out items about 81%: their
floors here guard against regressions, not the targets.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCHMARK = Path(__file__).resolve().parent.parent / "benchmarks" / "coverage_quality.py"


@pytest.fixture(scope="module")
def quality():
    spec = importlib.util.spec_from_file_location("coverage_quality", BENCHMARK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["coverage_quality"] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def items(quality):
    return quality.load_items(None)


@pytest.fixture(scope="module")
def tallies(quality, items):
    names = quality.blind_items()
    return {name: quality.measure_item(items[name], quality.new_credit) for name in names}


def pooled(quality, tallies, names):
    total = quality.Tally()
    for name in names:
        total.add(tallies[name])
    return total


def test_every_blind_item_has_notes_and_marks(quality, items) -> None:
    names = quality.blind_items()
    assert len(names) == 24
    assert set(quality.DEVELOPMENT) | set(quality.SECOND_ROUND) <= set(names) <= set(items)
    assert len([n for n in names if quality.item_set(n) == "held out"]) == 7


def test_development_items_meet_the_targets(quality, tallies) -> None:
    development = pooled(quality, tallies, quality.DEVELOPMENT)
    assert development.recall >= 0.95, development.misses
    assert development.false_rate <= 0.03, development.extras


def test_held_out_items_keep_false_credits_low_and_recall_from_falling(quality, tallies) -> None:
    held_out = [n for n in quality.blind_items() if quality.item_set(n) == "held out"]
    total = pooled(quality, tallies, held_out)
    assert total.false_rate <= 0.035
    assert total.recall >= 0.80  # target 0.95: not reached on notes nobody tuned for


def test_second_round_items_keep_false_credits_low_and_recall_from_falling(
    quality, tallies
) -> None:
    total = pooled(quality, tallies, quality.SECOND_ROUND)
    assert total.false_rate <= 0.03, total.extras
    assert total.recall >= 0.91, total.misses  # 81.6% unseen; target 0.95 not reached


def test_the_whole_blind_set_gives_few_false_credits(quality, tallies) -> None:
    assert pooled(quality, tallies, quality.blind_items()).false_rate <= 0.03


@pytest.mark.parametrize("paragraph", ["listed", "cloud-native", "vision", "trade-offs"])
def test_content_free_paragraphs_earn_little(quality, items, paragraph: str) -> None:
    got, total = quality.buzzword_share(
        items.values(), quality.new_credit, quality.BUZZWORDS[paragraph]
    )
    assert got / total <= 0.03
