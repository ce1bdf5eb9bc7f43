"""`--editor`: each phase's notes in the user's own $EDITOR while the clock runs."""

from __future__ import annotations

import contextlib
import os
import shlex
import signal
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from sysdrill.errors import UsageError
from sysdrill.files import open_private
from sysdrill.session.drill import Drill
from sysdrill.tui.hangup import Hangup
from sysdrill.tui.phase_screen import NEXT

POLL_SECONDS = 1.0
MARK = "# sysdrill: lines starting with '# ' above this one are not kept"


def editor_command() -> list[str]:
    value = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not value:
        raise UsageError("--editor needs $EDITOR (or $VISUAL) set, for example: EDITOR=nano")
    return shlex.split(value)


def draft_path(drill: Drill) -> Path:
    from sysdrill.files import private_dir
    from sysdrill.paths import data_dir

    drafts = private_dir(data_dir() / "drafts")
    return drafts / f"{drill.session.id}-{drill.record.position + 1}.md"


def notes_from(text: str) -> str:
    if MARK in text:
        text = text.split(MARK, 1)[1]
    return text.strip("\n")


def _read_notes(path: Path) -> str:
    return notes_from(path.read_text(encoding="utf-8", errors="replace"))


def adopt_leftover_draft(drill: Drill) -> bool:
    """A draft left by an editor that never closed wins when it is newer.

    The draft is newer when it was written in or after the second of the
    session's last save: what the editor wrote after that was never saved.
    Returns True when the draft's notes were taken.
    """
    path = draft_path(drill)
    try:
        written = path.stat().st_mtime
        notes = _read_notes(path)
    except OSError:
        return False
    try:
        saved = datetime.strptime(drill.session.updated_at, "%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        return False
    if notes == drill.record.notes or written < saved.replace(tzinfo=UTC).timestamp():
        return False
    drill.set_notes(notes)
    return True


def edit_phase(drill: Drill) -> str:
    """Run the editor until it exits; notes are saved while it is open."""
    command = editor_command()
    adopt_leftover_draft(drill)
    path = draft_path(drill)
    header = "".join(f"# {p}\n" for p in drill.phase.prompts)
    fd = open_private(path, os.O_WRONLY | os.O_TRUNC)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(f"{header}{MARK}\n{drill.record.notes}")
    drill.begin_phase()
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C belongs to the editor
    try:
        try:
            process = subprocess.Popen([*command, str(path)])
        except OSError as exc:
            raise UsageError(f"cannot start the editor '{command[0]}': {exc.strerror}") from None
        try:
            while True:
                try:
                    process.wait(timeout=POLL_SECONDS)
                    break
                except subprocess.TimeoutExpired:
                    drill.set_notes(_read_notes(path))
                    drill.tick()  # reads the draft first, so a save never misses it
        except Hangup:
            with contextlib.suppress(OSError):
                process.terminate()  # the draft stays for the next resume
            raise
    finally:
        with contextlib.suppress(OSError):
            drill.set_notes(_read_notes(path))
        signal.signal(signal.SIGINT, previous)
    drill.save_now()
    path.unlink(missing_ok=True)
    return NEXT
