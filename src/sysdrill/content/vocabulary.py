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
DEFAULT_RUBRIC = {"L7": "l7-strategic", "L6": "l6-engineering"}
BUILTIN = "built-in"
