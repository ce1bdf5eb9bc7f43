"""The change since the last attempt compares like with like."""

from __future__ import annotations

from dataclasses import replace

from sysdrill.session.clock import ManualClock
from sysdrill.session.state import SELF, Score, start_session
from sysdrill.tui.summary import change_line


def scored(catalogue, rubric_id: str, score: int):
    item = catalogue.load_item(catalogue.find("dynamodb"))
    rubric = catalogue.load_rubric(rubric_id)
    session = start_session(item, rubric, clock=ManualClock())
    session.scores = [Score(SELF, d.id, d.title, score, d.weight) for d in rubric.dimensions]
    return session


def test_a_score_is_compared_with_an_attempt_on_the_same_rubric(catalogue) -> None:
    before = replace(scored(catalogue, "l7-case-study", 3), started_at="2026-11-01T10:00:00Z")
    now = scored(catalogue, "l7-case-study", 4)
    assert "+20.0 since 2026-11-01 (60.0)" in change_line(now, before, SELF).plain


def test_an_attempt_scored_with_another_rubric_is_not_compared(catalogue) -> None:
    before = replace(scored(catalogue, "l7-strategic", 2), started_at="2026-11-01T10:00:00Z")
    now = scored(catalogue, "l7-case-study", 4)
    line = change_line(now, before, SELF).plain
    assert "Weighted score: 80.0 / 100" in line
    assert "since" not in line
    assert "not compared: the attempt on 2026-11-01 was scored with l7-strategic" in line
