"""How long the loader takes over mutants of the built-in files, against the built-ins.

    python benchmarks/content_fuzz.py [--mutants N] [--seed S]

Each mutant (see tests/content_mutants.py) is written to a temporary folder
and checked the way `list` and `validate` check a file. The baseline is the
slowest built-in file, checked in this same run. Goal: no mutant takes more
than 40x the baseline (a mutant may be 25 times the size of a built-in file,
up to the 1 MiB limit), nor more than a second; nothing raises. Prints the
slowest mutants and what was done to them.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.content_mutants import SOURCES, mutants, write  # noqa: E402

from sysdrill.content.validate import check_file  # noqa: E402


def timed(path: Path) -> tuple[float, str]:
    started = time.perf_counter()
    checked = check_file(path)
    elapsed = time.perf_counter() - started
    verdict = "loads" if checked.ok else str(checked.diagnostics[0].message)[:60]
    return elapsed, verdict


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mutants", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    baseline = max(min(timed(source)[0] for _ in range(3)) for source in SOURCES)
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for mutant in mutants(args.seed, args.mutants):
            path = write(mutant, Path(folder))
            if mutant.special == "directory":
                continue
            elapsed, verdict = timed(path)
            results.append((elapsed, mutant.how, verdict))
    results.sort(reverse=True)
    slowest = results[0][0]
    loads = sum(1 for _, _, verdict in results if verdict == "loads")
    print(f"{len(results)} mutants: {loads} load, {len(results) - loads} refused with a diagnostic")
    print(f"slowest built-in file: {baseline * 1000:.1f} ms (baseline)")
    print(f"slowest mutant: {slowest * 1000:.1f} ms = {slowest / baseline:.1f}x baseline")
    for elapsed, how, verdict in results[:5]:
        print(f"  {elapsed / baseline:6.1f}x  {how}  -> {verdict}")
    kinds = Counter(verdict.split(":")[0].split("(")[0][:40] for _, _, verdict in results)
    print("most common verdicts:", ", ".join(f"{k} ({n})" for k, n in kinds.most_common(6)))
    ok = slowest <= 1.0 and slowest <= 40 * baseline
    print("goal met" if ok else "GOAL MISSED: a mutant took over 1 s or 40x the baseline")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
