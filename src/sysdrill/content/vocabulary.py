"""The words content is written in: kinds, levels, categories."""

from __future__ import annotations

KINDS = ("problem", "case-study")
LEVELS = ("L6", "L7")
CATEGORIES: dict[str, str] = {
    "commerce": "retail and marketplace platforms",
    "compute": "containers, serverless, multi-tenant runtimes, quantum cloud",
    "data": "analytics, data platforms, customer data",
    "databases": "databases and their consistency models",
    "infrastructure": "telecom, logistics and energy networks",
    "ml-ai": "machine-learning platforms and recommendations",
    "payments": "payment processing and money movement",
    "realtime": "dispatch, messaging and other live systems",
    "search": "search and discovery",
    "storage": "object and file storage",
    "streaming": "video streaming and content delivery",
}


def category_hint(category: str) -> str | None:
    """A warning for a pack's own category that looks like a misspelt built-in one.

    Packs may bring categories of their own; only the built-in content is
    held to the list above. A near miss ("storag") is most likely a typo.
    """
    if not category or category in CATEGORIES:
        return None
    import difflib

    close = difflib.get_close_matches(category, list(CATEGORIES), n=1, cutoff=0.75)
    if not close:
        return None
    return (
        f"category '{category}' is not a built-in one (did you mean '{close[0]}'?);"
        " kept as the pack's own"
    )


# A case study is a 30 to 45 minute drill on a real system, so at L7 it gets
# a rubric of its own rather than the one for 90-minute platform problems.
DEFAULT_RUBRIC = {
    ("problem", "L7"): "l7-strategic",
    ("problem", "L6"): "l6-engineering",
    ("case-study", "L7"): "l7-case-study",
    ("case-study", "L6"): "l6-engineering",
}


def default_rubric(kind: str, level: str) -> str:
    """The rubric an item of ``kind`` at ``level`` is scored with unless it names one."""
    return DEFAULT_RUBRIC[(kind, level)]


BUILTIN = "built-in"
