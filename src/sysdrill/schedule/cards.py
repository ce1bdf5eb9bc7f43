"""The FSRS scheduler, replaying an item's scored drills as reviews."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from fsrs import Card, Rating, Scheduler

from sysdrill.schedule.ratings import rating_for

# A drill is not a flash card: no same-day learning steps (one drill a day
# at most is a review), no random fuzz (the same history always gives the
# same dates), and no interval past two months before an interview.
SCHEDULER = Scheduler(
    desired_retention=0.9,
    learning_steps=(),
    relearning_steps=(),
    maximum_interval=60,
    enable_fuzzing=False,
)


def parse_utc(stamp: str) -> datetime:
    return datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)


def replay(card_json: str | None, reviews: Iterable[tuple[str, float]]) -> str:
    """The card after the given (started_at, weighted score) reviews, oldest first.

    ``card_json`` is a card from an earlier replay to continue from, or None
    to start a new one.
    """
    card = Card.from_json(card_json) if card_json else Card(card_id=1)
    last = card.last_review
    for stamp, score in reviews:
        when = parse_utc(stamp)
        if last is not None and when < last:
            when = last + timedelta(seconds=1)  # reviews never go back in time
        card, _ = SCHEDULER.review_card(card, Rating(rating_for(score)), review_datetime=when)
        last = when
    return card.to_json()


def due_of(card_json: str) -> datetime:
    return Card.from_json(card_json).due
