"""A resumed session whose stored phases no longer match its item's phases.

The item may have been edited (a phase renamed, removed or added) since the
session started, or the session may come from an export of another version
of the item. Phases are matched by their IDs; a stored phase the item no
longer has takes the ID and title of the item's phase at its position, and
the notes written in it are moved to the first phase under a marker line,
so they stay visible and never pass for notes of a different phase.
"""

from __future__ import annotations

from sysdrill.content.model import Item
from sysdrill.session.state import DrillSession


def marker(phase_id: str, title: str) -> str:
    return f"--- notes from the phase '{title}' ({phase_id}), no longer in this item ---"


def realign_phases(session: DrillSession, item: Item) -> str | None:
    """Match ``session``'s phases to ``item``'s by ID; what changed, in one line, or None."""
    known = {phase.id for phase in item.phases}
    unmatched = [r for r in session.phases if r.phase_id not in known]
    if not unmatched or not item.phases:
        return None
    first = session.phases[0]
    moved = []
    for record in unmatched:
        old_id, old_title = record.phase_id, record.title
        replacement = item.phases[min(record.position, len(item.phases) - 1)]
        record.phase_id, record.title = replacement.id, replacement.title
        if record is not first and record.notes.strip():
            block = f"{marker(old_id, old_title)}\n{record.notes.rstrip()}"
            first.notes = f"{first.notes.rstrip()}\n\n{block}" if first.notes.strip() else block
            record.notes = ""
            record.evidence = {}
            moved.append(old_title)
    names = ", ".join(f"'{r}'" for r in moved)
    where = f"; the notes of {names} are kept at the end of the first phase" if moved else ""
    count = (
        "1 of this session's phases is"
        if len(unmatched) == 1
        else (f"{len(unmatched)} of this session's phases are")
    )
    return f"{count} no longer in {item.id}: the item's phases take their places{where}"
