"""How quickly a content file too large to use is refused, against building it.

    python benchmarks/large_file.py [--runs N]

The file: 10,000 phases (about 750 KB, no anchors or aliases), so more than
100,000 values. It is refused from the parser's events before anything is
built. The baseline, measured in this same run, is building the same text
with the safe loader, which is what refusing it used to cost. Goal: refusing
takes at most 0.5x the baseline, says the file holds too many values (not
that aliases expand), and the slowest built-in file is checked for scale.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from sysdrill.content import yamlio  # noqa: E402
from sysdrill.content.catalogue import builtin_roots, yaml_files  # noqa: E402
from sysdrill.content.validate import check_file  # noqa: E402

HEAD = """\
id: big
kind: problem
title: Big
level: L6
category: storage
summary: Ten thousand phases.
context: {industry: Widgets., business: Widgets., vision: Widgets.}
requirements: {functional: [Store widgets], non_functional: [Fast]}
phases:
"""


def timed(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    phases = "".join(
        f"  - id: p{i}\n    title: Phase {i}\n    minutes: 1\n    prompts: [Say {i}.]\n"
        for i in range(10_000)
    )
    text = HEAD + phases
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "big.yaml")
        path.write_text(text, encoding="utf-8")
        said = [str(d) for d in check_file(path).diagnostics]
        refuse = timed(lambda: check_file(path), runs)
    build = timed(lambda: yaml.load(text, Loader=yamlio.SafeLoader), runs)  # noqa: S506
    builtins = [p for root in builtin_roots() for p in yaml_files(root.path)]
    slowest = max(timed(lambda p=p: check_file(p), 1) for p in builtins)
    print(f"file: {len(text):,} bytes; said: {said[0] if said else '(nothing)'}")
    print(f"building it (baseline): {build * 1000:.0f} ms")
    print(f"refusing it:            {refuse * 1000:.0f} ms  ({refuse / build:.2f}x, goal <= 0.5x)")
    print(f"slowest built-in file:  {slowest * 1000:.0f} ms  ({slowest / build:.2f}x)")
    ok = refuse <= 0.5 * build and bool(said) and "holds more than" in said[0]
    print("ok" if ok else "GOAL MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
