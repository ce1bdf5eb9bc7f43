"""The live phase screen: a countdown, the prompts, and notes typed while it runs.

A prompt_toolkit application. A background task wakes four times a second
to check the deadline and save, and asks for a redraw only when the
displayed clock changes, so an idle phase costs almost no CPU.
"""

from __future__ import annotations

import asyncio
import functools
import signal
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from prompt_toolkit.application import Application
from prompt_toolkit.formatted_text import StyleAndTextTuples, fragment_list_width
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent
from prompt_toolkit.layout import HSplit, Layout, VSplit, Window
from prompt_toolkit.layout.controls import FormattedTextControl
from prompt_toolkit.layout.dimension import Dimension
from prompt_toolkit.styles import Style
from prompt_toolkit.widgets import TextArea

from sysdrill.session.drill import Drill
from sysdrill.session.duration import format_clock, format_countdown
from sysdrill.session.probes import insert_marker, open_probe, typing_allows
from sysdrill.tui.hangup import Hangup
from sysdrill.tui.wordwrap import WordWrap

MAX_SLEEP_SECONDS = 1.0

NEXT, STOP, HANGUP = "next", "stop", "hangup"

STYLE = Style.from_dict(
    {
        "title": "bold",
        "dim": "#888888",
        "phase": "bold",
        "clock": "bold",
        "clock.warn": "bold #d7af00",
        "clock.over": "bold #ff5f5f",
        "paused": "reverse bold",
        "prompt.bullet": "#888888",
        "key": "bold",
        "checked": "#5faf5f",
        "probe": "",
        "probe.banner": "bold",
        "probe.label": "reverse bold",
        "frame.label": "bold",
        "save.failed": "reverse bold #ff5f5f",
    }
)

KEYS_SOLO = [
    ("Ctrl-N", "next phase"),
    ("Ctrl-P", "pause"),
    ("Ctrl-T", "+5 min"),
    ("Ctrl-C", "stop"),
]


@dataclass
class SidePanel:
    """Extra material beside the notes (the interviewer's probes and checklist)."""

    lines: Callable[[], StyleAndTextTuples]
    keys: list[tuple[str, str]] = field(default_factory=list)
    bindings: KeyBindings | None = None
    width: int = 48


# The key that puts a solo probe away (it stays in the "asked" strip).
DISMISS_KEY = ("Ctrl-D", "done with probe")
# A probe on screen takes at most this many lines.
PROBE_LINES = 3

# Control keys with no meaning in the notes area.
UNUSED_KEYS = ("c-o", "c-x", "c-s", "c-]", "c-@", "c-\\", "c-^", "c-g")


def _ignore(event: KeyPressEvent) -> None:
    """Swallow a key."""


def stop_this_process() -> None:
    """Stop the program as a shell's job control does; returns once `fg` continues it."""
    import os

    if hasattr(signal, "SIGTSTP"):
        os.kill(0, signal.SIGTSTP)


def side_width(preferred: int, columns: int) -> int:
    """A side panel's width: its own, but never more than 40% of the screen."""
    return max(24, min(preferred, int(columns * 0.4)))


def clock_fragments(drill: Drill) -> StyleAndTextTuples:
    timer = drill.timer
    assert timer is not None
    remaining = timer.remaining()
    if remaining <= -1:
        phase = [("class:clock.over", f"+{format_clock(-remaining)} over")]
    elif remaining <= 0:  # time is up, not yet a whole second over
        phase = [("class:clock.over", "0:00 left")]
    elif remaining <= timer.warn_threshold:
        phase = [("class:clock.warn", f"{format_countdown(remaining)} left")]
    else:
        phase = [("class:clock", f"{format_countdown(remaining)} left")]
    total = drill.total_remaining()
    if total > 0:
        overall: StyleAndTextTuples = [("class:dim", f"  ·  drill {format_countdown(total)} left")]
    elif total > -1:
        overall = [("class:dim", "  ·  "), ("class:clock.over", "drill 0:00 left")]
    else:
        overall = [
            ("class:dim", "  ·  "),
            ("class:clock.over", f"drill +{format_clock(-total)} over"),
        ]
    fragments: StyleAndTextTuples = [*phase, *overall]
    if timer.paused:
        fragments = [("class:paused", " PAUSED "), ("", "  "), *fragments]
    return fragments


def save_status_fragments(drill: Drill) -> StyleAndTextTuples:
    """A banner while writes to the history fail; nothing when all is well."""
    failure = drill.autosave.failure
    if failure is None:
        return []
    unsaved = format_clock(drill.clock.monotonic() - failure.since)
    return [
        (
            "class:save.failed",
            f" Last save failed: {failure.reason}. Retrying; keep typing ({unsaved} unsaved) ",
        )
    ]


def save_status_text(drill: Drill) -> str:
    return "".join(text for _, text, *_ in save_status_fragments(drill))


def clock_text(drill: Drill) -> str:
    return "".join(text for _, text, *_ in clock_fragments(drill))


# The footer's words when the full ones do not fit.
SHORT_LABELS = {
    "next phase": "next",
    "+5 min": "+5m",
    "all prompts": "prompts",
    "fewer prompts": "prompts",
    "done with probe": "done",
}


# What stays in the footer of a very narrow screen.
ESSENTIAL_KEYS = ("Ctrl-D", "Ctrl-N", "Ctrl-P", "Ctrl-C", "Alt-1…0", "Ctrl-B")


def fit(variants: list[StyleAndTextTuples], width: int) -> StyleAndTextTuples:
    """The first variant that fits ``width`` (they go from most to least detail)."""
    for variant in variants:
        if fragment_list_width(variant) <= width:
            return variant
    return variants[-1]


def shorten(text: str, width: int) -> str:
    """``text`` cut at a word boundary, with …, to fit ``width``."""
    if len(text) <= width:
        return text
    words, kept = text.split(), ""
    for word in words:
        candidate = f"{kept} {word}".strip()
        if len(candidate) + 1 > width:
            break
        kept = candidate
    return f"{kept}…" if kept else text[: max(1, width - 1)] + "…"


def phase_clock_end(clock: StyleAndTextTuples) -> int:
    """How many of the clock's fragments are the phase clock (and PAUSED), not the drill's."""
    for n, (_, text, *_) in enumerate(clock):
        if "drill" in text or text == "  ·  ":
            return n
    return len(clock)


def keys_fragments(keys: list[tuple[str, str]], gap: str = "  ·  ") -> StyleAndTextTuples:
    out: StyleAndTextTuples = []
    for n, (key, label) in enumerate(keys):
        if n:
            out.append(("class:dim", gap))
        out += [("class:key", key), ("", f" {label}")]
    return out


# The notes box's undo history: prompt_toolkit keeps the whole text per
# keystroke, so memory would grow with the square of what is typed or pasted.
UNDO_STEPS = 100
UNDO_CHARS = 1_000_000


def bound_undo(buffer: Any) -> None:
    """Keep at most ``UNDO_STEPS`` undo states and about ``UNDO_CHARS`` of text in them."""
    save = buffer.save_to_undo_stack

    def bounded(clear_redo_stack: bool = True) -> None:
        save(clear_redo_stack)
        stack = buffer._undo_stack
        if len(stack) > UNDO_STEPS:
            del stack[: len(stack) - UNDO_STEPS]
        held = sum(len(text) for text, _ in stack)
        while len(stack) > 1 and held > UNDO_CHARS:
            held -= len(stack.pop(0)[0])

    buffer.save_to_undo_stack = bounded


def hold_few_copies(area: TextArea) -> None:
    """Keep only the current copy of the notes' lines, not the last few dozen.

    Every keystroke makes a new prompt_toolkit Document, and drawing it splits
    the whole text into lines (about 3 times the text's size). The buffer keeps
    its last ten Documents, the window its last eight drawings and the lexer
    eight more, each holding such a split: with 200 KB of notes that is about
    7 MB kept alive only to be thrown away. None of them is used again once
    the text has changed, so one of each (two drawings: one redraw asks for
    two sizes) is all that is kept.
    """
    from prompt_toolkit.cache import FastDictCache, SimpleCache
    from prompt_toolkit.document import Document

    area.buffer._document_cache = FastDictCache(Document, size=1)
    area.window._ui_content_cache = SimpleCache(maxsize=2)
    area.control._fragment_cache = SimpleCache(maxsize=1)


# A run of this many plain characters in one read is a paste, not typing.
PASTE_RUN = 16


def _plain(press: Any) -> bool:
    from prompt_toolkit.keys import Keys

    if press.key in (Keys.ControlM, Keys.ControlJ, Keys.ControlI):
        return True  # Enter and Tab, as a paste brings them
    return len(press.data) == 1 and press.key == press.data and press.data.isprintable()


def as_pastes(presses: list[Any]) -> list[Any]:
    """Runs of plain characters become one paste, as a bracketed paste would.

    A terminal without bracketed paste sends a paste as one key press per
    character; prompt_toolkit then handles each on its own (the whole
    text copied per character). Typing arrives a few keys at a time and
    is left alone.
    """
    from prompt_toolkit.key_binding import KeyPress
    from prompt_toolkit.keys import Keys

    out: list[Any] = []
    run: list[Any] = []

    def flush() -> None:
        if len(run) >= PASTE_RUN:
            out.append(KeyPress(Keys.BracketedPaste, "".join(p.data for p in run)))
        else:
            out.extend(run)
        run.clear()

    for press in presses:
        if _plain(press):
            run.append(press)
        else:
            flush()
            out.append(press)
    flush()
    return out


class PhaseScreen:
    def __init__(
        self,
        drill: Drill,
        *,
        auto_advance: bool = False,
        side: SidePanel | None = None,
        heading: str = "",
        plain: bool = False,
        app_input: Any = None,
        app_output: Any = None,
    ) -> None:
        self.drill = drill
        self.auto_advance = auto_advance
        self.plain = plain
        self._last_minute: int | None = None
        self._save_failing = False
        self.side = side
        self.heading = heading
        self.stop_process: Callable[[], None] = stop_this_process
        self.prompts_open = False
        self._shown = ""
        self.notes = TextArea(
            text=drill.record.notes,
            multiline=True,
            wrap_lines=True,
            scrollbar=not plain,
            focus_on_click=True,
            input_processors=[WordWrap()],
        )
        self.notes.buffer.cursor_position = len(drill.record.notes)
        bound_undo(self.notes.buffer)
        hold_few_copies(self.notes)
        self.notes.buffer.on_text_changed += lambda _: self._typed()
        self._last_key_at = drill.clock.monotonic()
        self._inserting = False
        layout = self._plain_layout() if plain else self._layout()
        self.app: Application[str] = Application(
            layout=Layout(layout, focused_element=self.notes),
            key_bindings=self._bindings(),
            style=STYLE,
            full_screen=not plain,
            terminal_size_polling_interval=None,  # SIGWINCH tells us; polling costs CPU
            mouse_support=False,
            input=app_input,
            output=app_output,
        )

    # -- layout ------------------------------------------------------------------

    def _header(self) -> StyleAndTextTuples:
        """Two lines that fit the width: detail is dropped, never cut mid-word.

        First the planned length goes, then the drill clock's words, then the
        phase title (shortened at a word, then dropped); the phase clock stays.
        """
        drill = self.drill
        width = self._columns()
        number, count = drill.record.position + 1, len(drill.session.phases)
        title = drill.item.title
        first: StyleAndTextTuples = [("class:title", f" {title}")]
        if self.heading:
            first = fit([[*first, ("class:dim", f"  ·  {self.heading}")], first], width)
        if fragment_list_width(first) > width:
            first = [("class:title", " " + shorten(title, width - 1))]
        clock = clock_fragments(drill)
        phase = f"Phase {number}/{count}"
        planned = ("class:dim", f"  ({format_clock(drill.record.allowed_seconds)} planned)")
        variants: list[StyleAndTextTuples] = []
        for drill_clock in (clock, clock[: phase_clock_end(clock)]):
            head: StyleAndTextTuples = [("", " "), *drill_clock, ("", "   ")]
            named = f"{phase}: {drill.phase.title}"
            variants += [
                [*head, ("class:phase", named), planned],
                [*head, ("class:phase", named)],
            ]
            room = width - fragment_list_width(head) - len(phase) - 2
            if room >= 8:
                short = shorten(drill.phase.title, room)
                variants.append([*head, ("class:phase", f"{phase}: {short}")])
            variants.append([*head, ("class:phase", phase)])
        variants.append([("", " "), *clock[: phase_clock_end(clock)]])
        return [*first, ("", "\n"), *fit(variants, width)]

    def _columns(self) -> int:
        from prompt_toolkit.application.current import get_app

        return get_app().output.get_size().columns

    def _rows(self) -> int:
        from prompt_toolkit.application.current import get_app

        return get_app().output.get_size().rows

    def _side_width(self) -> int:
        return side_width(self.side.width, self._columns()) if self.side else 0

    def _text_width(self) -> int:
        columns = self._columns()
        if self.side:
            columns -= self._side_width() + 1
        return max(20, columns - 4)

    def _prompt_lines(self) -> list[str]:
        width = self._text_width()
        lines = []
        for prompt in self.drill.phase.prompts:
            wrapped = textwrap.wrap(prompt, width) or [""]
            lines.append(" • " + wrapped[0])
            lines += ["   " + rest for rest in wrapped[1:]]
        return lines

    def _prompt_room(self) -> int:
        """Rows for the prompts: a third of the screen, so the notes get the rest.

        Ctrl-R opens them all (leaving the notes a few rows) and folds them again.
        """
        rows = self._rows() - 5 - self._probe_height()  # header, rule, label, footer, probes
        if self.prompts_open:
            return max(3, rows - 4)
        return max(3, min(14, rows // 3))

    def _prompts_folded(self) -> bool:
        return not self.prompts_open and len(self._prompt_lines()) > self._prompt_room()

    def _prompts(self) -> StyleAndTextTuples:
        lines = self._prompt_lines()
        room = self._prompt_room()
        hidden = 0
        if len(lines) > room:
            hidden = len(lines) - (room - 1)
            lines = lines[: room - 1]
        out: StyleAndTextTuples = []
        for line in lines:
            bullet, rest = line[:3], line[3:]
            out += [("class:prompt.bullet", bullet), ("", rest + "\n")]
        if hidden:
            more = f"   … {hidden} more lines (Ctrl-R shows all the prompts)"
            if len(more) > self._text_width() + 3:
                more = f"   … {hidden} more lines (Ctrl-R)"
            out.append(("class:dim", more))
        return out

    def _footer(self) -> StyleAndTextTuples:
        keys = list(KEYS_SOLO)
        paused = self.drill.timer is not None and self.drill.timer.paused
        if paused:
            keys[1] = ("Ctrl-P", "resume")
        if self.side:
            keys = keys[:3] + self.side.keys + keys[3:]
        if open_probe(self.drill.record) is not None:
            keys.insert(0, DISMISS_KEY)
        if self._prompts_folded() or self.prompts_open:
            keys.insert(3, ("Ctrl-R", "fewer prompts" if self.prompts_open else "all prompts"))
        lead: StyleAndTextTuples = [("", " ")]
        if paused:  # the lead says how to resume: the key is not listed twice
            lead = [("class:paused", " PAUSED: Ctrl-P resumes "), ("", "  ")]
            keys = [k for k in keys if k[0] != "Ctrl-P"]
        short = [(key, SHORT_LABELS.get(label, label)) for key, label in keys]
        return fit(
            [
                [*lead, *keys_fragments(keys)],
                [*lead, *keys_fragments(short)],
                [*lead, *keys_fragments(short, "  ")],
                [*lead, *keys_fragments([k for k in short if k[0] in ESSENTIAL_KEYS], "  ")],
            ],
            self._columns(),
        )

    def _footer_height(self) -> Dimension:
        length = sum(len(text) for _, text, *_ in self._footer())
        return Dimension.exact(1 if length <= self._columns() else 2)

    def _layout(self) -> HSplit:
        prompts = Window(
            FormattedTextControl(self._prompts),
            height=lambda: Dimension.exact(min(len(self._prompt_lines()), self._prompt_room())),
        )
        label = Window(
            FormattedTextControl(
                [("class:frame.label", " Notes"), ("class:dim", " (type while the clock runs)")]
            ),
            height=1,
            char="─",
            style="class:dim",
        )
        body: Any = HSplit([prompts, self._probe_banner(), label, self.notes])
        if self.side:
            panel = Window(
                FormattedTextControl(self.side.lines),
                wrap_lines=True,
                width=lambda: Dimension.exact(self._side_width()),
            )
            body = VSplit([body, Window(width=1, char="│", style="class:dim"), panel])
        return HSplit(
            [
                Window(FormattedTextControl(self._header), height=2),
                self._save_banner(),
                Window(height=1, char="─", style="class:dim"),
                body,
                Window(
                    FormattedTextControl(self._footer), height=self._footer_height, wrap_lines=True
                ),
            ]
        )

    def _save_banner(self) -> Any:
        from prompt_toolkit.filters import Condition
        from prompt_toolkit.layout import ConditionalContainer

        return ConditionalContainer(
            Window(
                FormattedTextControl(lambda: save_status_fragments(self.drill)),
                wrap_lines=True,
                height=lambda: Dimension.exact(
                    1 + len(save_status_text(self.drill)) // max(1, self._columns())
                ),
            ),
            filter=Condition(lambda: self.drill.autosave.failure is not None),
        )

    # -- probes (solo drills) ------------------------------------------------------

    def _probe_lines(self) -> StyleAndTextTuples:
        """The probe on screen, then a line with its key and the ones asked before it."""
        record = self.drill.record
        width = self._text_width()
        out: StyleAndTextTuples = []
        showing = open_probe(record)
        last: StyleAndTextTuples = []
        if showing is not None:
            wrapped = textwrap.wrap(showing.text, max(10, width - 8))
            if len(wrapped) > PROBE_LINES:
                rest = " ".join(wrapped[PROBE_LINES - 1 :])
                wrapped = [*wrapped[: PROBE_LINES - 1], shorten(rest, width - 8)]
            for n, line in enumerate(wrapped):
                lead = ("class:probe.label", " PROBE ") if n == 0 else ("", " " * 7)
                out += [lead, ("class:probe.banner", f" {line}\n")]
            last = [("", " " * 8), ("class:key", DISMISS_KEY[0]), ("class:dim", " when answered")]
        asked = [p.text for p in record.probes if p is not showing]
        if asked:
            label = f"{'  ·  ' if last else ' '}Asked ({len(asked)}): "
            room = width - fragment_list_width(last) - len(label)
            each = max(8, room // len(asked) - 3)
            strip = " · ".join(shorten(text, each) for text in asked)
            last.append(("class:dim", shorten(label + strip, max(12, room + len(label)))))
        return out + last

    def _probe_height(self) -> int:
        if self.plain or not self.drill.record.probes:
            return 0
        return max(1, sum(text.count("\n") for _, text, *_ in self._probe_lines()) + 1)

    def _probe_banner(self) -> Any:
        from prompt_toolkit.filters import Condition
        from prompt_toolkit.layout import ConditionalContainer

        return ConditionalContainer(
            Window(
                FormattedTextControl(self._probe_lines),
                height=lambda: Dimension.exact(self._probe_height()),
            ),
            filter=Condition(lambda: bool(self.drill.record.probes)),
        )

    def _typed(self) -> None:
        self.drill.set_notes(self.notes.text)
        if self._inserting:
            return
        self._last_key_at = self.drill.clock.monotonic()
        text = self.notes.text
        cursor = self.notes.buffer.cursor_position
        if 0 < cursor <= len(text) and text[cursor - 1].isspace():
            self._maybe_probe()  # a word just ended: a held probe can come now

    def _maybe_probe(self) -> None:
        """Put the next probe if it is due and the candidate is not in the middle of a word."""
        candidate = self.drill.probe_due()
        if candidate is None:
            return
        buffer = self.notes.buffer
        before = buffer.text[: buffer.cursor_position]
        idle = self.drill.clock.monotonic() - self._last_key_at
        if not typing_allows(before, idle):
            return
        probe = self.drill.ask_probe(candidate)
        text, cursor = insert_marker(buffer.text, buffer.cursor_position, probe.text)
        self._inserting = True
        try:
            buffer.text = text
            buffer.cursor_position = cursor
        finally:
            self._inserting = False
        self.drill.set_notes(text)
        self.app.output.bell()
        if self.plain:
            from prompt_toolkit.application import run_in_terminal

            line = f"Probe: {probe.text}  (answer below its '> probe:' line; Ctrl-D when done)"
            run_in_terminal(functools.partial(print, line))
        self.app.invalidate()

    def _plain_layout(self) -> HSplit:
        self.notes.window.height = Dimension(min=3, max=8)
        return HSplit([Window(FormattedTextControl(self._footer), height=1), self.notes])

    # -- keys --------------------------------------------------------------------

    def _bindings(self) -> KeyBindings:
        kb = KeyBindings()

        @kb.add("c-n", eager=True)
        def _next(event: KeyPressEvent) -> None:
            event.app.exit(result=NEXT)

        @kb.add("c-p", eager=True)
        def _pause(event: KeyPressEvent) -> None:
            self.drill.toggle_pause()
            self._refresh(force=True)

        @kb.add("c-t", eager=True)
        def _extend(event: KeyPressEvent) -> None:
            self.drill.extend()
            self._refresh(force=True)

        @kb.add("c-c", eager=True)
        @kb.add("c-q", eager=True)
        def _stop(event: KeyPressEvent) -> None:
            event.app.exit(result=STOP)

        @kb.add("c-r", eager=True)
        def _prompts(event: KeyPressEvent) -> None:
            self.prompts_open = not self.prompts_open
            event.app.invalidate()

        from prompt_toolkit.filters import Condition

        @kb.add(
            "c-d", eager=True, filter=Condition(lambda: open_probe(self.drill.record) is not None)
        )
        def _dismiss(event: KeyPressEvent) -> None:
            self.drill.dismiss_probe()
            event.app.invalidate()

        @kb.add("c-z", eager=True)
        def _suspend(event: KeyPressEvent) -> None:
            from prompt_toolkit.application import run_in_terminal

            run_in_terminal(lambda: self.drill.suspended(self.stop_process))

        # Keys the editor would otherwise take for features the notes do not
        # have (search, the Ctrl-X prefix, "accept and clear" on Ctrl-O, which
        # would empty the notes): they do nothing.
        for key in UNUSED_KEYS:
            kb.add(key, eager=True)(_ignore)

        if self.side and self.side.bindings:
            from prompt_toolkit.key_binding import merge_key_bindings

            return merge_key_bindings([kb, self.side.bindings])  # type: ignore[return-value]
        return kb

    # -- the clock ---------------------------------------------------------------

    def _refresh(self, force: bool = False) -> None:
        if self.plain:
            self._announce_save()
            self._announce(force)
            return
        shown = clock_text(self.drill) + save_status_text(self.drill)
        if force or shown != self._shown:
            self._shown = shown
            self.app.invalidate()

    def _announce_save(self) -> None:
        """Plain mode: a line when saving starts failing, and when it works again."""
        from prompt_toolkit.application import run_in_terminal

        failing = self.drill.autosave.failure is not None
        if failing == self._save_failing:
            return
        self._save_failing = failing
        if failing:
            line = save_status_text(self.drill).strip()
        else:
            line = "Saved again: everything so far is in the history."
        run_in_terminal(functools.partial(print, line))

    def _announce(self, force: bool) -> None:
        """Plain mode: a line a minute, and whenever the state changes."""
        from prompt_toolkit.application import run_in_terminal

        timer = self.drill.timer
        assert timer is not None
        remaining = timer.remaining()
        minute = int(remaining // 60) if remaining > 0 else -int(-remaining // 60) - 1
        if not force and minute == self._last_minute:
            return
        first = self._last_minute is None
        self._last_minute = minute
        if first and not force:
            return
        number = f"{self.drill.record.position + 1}/{len(self.drill.session.phases)}"
        if timer.paused:
            line = f"Phase {number} paused (Ctrl-P to resume)."
        elif remaining > 0:
            line = f"Phase {number}: {format_countdown(remaining)} left."
        else:
            line = f"Phase {number}: {format_clock(-remaining)} over time (Ctrl-N: next phase)."
        run_in_terminal(lambda: print(line))

    async def _ticker(self) -> None:
        while True:
            for event in self.drill.tick():
                if event == "deadline":
                    self.app.output.bell()
                    if self.plain:
                        from prompt_toolkit.application import run_in_terminal

                        number = (
                            f"{self.drill.record.position + 1}/{len(self.drill.session.phases)}"
                        )
                        message = f"Time is up for phase {number}."
                        run_in_terminal(functools.partial(print, message))
                    if self.auto_advance:
                        self.app.exit(result=NEXT)
                        return
            self._maybe_probe()
            self._refresh()
            await asyncio.sleep(self._next_wake())

    def _next_wake(self) -> float:
        """Sleep until the shown second changes or an event is due, no longer.

        Waking only then (about once a second) keeps an idle phase's CPU low,
        while the deadline is still met to the millisecond.
        """
        timer = self.drill.timer
        assert timer is not None
        save = self.drill.save_due_in() + 0.005
        if timer.paused:
            return max(min(MAX_SLEEP_SECONDS, save), 0.01)
        remaining = timer.remaining()
        to_change = remaining % 1.0 if remaining > 0 else 1.0 - (-remaining % 1.0)
        probe = self.drill.probe_due_in()
        if probe <= 0:
            # Held for a pause in typing: look again soon (not when none is left to ask).
            probe = 0.25 if self.drill.probe_due() is not None else MAX_SLEEP_SECONDS
        wake = min(
            to_change + 0.002, timer.seconds_to_next_event(), MAX_SLEEP_SECONDS, save, probe + 0.002
        )
        return max(wake, 0.01)

    def _pre_run(self) -> None:
        self.app.create_background_task(self._ticker())
        asyncio.get_running_loop().set_exception_handler(self._loop_error)

    def _loop_error(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        """A terminal that has gone away ends the screen; anything else is logged."""
        error = context.get("exception")
        if isinstance(error, (OSError, EOFError)):
            if self.app.is_running and self.app.future and not self.app.future.done():
                self.app.exit(exception=Hangup())
            return
        loop.default_exception_handler(context)

    def run(self) -> str:
        """Run until the user moves on or stops; returns NEXT or STOP.

        Raises ``Hangup`` when the terminal goes away (reads or writes fail),
        or on SIGHUP and SIGTERM under ``hangup_guard``.
        """
        if self.drill.timer is None:
            self.drill.begin_phase()
        source = self.app.input
        read_keys = source.read_keys
        source.read_keys = lambda: as_pastes(read_keys())  # type: ignore[method-assign]
        try:
            result = self.app.run(pre_run=self._pre_run, set_exception_handler=False)
        except (OSError, EOFError):
            raise Hangup() from None
        finally:
            del source.read_keys  # the input is shared with the prompts that follow
            self.drill.set_notes(self.notes.text)
        return result
