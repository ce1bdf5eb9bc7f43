"""Notes typed before the clock starts are kept as the first phase's first line."""

from __future__ import annotations

from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from tests.conftest import new_drill

from sysdrill.tui import flow, prompts


def test_wait_for_enter_returns_what_was_typed() -> None:
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text("- 10T req/day ~ 116M/s\r")
        assert prompts.wait_for_enter("Press Enter to start the clock") == "- 10T req/day ~ 116M/s"


def start_with(catalogue, store, monkeypatch, typed):
    drill = new_drill(catalogue, store, "dynamodb")
    seen = []

    def phases(drill, options, store):
        seen.append(drill.record.notes)
        return flow.STOP

    monkeypatch.setattr(flow, "show_brief", lambda drill: None)
    monkeypatch.setattr(prompts, "wait_for_enter", lambda message: typed)
    monkeypatch.setattr(flow, "run_phases", phases)
    assert flow.run_session(drill, store, flow.DrillOptions(), fresh=True) == 130
    return seen, store.load(drill.session.id)


def test_a_line_typed_before_the_clock_starts_opens_the_first_phase(
    catalogue, store, monkeypatch
) -> None:
    seen, saved = start_with(catalogue, store, monkeypatch, "  - 10T req/day ~ 116M/s ")
    assert seen == ["- 10T req/day ~ 116M/s\n"]
    assert saved.phases[0].notes == "- 10T req/day ~ 116M/s\n"


def test_plain_enter_starts_with_empty_notes(catalogue, store, monkeypatch) -> None:
    seen, saved = start_with(catalogue, store, monkeypatch, "")
    assert seen == [""]
    assert saved.phases[0].notes == ""
