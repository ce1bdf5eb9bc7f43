"""`stats`: the arithmetic, the pictures, and what a user sees at the edges."""

from __future__ import annotations

import json
from datetime import date

import pytest
from tests.conftest import write_problem
from tests.progress_sessions import drilled

from sysdrill.history.store import open_history
from sysdrill.stats.calibration import describe_gap
from sysdrill.stats.heatmap import build_heatmap, first_day, glyph
from sysdrill.stats.trends import BETTER, FLAT, TOO_FEW, WORSE, slope, sparkline, trend

TODAY = ("--today", "2026-11-30")


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        ([3, 3, 2, 2, 2], WORSE),
        ([2, 3, 3, 4, 4], BETTER),
        ([1, 1, 1, 1, 5, 5, 5, 5, 5], FLAT),  # only the last five count
        ([3, 4, 3, 4, 3], FLAT),
        ([4, 3], TOO_FEW),
    ],
)
def test_trend_over_the_last_five(scores, expected) -> None:
    assert trend(scores) == expected


def test_slope_is_least_squares() -> None:
    assert slope([1, 2, 3, 4, 5]) == pytest.approx(1.0)
    assert slope([3, 3, 2, 2, 2]) == pytest.approx(-0.3)
    assert slope([4]) == 0.0


def test_sparkline_has_one_bar_per_score_from_low_to_high() -> None:
    assert sparkline([1, 3, 5]) == "▁▅█"
    assert sparkline([0.0, 0.5, 1.0], 0, 1) == "▁▅█"
    assert sparkline([]) == ""


def test_heatmap_covers_twelve_weeks_to_today() -> None:
    today = date(2026, 11, 25)  # a Wednesday
    assert first_day(today) == date(2026, 9, 7)  # a Monday, 11 weeks before this one's
    heatmap = build_heatmap({"2026-11-25": 3, "2026-09-07": 1, "2026-11-24": 2}, today)
    assert len(heatmap.weeks) == 12
    assert heatmap.weeks[0][0] == 1
    assert heatmap.weeks[11][1:3] == [2, 3]
    assert heatmap.weeks[11][3:] == [None] * 4  # after today
    assert heatmap.drill_days == 3
    assert [glyph(n) for n in (None, 0, 1, 2, 3, 7)] == [" ", "·", "░", "▒", "█", "█"]


def test_calibration_in_words() -> None:
    assert (
        describe_gap("Trade-offs", 1.2) == "you rate your Trade-offs +1.2 above your interviewers"
    )
    assert describe_gap("Depth", -0.5) == "you rate your Depth -0.5 below your interviewers"


def stats_json(run, *args: str) -> dict:
    result = run("stats", "--json", *TODAY, *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_averages_trends_and_the_calibration_gap(run, catalogue) -> None:
    with open_history() as store:
        for day, (scale, own) in enumerate([(2, 3), (3, 5), (4, 4)], start=2):
            drilled(
                catalogue, store, "object-storage", f"2026-11-{day:02d} 19:00",
                {"scale-architecture": scale}, own={"scale-architecture": own}, pair=True,
            )  # fmt: skip
    data = stats_json(run)
    scale = next(d for d in data["dimensions"] if d["dimension_id"] == "scale-architecture")
    assert scale["average"] == 3.0
    assert scale["recent"] == [2, 3, 4]  # the interviewer's, oldest first
    assert scale["trend"] == "better"
    gap = next(g for g in data["calibration"] if g["dimension_id"] == "scale-architecture")
    assert gap["gap"] == 1.0  # (1 + 2 + 0) / 3
    assert gap["sessions"] == 3
    assert data["sessions"] == {"completed": 3, "abandoned": 0, "in_progress": 0, "practice": 0}
    storage = next(c for c in data["coverage"] if c["category"] == "storage")
    assert storage == {"category": "storage", "drilled": 1, "total": 2}
    assert [d["sessions"] for d in data["drill_days"] if d["date"].startswith("2026-11-0")][
        1:4
    ] == [1, 1, 1]
    shown = run("stats", *TODAY).output
    assert "you rate your Scale architecture +1.0 above your interviewers (3 drills)" in shown


def test_pacing_counts_overruns_and_reaching_the_last_phase(run, catalogue) -> None:
    with open_history() as store:
        drilled(catalogue, store, "object-storage", "2026-11-02 19:00", overrun_seconds=600)
        drilled(catalogue, store, "object-storage", "2026-11-03 19:00")
    pacing = stats_json(run)["pacing"]
    first = pacing["phases"][0]
    assert first["title"] == "Strategic context"
    assert first["overran"] == 1
    assert first["average_overrun_seconds"] == 300.0
    # Ten minutes over in the first phase pushes the last one past the planned end.
    assert (pacing["last_phase_reached"], pacing["drills"]) == (1, 2)


def test_no_history_says_how_to_start(run) -> None:
    result = run("stats")
    assert result.exit_code == 0, result.output
    assert "No drills yet" in result.output and "sysdrill next" in result.output
    assert stats_json(run)["sessions"]["completed"] == 0


def test_only_abandoned_drills(run, catalogue) -> None:
    with open_history() as store:
        drilled(catalogue, store, "dynamodb", "2026-11-02 19:00", abandon_at=2)
    result = run("stats", *TODAY)
    assert result.exit_code == 0, result.output
    assert "0 completed, 1 abandoned" in result.output
    assert "No completed drill yet" in result.output
    assert "Rubric dimensions" not in result.output


def test_a_drill_of_an_item_no_longer_in_the_catalogue_still_counts(run, catalogue, pack) -> None:
    from sysdrill.content.catalogue import builtin_roots, load_catalogue, pack_roots

    write_problem(pack, "widget-store")
    with_pack = load_catalogue(builtin_roots() + pack_roots([pack]), index_dir=None)
    with open_history() as store:
        drilled(with_pack, store, "widget-store", "2026-11-02 19:00", 4)
    data = stats_json(run)
    assert data["sessions"]["completed"] == 1
    assert data["missing_items"] == [{"item_id": "widget-store", "sessions": 1}]
    assert "no longer in the catalogue: widget-store (1)" in run("stats", *TODAY).output


@pytest.mark.parametrize("option", ["--since", "--today"])
def test_a_bad_date_is_a_usage_error(run, option) -> None:
    result = run("stats", option, "last tuesday")
    assert result.exit_code == 2
    assert f"{option} takes a date as YYYY-MM-DD, not 'last tuesday'" in result.stderr
    assert "Traceback" not in result.output


def test_since_and_person_narrow_the_sessions(run, catalogue) -> None:
    with open_history() as store:
        drilled(catalogue, store, "dynamodb", "2026-11-02 19:00", candidate="Ana")
        drilled(catalogue, store, "dynamodb", "2026-11-09 19:00", pair=True, candidate="Ana")
        drilled(catalogue, store, "dynamodb", "2026-11-10 19:00", candidate="Cy")
    assert stats_json(run, "--person", "ana")["sessions"]["completed"] == 2
    assert stats_json(run, "--since", "2026-11-09")["sessions"]["completed"] == 2
    only_interviewed = run("stats", "--person", "ben", *TODAY)
    assert only_interviewed.exit_code == 0, only_interviewed.output
    assert "No drills of ben's own: none as the candidate in a pair" in only_interviewed.output
    result = run("stats", "--person", "Zed")
    assert result.exit_code == 1
    assert "no drills by or with 'Zed'" in result.stderr
    assert "No drills since 2026-12-01" in run("stats", "--since", "2026-12-01", *TODAY).output


def test_the_json_shape(run, catalogue) -> None:
    with open_history() as store:
        drilled(catalogue, store, "dynamodb", "2026-11-02 19:00")
    data = stats_json(run)
    assert set(data) == {
        "today", "person", "since", "sessions", "hours", "drill_days", "coverage",
        "missing_items", "dimensions", "pacing", "calibration",
    }  # fmt: skip
    assert len(data["drill_days"]) == 7 * 11 + 1  # twelve weeks, the last up to a Monday
    assert set(data["dimensions"][0]) == {
        "dimension_id", "dimension", "average", "sessions", "recent", "trend"
    }  # fmt: skip
    assert set(data["pacing"]["phases"][0]) == {
        "title", "sessions", "average_overrun_seconds", "overran", "key_point_coverage",
        "recent_coverage", "coverage_trend",
    }  # fmt: skip


def test_escape_sequences_in_the_history_never_reach_the_terminal(run, catalogue) -> None:
    with open_history() as store:
        session = drilled(catalogue, store, "dynamodb", "2026-11-02 19:00")
        store.db.execute(
            "UPDATE scores SET dimension = ? WHERE session_id = ?",
            ("Depth\x1b[2J\x9b31m", session.id),
        )
    shown = run("stats", *TODAY).output
    assert "\x1b" not in shown and "\x9b" not in shown
    assert "Depth\\x1b[2J" in shown
    raw = run("stats", "--json", *TODAY).stdout
    assert "\x1b" not in raw and "\x9b" not in raw
    assert json.loads(raw)["dimensions"][0]["dimension"] == "Depth\x1b[2J\x9b31m"


def test_one_drill_day_is_said_in_the_singular(run, catalogue) -> None:
    with open_history() as store:
        drilled(catalogue, store, "object-storage", "2026-11-02 19:00")
    shown = run("stats", *TODAY).stdout
    assert "1 drill day since" in shown
    assert "drill days" not in shown.split("Drill days", 1)[1]
