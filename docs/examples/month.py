"""A simulated month of drilling, written through sysdrill's real history store.

    python docs/examples/month.py --home DIR
    SYSDRILL_HOME=DIR sysdrill stats --today 2026-11-30
    SYSDRILL_HOME=DIR sysdrill next --today 2026-11-30

Ana drills for four weeks in November 2026, mostly alone (`--name Ana`) and
twice a week with Ben interviewing her. Her scale architecture climbs from 2
to 5; her business acumen slides from 4 to 2; she rates her strategic vision
about a point above what Ben gives her; her deep dives run long, and early on
so does setting the scene; she covers more key points as the weeks go by; one
drill is abandoned half-way and one is a practice run. Dates are fixed, so
what `stats` and `next` print for this history as of 2026-11-30 never changes.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

TODAY = "2026-11-30"
DIMENSIONS = (
    "strategic-vision",
    "technical-innovation",
    "scale-architecture",
    "organisational-impact",
    "business-acumen",
)


@dataclass(frozen=True)
class Day:
    when: str  # UTC start, "MM-DD HH:MM" in November 2026
    item: str
    scores: tuple[int, int, int, int, int]  # one per DIMENSIONS, in order
    pair: bool = False
    overrun: int = 0  # minutes past the plan in the deep dive
    covered: float = 0.5  # share of each phase's key points in the notes
    practice: bool = False
    abandoned: bool = False


# Scale architecture (third) climbs, business acumen (last) slides.
MONTH = (
    Day("11-02 19:00", "object-storage", (3, 3, 2, 3, 4), overrun=9, covered=0.3),
    Day("11-03 19:30", "payments-platform", (3, 3, 2, 3, 4), pair=True, overrun=6, covered=0.3),
    Day("11-05 20:00", "data-mesh", (3, 3, 2, 3, 4), covered=0.4),
    Day("11-07 10:00", "media-delivery", (4, 3, 2, 3, 4), overrun=5, covered=0.4),
    Day("11-09 19:00", "object-storage", (3, 3, 3, 3, 4), pair=True, overrun=8, covered=0.4),
    Day("11-10 19:00", "ml-platform", (3, 4, 2, 3, 3), abandoned=True),
    Day("11-12 20:00", "realtime-analytics", (3, 3, 3, 3, 4), overrun=4, covered=0.5),
    Day("11-14 10:30", "payments-platform", (3, 4, 2, 4, 4), overrun=3, covered=0.5),
    Day("11-16 19:00", "data-mesh", (3, 3, 3, 3, 4), pair=True, covered=0.5),
    Day("11-18 19:30", "smart-grid", (4, 3, 3, 3, 3), covered=0.6),
    Day("11-20 20:00", "object-storage", (4, 4, 3, 4, 3), practice=True, covered=0.6),
    Day("11-21 10:00", "ecommerce-platform", (3, 3, 3, 3, 3), pair=True, overrun=5, covered=0.6),
    Day("11-23 19:00", "media-delivery", (4, 4, 4, 3, 2), overrun=1, covered=0.6),
    Day("11-25 19:30", "realtime-analytics", (3, 4, 4, 3, 2), pair=True, overrun=4, covered=0.7),
    Day("11-27 20:00", "payments-platform", (4, 4, 4, 3, 2), covered=0.7),
    Day("11-28 10:00", "smart-grid", (3, 3, 5, 3, 2), pair=True, covered=0.8),
)


def _notes(phase: object, share: float) -> str:
    points = list(phase.key_points)  # type: ignore[attr-defined]
    take = points[: round(len(points) * share)]
    return "\n".join(f"- {p.concept}: how it shapes the design" for p in take) or "- thinking aloud"


def _session_id(n: int) -> str:
    return hashlib.sha256(f"month-{n}".encode()).hexdigest()[:10]


def build(home: Path) -> int:
    os.environ["SYSDRILL_HOME"] = str(home)
    from sysdrill.content.catalogue import builtin_roots, load_catalogue
    from sysdrill.history.store import open_history
    from sysdrill.session.clock import ManualClock
    from sysdrill.session.drill import Drill
    from sysdrill.session.pair import toggle_tick
    from sysdrill.session.state import INTERVIEWER, SELF, start_session

    catalogue = load_catalogue(builtin_roots(), index_dir=None)
    with open_history() as store:
        if store.session_ids(limit=1):
            sys.stderr.write(f"month.py: {home} already has a history; give an empty directory\n")
            return 1
        for n, day in enumerate(MONTH):
            item = catalogue.load_item(catalogue.find(day.item))
            rubric = catalogue.load_rubric(item.rubric_id)
            start = datetime.strptime(f"2026-{day.when}", "%Y-%m-%d %H:%M").replace(tzinfo=UTC)
            clock = ManualClock(wall=start)
            session = start_session(
                item,
                rubric,
                clock=clock,
                mode="pair" if day.pair else "solo",
                interviewer="Ben" if day.pair else None,
                candidate="Ana",
                practice=day.practice,
            )
            session.id = _session_id(n)
            drill = Drill(session, item, rubric, clock=clock, save=store.save)
            for position, phase in enumerate(item.phases):
                if day.abandoned and position == 3:
                    drill.stop()
                    store.mark_abandoned(session.id, "2026-11-10T20:10:00Z")
                    break
                drill.begin_phase()
                drill.set_notes(_notes(phase, day.covered))
                if day.pair:  # Ben ticks the key points Ana covers
                    for index in range(round(len(phase.key_points) * day.covered)):
                        toggle_tick(drill.record, phase, index)
                # Deep dives run long; early on, so does setting the scene.
                over = -30.0
                if phase.id == "deep-dive":
                    over = day.overrun * 60.0
                elif phase.id == "strategic-context" and day.covered < 0.5:
                    over = 150.0
                clock.advance(phase.minutes * 60 + over)
                drill.finish_phase()
            if day.abandoned:
                continue
            by_id = {d.id: d for d in rubric.dimensions}
            for dimension_id, score in zip(DIMENSIONS, day.scores, strict=True):
                if day.pair:
                    drill.record_score(by_id[dimension_id], score, INTERVIEWER)
                    # Ana sees her strategic vision a point above where Ben puts it.
                    own = min(5, score + 1) if dimension_id == "strategic-vision" else score
                    drill.record_score(by_id[dimension_id], own, SELF)
                else:
                    drill.record_score(by_id[dimension_id], score, SELF)
            drill.finish_scoring()
            drill.complete("Went long in the deep dive again." if day.overrun > 5 else "")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--home", type=Path, required=True, help="an empty SYSDRILL_HOME")
    args = parser.parse_args()
    args.home.mkdir(parents=True, exist_ok=True)
    return build(args.home)


if __name__ == "__main__":
    sys.exit(main())
