"""Rubric scores and the weighted score out of 100."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

SCORE_RANGE = range(1, 6)


@dataclass(frozen=True)
class Score:
    rater: str  # "self" or "interviewer"
    dimension_id: str
    dimension: str
    score: int
    weight: int


def weighted_score(scores: Iterable[Score]) -> float | None:
    """sum(score / 5 * weight) over the dimensions scored, out of 100.

    None until every dimension that carries weight has a score; a rubric's
    weights add up to 100, so a complete set is out of 100 exactly.
    """
    items = list(scores)
    if not items:
        return None
    return round(sum(s.score / 5 * s.weight for s in items), 1)


def score_gaps(
    interviewer: Iterable[Score], self_scores: Iterable[Score]
) -> list[tuple[str, int, int, int]]:
    """(dimension, interviewer, self, self - interviewer), largest gaps first."""
    theirs = {s.dimension_id: s for s in interviewer}
    mine = {s.dimension_id: s for s in self_scores}
    rows = [
        (theirs[d].dimension, theirs[d].score, mine[d].score, mine[d].score - theirs[d].score)
        for d in theirs
        if d in mine
    ]
    return sorted(rows, key=lambda row: -abs(row[3]))
