"""What a running drill writes and holds: idle writes, keystrokes and pastes.

    python benchmarks/drill_saving.py

Each case runs in its own process (so one case's memory does not hide
another's) and is measured against a baseline run in the same way now:

- an idle minute with 200 KB of notes: bytes handed to the kernel by
  SQLite (``wchar`` in /proc/self/io), the drill's saving against writing
  the whole session every 5 s (as before). Goal: under 0.2 MB a minute.
- 1,000 keystrokes into 200 KB of notes: resident memory after against
  before, with the notes box's bounded undo history against prompt_toolkit's
  own (a copy of the notes per keystroke). Goal: within 10 MB.
- pasting 20, 50 and 200 KB without bracketed paste (one key press per
  character): time and memory. Goal: flat memory (within 10 MB) and
  instant (well under a second for 50 KB).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

NOTES_BYTES = 200_000
IDLE_GOAL_MB = 0.2
RSS_GOAL_MB = 10.0


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _written() -> int:
    for line in Path("/proc/self/io").read_text().splitlines():
        if line.startswith("wchar:"):
            return int(line.split()[1])
    return 0


def _drill(home: Path):  # type: ignore[no-untyped-def]
    from sysdrill.content.catalogue import builtin_roots, load_catalogue
    from sysdrill.history.store import HistoryStore
    from sysdrill.session.clock import ManualClock
    from sysdrill.session.drill import Drill
    from sysdrill.session.state import start_session

    catalogue = load_catalogue(builtin_roots(), index_dir=None)
    item = catalogue.load_item(catalogue.find("object-storage"))
    rubric = catalogue.load_rubric(item.rubric_id)
    clock = ManualClock()
    store = HistoryStore(home / "history.sqlite3")
    session = start_session(item, rubric, clock=clock)
    return Drill(session, item, rubric, clock=clock, save=store.save), clock, store


def idle_minute(old_way: bool) -> dict[str, float]:
    from sysdrill.session.autosave import EVERYTHING

    with tempfile.TemporaryDirectory() as home:
        drill, clock, store = _drill(Path(home))
        drill.begin_phase()
        per_phase = NOTES_BYTES // len(drill.session.phases)
        for record in drill.session.phases:
            record.notes = ("capacity planning and durability " * 8000)[:per_phase]
        drill.save_now()
        before = _written()
        for _ in range(12):  # a minute: the clock is saved every 5 s
            clock.advance(5.0)
            if old_way:
                drill.timer.checkpoint()  # type: ignore[union-attr]
                store.save(drill.session, EVERYTHING)
            else:
                drill.tick()
        written = _written() - before
        store.close()
    return {"mb": written / 1e6}


def keystrokes(count: int, preload: int, bounded: bool, chunk: int) -> dict[str, float]:
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from sysdrill.tui.phase_screen import PhaseScreen

    with tempfile.TemporaryDirectory() as home:
        drill, _clock, store = _drill(Path(home))
        drill.record.notes = ("event sourcing and sharding, by tenant\n" * 6_000)[:preload]
        letters = "abcdefghijklmnopqrstuvwxyz " * 2 + "\n"  # lines of 54 characters
        typed = "".join(letters[n % len(letters)] for n in range(count))
        with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
            screen = PhaseScreen(drill)
            if not bounded:
                del screen.notes.buffer.save_to_undo_stack  # prompt_toolkit's own

            def send() -> None:  # from a thread: a pipe holds only 64 KB
                for start in range(0, len(typed), chunk):
                    pipe.send_text(typed[start : start + chunk])
                    if chunk == 1:
                        time.sleep(0.002)  # typing: one key at a time, not a paste
                pipe.send_text("\x0e")  # Ctrl-N

            sender = threading.Thread(target=send, daemon=True)
            before = _rss_mb()
            started = time.perf_counter()
            sender.start()
            screen.run()
            seconds = time.perf_counter() - started
            after = _rss_mb()
            sender.join()
        assert drill.record.notes.endswith(typed.rstrip()[-20:]), "keys were lost"
        store.close()
    return {"rss_growth_mb": after - before, "seconds": seconds}


def _child(case: str, *args: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--case", case, *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    print("Idle drill, 200 KB of notes, one minute")
    new = _child("idle", "new")
    old = _child("idle", "old")
    ok = "met" if new["mb"] < IDLE_GOAL_MB else "NOT met"
    print(f"  written: {new['mb']:.3f} MB (goal < {IDLE_GOAL_MB} MB: {ok});"
          f" writing everything every 5 s: {old['mb']:.2f} MB;"
          f" ratio {new['mb'] / old['mb']:.3f}")  # fmt: skip

    print("1,000 keystrokes into 200 KB of notes")
    new = _child("keys", "1000", str(NOTES_BYTES), "bounded", "1")
    old = _child("keys", "1000", str(NOTES_BYTES), "unbounded", "1")
    ok = "met" if new["rss_growth_mb"] < RSS_GOAL_MB else "NOT met"
    print(f"  RSS growth: {new['rss_growth_mb']:.1f} MB (goal < {RSS_GOAL_MB} MB: {ok});"
          f" unbounded undo: {old['rss_growth_mb']:.1f} MB")  # fmt: skip

    print("Pasting without bracketed paste (one key press per character)")
    for size in (20_000, 50_000, 200_000):
        new = _child("keys", str(size), "0", "bounded", "4096")
        ok = "met" if new["rss_growth_mb"] < RSS_GOAL_MB else "NOT met"
        growth = new["rss_growth_mb"]
        line = (f"  {size // 1000} KB: {new['seconds']:.2f} s,"
                f" RSS growth {growth:.1f} MB (goal < {RSS_GOAL_MB} MB: {ok})")  # fmt: skip
        if size == 20_000:
            old = _child("keys", str(size), "0", "unbounded", "4096")
            line += (f"; unbounded undo: {old['seconds']:.2f} s,"
                     f" {old['rss_growth_mb']:.1f} MB")  # fmt: skip
        print(line)


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--case":
        case, rest = sys.argv[2], sys.argv[3:]
        if case == "idle":
            result = idle_minute(old_way=rest[0] == "old")
        else:
            result = keystrokes(int(rest[0]), int(rest[1]), rest[2] == "bounded", int(rest[3]))
        print(json.dumps(result))
    else:
        main()
