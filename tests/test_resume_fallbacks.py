"""A session whose rubric is gone still resumes: with its item's rubric, said in one line."""

from __future__ import annotations

import pytest

from sysdrill.cli.drill import rubric_for
from sysdrill.errors import NotFoundError
from sysdrill.session.clock import ManualClock
from sysdrill.session.state import start_session


def session_of(catalogue, item_id: str = "object-storage"):
    item = catalogue.load_item(catalogue.find(item_id))
    rubric = catalogue.load_rubric(item.rubric_id)
    return item, start_session(item, rubric, clock=ManualClock())


def test_the_sessions_own_rubric_is_used_when_it_is_there(catalogue, capsys) -> None:
    item, session = session_of(catalogue)
    assert rubric_for(catalogue, session, item).id == item.rubric_id
    assert capsys.readouterr().err == ""


def test_a_missing_rubric_falls_back_to_the_items_and_says_so(catalogue, capsys) -> None:
    item, session = session_of(catalogue)
    notes = "partition by bucket"
    session.phases[0].notes = notes
    session.rubric_id = "no-such-rubric"
    rubric = rubric_for(catalogue, session, item)
    assert rubric.id == item.rubric_id == session.rubric_id
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1
    assert "no-such-rubric" in err and item.rubric_id in err
    assert session.phases[0].notes == notes


def test_when_the_items_rubric_is_the_missing_one_it_is_an_error(catalogue) -> None:
    import dataclasses

    item, session = session_of(catalogue)
    item = dataclasses.replace(item, rubric_id="no-such-rubric")
    session.rubric_id = "no-such-rubric"
    with pytest.raises(NotFoundError):
        rubric_for(catalogue, session, item)


# -- phases that no longer match the item's -------------------------------------


def test_matching_phases_are_left_alone(catalogue) -> None:
    from sysdrill.session.realign import realign_phases

    item, session = session_of(catalogue)
    session.phases[1].notes = "eleven nines"
    assert realign_phases(session, item) is None
    assert session.phases[1].notes == "eleven nines"


def test_a_phase_the_item_no_longer_has_keeps_its_notes_visible(catalogue) -> None:
    from sysdrill.session.drill import Drill
    from sysdrill.session.realign import realign_phases

    item, session = session_of(catalogue)
    session.phases[0].notes = "first phase notes"
    gone = session.phases[1]
    gone.phase_id, gone.title, gone.notes = "old-phase", "Old Phase", "notes of the old phase"
    said = realign_phases(session, item)
    assert said is not None and "'Old Phase'" in said and "first phase" in said
    first = session.phases[0].notes
    assert first.startswith("first phase notes")
    assert "'Old Phase' (old-phase)" in first and first.endswith("notes of the old phase")
    # the record now is the item's phase at its place, and shows as that phase
    assert gone.phase_id == item.phases[1].id and gone.notes == ""
    drill = Drill(session, item, catalogue.load_rubric(item.rubric_id),
                  clock=ManualClock(), save=lambda *_: None)  # fmt: skip
    assert drill.phase_for(gone).id == gone.phase_id
    # every phase ID is the item's now: resuming again changes nothing
    assert realign_phases(session, item) is None
    assert all(r.phase_id in {p.id for p in item.phases} for r in session.phases)
