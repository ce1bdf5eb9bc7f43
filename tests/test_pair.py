"""Pair mode: the checklist, curveballs, names, and scoring blind."""

from __future__ import annotations

import random

import pytest
from tests.conftest import new_drill

from sysdrill.pairs import Pair, clean_name, load_last_pair, save_last_pair
from sysdrill.session.drill import Drill
from sysdrill.session.pair import curveball_pool, next_curveball, probe_order, toggle_tick
from sysdrill.session.state import INTERVIEWER, PAIR, SCORING, SELF
from sysdrill.tui import flow, prompts


def pair_drill(catalogue, store, item_id="slack-messaging"):
    return new_drill(
        catalogue, store, item_id, mode=PAIR, interviewer="Ana", candidate="Ben", scale=0.1
    )


def test_ticks_toggle_keep_the_items_order_and_are_saved(catalogue, store) -> None:
    drill = pair_drill(catalogue, store)
    drill.begin_phase()
    phase = drill.phase
    assert toggle_tick(drill.record, phase, 2) is True
    assert toggle_tick(drill.record, phase, 0) is True
    assert drill.record.ticked == [phase.key_points[0].concept, phase.key_points[2].concept]
    assert toggle_tick(drill.record, phase, 2) is False
    assert toggle_tick(drill.record, phase, 42) is None
    drill.save_now()
    assert store.load(drill.session.id).phases[0].ticked == [phase.key_points[0].concept]


def test_summary_coverage_comes_from_ticks_with_note_matches(catalogue, store) -> None:
    drill = pair_drill(catalogue, store)
    drill.begin_phase()
    first = drill.phase.key_points[0]
    toggle_tick(drill.record, drill.phase, 1)
    drill.set_notes(f"candidate said {first.concept}")
    drill.finish_phase()
    record = store.load(drill.session.id).phases[0]
    second = drill.item.phases[0].key_points[1].concept
    assert record.ticked == [second]
    # in a pair, covered means ticked by the interviewer: history, exports and stats agree
    assert record.covered == [second]
    assert first.concept in record.missed
    assert first.concept in record.evidence  # the notes' match, shown beside the ticks


def test_pair_ticks_are_what_history_exports_and_stats_count(run, catalogue) -> None:
    import json

    from sysdrill.history.store import open_history

    with open_history() as store:
        drill = pair_drill(catalogue, store)
        drill.begin_phase()
        phase = drill.phase
        for index in range(len(phase.key_points)):
            toggle_tick(drill.record, phase, index)
        while not drill.finish_phase():
            drill.begin_phase()
        drill.complete("")
    ticked = [kp.concept for kp in phase.key_points]
    first = ticked[0]
    shown = json.loads(run("history", "--json").stdout)
    assert shown[0]["phases"][0]["covered"] == ticked
    csv_text = run("history", "export", "--format", "csv").stdout
    assert first in csv_text
    md = run("history", "export", "--format", "md").stdout
    assert first in md.split("| Missed |", 1)[1].split("\n")[2]
    stats = run("stats", "--person", "Ben").stdout
    first_row = next(line for line in stats.splitlines() if phase.title in line)
    assert "100%" in first_row


def test_curveballs_are_new_and_prefer_the_least_used(catalogue, store) -> None:
    drill = pair_drill(catalogue, store)
    item, session = drill.item, drill.session
    phase = item.phases[0]
    rng = random.Random(1)
    first = next_curveball(item, phase, session=session, used_before={}, rng=rng)
    assert first is not None and first not in phase.probes
    session.phases[0].curveballs.append(first)
    second = next_curveball(item, phase, session=session, used_before={}, rng=rng)
    assert second not in (first, None)
    # Everything but one was used in earlier sessions: that one comes next.
    fresh = item.data["questions"][-1]["question"]
    used = {p: 1 for p in curveball_pool(item, phase) if p != fresh}
    assert next_curveball(item, phase, session=session, used_before=used, rng=rng) == fresh


def draw_all(drill, rng) -> list[str]:
    drawn = []
    while (
        probe := next_curveball(
            drill.item, drill.phase, session=drill.session, used_before={}, rng=rng
        )
    ) is not None:
        drill.record.curveballs.append(probe)
        drawn.append(probe)
    return drawn


def test_curveballs_never_repeat_and_never_empty_a_later_phase(catalogue, store) -> None:
    from sysdrill.tui.pair_panel import PairPanel

    drill = pair_drill(catalogue, store, "object-storage")
    rng = random.Random(7)
    drill.begin_phase()
    shown_first = list(drill.phase.probes)
    early = draw_all(drill, rng)
    assert early and len(set(early)) == len(early)
    drill.finish_phase()
    for _ in drill.session.phases[1:]:
        panel = PairPanel(drill, {})
        own = drill.phase.probes
        assert len(panel.probes) >= (len(own) + 1) // 2  # at least half kept
        assert not set(panel.probes) & set(early)
        drill.begin_phase()
        later = draw_all(drill, rng)
        # Nothing drawn twice, nor a probe an earlier phase listed.
        assert not set(later) & (set(early) | set(shown_first))
        early += later
        shown_first += own
        drill.finish_phase()
    assert len(set(early)) == len(early)


def test_probe_order_is_the_sessions_own_and_stable(catalogue) -> None:
    phase = catalogue.load_item(catalogue.find("slack-messaging")).phases[1]
    orders = {tuple(probe_order(phase, random.Random(f"s{n}:1"))) for n in range(20)}
    assert len(orders) > 1  # not always the same order
    assert probe_order(phase, random.Random("x:1")) == probe_order(phase, random.Random("x:1"))


def test_last_pair_is_remembered_and_swaps(tmp_path) -> None:
    assert load_last_pair(tmp_path) is None
    save_last_pair(tmp_path, Pair("Ana", "Ben"))
    assert load_last_pair(tmp_path) == Pair("Ana", "Ben")
    assert load_last_pair(tmp_path).swapped() == Pair("Ben", "Ana")
    (tmp_path / "last-pair.json").write_text("{broken", encoding="utf-8")
    assert load_last_pair(tmp_path) is None


def test_names_are_tidied_and_blank_ones_are_none() -> None:
    assert clean_name("  Ana   Lopez ") == "Ana Lopez"
    assert clean_name("   ") is None


def test_blank_names_are_asked_again(monkeypatch) -> None:
    from sysdrill.cli.drill import ask_pair

    answers = iter(["   ", "Ana", "", "Ben"])
    monkeypatch.setattr(prompts, "text", lambda *a, **k: next(answers))
    assert ask_pair(None, None) == Pair("Ana", "Ben")
    # Next time the last pair is offered, and swapping is one choice away.
    monkeypatch.setattr(prompts, "choose", lambda message, choices: choices[0][0])
    assert ask_pair(None, None) == Pair("Ben", "Ana")


class ScriptedScores:
    """Stands in for the score prompt; records what was on screen at each one."""

    def __init__(self, capsys, answers):
        self.capsys = capsys
        self.answers = list(answers)
        self.screens: list[str] = []

    def __call__(self, message: str) -> int:
        self.screens.append(self.capsys.readouterr().out)
        answer = self.answers.pop(0)
        if answer is None:
            raise KeyboardInterrupt
        return answer


def finish_phases(drill):
    for _ in drill.session.phases:
        drill.begin_phase()
        drill.clock.advance(5)
        drill.finish_phase()
    assert drill.session.stage == SCORING


def test_candidate_scores_blind_and_both_are_stored(catalogue, store, capsys, monkeypatch) -> None:
    drill = pair_drill(catalogue, store)
    finish_phases(drill)
    scores = ScriptedScores(capsys, [2, 2, 3, 2, 3, 5, 4, 4, 3, 5])
    monkeypatch.setattr(prompts, "score", scores)
    monkeypatch.setattr(prompts, "wait_for_enter", lambda message: print(f"[{message.strip()}]"))
    monkeypatch.setattr(prompts, "pick_number", lambda message, count: None)  # confirm
    flow.score_session(drill)
    candidate_screens = "".join(scores.screens[5:])
    assert "Give the laptop to Ben" in candidate_screens
    assert "Ana: score Ben" not in candidate_screens
    assert "Ben: score yourself" in candidate_screens
    saved = store.load(drill.session.id)
    assert [s.score for s in saved.scores_by(INTERVIEWER)] == [2, 2, 3, 2, 3]
    assert [s.score for s in saved.scores_by(SELF)] == [5, 4, 4, 3, 5]
    assert saved.interviewer == "Ana" and saved.candidate == "Ben"


def test_interrupted_scoring_resumes_with_the_blind_order_kept(
    catalogue, store, capsys, monkeypatch
) -> None:
    drill = pair_drill(catalogue, store)
    finish_phases(drill)
    monkeypatch.setattr(prompts, "wait_for_enter", lambda message: print(f"[{message.strip()}]"))
    monkeypatch.setattr(prompts, "pick_number", lambda message, count: None)  # confirm
    monkeypatch.setattr(prompts, "score", ScriptedScores(capsys, [1, 2, 3, 4, 5, 5, None]))
    with pytest.raises(KeyboardInterrupt):
        flow.score_session(drill)
    saved = store.load(drill.session.id)
    assert len(saved.scores_by(INTERVIEWER)) == 5 and len(saved.scores_by(SELF)) == 1

    resumed = Drill(saved, drill.item, drill.rubric, clock=drill.clock, save=store.save)
    scores = ScriptedScores(capsys, [4, 4, 4, 4])
    monkeypatch.setattr(prompts, "score", scores)
    flow.score_session(resumed)
    first_screen = scores.screens[0]
    assert "Give the laptop to Ben" in first_screen  # the hand-over comes first again
    assert "Ana: score Ben" not in "".join(scores.screens)
    final = store.load(drill.session.id)
    assert [s.score for s in final.scores_by(SELF)] == [5, 4, 4, 4, 4]


def test_a_probe_used_as_a_curveball_is_not_listed_again_later(catalogue, store) -> None:
    from sysdrill.tui.pair_panel import PairPanel

    drill = pair_drill(catalogue, store)
    later = drill.item.phases[1].probes[0]
    drill.session.phases[0].curveballs.append(later)
    drill.begin_phase()
    drill.finish_phase()
    assert later not in PairPanel(drill, {}).probes
    assert len(PairPanel(drill, {}).probes) == len(drill.item.phases[1].probes) - 1
