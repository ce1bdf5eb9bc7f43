"""Time tells the truth: whole seconds everywhere, one overrun, a drill clock that keeps falling."""

from __future__ import annotations

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console
from tests.conftest import new_drill

from sysdrill.history.transfer import session_json
from sysdrill.session.duration import format_length, split_seconds
from sysdrill.tui.phase_screen import PhaseScreen, clock_text
from sysdrill.tui.summary import time_table


def rendered(renderable, width: int = 100) -> str:
    console = Console(width=width, record=True, color_system=None)
    console.print(renderable)
    return console.export_text()


@pytest.mark.parametrize(
    ("total", "shown"), [(120, "2 min"), (600, "10 min"), (300, "5 min"), (100, "1 min 40 s")]
)
def test_a_scaled_drill_plans_whole_seconds_that_add_up(catalogue, store, total, shown) -> None:
    drill = new_drill(catalogue, store, "object-storage", scale=total / (90 * 60))
    planned = [p.planned_seconds for p in drill.session.phases]
    assert all(isinstance(p, int) for p in planned)
    assert sum(planned) == total
    assert format_length(drill.session.planned_total) == shown


def test_split_seconds_gives_the_rounding_to_the_largest_losses() -> None:
    assert split_seconds([15, 15, 20, 25, 10, 5], 120) == [20, 20, 27, 33, 13, 7]
    assert split_seconds([1, 1, 1], 2) == [1, 1, 1]  # no phase of zero seconds


def test_the_brief_says_2_min_not_a_float(catalogue, store, capsys) -> None:
    from sysdrill.tui.flow import show_brief

    drill = new_drill(catalogue, store, "object-storage", scale=120 / 5400)
    show_brief(drill)
    out = capsys.readouterr().out
    assert "· 2 min ·" in out
    assert "1.99" not in out
    assert "(0:27)" in out and "(0:33)" in out


def test_the_drill_clock_keeps_falling_while_a_phase_runs_over(catalogue, store) -> None:
    drill = new_drill(catalogue, store, "object-storage", scale=120 / 5400)  # 20 s first phase
    clock = drill.clock
    drill.begin_phase()
    clock.advance(29)
    first = clock_text(drill)
    assert first.startswith("+0:09 over") and "drill 1:31 left" in first
    clock.advance(5)
    assert "drill 1:26 left" in clock_text(drill)
    drill.finish_phase()
    drill.begin_phase()  # the overrun ate into the phases to come
    assert "drill 1:26 left" in clock_text(drill)
    clock.advance(100)
    assert clock_text(drill).endswith("drill +0:14 over")


def test_one_overrun_live_and_in_the_summary_and_json(catalogue, store) -> None:
    drill = new_drill(catalogue, store, "object-storage", scale=0.1)  # 90 s first phase
    clock = drill.clock
    drill.begin_phase()
    clock.advance(101.4)
    assert clock_text(drill).startswith("+0:11 over")
    drill.extend()  # Ctrl-T: five more minutes
    assert clock_text(drill).startswith("4:49 left")
    clock.advance(300)
    assert clock_text(drill).startswith("+0:11 over")
    drill.finish_phase()
    table = rendered(time_table(drill.session))
    row = next(line for line in table.splitlines() if "1. Strategic context" in line)
    assert "1:30" in row and "6:41" in row and "+0:11 over (extended 5:00)" in row
    phase = session_json(drill.session)["phases"][0]
    assert phase["planned_seconds"] == 90 and phase["extended_seconds"] == 300
    assert phase["actual_seconds"] == 401 and phase["overtime_seconds"] == 11


def test_an_extended_phase_within_its_time_is_not_over(catalogue, store) -> None:
    drill = new_drill(catalogue, store, "object-storage", scale=0.1)
    drill.begin_phase()
    drill.clock.advance(102)
    drill.extend()
    drill.finish_phase()
    row = rendered(time_table(drill.session)).splitlines()[1]
    assert "over" not in row and "(extended 5:00)" in row
    assert session_json(drill.session)["phases"][0]["overtime_seconds"] == 0


def test_history_show_time_and_notes_agree(catalogue, store, run, isolated_home) -> None:
    from sysdrill.history.store import open_history

    with open_history() as history:
        drill = new_drill(catalogue, history, "object-storage", scale=200 / 5400)
        drill.begin_phase()
        drill.clock.advance(32.7)
        drill.set_notes("S3 holds 60% share")
        drill.finish_phase()
        drill.stop()
    result = run("history", "show", drill.session.id)
    assert result.exit_code == 0, result.output
    assert "1. Strategic context  (0:32)" in result.stdout
    row = next(line for line in result.stdout.splitlines() if line.strip().startswith("1. Strat"))
    assert row.split()[-2:] == ["0:33", "0:32"]  # planned, then the same 0:32 as the notes


def test_while_paused_the_footer_says_how_to_resume(catalogue, store) -> None:
    drill = new_drill(catalogue, store, "object-storage")
    drill.begin_phase()
    drill.toggle_pause()
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        screen = PhaseScreen(drill)
        footer = "".join(text for _, text, *_ in screen._footer())
    assert "Ctrl-P resumes" in footer
    assert footer.count("Ctrl-P") == 1  # said once, not again among the keys
