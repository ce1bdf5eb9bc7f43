"""The questions sysdrill asks, driven through prompt_toolkit's pipe input."""

from __future__ import annotations

from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from sysdrill.tui import prompts


def answer(keys: str, ask):  # type: ignore[no-untyped-def]
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        pipe.send_text(keys)
        return ask()


def test_a_refused_score_is_cleared_before_the_next_one() -> None:
    assert answer("6\r3\r", lambda: prompts.score("Score:")) == 3  # not 63
    assert answer("\r4\r", lambda: prompts.score("Score:")) == 4
    assert answer("x5\r2\r", lambda: prompts.score("Score:")) == 2


def test_a_dimension_number_or_enter_at_the_review() -> None:
    assert answer("\r", lambda: prompts.pick_number("Change?", 5)) is None
    assert answer("7\r2\r", lambda: prompts.pick_number("Change?", 5)) == 2


def test_one_key_answers_a_yes_no_question() -> None:
    assert answer("y", lambda: prompts.confirm("Sure?")) is True
    assert answer("n", lambda: prompts.confirm("Sure?", default=True)) is False
    assert answer("\r", lambda: prompts.confirm("Sure?", default=True)) is True


def test_changing_an_earlier_score_before_they_are_final(
    catalogue, store, capsys, monkeypatch
) -> None:
    from tests.conftest import new_drill

    from sysdrill.tui import flow

    drill = new_drill(catalogue, store, "object-storage")
    scores = iter([3, 4, 3, 2, 5, 1])
    picks = iter([2, None])  # change the second dimension, then confirm
    monkeypatch.setattr(prompts, "score", lambda message: next(scores))
    monkeypatch.setattr(prompts, "pick_number", lambda message, count: next(picks))
    flow.score_all(drill)
    given = [(s.dimension_id, s.score) for s in drill.session.scores_by("self")]
    assert given == list(zip([d.id for d in drill.rubric.dimensions], [3, 1, 3, 2, 5], strict=True))
    out = capsys.readouterr().out
    assert "Scores so far" in out and "2. " in out
