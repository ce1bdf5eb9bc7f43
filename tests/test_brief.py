"""What a candidate sees before the clock starts."""

from __future__ import annotations

from tests.conftest import new_drill

from sysdrill.tui import flow


def test_a_case_study_brief_does_not_quote_its_summary(catalogue, store, capsys) -> None:
    drill = new_drill(catalogue, store, "dynamodb")
    flow.show_brief(drill)
    shown = " ".join(capsys.readouterr().out.split())
    assert " ".join(drill.item.data["brief"].split())[:60] in shown
    assert " ".join(drill.item.summary.split()) not in shown


def test_a_problem_brief_has_context_and_requirements_but_no_answers(
    catalogue, store, capsys
) -> None:
    flow.show_brief(new_drill(catalogue, store, "object-storage"))
    shown = capsys.readouterr().out
    assert "Context" in shown and "Requirements" in shown and "Tips" in shown
    assert "Reed-Solomon" not in shown and "Key points" not in shown
