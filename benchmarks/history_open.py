"""Opening the history at any size: `history show ID` and `drill` up to its brief.

    python benchmarks/history_open.py [--runs N] [--sizes 10,100000]

Uses the histories that benchmarks/history_scale.py builds (and caches) of
10, 10,000 and 100,000 sessions. Every figure is the median of N whole
processes, the sizes interleaved so a busy machine slows the baseline as
much as the rest; each ratio is against the same command with 10 sessions,
measured in the same run.

- `history show ID` prints the oldest session, with its previous attempt.
- `drill ITEM` runs in a pseudo-terminal (80x24) and is timed from the
  process start until "Press Enter to start the clock" is on the screen,
  that is, the whole brief has been printed; then Ctrl-C cancels it, a
  clean exit that saves nothing, as a person changing their mind would.
  The item drilled has no unfinished session, so no "Resume it?" question
  comes first and the search for one covers the whole history.

Goals: both at most 1.5x their 10-session time at every size.

Damage is still looked for: a history under 1 MB is fully checked on every
open; a larger one once a day (the warm-up run pays for it when due).
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import sys
import termios
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from history_scale import cached_home, run_once, session_ids  # noqa: E402

GOAL = 1.5
DRILL_ITEM = "object-storage"  # every one of its generated sessions is finished
BRIEF_DONE = b"Press Enter to start the clock"
TIMEOUT = 60.0


def drill_to_brief(env: dict[str, str]) -> float:
    """Seconds from starting `sysdrill drill` in a terminal until its brief is shown."""
    argv = [sys.executable, "-m", "sysdrill", "drill", DRILL_ITEM]
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: a terminal of its own
        os.execve(sys.executable, argv, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    seen = b""
    elapsed = None
    try:
        while elapsed is None:
            if time.perf_counter() - start > TIMEOUT:
                raise SystemExit(f"drill showed no brief in {TIMEOUT:.0f} s:\n{seen.decode()}")
            ready, _, _ = select.select([fd], [], [], 0.5)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                chunk = b""
            if not chunk:
                raise SystemExit(f"drill ended before its brief:\n{seen.decode(errors='replace')}")
            seen += chunk
            if b"\x1b[6n" in chunk:  # a cursor-position question: answer as a terminal would
                os.write(fd, b"\x1b[1;1R")
            if BRIEF_DONE in seen:
                elapsed = time.perf_counter() - start
        os.write(fd, b"\x03")  # Ctrl-C: cancelled before the clock started
        deadline = time.perf_counter() + TIMEOUT
        while time.perf_counter() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.5)
            if ready:
                try:
                    if not os.read(fd, 65536):
                        break
                except OSError:
                    break
        else:
            os.kill(pid, signal.SIGKILL)
    finally:
        os.waitpid(pid, 0)
        os.close(fd)
    return elapsed


def show_session(env: dict[str, str], session_id: str) -> float:
    argv = [sys.executable, "-m", "sysdrill", "history", "show", session_id]
    return run_once(argv, env)[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--sizes", default="10,100000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    if sizes[0] != 10:
        sizes.insert(0, 10)
    homes = {size: cached_home(size) for size in sizes}
    envs = {
        size: dict(os.environ, SYSDRILL_HOME=str(home), NO_COLOR="1", TERM="xterm")
        for size, home in homes.items()
    }
    oldest = {size: session_ids(home)["oldest"] for size, home in homes.items()}
    measures = {
        "history show ID": lambda size: show_session(envs[size], oldest[size]),
        "drill up to the brief": lambda size: drill_to_brief(envs[size]),
    }
    times: dict[tuple[str, int], list[float]] = {(n, s): [] for n in measures for s in sizes}
    for measure in measures.values():  # warm-up: page cache, catalogue index, checks due
        for size in sizes:
            measure(size)
    for _ in range(args.runs):
        for name, measure in measures.items():
            for size in sizes:
                times[name, size].append(measure(size))

    met = True
    print(f"\nmedian of {args.runs} runs; ratio = time / time with 10 sessions")
    print(f"{'measure':<24} {'sessions':>9} {'time':>9} {'ratio':>7}  goal")
    for name in measures:
        base = statistics.median(times[name, 10])
        for size in sizes:
            median = statistics.median(times[name, size])
            ratio = median / base
            verdict = ""
            if size != 10:
                ok = ratio <= GOAL
                met = met and ok
                verdict = f"<= {GOAL}x {'met' if ok else 'MISSED'}"
            print(f"{name:<24} {size:>9,} {median * 1000:>7.0f}ms {ratio:>6.2f}x  {verdict}")
    print("\nall goals met" if met else "\nsome goals missed")


if __name__ == "__main__":
    main()
