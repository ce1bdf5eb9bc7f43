"""The drill's state over a hand-ticked clock: no sleeping, no terminal."""

from __future__ import annotations

import pytest

from sysdrill.content.model import KeyPoint
from sysdrill.errors import UsageError
from sysdrill.history.store import HistoryStore
from sysdrill.session.clock import ManualClock
from sysdrill.session.coverage import covers, split_coverage
from sysdrill.session.drill import Drill
from sysdrill.session.duration import format_clock, format_countdown, parse_duration
from sysdrill.session.scoring import Score, score_gaps, weighted_score
from sysdrill.session.state import COMPLETED, SCORING, start_session


@pytest.fixture
def storage(catalogue):
    item = catalogue.load_item(catalogue.find("object-storage"))
    return item, catalogue.load_rubric(item.rubric_id)


@pytest.fixture
def store(tmp_path):
    with HistoryStore(tmp_path / "h.sqlite3") as s:
        yield s


def make_drill(storage, store, clock, scale=1.0):
    item, rubric = storage
    session = start_session(item, rubric, clock=clock, scale=scale)
    return Drill(session, item, rubric, clock=clock, save=store.save)


# -- durations ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("45m", 2700), ("90m", 5400), ("1h", 3600), ("1h30m", 5400), ("30s", 30), ("20", 1200)],
)
def test_parse_duration(text, seconds) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "soon", "0m", "-5m", "5x"])
def test_bad_durations_are_usage_errors(text) -> None:
    with pytest.raises(UsageError):
        parse_duration(text)


def test_clock_format() -> None:
    assert format_clock(754) == "12:34"
    assert format_clock(33.9) == "0:33"  # time spent: whole seconds, rounded down
    assert format_countdown(0.2) == "0:01"  # a fraction left still shows a second
    assert format_countdown(0) == "0:00"
    assert format_clock(3723) == "1:02:03"
    assert format_clock(-5) == "0:00"


def test_duration_scales_every_phase_in_proportion(storage) -> None:
    item, rubric = storage
    session = start_session(item, rubric, clock=ManualClock(), scale=45 * 60 / (90 * 60))
    assert [p.planned_seconds / 60 for p in session.phases] == [7.5, 7.5, 10, 12.5, 5, 2.5]
    assert session.planned_total == 45 * 60


# -- the phase timer ---------------------------------------------------------


def test_countdown_warning_deadline_and_overtime(storage, store) -> None:
    clock = ManualClock()
    drill = make_drill(storage, store, clock)
    timer = drill.begin_phase()  # 15 minutes
    clock.advance(60)
    assert timer.remaining() == 14 * 60
    assert drill.tick() == []
    clock.advance(11 * 60)  # 3 minutes left
    assert drill.tick() == []
    clock.advance(61)  # just under 2 minutes left
    assert drill.tick() == ["warn"]
    assert drill.tick() == []  # once only
    clock.advance(119)
    assert timer.remaining() == 0
    assert drill.tick() == ["deadline"]
    clock.advance(30)
    assert timer.overtime() == 30
    assert drill.tick() == []


def test_deadline_event_is_due_exactly_at_zero(storage, store) -> None:
    clock = ManualClock()
    timer = make_drill(storage, store, clock, scale=1 / 90).begin_phase()  # 10 s phase
    clock.advance(timer.seconds_to_next_event())  # the warning
    assert timer.due_events() == ["warn"]
    wait = timer.seconds_to_next_event()
    clock.advance(wait - 0.01)
    assert timer.due_events() == []
    clock.advance(0.01)
    assert timer.due_events() == ["deadline"]


def test_pause_is_not_counted(storage, store) -> None:
    clock = ManualClock()
    drill = make_drill(storage, store, clock)
    timer = drill.begin_phase()
    clock.advance(100)
    assert drill.toggle_pause() is True
    clock.advance(500)
    assert timer.elapsed() == 100
    assert drill.tick() == []  # no events while paused
    assert drill.toggle_pause() is False
    clock.advance(50)
    assert timer.elapsed() == 150
    timer.checkpoint()
    assert drill.record.paused_seconds == 500 and drill.record.pauses == 1


def test_extend_adds_five_minutes_and_rearms_the_bell(storage, store) -> None:
    clock = ManualClock()
    drill = make_drill(storage, store, clock, scale=1 / 90)  # first phase 10 s
    timer = drill.begin_phase()
    clock.advance(10)
    assert "deadline" in drill.tick()
    drill.extend()
    assert timer.remaining() == 300
    clock.advance(300)
    assert drill.tick() == ["warn", "deadline"]
    assert drill.record.extended_seconds == 300


# -- coverage ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("notes", "expected"),
    [
        ("we use Reed-Solomon coding", True),
        ("ERASURE CODING across AZs", True),
        ("erasure-coding", True),
        ("RS 12+4 with three AZs", True),
        ("requests per second", False),  # "rs" inside a word is not RS
        ("erasure codings", True),
    ],
)
def test_key_point_matching(notes, expected) -> None:
    point = KeyPoint("erasure coding", ("Reed-Solomon", "RS 12+4"))
    assert covers(notes, point) is expected


def test_numbers_with_units_are_figures() -> None:
    assert not covers("p50 under 20ms", KeyPoint("daily users", ("20M users",)))
    assert covers("20M DAU", KeyPoint("daily users", ("20M daily active users",)))


def test_symbols_at_the_edges_of_a_term() -> None:
    point = KeyPoint("four nines", ("99.99% uptime",))
    assert covers("target is 99.99% uptime", point)
    assert not covers("target is 99.999% uptime", point)
    assert covers("auth <100ms p99", KeyPoint("latency budget", ("<100ms auth",)))


def test_split_coverage_keeps_the_items_order() -> None:
    points = [
        KeyPoint("sharding"),
        KeyPoint("look-aside cache", ("cache aside",)),
        KeyPoint("quorum"),
    ]
    assert split_coverage("cache aside in front; quorum writes", points) == (
        ["look-aside cache", "quorum"],
        ["sharding"],
    )


# -- scores ------------------------------------------------------------------


def test_weighted_score_out_of_100() -> None:
    scores = [
        Score("self", "a", "A", 5, 25),
        Score("self", "b", "B", 3, 25),
        Score("self", "c", "C", 4, 20),
        Score("self", "d", "D", 2, 15),
        Score("self", "e", "E", 1, 15),
    ]
    assert weighted_score(scores) == pytest.approx(25 + 15 + 16 + 6 + 3)
    assert weighted_score([]) is None


def test_gaps_largest_first() -> None:
    theirs = [Score("interviewer", "a", "A", 2, 50), Score("interviewer", "b", "B", 4, 50)]
    mine = [Score("self", "a", "A", 5, 50), Score("self", "b", "B", 3, 50)]
    assert score_gaps(theirs, mine) == [("A", 2, 5, 3), ("B", 4, 3, -1)]


# -- saving and resuming ---------------------------------------------------------


def test_a_stopped_session_resumes_with_notes_and_time(storage, store) -> None:
    clock = ManualClock()
    drill = make_drill(storage, store, clock)
    drill.begin_phase()
    clock.advance(200)
    drill.set_notes("market: $100B+, S3 has 60%")
    drill.finish_phase()
    drill.begin_phase()
    clock.advance(90)
    drill.set_notes("eleven nines durability")
    drill.stop()

    loaded = store.load(drill.session.id)
    assert loaded.current == 1 and loaded.stage == "phases"
    assert loaded.phases[0].elapsed_seconds == 200
    assert loaded.phases[0].notes.startswith("market")
    assert loaded.phases[1].elapsed_seconds == 90
    assert loaded.phases[1].notes == "eleven nines durability"

    item, rubric = storage
    resumed = Drill(loaded, item, rubric, clock=clock, save=store.save)
    timer = resumed.begin_phase()
    clock.advance(10)
    assert timer.elapsed() == 100  # picks up where it stopped
    assert resumed.record.notes == "eleven nines durability"


def test_typing_is_saved_within_seconds(storage, store) -> None:
    clock = ManualClock()
    drill = make_drill(storage, store, clock)
    drill.begin_phase()
    drill.set_notes("first words")
    drill.tick()
    clock.advance(2.0)
    drill.tick()
    assert store.load(drill.session.id).phases[0].notes == "first words"


def test_full_session_completes_with_scores(storage, store) -> None:
    clock = ManualClock()
    drill = make_drill(storage, store, clock, scale=0.1)
    for _ in drill.session.phases:
        drill.begin_phase()
        clock.advance(30)
        drill.set_notes("erasure coding with Reed-Solomon; consistent hashing")
        last = drill.finish_phase()
    assert last and drill.session.stage == SCORING
    for dimension in drill.rubric.dimensions:
        drill.record_score(dimension, 4)
    assert drill.unscored() == []
    drill.finish_scoring()
    drill.complete("Ran out of time on the deep dive.")
    saved = store.load(drill.session.id)
    assert saved.status == COMPLETED and saved.ended_at
    assert saved.weighted() == 80.0
    assert any(p.covered for p in saved.phases)
    assert saved.reflection == "Ran out of time on the deep dive."
