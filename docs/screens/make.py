"""The pictures of sysdrill's screens in the README and docs/screens.md, made from real runs.

    python docs/screens/make.py            # write docs/screens/*.svg and docs/screens.md
    python docs/screens/make.py --check    # exit 1 when a picture no longer matches

Commands that print and exit run in this process, in a SYSDRILL_HOME this script
builds (the month of docs/examples/month.py, and a drill of object-storage with
fixed notes and scores), with colour, at 100 columns; rich records what they print
and saves it as SVG. The live screens run the installed program in tmux
(`capture-pane -e`), paused, with the clock readings' seconds set to :00 so a
picture changes only when the program does. --check compares the text of each
picture, not its bytes.
"""

from __future__ import annotations

import argparse
import html
import importlib.util
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
PAGE = REPO / "docs" / "screens.md"
WIDTH = 100
MAX_LINES = 90  # taller output is cut, and the page says so
TODAY = "2026-11-30"
SUMMARY_ID = "5c4e3f0a21"
PAIR_ID = "8d1e07b3c2"


@dataclass(frozen=True)
class Picture:
    name: str
    title: str
    command: str  # what a user types (after `sysdrill`), shown on the page
    caption: str
    live: bool = False


PICTURES = (
    Picture(
        "phase",
        "A running phase",
        "drill object-storage",
        "A running phase, paused: the prompts, the clocks and the notes typed so far.",
        live=True,
    ),  # fmt: skip
    Picture(
        "summary",
        "The summary",
        "drill object-storage",
        "The summary after scoring: time per phase, the key points the notes covered "
        "(with the line that matched), the probe and its answer, the weighted score and "
        "what changed since the last attempt.",
    ),
    Picture(
        "pair",
        "Pair mode",
        "drill slack-messaging --pair --interviewer Ana --candidate Ben",
        "Pair mode, the interviewer's console: the probes to ask and two key points ticked.",
        live=True,
    ),  # fmt: skip
    Picture(
        "stats",
        "stats",
        f"stats --today {TODAY}",
        "A month of drilling: sessions, coverage, trends per dimension, pacing, calibration.",
    ),
    Picture("next", "next", f"next --today {TODAY}", "The one item to drill now, and why."),
    Picture(
        "list",
        "list",
        "list --category storage",
        "The catalogue, filtered, with status and last score from the history.",
    ),
    Picture(
        "show", "show", "show dynamodb", "The brief a candidate reads before the clock starts."
    ),
    Picture(
        "history-show",
        "history show",
        "history show 8d1e",
        "A pair drill from the history: the ticks, both score sets and the gaps.",
    ),
)


# -- the data ------------------------------------------------------------------


def _month() -> object:
    spec = importlib.util.spec_from_file_location("month", REPO / "docs/examples/month.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["month"] = module  # its dataclasses look themselves up
    spec.loader.exec_module(module)
    return module


SUMMARY_NOTES = (
    "market $100B+, S3 holds about 60% share; storage grows 25% a year\n"
    "why now: AI training data, hybrid cloud, cost pressure on incumbents",
    "durability 11 nines, 99.99% availability, p99 first byte under 10ms\n"
    "versioning and lifecycle rules; cross-region replication",
    "metadata service apart from the data path; cells per region for blast radius",
    "erasure coding 12+4 across failure domains (racks, AZs)\nrepair within an hour of a disk loss",
    "S3-compatible API first, then multi-cloud integration",
    "30% cheaper than S3 at the same durability; consistency traded for latency",
)


EARLIER_NOTES = (  # Ana's first attempt, two weeks before: thinner notes
    "market $100B+, S3 is the leader",
    "durability 11 nines; versioning",
    "metadata service; storage nodes behind a load balancer",
    "replicate everything three times",
    "keep the S3 API",
    "cheaper than S3",
)
PROBE_ANSWER = "no: the promise covers hot and warm tiers; archived objects say minutes"


def play_solo(store: object, catalogue: object, when: datetime, session_id: str,
              notes_by_phase: tuple[str, ...], scores: tuple[int, ...], reflection: str,
              over: int) -> None:  # fmt: skip
    """A solo drill of object-storage by Ana on a hand-moved clock, one probe answered."""
    from sysdrill.session.clock import ManualClock
    from sysdrill.session.drill import Drill
    from sysdrill.session.probes import MARKER
    from sysdrill.session.state import start_session

    item = catalogue.load_item(catalogue.find("object-storage"))  # type: ignore[attr-defined]
    rubric = catalogue.load_rubric(item.rubric_id)  # type: ignore[attr-defined]
    clock = ManualClock(wall=when)
    session = start_session(item, rubric, clock=clock, candidate="Ana", probes_per_phase=1)
    session.id = session_id
    session.probe_seed = 7  # when the probe comes, and which one, fixed
    drill = Drill(session, item, rubric, clock=clock, save=store.save)  # type: ignore[attr-defined]
    for position, (phase, notes) in enumerate(zip(item.phases, notes_by_phase, strict=True)):
        drill.begin_phase()
        planned = phase.minutes * 60
        spent = planned + (over if phase.id == "deep-dive" else -60)
        if position == 1:  # one probe, answered under its marker
            elapsed, candidate = 0, None
            while candidate is None and elapsed < planned:
                clock.advance(30)
                elapsed += 30
                candidate = drill.probe_due()
            if candidate is None:
                raise SystemExit("make.py: no probe came in the second phase")
            asked = drill.ask_probe(candidate)
            drill.set_notes(f"{notes}\n{MARKER}{asked.text}\n{PROBE_ANSWER}")
            clock.advance(90)
            drill.dismiss_probe()
            clock.advance(max(0, spent - elapsed - 90))
        else:
            drill.set_notes(notes)
            clock.advance(spent)
        drill.finish_phase()
    for dimension, score in zip(rubric.dimensions, scores, strict=True):
        drill.record_score(dimension, score)
    drill.finish_scoring()
    drill.complete(reflection)


def build_summary_home(home: Path) -> None:
    """Two solo drills of object-storage by Ana, the second the summary's."""
    os.environ["SYSDRILL_HOME"] = str(home)
    from sysdrill.content.catalogue import builtin_roots, load_catalogue
    from sysdrill.history.store import open_history

    catalogue = load_catalogue(builtin_roots(), index_dir=None)
    with open_history() as store:
        play_solo(store, catalogue, datetime(2026, 11, 16, 19, 0, tzinfo=UTC), "1a9d60e4f7",
                  EARLIER_NOTES, (3, 3, 2, 3, 3), "", over=540)  # fmt: skip
        play_solo(store, catalogue, datetime(2026, 11, 30, 19, 0, tzinfo=UTC), SUMMARY_ID,
                  SUMMARY_NOTES, (4, 3, 4, 3, 3),
                  "Went long in the deep dive; size the market faster next time.",
                  over=240)  # fmt: skip


PAIR_PHASES = (  # key points ticked (1-based) and the interviewer's notes, phase by phase
    ((1, 3, 4, 7), "Ben: 20M DAU, 10B messages a month, 10M sockets; no regions, no fan-out"),
    ((1, 4, 5), "gateway tier, persist then fan out via Redis; presence is vague"),
    ((1, 5), "sticky sessions yes; ordering only after a nudge"),
    ((3, 4, 5, 9), "good on reconnect storms and jitter; no memory maths"),
    ((1,), "metrics: delivery latency only"),
)


def build_pair_drill(home: Path) -> None:
    """A pair drill of slack-messaging: Ana interviews Ben, ticks key points, both score."""
    os.environ["SYSDRILL_HOME"] = str(home)
    from sysdrill.content.catalogue import builtin_roots, load_catalogue
    from sysdrill.history.store import open_history
    from sysdrill.session.clock import ManualClock
    from sysdrill.session.drill import Drill
    from sysdrill.session.pair import toggle_tick
    from sysdrill.session.state import INTERVIEWER, SELF, start_session

    catalogue = load_catalogue(builtin_roots(), index_dir=None)
    item = catalogue.load_item(catalogue.find("slack-messaging"))
    rubric = catalogue.load_rubric(item.rubric_id)
    clock = ManualClock(wall=datetime(2026, 11, 29, 18, 30, tzinfo=UTC))
    session = start_session(item, rubric, clock=clock, mode="pair", interviewer="Ana",
                            candidate="Ben")  # fmt: skip
    session.id = PAIR_ID
    with open_history() as store:
        drill = Drill(session, item, rubric, clock=clock, save=store.save)
        for phase, (ticks, notes) in zip(item.phases, PAIR_PHASES, strict=True):
            drill.begin_phase()
            for number in ticks:
                toggle_tick(drill.record, phase, number - 1)
            drill.set_notes(notes)
            clock.advance(phase.minutes * 60 + (150 if phase.id == "architecture" else -30))
            drill.finish_phase()
        given = (3, 2, 4, 3, 2, 3, 3, 3)
        own = (4, 4, 4, 3, 4, 3, 4, 3)
        for dimension, ana, ben in zip(rubric.dimensions, given, own, strict=False):
            drill.record_score(dimension, ana, INTERVIEWER)
            drill.record_score(dimension, ben, SELF)
        drill.finish_scoring()
        drill.complete("Ran long on the architecture; ordering needed a nudge.")


@contextmanager
def data_homes() -> Iterator[dict[str, Path]]:
    saved = os.environ.get("SYSDRILL_HOME")
    with tempfile.TemporaryDirectory(prefix="sysdrill-screens-") as root:
        homes = {"month": Path(root) / "month", "summary": Path(root) / "summary"}
        try:
            for home in homes.values():
                home.mkdir()
            month = _month()
            os.environ["SYSDRILL_HOME"] = str(homes["month"])
            if month.build(homes["month"]) != 0:  # type: ignore[attr-defined]
                raise SystemExit("make.py: the month's history could not be built")
            build_summary_home(homes["summary"])
            build_pair_drill(homes["summary"])
            yield homes
        finally:
            if saved is None:
                os.environ.pop("SYSDRILL_HOME", None)
            else:
                os.environ["SYSDRILL_HOME"] = saved


# -- printing and recording --------------------------------------------------


def _coloured_env(home: Path) -> dict[str, str | None]:
    return {"SYSDRILL_HOME": str(home), "COLUMNS": str(WIDTH), "LINES": "200",
            "FORCE_COLOR": "1", "NO_COLOR": None, "TERM": "xterm-256color"}  # fmt: skip


def run_printed(args: list[str], home: Path) -> str:
    """What `sysdrill ARGS` prints, with its colours, run in this process."""
    from typer.testing import CliRunner

    from sysdrill.cli import app
    from sysdrill.tui.console import stdout

    stdout.cache_clear()  # the console takes its width and colours when it is made
    try:
        result = CliRunner().invoke(app, args, env=_coloured_env(home))
    finally:
        stdout.cache_clear()
    if result.exit_code != 0:
        raise SystemExit(f"make.py: sysdrill {shlex.join(args)} failed:\n{result.output}")
    return result.stdout


def summary_printed(home: Path) -> str:
    """The summary exactly as the drill prints it after the reflection."""
    from sysdrill.history.store import open_history
    from sysdrill.tui.console import print_clean, stdout
    from sysdrill.tui.flow import printable_data
    from sysdrill.tui.summary import summary_renderable

    saved = {k: os.environ.get(k) for k in ("SYSDRILL_HOME", "COLUMNS", "FORCE_COLOR", "NO_COLOR")}
    for key, value in _coloured_env(home).items():
        if key in saved:
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    import io

    out = io.StringIO()
    real = sys.stdout
    stdout.cache_clear()
    try:
        with open_history() as store:
            session = store.load(SUMMARY_ID)
            previous = store.previous_completed(session)
        sys.stdout = out
        print_clean(summary_renderable(printable_data(session), printable_data(previous)))
    finally:
        sys.stdout = real
        stdout.cache_clear()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return out.getvalue()


def to_svg(ansi: str, title: str) -> str:
    from rich.console import Console
    from rich.text import Text

    lines = ansi.rstrip("\n").split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    cut = len(lines) > MAX_LINES
    lines = lines[:MAX_LINES]
    console = Console(record=True, width=WIDTH, force_terminal=True, color_system="truecolor",
                      file=open(os.devnull, "w"), legacy_windows=False)  # fmt: skip
    for line in lines:
        console.print(Text.from_ansi(line), no_wrap=True, overflow="crop", soft_wrap=False)
    if cut:
        console.print(Text("…", style="dim"))
    # Spaces are kept as they are by viewers that would otherwise fold them.
    svg = console.export_svg(title=title).replace("<svg ", '<svg xml:space="preserve" ', 1)
    console.file.close()
    return svg


def svg_text(svg: str) -> str:
    """The characters an SVG made by rich shows, line by line (fonts and colours aside)."""
    from rich.cells import cell_len

    found = re.findall(
        r'<text\b[^>]*?\bx="([\d.]+)"[^>]*?\by="([\d.]+)"[^>]*?textLength="([\d.]+)"[^>]*>'
        r"(.*?)</text>",
        svg,
        flags=re.S,
    )
    widths = [float(length) / len(text) for _, _, length, text in found
              if text.isascii() and "&" not in text and text]  # fmt: skip
    char_width = min(widths) if widths else 1.0
    rows: dict[float, list[tuple[int, str]]] = {}
    for x, y, _, content in found:
        column = round(float(x) / char_width)
        rows.setdefault(float(y), []).append((column, html.unescape(content).replace("\xa0", " ")))
    lines = []
    for _, row in sorted(rows.items()):
        line = ""
        for column, text in sorted(row):
            line += " " * max(0, column - cell_len(line)) + text
        lines.append(line.rstrip())
    title = re.search(r'-title"[^>]*>(.*?)</text>', svg, flags=re.S)
    heading = html.unescape(title.group(1)).replace("\xa0", " ") if title else ""
    return heading + "\n" + "\n".join(lines).strip("\n")


# -- the live screens in tmux -------------------------------------------------

CLOCK = re.compile(r"\b(?:(\d+):)?(\d{1,2}):(\d\d)( left| over)")


def _to_minute(match: re.Match[str]) -> str:
    hours, minutes, seconds, word = match.groups()
    total = round((int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)) / 60)
    if hours is None:
        return f"{total}:00{word}"
    return f"{total // 60}:{total % 60:02d}:00{word}"


def steady(ansi: str) -> str:
    """Clock readings to the nearest minute: the seconds a capture lands on are chance."""
    return CLOCK.sub(_to_minute, ansi)


class Tmux:
    def __init__(self, home: Path, width: int = WIDTH, height: int = 34) -> None:
        if shutil.which("tmux") is None:
            raise SystemExit("make.py: the live screens need tmux (apt-get install tmux)")
        self.socket = f"sysdrill-screens-{os.getpid()}-{id(self)}"
        self.home, self.width, self.height = home, width, height

    def _tmux(self, *args: str) -> str:
        result = subprocess.run(["tmux", "-L", self.socket, *args],
                                capture_output=True, text=True, check=False)  # fmt: skip
        return result.stdout

    def start(self, args: str) -> None:
        command = shlex.join([sys.executable, "-m", "sysdrill", *shlex.split(args)])
        home = shlex.quote(str(self.home))
        script = (f"unset COLUMNS LINES NO_COLOR; export SYSDRILL_HOME={home}"
                  f" TERM=xterm-256color; exec {command}")  # fmt: skip
        self._tmux("new-session", "-d", "-s", "t", "-x", str(self.width), "-y",
                   str(self.height), "sh", "-c", script)  # fmt: skip

    def keys(self, *keys: str) -> None:
        self._tmux("send-keys", "-t", "t", *keys)

    def type(self, text: str) -> None:
        self._tmux("send-keys", "-t", "t", "-l", text)

    def screen(self, colours: bool = False) -> str:
        return self._tmux("capture-pane", "-p", "-t", "t", *(["-e"] if colours else []))

    def wait_for(self, text: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        while text not in (shown := self.screen()):
            if time.monotonic() > deadline:
                raise SystemExit(f"make.py: {text!r} never appeared; the screen shows:\n{shown}")
            time.sleep(0.1)
        return shown

    def settled(self) -> str:
        """The coloured screen once two captures a moment apart agree."""
        last = ""
        for _ in range(50):
            shown = steady(self.screen(colours=True))
            if shown == last:
                return shown
            last = shown
            time.sleep(0.2)
        return last

    def close(self) -> None:
        self._tmux("kill-server")


def live_phase(home: Path) -> str:
    term = Tmux(home)
    try:
        term.start("drill object-storage --name Ana")
        term.wait_for("Press Enter to start the clock")
        term.keys("Enter")
        term.wait_for("Phase 1/6")
        term.type("market $100B+, S3 holds about 60% share; storage grows 25% a year")
        term.keys("Enter")
        term.type("why now: AI training data, hybrid cloud, cost pressure on incumbents")
        term.keys("Enter")
        term.type("opening: 30% cheaper, S3-compatible, data moves freely between clouds")
        term.wait_for("between clouds")
        term.keys("C-p")
        term.wait_for("PAUSED")
        return term.settled()
    finally:
        term.close()


def live_pair(home: Path) -> str:
    term = Tmux(home)
    try:
        term.start("drill slack-messaging --pair --interviewer Ana --candidate Ben")
        term.wait_for("Press Enter to show the brief")
        term.keys("Enter")
        term.wait_for("to start the clock")
        term.keys("Enter")
        term.wait_for("Checklist (0/")
        term.type("Ben: 20M DAU, 10B messages a month; enterprise first, free tier later")
        term.keys("M-1")
        term.keys("M-3")
        term.wait_for("Checklist (2/")
        term.keys("C-p")
        term.wait_for("PAUSED")
        return term.settled()
    finally:
        term.close()


# -- making and checking ------------------------------------------------------


def produce(
    pictures: tuple[Picture, ...], homes: dict[str, Path], live: Path | None
) -> dict[str, str]:
    """Each picture's SVG, made now."""
    makers: dict[str, Callable[[], str]] = {
        "summary": lambda: summary_printed(homes["summary"]),
        "history-show": lambda: run_printed(["history", "show", PAIR_ID[:4]], homes["summary"]),
    }
    if live is not None:
        makers["phase"] = lambda: live_phase(live / "phase")
        makers["pair"] = lambda: live_pair(live / "pair")
    made = {}
    for picture in pictures:
        if picture.live and live is None:
            continue
        maker = makers.get(picture.name)
        ansi = maker() if maker else run_printed(shlex.split(picture.command), homes["month"])
        made[picture.name] = to_svg(ansi, f"sysdrill {picture.command}")
    return made


def render_page() -> str:
    parts = [
        "# Screens",
        "",
        "Pictures of sysdrill as you see it, made from real runs by",
        "`python docs/screens/make.py`; a test and `python docs/screens/make.py --check`",
        "fail when one no longer matches what the program shows.",
        "",
        "- `list`, `show`, `next` and `stats` ran over the month of",
        "  drilling that [examples/month.py](examples/month.py) builds, read as of its",
        "  last day, at 100 columns.",
        "- The running phase and the pair panel are the real drill in a 100x34",
        "  terminal, paused; the clocks are shown to the nearest minute.",
        "- The summary is what the drill prints after the reflection, for the second of",
        "  two drills of object-storage the script plays with fixed notes, scores and",
        "  times, so it compares with the first;",
        "  `history show` is a pair drill of slack-messaging it plays the same way.",
        f"- Output longer than {MAX_LINES} lines is cut, marked `…`.",
    ]
    for picture in PICTURES:
        parts += [
            "",
            f"## {picture.title}",
            "",
            picture.caption,
            "",
            "```sh",
            f"sysdrill {picture.command}",
            "```",
            "",
            f"![sysdrill {picture.command}](screens/{picture.name}.svg)",
        ]
    return "\n".join(parts) + "\n"


def compared(svg: str, live: bool) -> list[str]:
    """The lines of a picture's text that a check compares. The pair panel lists its
    probes in an order each session draws afresh, so a live screen's lines are
    compared in any order."""
    lines = svg_text(svg).splitlines()
    return sorted(lines) if live else lines


def same_text(committed: str, made: str, live: bool) -> bool:
    return compared(committed, live) == compared(made, live)


def stale(made: dict[str, str]) -> list[str]:
    """Names of the pictures whose committed text differs from what was made now."""
    live = {p.name for p in PICTURES if p.live}
    out = []
    for name, svg in made.items():
        path = HERE / f"{name}.svg"
        if not path.exists() or not same_text(path.read_text(encoding="utf-8"), svg, name in live):
            out.append(name)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, write nothing")
    parser.add_argument("--no-live", action="store_true", help="skip the tmux pictures")
    args = parser.parse_args(argv)
    with data_homes() as homes, tempfile.TemporaryDirectory(prefix="sysdrill-live-") as live:
        for name in ("phase", "pair"):
            (Path(live) / name).mkdir()
        made = produce(PICTURES, homes, None if args.no_live else Path(live))
    if args.check:
        problems = stale(made)
        if PAGE.read_text(encoding="utf-8") != render_page():
            problems.append(str(PAGE.relative_to(REPO)))
        for name in problems:
            sys.stderr.write(f"make.py: {name} is out of date; run python docs/screens/make.py\n")
        return 1 if problems else 0
    changed = stale(made)  # a picture that still shows the same is left as it is
    for name in changed:
        (HERE / f"{name}.svg").write_text(made[name], encoding="utf-8")
    PAGE.write_text(render_page(), encoding="utf-8")
    print(f"{len(changed)} of {len(made)} pictures changed: {', '.join(changed) or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
