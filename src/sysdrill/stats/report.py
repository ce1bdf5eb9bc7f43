"""Everything `stats` shows, gathered from the history's aggregate queries."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sysdrill.history import progress
from sysdrill.history.progress import CalibrationGap, DimensionSummary, PhasePacing, Scope
from sysdrill.stats.heatmap import Heatmap, build_heatmap, first_day
from sysdrill.stats.trends import COVERAGE_SLOPE, trend


@dataclass(frozen=True)
class CategoryCoverage:
    category: str
    drilled: int
    total: int


@dataclass(frozen=True)
class DimensionProgress:
    summary: DimensionSummary
    trend: str


@dataclass(frozen=True)
class PhaseProgress:
    pacing: PhasePacing
    coverage_trend: str


@dataclass
class Report:
    today: date
    scope: Scope
    completed: int = 0
    abandoned: int = 0
    in_progress: int = 0
    practice: int = 0
    seconds_completed: float = 0.0
    seconds_abandoned: float = 0.0
    heatmap: Heatmap | None = None
    coverage: list[CategoryCoverage] = field(default_factory=list)
    missing_items: dict[str, int] = field(default_factory=dict)
    dimensions: list[DimensionProgress] = field(default_factory=list)
    phases: list[PhaseProgress] = field(default_factory=list)
    last_phase_reached: int = 0
    drills_paced: int = 0
    calibration: list[CalibrationGap] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.completed or self.abandoned or self.in_progress)


def build_report(
    db: sqlite3.Connection,
    scope: Scope,
    catalogue: Iterable[tuple[str, str]],
    now: datetime,
) -> Report:
    """``catalogue`` is (item ID, category) for every drillable item."""
    report = Report(today=now.date(), scope=scope)
    for row in progress.totals(db, scope):
        if row.status == "completed":
            report.completed += row.sessions
            report.seconds_completed += row.seconds
            report.practice += row.sessions if row.practice else 0
        elif row.status == "abandoned":
            report.abandoned += row.sessions
            report.seconds_abandoned += row.seconds
        else:
            report.in_progress += row.sessions
    start = first_day(report.today)
    report.heatmap = build_heatmap(progress.drill_days(db, scope, start.isoformat()), report.today)
    items = progress.item_progress(db, scope)
    totals: dict[str, list[int]] = {}
    known = set()
    for item_id, category in catalogue:
        known.add(item_id)
        counts = totals.setdefault(category, [0, 0])
        counts[1] += 1
        counts[0] += item_id in items
    report.coverage = [CategoryCoverage(c, d, t) for c, (d, t) in sorted(totals.items())]
    report.missing_items = {i: p.completed for i, p in sorted(items.items()) if i not in known}
    report.dimensions = [
        DimensionProgress(d, trend(d.recent))
        for d in sorted(progress.dimensions(db, scope), key=lambda d: d.dimension)
    ]
    report.phases = [
        PhaseProgress(p, trend(p.recent_coverage, COVERAGE_SLOPE))
        for p in progress.pacing(db, scope)
    ]
    report.last_phase_reached, report.drills_paced = progress.last_phase_reached(db, scope)
    report.calibration = sorted(
        progress.calibration(db, scope), key=lambda g: (-abs(g.gap), g.dimension)
    )
    return report


def end_of_day(day: date) -> datetime:
    from datetime import UTC

    return datetime(day.year, day.month, day.day, tzinfo=UTC) + timedelta(days=1, seconds=-1)


def report_json(report: Report) -> dict[str, Any]:
    heatmap = report.heatmap
    return {
        "today": report.today.isoformat(),
        "person": report.scope.person,
        "since": report.scope.since[:10] if report.scope.since else None,
        "sessions": {
            "completed": report.completed,
            "abandoned": report.abandoned,
            "in_progress": report.in_progress,
            "practice": report.practice,
        },
        "hours": {
            "completed": round(report.seconds_completed / 3600, 2),
            "abandoned": round(report.seconds_abandoned / 3600, 2),
        },
        "drill_days": [{"date": day.isoformat(), "sessions": count} for day, count in heatmap.days]
        if heatmap
        else [],
        "coverage": [
            {"category": c.category, "drilled": c.drilled, "total": c.total}
            for c in report.coverage
        ],
        "missing_items": [
            {"item_id": item_id, "sessions": count}
            for item_id, count in report.missing_items.items()
        ],
        "dimensions": [
            {
                "dimension_id": d.summary.dimension_id,
                "dimension": d.summary.dimension,
                "average": round(d.summary.average, 2),
                "sessions": d.summary.sessions,
                "recent": list(d.summary.recent),
                "trend": d.trend,
            }
            for d in report.dimensions
        ],
        "pacing": {
            "last_phase_reached": report.last_phase_reached,
            "drills": report.drills_paced,
            "phases": [
                {
                    "title": p.pacing.title,
                    "sessions": p.pacing.sessions,
                    "average_overrun_seconds": round(p.pacing.average_over_seconds, 1),
                    "overran": p.pacing.overran,
                    "key_point_coverage": None
                    if p.pacing.coverage is None
                    else round(p.pacing.coverage, 3),
                    "recent_coverage": [round(c, 3) for c in p.pacing.recent_coverage],
                    "coverage_trend": p.coverage_trend,
                }
                for p in report.phases
            ],
        },
        "calibration": [
            {
                "dimension_id": g.dimension_id,
                "dimension": g.dimension,
                "gap": round(g.gap, 2),
                "sessions": g.sessions,
            }
            for g in report.calibration
        ],
    }
