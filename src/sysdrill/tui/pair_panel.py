"""Pair mode's side of the phase screen: probes, curveballs and the checklist."""

from __future__ import annotations

import random
import textwrap

from prompt_toolkit.formatted_text import StyleAndTextTuples
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent

from sysdrill.session.drill import Drill
from sysdrill.session.pair import next_curveball, probe_order, toggle_tick
from sysdrill.tui.phase_screen import SidePanel, side_width

PANEL_WIDTH = 46
CHECK_KEYS = "1234567890"  # Alt-1 .. Alt-9, Alt-0 for the tenth


def _wrapped(prefix: str, text: str, width: int, style: str = "") -> StyleAndTextTuples:
    lines = textwrap.wrap(text, max(10, width - len(prefix))) or [""]
    out: StyleAndTextTuples = [("class:dim", prefix), (style, lines[0] + "\n")]
    for rest in lines[1:]:
        out += [("", " " * len(prefix)), (style, rest + "\n")]
    return out


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

    def lines(self) -> StyleAndTextTuples:
        # The checklist comes first: it is used all through the phase, and a
        # long probe list must not push it off a short screen.
        from prompt_toolkit.application.current import get_app

        width = side_width(PANEL_WIDTH, get_app().output.get_size().columns) - 1
        record, phase = self.drill.record, self.drill.phase
        out: StyleAndTextTuples = [
            ("class:title", f" Checklist ({len(record.ticked)}/{len(phase.key_points)})\n")
        ]
        for n, point in enumerate(phase.key_points):
            ticked = point.concept in record.ticked
            mark = "[x]" if ticked else "[ ]"
            key = CHECK_KEYS[n] if n < len(CHECK_KEYS) else " "
            out += _wrapped(
                f" {key} {mark} ", point.concept, width, "class:checked" if ticked else ""
            )
        out.append(("class:title", "\n Probes to ask\n"))
        for probe in self.probes:
            out += _wrapped(" • ", probe, width)
        if record.curveballs:
            out.append(("class:title", "\n Curveballs\n"))
            for probe in record.curveballs:
                out += _wrapped(" ★ ", probe, width, "class:clock.warn")
        if self.message:
            out.append(("class:dim", f" {self.message}\n"))
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
                used_now=[*record.curveballs, *self.probes],
                used_before=self.used_before,
                rng=self.rng,
            )
            if probe is None:
                self.message = "No more curveballs for this item."
            else:
                record.curveballs.append(probe)
                self.drill.save_now(self.drill.here)
            event.app.invalidate()

        return kb

    def side_panel(self) -> SidePanel:
        return SidePanel(
            lines=self.lines,
            keys=[("Alt-1…0", "tick"), ("Ctrl-B", "curveball")],
            bindings=self.bindings(),
            width=PANEL_WIDTH,
        )
