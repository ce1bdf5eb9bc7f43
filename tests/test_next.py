"""`next`, the schedule behind it, and each item's status in `list` and the chooser."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from tests.progress_sessions import drilled

from sysdrill.history.progress import Scope
from sysdrill.history.store import open_history
from sysdrill.schedule.book import DRILLED, DUE, NEW, item_statuses, keep_cards
from sysdrill.schedule.cards import due_of, replay
from sysdrill.schedule.ratings import AGAIN, EASY, GOOD, HARD, rating_for

NOW = datetime(2026, 11, 30, 23, 59, 59, tzinfo=UTC)
TODAY = ("--today", "2026-11-30")
ALL_FIVES = 5  # weighted 100
ALL_THREES = 3  # weighted 60


@pytest.mark.parametrize(
    ("weighted", "rating"),
    [(0, AGAIN), (49.9, AGAIN), (50, HARD), (64.9, HARD), (65, GOOD), (84.9, GOOD), (85, EASY),
     (100, EASY)],
)  # fmt: skip
def test_weighted_scores_map_to_ratings(weighted, rating) -> None:
    assert rating_for(weighted) == rating


def days_to_due(*reviews: tuple[str, float]) -> float:
    card = replay(None, list(reviews))
    last = datetime.fromisoformat(reviews[-1][0].replace("Z", "+00:00"))
    return (due_of(card) - last).total_seconds() / 86400


def test_better_drills_wait_longer_and_intervals_grow() -> None:
    first = "2026-11-01T19:00:00Z"
    again, hard, good, easy = (days_to_due((first, s)) for s in (30, 55, 75, 95))
    assert again <= hard < good < easy
    assert days_to_due((first, 75), ("2026-11-10T19:00:00Z", 75)) > good
    assert days_to_due((first, 75), ("2026-11-10T19:00:00Z", 30)) < good  # a bad drill: sooner
    assert days_to_due((first, 100), ("2026-11-10T19:00:00Z", 100)) <= 60  # capped


def statuses(store, *item_ids: str, now: datetime = NOW, person: str | None = None):
    found, replayed = item_statuses(store.db, Scope(person=person), item_ids, now)
    keep_cards(store.db, replayed)
    return found


def test_a_practice_drill_never_moves_the_schedule(store, catalogue) -> None:
    drilled(catalogue, store, "dynamodb", "2026-11-02 19:00", ALL_THREES)
    before = statuses(store, "dynamodb")["dynamodb"]
    drilled(catalogue, store, "dynamodb", "2026-11-20 19:00", ALL_FIVES, practice=True)
    after = statuses(store, "dynamodb")["dynamodb"]
    assert after.due == before.due
    assert after.status == DUE
    assert after.last_score == 100.0  # the practice drill is still the last one shown


def test_an_item_drilled_only_in_practice_is_drilled_but_never_due(store, catalogue) -> None:
    drilled(catalogue, store, "dynamodb", "2020-01-02 19:00", practice=True)
    seen = statuses(store, "dynamodb", "s3-consistency")
    assert seen["dynamodb"].status == DRILLED and seen["dynamodb"].due is None
    assert seen["s3-consistency"].status == NEW


def test_the_cached_schedule_matches_a_full_replay(store, catalogue) -> None:
    drilled(catalogue, store, "dynamodb", "2026-11-02 19:00", 4)
    drilled(catalogue, store, "dynamodb", "2026-11-06 19:00", 3)
    statuses(store, "dynamodb")  # fills the cache
    drilled(catalogue, store, "dynamodb", "2026-11-15 19:00", 4)
    incremental = statuses(store, "dynamodb")["dynamodb"]
    store.db.execute("DELETE FROM schedule_cache")
    full = statuses(store, "dynamodb")["dynamodb"]
    assert incremental == full
    # A drill from the past (an import) replays the item from the start.
    drilled(catalogue, store, "dynamodb", "2026-11-01 09:00", 1)
    assert statuses(store, "dynamodb")["dynamodb"].due < full.due


def test_schedules_are_per_person(store, catalogue) -> None:
    drilled(catalogue, store, "dynamodb", "2026-11-28 19:00", ALL_FIVES, candidate="Ana")
    drilled(catalogue, store, "dynamodb", "2026-11-02 19:00", 2, candidate="Cy")
    assert statuses(store, "dynamodb", person="ana")["dynamodb"].status == DRILLED
    assert statuses(store, "dynamodb", person="Cy")["dynamodb"].status == DUE


def next_json(run, *args: str) -> dict:
    result = run("next", "--json", *TODAY, *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_with_no_history_next_picks_from_the_least_covered_category(run) -> None:
    data = next_json(run)
    assert data["status"] == NEW and data["why"] == "new"
    assert data["category"] == "compute"  # every category is at 0; compute has the most items
    assert (
        data["reason"]
        == "never drilled, and compute is your least covered category (0 of 4 drilled)"
    )
    shown = run("next", *TODAY, "--category", "storage")
    assert shown.exit_code == 0, shown.output
    assert "Why   never drilled, and storage is your least covered category" in shown.output
    assert "sysdrill drill object-storage" in shown.output


def test_an_item_due_comes_first_with_when_and_how_well(run, catalogue) -> None:
    with open_history() as store:
        drilled(catalogue, store, "dynamodb", "2026-11-21 19:00", ALL_THREES)
    data = next_json(run)
    assert data["item_id"] == "dynamodb"
    assert data["reason"] == "due: last drilled 9 days ago at 60/100"
    assert set(data) == {
        "item_id", "title", "kind", "category", "status", "last_score", "last_drilled", "due",
        "why", "reason",
    }  # fmt: skip


def test_when_everything_is_drilled_and_nothing_due_the_weakest_dimension_decides(
    run, catalogue
) -> None:
    high = {"strategic-vision": 5, "technical-innovation": 5, "organisational-impact": 5,
            "business-acumen": 5}  # fmt: skip
    with open_history() as store:
        for item_id, scale in (
            ("customer-data-platform", 4),
            ("data-mesh", 2),
            ("realtime-analytics", 3),
        ):
            drilled(catalogue, store, item_id, "2026-11-29 19:00",
                    {**high, "scale-architecture": scale})  # fmt: skip
    data = next_json(run, "--category", "data")
    assert data["why"] == "weakest"
    assert data["item_id"] == "data-mesh"
    assert data["reason"] == (
        "weakest dimension: Scale architecture, 3.0 avg;"
        " this item stresses it (last scored 2/5 here)"
    )


def test_next_refuses_bad_filters_and_unknown_people(run) -> None:
    result = run("next", "--kind", "rubric")
    assert result.exit_code == 2 and "unknown kind 'rubric'" in result.stderr
    result = run("next", "--person", "Zed")
    assert result.exit_code == 1 and "no drills by or with 'Zed'" in result.stderr
    result = run("next", "--today", "30/11/2026")
    assert result.exit_code == 2 and "--today takes a date as YYYY-MM-DD" in result.stderr


def test_next_drill_needs_a_terminal(run) -> None:
    result = run("next", "--drill")
    assert result.exit_code == 2
    assert "needs a terminal" in result.stderr


def test_list_by_status_shows_the_last_score(run, catalogue) -> None:
    with open_history() as store:
        drilled(catalogue, store, "dynamodb", "2020-11-02 19:00", ALL_THREES)
        drilled(catalogue, store, "s3-consistency", "2020-11-02 19:00", practice=True)
    due = run("list", "--status", "due")
    assert due.exit_code == 0, due.output
    assert "dynamodb" in due.output and "60" in due.output
    assert "s3-consistency" not in due.output
    drilled_only = run("list", "--status", "drilled").output
    assert "s3-consistency" in drilled_only and "dynamodb" not in drilled_only
    new = run("list", "--status", "new", "--json")
    assert {e["status"] for e in json.loads(new.stdout)} == {"new"}
    listed = {e["id"]: e for e in json.loads(run("list", "--json").stdout)}
    assert listed["dynamodb"]["status"] == "due" and listed["dynamodb"]["last_score"] == 60.0
    assert listed["object-storage"]["last_score"] is None
    bad = run("list", "--status", "overdue")
    assert bad.exit_code == 2 and "unknown status 'overdue'" in bad.stderr


def test_next_keeps_replayed_schedules_for_next_time(run, catalogue) -> None:
    with open_history() as store:
        drilled(catalogue, store, "dynamodb", "2026-11-21 19:00", ALL_THREES)
    first = next_json(run)
    with open_history() as store:
        cached = store.db.execute("SELECT item_id, reviews FROM schedule_cache").fetchall()
    assert cached == [("dynamodb", 1)]
    assert next_json(run) == first


def test_list_json_with_no_history_creates_none(run, isolated_home) -> None:
    listed = json.loads(run("list", "--json").stdout)
    assert {e["status"] for e in listed} == {"new"}
    assert not (isolated_home / "history.sqlite3").exists()


def test_the_drill_chooser_shows_status_and_last_score(run, catalogue, monkeypatch) -> None:
    from sysdrill.cli import drill as drill_cli
    from sysdrill.tui import prompts

    with open_history() as store:
        drilled(catalogue, store, "dynamodb", "2020-11-02 19:00", 4)
    shown: dict[str, str] = {}

    def choose(message, choices):
        shown.update(choices)
        raise KeyboardInterrupt

    monkeypatch.setattr(drill_cli, "require_terminal", lambda command: None)
    monkeypatch.setattr(prompts, "choose", choose)
    result = run("drill")
    assert result.exit_code == 130
    assert shown["dynamodb"].startswith("due, last 80      dynamodb  ·  ")
    assert shown["object-storage"].startswith("new               object-storage  ·  ")
