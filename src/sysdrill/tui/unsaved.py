"""What the user is told when the history cannot be written, and where the notes went."""

from __future__ import annotations

import contextlib
import sys

from sysdrill.session.drill import Drill


def say(text: str) -> None:
    """Write to stderr; a terminal that has gone away is not an error."""
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.write(text)
        sys.stderr.flush()


def keep_unsaved(drill: Drill) -> str | None:
    """When the last write failed: try once more, else write a recovery file.

    Returns what to tell the user, or None when the history has it all.
    """
    if drill.autosave.failure is None or drill.save_now():
        return None
    from sysdrill.paths import recovery_dirs
    from sysdrill.session.recovery import RecoveryError, write_recovery

    failure = drill.autosave.failure
    assert failure is not None
    try:
        path = write_recovery(drill.session, recovery_dirs())
    except RecoveryError as exc:
        notes = "\n\n".join(
            f"## {p.title}\n{p.notes}" for p in drill.session.phases if p.notes.strip()
        )
        return (
            f"The history could not be written ({failure.reason}), nor a recovery file"
            f" ({exc}). Your notes follow; copy them somewhere safe.\n\n{notes}"
        )
    return (
        f"The history could not be written ({failure.reason}); everything so far is in"
        f" {path}. `sysdrill resume {drill.session.id}` puts it back once the history can be"
        " written."
    )


def warn_if_failing(drill: Drill) -> None:
    """Between prompts (scoring): one line when a write has just failed."""
    failure = drill.autosave.failure
    if failure is not None and failure.attempts == 1:
        say(f"sysdrill: the last save failed ({failure.reason}); it is tried again at each step\n")
