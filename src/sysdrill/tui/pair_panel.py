"""Pair mode's side of the phase screen: probes, curveballs and the checklist."""

from __future__ import annotations

import random
import textwrap

from prompt_toolkit.formatted_text import StyleAndTextTuples
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent

from sysdrill.session.drill import Drill
from sysdrill.session.pair import next_curveball, probe_order, reserved_probes, toggle_tick
from sysdrill.tui.phase_screen import SidePanel, side_width

PANEL_WIDTH = 46
CHECK_KEYS = "1234567890"  # Alt-1 .. Alt-9, Alt-0 for the tenth


Row = StyleAndTextTuples  # one screen row, without its newline
SCROLL_STEP = 3


def _wrapped(prefix: str, text: str, width: int, style: str = "") -> list[Row]:
    lines = textwrap.wrap(text, max(10, width - len(prefix))) or [""]
    rows: list[Row] = [[("class:dim", prefix), (style, lines[0])]]
    rows += [[("", " " * len(prefix)), (style, rest)] for rest in lines[1:]]
    return rows


class PairPanel:
    def __init__(self, drill: Drill, used_before: dict[str, int]) -> None:
        self.drill = drill
        self.used_before = used_before
        # Seeded by session and phase: a resumed phase shows the same order.
        seed = f"{drill.session.id}:{drill.record.position}"
        self.rng = random.Random(seed)
        # A probe already asked as a curveball in an earlier phase is not asked again.
        asked = {c for record in drill.session.phases for c in record.curveballs}
        self.probes = [p for p in probe_order(drill.phase, self.rng) if p not in asked]
        self.message = ""
        self.top = 0  # the first row of the scrolled part shown
        self.follow_latest = False

    def _size(self) -> tuple[int, int]:
        from prompt_toolkit.application.current import get_app

        size = get_app().output.get_size()
        width = side_width(PANEL_WIDTH, size.columns) - 1
        banner = 1 if self.drill.autosave.failure is not None else 0
        return width, max(4, size.rows - 4 - banner)  # header, rule, footer

    def _checklist(self, width: int) -> list[Row]:
        record, phase = self.drill.record, self.drill.phase
        rows: list[Row] = [
            [("class:title", f" Checklist ({len(record.ticked)}/{len(phase.key_points)})")]
        ]
        for n, point in enumerate(phase.key_points):
            ticked = point.concept in record.ticked
            mark = "[x]" if ticked else "[ ]"
            key = CHECK_KEYS[n] if n < len(CHECK_KEYS) else " "
            style = "class:checked" if ticked else ""
            rows += _wrapped(f" {key} {mark} ", point.concept, width, style)
        return rows

    def _rest(self, width: int) -> tuple[list[Row], tuple[int, int] | None]:
        """Probes, then curveballs (numbered, the newest last); where the newest is."""
        rows: list[Row] = [[], [("class:title", " Probes to ask")]]
        for probe in self.probes:
            rows += _wrapped(" • ", probe, width)
        latest = None
        curveballs = self.drill.record.curveballs
        if curveballs:
            rows += [[], [("class:title", f" Curveballs ({len(curveballs)})")]]
            for n, probe in enumerate(curveballs, 1):
                start = len(rows)
                rows += _wrapped(f" ★{n} ", probe, width, "class:clock.warn")
                latest = (start, len(rows))
        if self.message:
            rows.append([("class:dim", f" {self.message}")])
            if latest:
                latest = (latest[0], len(rows))
        return rows, latest

    def lines(self) -> StyleAndTextTuples:
        """The panel, fitted to the screen's height.

        The checklist stays in view when it leaves room; the probes and
        curveballs below it scroll (Alt-Up, Alt-Down), and a new curveball
        scrolls into view whole.
        """
        width, height = self._size()
        pinned = self._checklist(width)
        rest, latest = self._rest(width)
        if len(pinned) + 6 > height:  # a tall checklist scrolls with the rest
            rest = pinned + rest
            latest = (latest[0] + len(pinned), latest[1] + len(pinned)) if latest else None
            pinned = []
        room = height - len(pinned)
        shown = rest
        footer: list[Row] = []
        if len(rest) > room:
            room -= 1  # a row to say what is above and below
            if self.follow_latest and latest:
                start, end = latest
                self.top = start if end - start > room else max(0, end - room)
            self.top = max(0, min(self.top, len(rest) - room))
            shown = rest[self.top : self.top + room]
            above, below = self.top, len(rest) - self.top - room
            footer = [[("class:dim", f" ↑{above} ↓{below} more: Alt-Up/Alt-Down")]]
        self.follow_latest = False
        out: StyleAndTextTuples = []
        for row in [*pinned, *shown, *footer]:
            out += [*row, ("", "\n")]
        return out

    def bindings(self) -> KeyBindings:
        kb = KeyBindings()

        def make_toggle(index: int):  # type: ignore[no-untyped-def]
            def toggle(event: KeyPressEvent) -> None:
                if toggle_tick(self.drill.record, self.drill.phase, index) is not None:
                    self.drill.autosave.changed(self.drill.record.position)
                event.app.invalidate()

            return toggle

        for index, key in enumerate(CHECK_KEYS):
            kb.add("escape", key, eager=True)(make_toggle(index))

        @kb.add("c-b", eager=True)
        def _curveball(event: KeyPressEvent) -> None:
            record = self.drill.record
            probe = next_curveball(
                self.drill.item,
                self.drill.phase,
                session=self.drill.session,
                used_before=self.used_before,
                rng=self.rng,
            )
            if probe is None:
                kept = reserved_probes(self.drill.session, self.drill.item)
                self.message = (
                    "No more curveballs now: the rest are kept for the phases to come."
                    if kept
                    else "No more curveballs for this item."
                )
            else:
                record.curveballs.append(probe)
                self.drill.save_now(self.drill.here)
            self.follow_latest = True
            event.app.invalidate()

        @kb.add("escape", "up", eager=True)
        def _scroll_up(event: KeyPressEvent) -> None:
            self.top = max(0, self.top - SCROLL_STEP)
            event.app.invalidate()

        @kb.add("escape", "down", eager=True)
        def _scroll_down(event: KeyPressEvent) -> None:
            self.top += SCROLL_STEP  # held within the rows when drawn
            event.app.invalidate()

        return kb

    def side_panel(self) -> SidePanel:
        return SidePanel(
            lines=self.lines,
            keys=[("Alt-1…0", "tick"), ("Ctrl-B", "curveball")],
            bindings=self.bindings(),
            width=PANEL_WIDTH,
        )
