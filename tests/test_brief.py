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


def flat(text: str) -> str:
    return " ".join(text.split())


def test_a_case_study_brief_gives_the_case_own_guidance_for_its_level(
    catalogue, store, capsys
) -> None:
    drill = new_drill(catalogue, store, "dynamodb")  # an L7 case study
    flow.show_brief(drill)
    shown = flat(capsys.readouterr().out)
    data = drill.item.data
    assert "Tips for L7 from this case" in shown
    for tip in data["tips"]["L7"]:
        assert flat(tip) in shown
    for tip in data["tips"]["L6"]:
        assert flat(tip) not in shown
    for question in data["questions"]:
        assert (flat(question["question"]) in shown) == (question["level"] == "L7")
        if question.get("approach"):
            assert flat(question["approach"])[:50] not in shown  # the answers stay hidden
    # The rubric's general tips still come, after the case's own.
    assert shown.index("Tips for L7 from this case") < shown.index("More tips, from the rubric")


def test_an_l6_case_study_brief_gives_the_l6_guidance(catalogue, store, capsys) -> None:
    drill = new_drill(catalogue, store, "uber-dispatch")
    assert drill.item.level == "L6"
    flow.show_brief(drill)
    shown = flat(capsys.readouterr().out)
    assert "Tips for L6 from this case" in shown and "Tips for L7" not in shown
    assert flat(drill.item.data["tips"]["L6"][0]) in shown


def test_show_gives_the_level_guidance_once(run, catalogue) -> None:
    tip = flat(catalogue.load_item(catalogue.find("dynamodb")).data["tips"]["L7"][0])
    brief = run("show", "dynamodb")
    assert brief.exit_code == 0, brief.output
    assert flat(brief.stdout).count(tip) == 1
    assert "Tips for L7 from this case" in brief.stdout
    full = run("show", "dynamodb", "--reference")
    assert flat(full.stdout).count(tip) == 1  # in the reference's tips, not twice
    import json

    data = json.loads(run("show", "dynamodb", "--json").stdout)
    assert flat(data["level_guidance"]["tips"][0]) == tip
    assert all(isinstance(q, str) for q in data["level_guidance"]["questions"])  # no answers
