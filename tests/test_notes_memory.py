"""The notes box stays flat in memory however much is typed or pasted."""

from __future__ import annotations

import tracemalloc

from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from tests.conftest import new_drill

from sysdrill.tui.phase_screen import PhaseScreen

MB = 1024 * 1024


def held_after_typing(drill, keys: str, chunk: int) -> int:
    """Memory still held once the screen has taken ``keys`` (and before it closes)."""
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        screen = PhaseScreen(drill)
        for start in range(0, len(keys), chunk):
            pipe.send_text(keys[start : start + chunk])
        pipe.send_text("\x0e")  # Ctrl-N
        tracemalloc.start()
        try:
            screen.run()
            held, _peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        del screen
    return held


def test_a_thousand_keystrokes_into_long_notes_hold_no_copies(catalogue, store) -> None:
    drill = new_drill(catalogue, store, "object-storage")
    drill.record.notes = "consistent hashing and replication, read repair\n" * 2100  # 100 KB
    keys = "".join("abcdefghij"[n % 10] for n in range(300))
    held = held_after_typing(drill, keys, chunk=50)
    assert drill.record.notes.endswith(keys)
    assert held < 10 * MB  # one copy per keystroke would be 30 MB


def test_a_paste_without_bracketed_paste_stays_flat(catalogue, store) -> None:
    drill = new_drill(catalogue, store, "object-storage")
    pasted = "".join(f"pasted line {n} of the design doc\n" for n in range(400))  # 11 KB
    held = held_after_typing(drill, pasted, chunk=4096)
    assert drill.record.notes == pasted
    assert held < 10 * MB  # a copy per character would be 60 MB


def test_undo_still_takes_back_what_was_typed_into_long_notes(catalogue, store) -> None:
    drill = new_drill(catalogue, store, "object-storage")
    written = "consistent hashing and replication, read repair\n" * 2100  # 100 KB
    drill.record.notes = written
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        screen = PhaseScreen(drill)
        for key in "quorum reads ":
            pipe.send_text(key)
        pipe.send_text("\x1f")  # Ctrl-_ (undo)
        pipe.send_text("\x0e")  # Ctrl-N
        screen.run()
    assert drill.record.notes.startswith(written)
    assert drill.record.notes != written + "quorum reads "
