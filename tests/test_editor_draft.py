"""`--editor` resume: lines the editor wrote and nobody saved are never lost."""

from __future__ import annotations

import os
from datetime import UTC, datetime

from tests.conftest import new_drill

from sysdrill.tui.editor import MARK, draft_path, edit_phase


def leave_draft(drill, notes: str, seconds_after_save: float):
    """A draft file as the editor left it, written this long after the last save."""
    path = draft_path(drill)
    path.write_text(f"# a prompt\n{MARK}\n{notes}", encoding="utf-8")
    saved_at = datetime.strptime(drill.session.updated_at, "%Y-%m-%dT%H:%M:%SZ")
    written = saved_at.replace(tzinfo=UTC).timestamp() + seconds_after_save
    os.utime(path, (written, written))
    return path


def test_a_leftover_draft_newer_than_the_saved_notes_wins(catalogue, store, monkeypatch) -> None:
    monkeypatch.setenv("EDITOR", "true")  # an editor that changes nothing and exits
    drill = new_drill(catalogue, store, "object-storage")
    drill.begin_phase()
    drill.set_notes("line one")
    drill.save_now()
    # The editor wrote two more lines, then the drill was killed before saving them.
    leave_draft(drill, "line one\nline two\nline three", seconds_after_save=1.5)
    drill.timer = None
    edit_phase(drill)
    saved = store.load(drill.session.id)
    assert saved.phases[0].notes == "line one\nline two\nline three"


def test_a_draft_older_than_the_saved_notes_does_not_win(catalogue, store, monkeypatch) -> None:
    monkeypatch.setenv("EDITOR", "true")
    drill = new_drill(catalogue, store, "object-storage")
    drill.begin_phase()
    drill.set_notes("typed later, in the phase screen")
    drill.save_now()
    leave_draft(drill, "an old draft", seconds_after_save=-120)
    drill.timer = None
    edit_phase(drill)
    assert store.load(drill.session.id).phases[0].notes == "typed later, in the phase screen"
