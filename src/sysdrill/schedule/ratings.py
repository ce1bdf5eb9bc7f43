"""How a drill's weighted score becomes a spaced-repetition rating.

The weighted score is out of 100 (every dimension scored 1 to 5, weighted):
all 2s make 40, all 3s 60, all 4s 80, all 5s 100.
"""

from __future__ import annotations

AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4
NAMES = {AGAIN: "Again", HARD: "Hard", GOOD: "Good", EASY: "Easy"}
# (lowest weighted score, rating), highest first.
BANDS = ((85.0, EASY), (65.0, GOOD), (50.0, HARD), (0.0, AGAIN))


def rating_for(weighted: float) -> int:
    """Again below 50, Hard from 50, Good from 65, Easy from 85."""
    for lowest, rating in BANDS:
        if weighted >= lowest:
            return rating
    return AGAIN
