"""Key-point coverage: the matcher lives in sysdrill.session.matching."""

from __future__ import annotations

from sysdrill.session.matching import Coverage, Evidence, cover_phase, covers, split_coverage

__all__ = ["Coverage", "Evidence", "cover_phase", "covers", "split_coverage"]
