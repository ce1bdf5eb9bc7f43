"""Which sessions a history command asks for, as SQL that reads only those."""

from __future__ import annotations

from dataclasses import dataclass


def like_prefix(text: str) -> str:
    """A LIKE pattern matching values that start with ``text``, taken literally."""
    escaped = text.strip().lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped + "%"


@dataclass(frozen=True)
class SessionFilter:
    """The sessions a listing keeps; every field left None keeps everything."""

    item_id: str | None = None
    status: str | None = None
    person: str | None = None
    role: str | None = None  # with person: "interviewer" or "candidate"

    def where(self) -> tuple[str, list[object]]:
        """A WHERE clause (or "") and its arguments."""
        clauses: list[str] = []
        args: list[object] = []
        if self.item_id:
            clauses.append("item_id LIKE ? ESCAPE '\\'")
            args.append(like_prefix(self.item_id))
        if self.status:
            clauses.append("status = ?")
            args.append(self.status)
        # A solo drill's person is its candidate: in a solo drill you answer.
        if self.person and self.role in (None, "interviewer"):
            side = "lower(interviewer) = lower(?)"
            if self.role is None:
                side = f"({side} OR lower(candidate) = lower(?))"
                args.append(self.person)
            clauses.append(side)
            args.append(self.person)
        elif self.person:
            clauses.append("lower(candidate) = lower(?)")
            args.append(self.person)
        return (f"WHERE {' AND '.join(clauses)}" if clauses else ""), args


# Newest first, read straight off the started_at index (which holds the rowid).
NEWEST_FIRST = "ORDER BY started_at DESC, rowid DESC"
# An export breaks ties by ID instead, the same way on every machine, so the
# same sessions make the same file wherever they are exported.
EXPORT_ORDER = "ORDER BY started_at DESC, id DESC"
