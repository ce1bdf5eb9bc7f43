"""Coverage measured on notes written blind, against a grader's marks.

tests/fixtures/blind/ holds twenty-four items' notes (a strong and a weak
candidate each), written from `sysdrill show` and the sources without seeing
the key points, and the key points a grader credited. Seven items were used
to develop the matcher and the aliases; ten more arrived in a second round;
the other seven were only measured. The aliases were later widened by people
who read only the key points and the reference, never any notes, and each
new alias that credited a point a grader had not was dropped (rounds one and
two). tests/fixtures/blind/round3/ to round29/ hold twenty-seven later rounds, twelve
items each, by new writers in four styles each and new graders; no alias
was written or checked against them before they were first measured.
benchmarks/coverage_quality.py prints the same figures per item.

Targets: recall >= 95% and false credits <= 3%, and a content-free
paragraph earns <= 3% of all key points. Every round has since been used to
write aliases for what it missed and to prune loose ones, so the floors
below guard against regressions; the fairest guess at notes nobody has seen
is each round as it first arrived: 91-94% recall with 5-6% false credits
for rounds three to five, 94.5-95.4% with 5.3-5.7% for rounds six and
seven, and 94.4-96.4% with 2.5-4.8% for rounds eight to sixteen, each
measured once every earlier round had been used (see docs/matching.md).
Rounds seventeen and eighteen's weak candidates got figures and claims
wrong on purpose and were vague, and their graders were told to refuse
that: 92.2% / 11.5% and 93.6% / 17.3% when they arrived, nearly all the
false credits in weak notes. Rounds nineteen and twenty went back to plain
briefs: 94.8% / 10.3% and 93.9% / 11.4% when they arrived, their graders
crediting far more of the weak notes (272 and 219 points left uncredited,
against about 400 in earlier rounds). Round twenty-one, written with the
same briefs once round twenty was in: 95.6% / 8.6%; round twenty-two, once
round twenty-one was in: 94.0% / 16.0% (206 points left uncredited); round
twenty-three, once round twenty-two was in: 95.8% / 13.1%; round
twenty-four, once round twenty-three was in: 93.4% / 11.5%; round
twenty-five, once round twenty-four was in: 94.4% / 7.6%; round
twenty-six, once round twenty-five was in: 93.9% / 13.7%; round
twenty-seven, once round twenty-six was in: 95.8% / 8.4%; round
twenty-eight, once round twenty-seven was in: 92.2% / 11.7%; round
twenty-nine, once round twenty-eight was in: 93.1% / 7.6%.
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


def test_held_out_items_meet_the_targets_for_false_credits_and_keep_their_recall(
    quality, tallies
) -> None:
    held_out = [n for n in quality.blind_items() if quality.item_set(n) == "held out"]
    total = pooled(quality, tallies, held_out)
    assert total.false_rate <= 0.03, total.extras
    assert total.recall >= 0.95, total.misses


def test_second_round_items_meet_the_targets(quality, tallies) -> None:
    total = pooled(quality, tallies, quality.SECOND_ROUND)
    assert total.false_rate <= 0.03, total.extras
    assert total.recall >= 0.95, total.misses


@pytest.mark.parametrize(
    ("label", "recall", "false_rate"),
    [
        # first measured 91.0% / 5.1% (81.7% / 3.9% before the blind aliases)
        ("third round", 0.97, 0.03),
        # first measured 93.7% / 6.4% (86.1% / 4.9% before the blind aliases)
        ("fourth round", 0.97, 0.04),
        # first measured 91.3% / 5.2%; 94.1% / 4.5% with aliases from the other rounds
        ("fifth round", 0.97, 0.04),
        # first measured 95.4% / 5.7% (94.1% / 5.7% on the matcher before round five)
        ("sixth round", 0.97, 0.05),
        # first measured 94.5% / 5.3% (91.5% / 5.3% on the matcher before round five)
        ("seventh round", 0.97, 0.03),
        # first measured 95.1% / 4.8% (95.0% / 4.3% with the availability sums)
        ("eighth round", 0.97, 0.03),
        # first measured 94.5% / 4.3% (94.3% / 4.8% on the matcher before round eight)
        ("ninth round", 0.97, 0.03),
        # first measured 96.4% / 3.6% (95.8% / 4.8% on the matcher before round eight)
        ("tenth round", 0.97, 0.03),
        # first measured 94.6% / 3.5% (93.5% / 4.0% on the matcher before round eight)
        ("eleventh round", 0.97, 0.03),
        # first measured 96.4% / 4.0% (96.0% / 5.6% on the matcher before round eight)
        ("twelfth round", 0.97, 0.03),
        # first measured 95.2% / 4.5% (94.2% / 5.2% on the matcher before round eight)
        ("thirteenth round", 0.97, 0.03),
        # first measured 95.7% / 4.0% (95.0% / 5.8% on the matcher before round eight)
        ("fourteenth round", 0.97, 0.03),
        # first measured 94.4% / 2.5% (93.4% / 4.2% on the matcher before round eight)
        ("fifteenth round", 0.97, 0.02),
        # first measured 94.5% / 3.6% (94.1% / 5.0% on the matcher before round eight)
        ("sixteenth round", 0.94, 0.02),
        # first measured 92.2% / 11.5% (weak notes with wrong figures and claims
        # on purpose, graders told to refuse them); 95.1% with vowels read
        ("seventeenth round", 0.97, 0.09),
        # first measured 93.6% / 17.3% (92.9% / 19.9% on the matcher before round
        # eight); weak notes written and graded as in round seventeen
        ("eighteenth round", 0.97, 0.14),
        # first measured 94.8% / 10.3% (94.2% / 10.3% on the matcher before round
        # seventeen): a weaker candidate only told to cover less, plain grading
        ("nineteenth round", 0.97, 0.07),
        # first measured 93.9% / 11.4% (93.0% / 12.3% on the matcher before round
        # eight); 93.9% / 9.1% with wrong load sums read and loose aliases out
        ("twentieth round", 0.97, 0.09),
        # first measured 95.6% / 8.6% (94.3% / 11.4% on the matcher before round
        # eight), briefs as round twenty
        ("twenty-first round", 0.97, 0.08),
        # first measured 94.0% / 16.0% (93.0% / 18.4% on the matcher before round
        # eight), briefs as round twenty
        ("twenty-second round", 0.97, 0.13),
        # first measured 95.8% / 13.1% (94.8% / 16.7% on the matcher before round
        # eight); 95.8% / 10.8% with unticked boxes read
        ("twenty-third round", 0.97, 0.11),
        # first measured 93.4% / 11.5% (91.8% / 13.4% on the matcher before round
        # eight); 93.7% with decimal commas and currencies said after a figure read
        ("twenty-fourth round", 0.96, 0.11),
        # first measured 94.4% / 7.6% (93.1% / 10.3% on the matcher before round
        # eight), briefs as round twenty
        ("twenty-fifth round", 0.96, 0.07),
        # first measured 93.9% / 13.7% (92.1% / 17.9% on the matcher before round
        # eight), briefs as round twenty
        ("twenty-sixth round", 0.96, 0.13),
        # first measured 95.8% / 8.4% (93.7% / 10.3% on the matcher before round
        # eight), briefs as round twenty
        ("twenty-seventh round", 0.97, 0.08),
        # first measured 92.2% / 11.7% (90.7% / 15.2% on the matcher before round
        # eight), briefs as round twenty
        ("twenty-eighth round", 0.95, 0.11),
        # first measured 93.1% / 7.6% (91.1% / 11.0% on the matcher before round
        # eight), briefs as round twenty
        ("twenty-ninth round", 0.94, 0.08),
    ],
)
def test_later_rounds_keep_recall_and_false_credits_from_getting_worse(
    quality, items, label: str, recall: float, false_rate: float
) -> None:
    folder = dict(quality.LATER_ROUNDS)[label]
    names = quality.blind_items(folder)
    assert len(names) == 12 and set(names) <= set(items)
    total = quality.Tally()
    for name in names:
        total.add(quality.measure_item(items[name], quality.new_credit, folder))
    assert total.recall >= recall, total.misses  # target 0.95
    assert total.false_rate <= false_rate, total.extras  # target 0.03


def test_round_seventeen_marked_twice_agrees_within_the_targets(quality, items) -> None:
    assert quality.blind_items(quality.REGRADED) == quality.blind_items(quality.ROUNDS[17])
    agreement = quality.grader_agreement(items, quality.ROUNDS[17], quality.REGRADED)
    assert agreement.recall >= 0.95
    assert agreement.false_rate <= 0.03


def test_round_eighteen_against_graders_given_the_plain_brief(quality, items) -> None:
    # graders told only to credit what a fair interviewer would (no list of
    # what to refuse): 95.9% / 13.3% when measured, so the false credits of
    # rounds seventeen and eighteen come from their weak notes, not the brief
    plain = quality.PLAIN_GRADERS
    assert quality.blind_items(plain) == quality.blind_items(quality.ROUNDS[18])
    total = quality.Tally()
    for name in quality.blind_items(plain):
        total.add(quality.measure_item(items[name], quality.new_credit, quality.ROUNDS[18], plain))
    assert total.recall >= 0.95
    assert total.false_rate <= 0.12


def test_two_graders_of_the_fifth_round_agree_within_the_targets(quality, items) -> None:
    # the marks are a fair interviewer's, not one person's taste: a second grader
    # who never saw them credits what they credit (98.4% / 1.4% when measured)
    second = quality.blind_items(quality.SECOND_GRADER)
    assert second == quality.blind_items(quality.ROUNDS[5])
    agreement = quality.grader_agreement(items, quality.ROUNDS[5], quality.SECOND_GRADER)
    assert agreement.recall >= 0.95
    assert agreement.false_rate <= 0.03


def test_the_later_rounds_cover_every_item_once_per_pair(quality, items) -> None:
    for n in range(3, max(quality.ROUNDS), 2):
        first, second = quality.ROUNDS[n], quality.ROUNDS[n + 1]
        one, other = quality.blind_items(first), quality.blind_items(second)
        assert not set(one) & set(other)
        assert set(one) | set(other) == set(items)


def test_the_whole_blind_set_gives_few_false_credits(quality, tallies) -> None:
    assert pooled(quality, tallies, quality.blind_items()).false_rate <= 0.03


@pytest.mark.parametrize("paragraph", ["listed", "cloud-native", "vision", "trade-offs"])
def test_content_free_paragraphs_earn_little(quality, items, paragraph: str) -> None:
    got, total = quality.buzzword_share(
        items.values(), quality.new_credit, quality.BUZZWORDS[paragraph]
    )
    assert got / total <= 0.03
