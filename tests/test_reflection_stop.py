"""Ctrl-C in the reflection keeps what was typed, and resume goes back to it."""

from __future__ import annotations

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from tests.conftest import new_drill

from sysdrill.session.state import REFLECTION
from sysdrill.tui import flow, prompts


def test_ctrl_c_in_a_text_prompt_carries_what_was_typed() -> None:
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text("half a thought")
        pipe.send_text("\x03")  # Ctrl-C
        with pytest.raises(prompts.Cancelled) as caught:
            prompts.text("One paragraph of reflection:")
    assert caught.value.typed == "half a thought"
    assert isinstance(caught.value, KeyboardInterrupt)  # callers that only stop still stop


def at_reflection(catalogue, store):
    drill = new_drill(catalogue, store, "object-storage")
    for _ in drill.session.phases:
        drill.begin_phase()
        drill.finish_phase()
    drill.finish_scoring()
    return drill


def test_ctrl_c_in_the_reflection_saves_it_and_resumes_there(
    catalogue, store, monkeypatch, capsys
) -> None:
    drill = at_reflection(catalogue, store)
    asked = []

    def cut_short(message, *, default="", required=False):
        asked.append(default)
        raise prompts.Cancelled("Spent too long on the metadata tier")

    monkeypatch.setattr(prompts, "text", cut_short)
    assert flow.run_session(drill, store, flow.DrillOptions(), fresh=False) == 130
    assert "Everything so far is saved" in capsys.readouterr().err
    saved = store.load(drill.session.id)
    assert saved.stage == REFLECTION
    assert saved.reflection == "Spent too long on the metadata tier"

    # Resumed, the prompt starts from what was typed, and Enter completes it.
    again = at_reflection(catalogue, store)
    again.session = saved
    monkeypatch.setattr(prompts, "text", lambda message, *, default="", required=False: default)
    monkeypatch.setattr(flow, "show_summary", lambda drill, store: None)
    monkeypatch.setattr(flow, "offer_reference", lambda drill: None)
    assert flow.run_session(again, store, flow.DrillOptions(), fresh=False) == 0
    assert store.load(drill.session.id).reflection == "Spent too long on the metadata tier"


def test_resume_names_the_reflection_stage(catalogue, isolated_home, run, monkeypatch) -> None:
    from sysdrill.cli import drill as drill_cli
    from sysdrill.history.store import HistoryStore
    from sysdrill.paths import data_dir

    with HistoryStore(data_dir() / "history.sqlite3") as store:
        drill = at_reflection(catalogue, store)
    monkeypatch.setattr(drill_cli, "require_terminal", lambda name: None, raising=False)
    monkeypatch.setattr("sysdrill.tui.flow.run_session", lambda *a, **k: 0)
    result = run("resume", drill.session.id)
    assert "at the reflection" in result.output, result.output
