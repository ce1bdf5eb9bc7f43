"""The phase screen driven through prompt_toolkit's pipe input, as keys would."""

from __future__ import annotations

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from sysdrill.content.catalogue import builtin_roots, load_catalogue
from sysdrill.history.store import HistoryStore
from sysdrill.session.clock import ManualClock
from sysdrill.session.drill import Drill
from sysdrill.session.state import start_session
from sysdrill.tui.phase_screen import NEXT, STOP, PhaseScreen, clock_text


@pytest.fixture
def drill(tmp_path):
    catalogue = load_catalogue(builtin_roots(), index_dir=None)
    item = catalogue.load_item(catalogue.find("object-storage"))
    rubric = catalogue.load_rubric(item.rubric_id)
    clock = ManualClock()
    store = HistoryStore(tmp_path / "h.sqlite3")
    yield Drill(
        start_session(item, rubric, clock=clock), item, rubric, clock=clock, save=store.save
    )
    store.close()


def run_with_keys(drill: Drill, keys: str) -> str:
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text(keys)
        return PhaseScreen(drill).run()


def test_typed_notes_are_kept_and_ctrl_n_moves_on(drill) -> None:
    result = run_with_keys(drill, "S3 has 60% share\rmarket $100B+\x0e")  # \x0e = Ctrl-N
    assert result == NEXT
    assert drill.record.notes == "S3 has 60% share\nmarket $100B+"


def test_ctrl_p_pauses_and_the_screen_says_paused(drill) -> None:
    drill.begin_phase()
    run_with_keys(drill, "\x10\x0e")  # Ctrl-P, then Ctrl-N
    assert drill.record.pauses == 1
    assert drill.timer is not None and drill.timer.paused
    assert "PAUSED" in clock_text(drill)


def test_ctrl_t_extends_by_five_minutes(drill) -> None:
    drill.begin_phase()
    run_with_keys(drill, "\x14\x0e")  # Ctrl-T
    assert drill.record.extended_seconds == 300
    assert clock_text(drill).startswith("20:00 left")


def test_ctrl_c_stops_and_keeps_the_notes(drill) -> None:
    result = run_with_keys(drill, "half a thought\x03")
    assert result == STOP
    assert drill.record.notes == "half a thought"


def test_the_clock_text_warns_then_counts_overtime(drill) -> None:
    drill.begin_phase()
    clock = drill.clock
    assert clock_text(drill).startswith("15:00 left")
    clock.advance(14 * 60)
    assert clock_text(drill).startswith("1:00 left")
    clock.advance(90)
    assert clock_text(drill).startswith("+0:30 over")


def test_ctrl_z_suspends_with_the_clock_held(drill) -> None:
    drill.begin_phase()
    clock = drill.clock
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text("before\x1aafter\x0e")  # Ctrl-Z, then (after fg) more typing
        screen = PhaseScreen(drill)
        screen.stop_process = lambda: clock.advance(600)  # ten minutes in the background
        screen.run()
    assert drill.record.notes == "beforeafter"  # no ^Z in the notes
    assert drill.timer is not None and drill.timer.elapsed() == 0
    assert drill.record.paused_seconds == 600 and drill.record.pauses == 0
    assert not drill.timer.paused


@pytest.mark.parametrize("key", ["\x0f", "\x18", "\x13", "\x12", "\x1d"])  # O X S R ]
def test_unbound_control_keys_do_nothing(drill, key) -> None:
    run_with_keys(drill, f"ab cd\x1b[D\x1b[D{key}X\x0e")
    assert drill.record.notes == "ab Xcd"


def test_time_up_reads_0_00_left_until_a_whole_second_is_over(drill) -> None:
    drill.begin_phase()
    drill.clock.advance(15 * 60 + 0.4)
    assert clock_text(drill).startswith("0:00 left")
    drill.clock.advance(0.6)
    assert clock_text(drill).startswith("+0:01 over")
