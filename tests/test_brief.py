"""What a candidate sees before the clock starts."""

from __future__ import annotations

import pytest

from sysdrill.content.catalogue import builtin_roots, load_catalogue
from sysdrill.history.store import HistoryStore
from sysdrill.session.clock import ManualClock
from sysdrill.session.drill import Drill
from sysdrill.session.state import start_session
from sysdrill.tui import flow


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(builtin_roots(), index_dir=None)


@pytest.fixture
def store(tmp_path):
    with HistoryStore(tmp_path / "h.sqlite3") as s:
        yield s


def test_a_case_study_brief_does_not_quote_its_summary(catalogue, store, capsys) -> None:
    item = catalogue.load_item(catalogue.find("dynamodb"))
    rubric = catalogue.load_rubric(item.rubric_id)
    clock = ManualClock()
    drill = Drill(start_session(item, rubric, clock=clock), item, rubric, clock=clock,
                  save=store.save)  # fmt: skip
    flow.show_brief(drill)
    shown = " ".join(capsys.readouterr().out.split())
    assert " ".join(item.data["brief"].split())[:60] in shown
    assert " ".join(item.summary.split()) not in shown


def test_a_problem_brief_has_context_and_requirements_but_no_answers(
    catalogue, store, capsys
) -> None:
    item = catalogue.load_item(catalogue.find("object-storage"))
    rubric = catalogue.load_rubric(item.rubric_id)
    clock = ManualClock()
    drill = Drill(start_session(item, rubric, clock=clock), item, rubric, clock=clock,
                  save=store.save)  # fmt: skip
    flow.show_brief(drill)
    shown = capsys.readouterr().out
    assert "Context" in shown and "Requirements" in shown and "Tips" in shown
    assert "Reed-Solomon" not in shown and "Key points" not in shown
