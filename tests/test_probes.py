"""Probes in solo drills: when they come, which ones, and what was written under them."""

from __future__ import annotations

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from tests.conftest import new_drill

from sysdrill.history.store import HistoryStore
from sysdrill.session.drill import Drill
from sysdrill.session.probes import (
    MARKER,
    answers,
    insert_marker,
    probe_times,
    schedule_for,
    without_markers,
)
from sysdrill.tui.phase_screen import PhaseScreen

# -- the schedule, a pure function -------------------------------------------------


@pytest.mark.parametrize("length", [30.0, 90.0, 600.0, 900.0, 3600.0])
@pytest.mark.parametrize("count", [1, 2, 3, 5])
@pytest.mark.parametrize("seed", range(20))
def test_probes_never_come_in_the_first_or_last_fifth(length, count, seed) -> None:
    times = probe_times(length, count, seed)
    assert times, "a phase of half a minute or more gets a probe"
    assert all(length * 0.2 < t < length * 0.8 for t in times)
    assert times == sorted(times)


def test_probes_are_spread_through_the_phase() -> None:
    for seed in range(50):
        times = probe_times(900, 3, seed)
        assert len(times) == 3
        # one in each third of the middle three fifths
        for k, t in enumerate(times):
            assert 180 + 180 * k < t < 180 + 180 * (k + 1)
        assert min(b - a for a, b in zip(times, times[1:], strict=False)) >= 15


def test_the_schedule_is_the_same_for_the_same_seed_and_differs_between_seeds() -> None:
    assert probe_times(900, 2, 7) == probe_times(900, 2, 7)
    assert len({tuple(probe_times(900, 2, seed)) for seed in range(10)}) == 10


def test_short_phases_get_fewer_probes_or_none() -> None:
    assert probe_times(20, 3, 1) == []
    assert probe_times(900, 0, 1) == []
    assert len(probe_times(40, 5, 1)) == 1  # 24 s of middle: one probe at least 15 s apart


# -- markers and answers -----------------------------------------------------------


def test_a_marker_goes_on_its_own_line_after_the_cursor_line() -> None:
    notes, cursor = insert_marker("first line\nsecond", 3, "What if a region goes dark?")
    assert notes == "first line\n> probe: What if a region goes dark?\n\nsecond"
    assert notes[cursor:] == "\nsecond"  # the answer goes on the empty line under the marker
    notes, cursor = insert_marker("typed ", 6, "Why?")
    assert notes == "typed \n> probe: Why?\n" and cursor == len(notes)
    assert insert_marker("", 0, "Why?") == ("> probe: Why?\n", 14)


def test_answers_are_the_notes_under_each_marker() -> None:
    notes = "intro\n> probe: Why?\nbecause X\nand Y\n> probe: How much?\n\n> probe: Cost?\n5 $/GB"
    assert answers(notes) == {"Why?": "because X\nand Y", "How much?": "", "Cost?": "5 $/GB"}
    assert without_markers(notes) == "intro\nbecause X\nand Y\n\n5 $/GB"


def test_the_marker_words_never_cover_a_key_point(catalogue, store) -> None:
    drill = new_drill(catalogue, store, "object-storage")
    drill.begin_phase()
    drill.set_notes(MARKER + "S3 holds 60% share of the market, doesn't it?\nno idea")
    drill.finish_phase()
    assert "S3 60% share" not in drill.session.phases[0].covered


# -- the phase screen on a hand-ticked clock ------------------------------------


class Candidate:
    """Types into the phase screen and lets time pass, as the ticker would see it."""

    def __init__(self, drill: Drill) -> None:
        self.drill = drill
        self.screen = PhaseScreen(drill)
        self.arrivals: list[float] = []

    def type(self, text: str) -> None:
        """Key by key, as typed at the end of the notes."""
        buffer = self.screen.notes.buffer
        for key in text:
            buffer.text = buffer.text + key
            buffer.cursor_position = len(buffer.text)
            self.screen._typed()

    def wait(self, seconds: float, step: float = 0.5) -> None:
        for _ in range(int(seconds / step)):
            self.drill.clock.advance(step)
            self.drill.tick()
            before = len(self.drill.record.probes)
            self.screen._maybe_probe()
            if len(self.drill.record.probes) > before:
                assert self.drill.timer is not None
                self.arrivals.append(self.drill.timer.elapsed())


@pytest.fixture
def screen_session():
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        yield


def solo(catalogue, store, per_phase: int = 3) -> Drill:
    drill = new_drill(catalogue, store, "object-storage", probes_per_phase=per_phase)
    drill.probes_used_before = {}
    drill.begin_phase()
    return drill


def test_probes_arrive_spread_through_the_phase_and_never_at_its_edges(
    catalogue, store, screen_session
) -> None:
    drill = solo(catalogue, store)
    length = drill.record.planned_seconds  # 15 minutes
    user = Candidate(drill)
    user.wait(length + 60)
    assert len(user.arrivals) == 3
    assert all(length * 0.2 < t < length * 0.8 for t in user.arrivals)
    assert min(b - a for a, b in zip(user.arrivals, user.arrivals[1:], strict=False)) > 60
    texts = [p.text for p in drill.record.probes]
    assert len(set(texts)) == 3  # never the same probe twice
    assert set(texts) <= set(drill.phase.probes)  # the phase's own first
    assert drill.record.notes.count(MARKER) == 3


def test_a_probe_waits_while_the_candidate_is_in_the_middle_of_a_word(
    catalogue, store, screen_session
) -> None:
    drill = solo(catalogue, store, per_phase=1)
    [due] = schedule_for(drill.session, drill.record)
    user = Candidate(drill)
    user.wait(due - 1)
    assert drill.record.probes == []
    # Typing a word, a key every half second, through the moment it is due.
    for letter in "durabilit":
        user.type(letter)
        user.wait(0.5)
        assert drill.record.probes == [], "a probe cut into a word"
    user.type("y ")  # the word ends: now it comes
    assert len(drill.record.probes) == 1
    notes = drill.record.notes
    assert notes.startswith("durability \n> probe: ")
    user.type("eleven nines")
    assert answers(drill.record.notes) == {drill.record.probes[0].text: "eleven nines"}


def test_a_pause_in_typing_lets_a_held_probe_come_mid_line(catalogue, store, screen_session):
    drill = solo(catalogue, store, per_phase=1)
    [due] = schedule_for(drill.session, drill.record)
    user = Candidate(drill)
    user.wait(due - 0.5)
    user.type("half")
    user.wait(1.0)
    assert drill.record.probes == []
    user.wait(2.0)  # two seconds without a key
    assert len(drill.record.probes) == 1
    assert drill.record.notes.startswith("half\n> probe: ")


def test_ctrl_d_dismisses_and_the_probe_stays_in_the_asked_strip(
    catalogue, store, screen_session
) -> None:
    drill = solo(catalogue, store, per_phase=2)
    user = Candidate(drill)
    while not drill.record.probes:
        user.wait(5)
    first = drill.record.probes[0]
    banner = "".join(text for _, text, *_ in user.screen._probe_lines())
    assert "PROBE" in banner and first.text[:20] in banner and "Ctrl-D" in banner
    footer = "".join(text for _, text, *_ in user.screen._footer())
    assert "Ctrl-D" in footer
    user.wait(40)
    assert drill.dismiss_probe()
    assert first.spent_seconds == pytest.approx(45, abs=5)
    strip = "".join(text for _, text, *_ in user.screen._probe_lines())
    assert "PROBE" not in strip and "Asked (1)" in strip
    footer = "".join(text for _, text, *_ in user.screen._footer())
    assert "Ctrl-D" not in footer


def test_resume_keeps_the_probes_asked_and_asks_no_one_twice(catalogue, tmp_path) -> None:
    from sysdrill.session.drill import Drill

    path = tmp_path / "h.sqlite3"
    with HistoryStore(path) as store:
        drill = solo(catalogue, store, per_phase=3)
        with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
            user = Candidate(drill)
            while len(drill.record.probes) < 2:
                user.wait(5)
            user.type("my answer ")
        drill.stop()
        asked = [p.text for p in drill.record.probes]
        session_id, clock = drill.session.id, drill.clock
    with HistoryStore(path) as store:
        session = store.load(session_id)
        assert [p.text for p in session.phases[0].probes] == asked
        assert session.probes_per_phase == 3
        again = Drill(session, drill.item, drill.rubric, clock=clock, save=store.save)
        again.begin_phase()
        with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
            user = Candidate(again)
            user.wait(again.record.planned_seconds)
        texts = [p.text for p in again.record.probes]
        assert texts[:2] == asked and len(texts) == 3 and len(set(texts)) == 3
        assert again.record.notes.count(MARKER) == 3


def test_probes_least_used_before_come_first(catalogue, store, screen_session) -> None:
    drill = solo(catalogue, store, per_phase=1)
    own = list(drill.phase.probes)
    drill.probes_used_before = dict.fromkeys(own[1:], 3)
    user = Candidate(drill)
    user.wait(drill.record.planned_seconds)
    assert [p.text for p in drill.record.probes] == [own[0]]


def test_no_probes_when_turned_off(catalogue, store, screen_session) -> None:
    drill = solo(catalogue, store, per_phase=0)
    user = Candidate(drill)
    user.wait(drill.record.planned_seconds + 10, step=5)
    assert drill.record.probes == [] and MARKER not in drill.record.notes


def test_the_screen_fits_at_80x24_with_a_probe_showing(catalogue, store) -> None:
    from prompt_toolkit.data_structures import Size

    class Small(DummyOutput):
        def get_size(self) -> Size:
            return Size(rows=24, columns=80)

    with create_pipe_input() as pipe, create_app_session(input=pipe, output=Small()):
        drill = solo(catalogue, store, per_phase=2)
        user = Candidate(drill)
        while len(drill.record.probes) < 2:
            user.wait(5)
        screen = user.screen
        screen._rows, screen._columns = lambda: 24, lambda: 80  # as the running app measures
        probe_rows = screen._probe_height()
        assert 2 <= probe_rows <= 4
        # header 2, rule 1, prompts, probes, notes label 1, footer: the notes keep 8 rows
        used = 2 + 1 + min(len(screen._prompt_lines()), screen._prompt_room()) + probe_rows + 1
        assert 24 - used - 2 >= 8


# -- kept, exported and shown --------------------------------------------------


def answered_session(catalogue, store):
    drill = solo(catalogue, store, per_phase=1)
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        user = Candidate(drill)
        user.type("S3 holds 60% share ")
        while not drill.record.probes:
            user.wait(0.5)
        user.type("quotas per unit, cells")
        user.wait(30)
        drill.dismiss_probe()
    drill.finish_phase()
    drill.stop()
    return drill


def test_json_export_and_import_keep_the_probes_and_their_answers(catalogue, store) -> None:
    from sysdrill.history.importer import session_from_json
    from sysdrill.history.transfer import session_json

    drill = answered_session(catalogue, store)
    saved = store.load(drill.session.id)
    data = session_json(saved)
    [probe] = data["phases"][0]["probes"]
    assert probe["probe"] == drill.session.phases[0].probes[0].text
    assert probe["answer"] == "quotas per unit, cells"
    assert probe["spent_seconds"] == 30
    assert data["probes_per_phase"] == 1
    assert session_json(session_from_json(data)) == data
    older = {**data, "phases": [{k: v for k, v in p.items() if k != "probes"}
                                for p in data["phases"]]}  # fmt: skip
    del older["probes_per_phase"], older["probe_seed"]
    assert session_from_json(older).phases[0].probes == []


def test_a_bad_probe_in_an_import_is_named(catalogue, store) -> None:
    from sysdrill.history.importer import _Bad, session_from_json
    from sysdrill.history.transfer import session_json

    data = session_json(store.load(answered_session(catalogue, store).session.id))
    data["phases"][0]["probes"][0]["asked_at_seconds"] = "soon"
    with pytest.raises(_Bad, match=r"phases\[0\]\.probes\[0\]\.asked_at_seconds"):
        session_from_json(data)


def test_the_markdown_report_and_the_summary_answer_each_probe(catalogue, store) -> None:
    from rich.console import Console

    from sysdrill.history.reports import markdown_session
    from sysdrill.tui.summary import summary_renderable

    drill = answered_session(catalogue, store)
    saved = store.load(drill.session.id)
    text = drill.session.phases[0].probes[0].text
    markdown = "\n".join(markdown_session(saved))
    assert "### 1. Strategic context: probes" in markdown
    assert "quotas per unit, cells" in markdown.split(": probes", 1)[1]
    assert "0:30 before moving on" in markdown
    console = Console(width=100, record=True, color_system=None)
    console.print(summary_renderable(saved, None))
    shown = console.export_text()
    probes = shown[shown.index("\nProbes") :]
    assert text[:40] in " ".join(probes.split())
    assert "0:30 on it before moving on" in probes
    assert "quotas per unit, cells" in probes


def test_a_case_study_falls_back_to_its_questions_with_their_approach(catalogue) -> None:
    from sysdrill.session.probes import choose_probe

    item = catalogue.load_item(catalogue.find("dynamodb"))
    phase = item.phases[0]
    everything_else = [p for other in item.phases for p in other.probes]
    probe = choose_probe(item, phase, asked=everything_else, used_before={}, seed=1)
    assert probe is not None
    questions = {q["question"]: q.get("approach", "") for q in item.data["questions"]}
    assert probe.text in questions
    assert probe.reference == questions[probe.text].strip()
    asked = everything_else + list(questions)
    assert choose_probe(item, phase, asked=asked, used_before={}, seed=1) is None


def test_probe_text_from_a_pack_reaches_the_notes_as_text(catalogue, store) -> None:
    from dataclasses import replace

    from sysdrill.session.probes import candidates

    item = catalogue.load_item(catalogue.find("object-storage"))
    phase = replace(item.phases[0], probes=("Who pays?\x1b[2J\n  and when?",))
    [first, *_] = candidates(item, phase)
    assert "\x1b" not in first.text and "\n" not in first.text
    assert first.text.startswith("Who pays?") and first.text.endswith("and when?")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--probes", "2", "--no-probes"], "choose one"),
        (["--pair", "--probes", "2"], "solo"),
        (["--probes", "12"], "--probes"),
    ],
)
def test_probe_options_that_make_no_sense_are_usage_errors(run, args, message) -> None:
    result = run("drill", "object-storage", *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_with_every_probe_asked_the_screen_does_not_wake_for_more(
    catalogue, store, screen_session
) -> None:
    from sysdrill.session.probes import candidates

    drill = solo(catalogue, store, per_phase=1)
    drill.session.phases[1].curveballs = [c.text for c in candidates(drill.item, drill.phase)]
    [due] = schedule_for(drill.session, drill.record)
    drill.clock.advance(int(due) + 1.5)
    screen = PhaseScreen(drill)
    drill.tick()  # the save that is due
    screen._maybe_probe()
    assert drill.record.probes == []
    assert screen._next_wake() > 0.3  # the next second, not a poll for a probe
