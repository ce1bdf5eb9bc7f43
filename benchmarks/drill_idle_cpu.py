"""CPU used by a running phase while the user types nothing.

    python benchmarks/drill_idle_cpu.py [--seconds 20]

Starts `sysdrill drill` in a tmux terminal, waits for the first phase, and
reads the process's CPU time from /proc over the window. At the same time a
baseline runs in a second terminal: a minimal Python countdown that redraws
once a second (what a terminal countdown such as termdown does). Goal: the
drill at most 1% of one core. Linux only (reads /proc).
"""

from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASELINE = (
    "import sys, time\n"
    "end = time.monotonic() + 3600\n"
    "while True:\n"
    "    left = int(end - time.monotonic())\n"
    "    sys.stdout.write(f'\\r {left // 60:02d}:{left % 60:02d} ')\n"
    "    sys.stdout.flush()\n"
    "    time.sleep(1 - (time.monotonic() % 1))\n"
)


def tmux(socket: str, *args: str) -> str:
    return subprocess.run(
        ["tmux", "-L", socket, *args], capture_output=True, text=True, check=True
    ).stdout


def cpu_seconds(pid: int) -> float:
    schedstat = Path(f"/proc/{pid}/schedstat")
    if schedstat.exists():  # nanoseconds on the CPU: far finer than clock ticks
        return int(schedstat.read_text().split()[0]) / 1e9
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0)
    args = parser.parse_args()
    socket = f"sysdrill-bench-{os.getpid()}"
    with tempfile.TemporaryDirectory() as home:
        env = f"SYSDRILL_HOME={shlex.quote(home)} TERM=xterm-256color"
        drill = shlex.join([sys.executable, "-m", "sysdrill", "drill", "object-storage"])
        base = shlex.join([sys.executable, "-c", BASELINE])
        try:
            tmux(socket, "new-session", "-d", "-s", "drill", "-x", "120", "-y", "40",
                 f"export {env}; exec {drill}")  # fmt: skip
            tmux(socket, "new-session", "-d", "-s", "base", "-x", "120", "-y", "40",
                 f"exec {base}")  # fmt: skip
            deadline = time.monotonic() + 30
            while "Press Enter" not in tmux(socket, "capture-pane", "-p", "-t", "drill"):
                if time.monotonic() > deadline:
                    raise SystemExit("the drill did not start")
                time.sleep(0.2)
            tmux(socket, "send-keys", "-t", "drill", "Enter")
            while "Phase 1/6" not in tmux(socket, "capture-pane", "-p", "-t", "drill"):
                time.sleep(0.2)
            time.sleep(1.0)  # let start-up work settle
            pids = {
                name: int(tmux(socket, "display-message", "-p", "-t", name, "#{pane_pid}"))
                for name in ("drill", "base")
            }
            before = {name: cpu_seconds(pid) for name, pid in pids.items()}
            started = time.monotonic()
            time.sleep(args.seconds)
            wall = time.monotonic() - started
            used = {name: cpu_seconds(pid) - before[name] for name, pid in pids.items()}
        finally:
            subprocess.run(["tmux", "-L", socket, "kill-server"], capture_output=True)
    drill_pct = 100 * used["drill"] / wall
    base_pct = 100 * used["base"] / wall
    print(f"idle phase over {wall:.1f} s (CPU % of one core)")
    print(f"  baseline countdown (redraws every second)  {base_pct:6.2f} %")
    print(f"  sysdrill drill, phase running, no typing   {drill_pct:6.2f} %")
    ratio = drill_pct / base_pct if base_pct > 0 else float("inf")
    print(f"  ratio drill / baseline                     {ratio:6.2f}")
    print(f"  goal: drill <= 1.00 %  {'ok' if drill_pct <= 1.0 else 'OVER GOAL'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
