"""What changed since last time: key points, overruns and scores against the previous attempt."""

from __future__ import annotations

from dataclasses import replace

from rich.console import Console

from sysdrill.session.compare import compare
from sysdrill.session.scoring import Score
from sysdrill.session.state import INTERVIEWER, SELF, DrillSession, PhaseRecord
from sysdrill.tui.change_view import NO_PREVIOUS, change_parts


def attempt(
    n: int,
    covered: list[list[str]],
    spent: list[float],
    scores: list[int],
    *,
    mode: str = "solo",
    rubric: str = "l7-advanced",
) -> DrillSession:
    concepts = [["sharding", "quorum", "hot keys"], ["global tables", "streams"]]
    phases = [
        PhaseRecord(
            position=k, phase_id=f"p{k}", title=["Clarify", "Design"][k], planned_seconds=300,
            elapsed_seconds=spent[k], covered=[c for c in concepts[k] if c in covered[k]],
            missed=[c for c in concepts[k] if c not in covered[k]],
            ticked=[c for c in concepts[k] if c in covered[k]] if mode == "pair" else [],
        )
        for k in range(2)
    ]  # fmt: skip
    rater = INTERVIEWER if mode == "pair" else SELF
    dims = [("scale", "Scale"), ("tradeoffs", "Trade-offs")]
    session = DrillSession(
        id=f"s{n}", item_id="dynamodb", item_title="DynamoDB", item_kind="case-study",
        content_hash="", rubric_id=rubric, mode=mode, duration_scale=1.0,
        started_at=f"2026-11-{n:02d}T10:00:00Z", phases=phases, status="completed",
        scores=[Score(rater, d, t, v, 50) for (d, t), v in zip(dims, scores, strict=True)],
        candidate="Ana", interviewer="Ben" if mode == "pair" else None,
    )  # fmt: skip
    if mode == "pair":
        session.scores += [Score(SELF, d, t, 5, 50) for d, t in dims]
    return session


def test_newly_covered_and_newly_missed_per_phase() -> None:
    before = attempt(1, [["sharding", "quorum"], []], [200, 200], [2, 3])
    now = attempt(2, [["sharding", "hot keys"], ["streams"]], [200, 200], [3, 3])
    change = compare(now, before)
    clarify, design = change.phases
    assert clarify.newly_covered == ["hot keys"] and clarify.newly_missed == ["quorum"]
    assert design.newly_covered == ["streams"] and design.newly_missed == []


def test_phases_that_ran_over_then_and_not_now_and_the_reverse() -> None:
    before = attempt(1, [[], []], [400, 200], [2, 3])
    now = attempt(2, [[], []], [250, 330], [2, 3])
    change = compare(now, before)
    assert change.on_time_now == ["1. Clarify"]
    assert change.over_now == ["2. Design"]


def test_score_change_per_dimension_and_which_rater() -> None:
    before = attempt(1, [[], []], [1, 1], [2, 4], mode="pair")
    now = attempt(2, [[], []], [1, 1], [4, 3])
    change = compare(now, before)
    assert [(s.dimension, s.before, s.after, s.delta) for s in change.scores] == [
        ("Scale", 2, 4, 2),
        ("Trade-offs", 4, 3, -1),
    ]
    assert change.previous_mode == "pair"
    assert change.previous_rater == "interviewer Ben" and change.rater == "your own"


def test_another_rubric_is_named_and_its_scores_not_compared() -> None:
    before = attempt(1, [[], []], [1, 1], [2, 4], rubric="l7-strategic")
    now = attempt(2, [[], []], [1, 1], [4, 3])
    change = compare(now, before)
    assert change.scores == [] and change.other_rubric == "l7-strategic"


def rendered(session: DrillSession, previous: DrillSession | None) -> str:
    console = Console(width=80, record=True, color_system=None)
    for part in change_parts(session, previous):
        console.print(part)
    return console.export_text()


def test_the_section_says_what_changed_and_against_what() -> None:
    before = attempt(1, [["sharding", "quorum"], []], [400, 200], [2, 3], mode="pair")
    now = attempt(2, [["sharding", "hot keys"], ["streams"]], [250, 200], [3, 3])
    text = rendered(now, before)
    assert "Since last time" in text
    assert "Against the pair drill (Ben interviewing) on 2026-11-01 (session s1;" in text
    assert "scores: your own now, interviewer Ben then" in " ".join(text.split())
    assert "+ hot keys" in text and "- quorum (missed now)" in text and "+ streams" in text
    assert "On time now, over then: 1. Clarify" in text
    assert "Scale 2→3 (+1)" in text and "Trade-offs 3→3 (+0)" in text


def test_no_previous_attempt_is_one_line() -> None:
    now = attempt(2, [[], []], [1, 1], [3, 3])
    lines = [line for line in rendered(now, None).splitlines() if line.strip()]
    assert lines == ["Since last time", "  " + NO_PREVIOUS]


def test_the_same_key_points_say_so() -> None:
    before = attempt(1, [["sharding"], []], [1, 1], [3, 3])
    text = rendered(replace(before, id="s2", started_at="2026-11-02T10:00:00Z"), before)
    assert "Key points: the same ones covered as then." in text
