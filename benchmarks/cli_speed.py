"""How quickly the catalogue commands start, as ratios against a baseline.

    python benchmarks/cli_speed.py [--runs N]

Every figure is the median of N runs, measured in this same run with the
commands interleaved, so a busy machine slows the baseline as much as
sysdrill. Goals: `list` and `--help` at most 1.3x the time Python needs to
import typer, rich.table and yaml; `list` over a 1,000-item pack (warm index)
at most 1.5x `list` over the built-ins; completing `drill dyn<Tab>` (bash,
warm index) at most 1.3x `--help`, and under 150 ms of CPU. Also
checks with `-X importtime` that neither `list` nor `--help` imports
questionary or prompt_toolkit.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PACK_ITEM = """\
id: generated-{n:04d}
kind: problem
title: Generated problem number {n}
level: L{level}
category: {category}
tags: [generated, batch-{batch}]
summary: A generated item used to measure listing speed.
context:
  industry: A market of {n} widgets.
  business: Sell {n} widgets a day.
  vision: Every widget in one place.
requirements:
  functional: [Store widgets, Find widgets]
  non_functional: ["p99 under {n} ms"]
phases:
  - id: only
    title: The whole thing
    minutes: 30
    prompts: [Design the widget store.]
    key_points:
      - concept: sharding
        aliases: [partitioning]
"""
CATEGORIES = ["storage", "data", "compute", "commerce", "search"]


def make_pack(directory: Path, count: int) -> None:
    for n in range(count):
        text = PACK_ITEM.format(
            n=n, level=6 + n % 2, category=CATEGORIES[n % len(CATEGORIES)], batch=n % 10
        )
        (directory / f"item-{n:04d}.yaml").write_text(text, encoding="utf-8")


def time_once(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def measure(commands: dict[str, tuple[list[str], dict[str, str]]], runs: int) -> dict[str, float]:
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for argv, env in commands.values():  # warm caches and the index
        time_once(argv, env)
    for _ in range(runs):
        for name, (argv, env) in commands.items():
            samples[name].append(time_once(argv, env))
    return {name: statistics.median(values) for name, values in samples.items()}


def cpu_median(command: tuple[list[str], dict[str, str]], runs: int) -> float:
    """Median CPU seconds (user and system) one run of ``command`` uses."""
    import resource

    samples = []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        time_once(*command)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        used = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
        samples.append(used)
    return statistics.median(samples)


def complete_env(line: str, env: dict[str, str]) -> dict[str, str]:
    """The environment bash gives the program when Tab is pressed after ``line``."""
    words = line.split()
    cword = len(words) if line.endswith(" ") else len(words) - 1
    return {
        **env,
        "_SYSDRILL_COMPLETE": "complete_bash",
        "COMP_WORDS": line,
        "COMP_CWORD": str(cword),
    }


def imported_modules(argv: list[str], env: dict[str, str]) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", *argv],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=True,
    )
    names = set()
    for line in result.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip())
    return names


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    sysdrill = shutil.which("sysdrill") or f"{Path(sys.executable).parent}/sysdrill"
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp, "home")
        pack = Path(tmp, "pack")
        pack.mkdir()
        make_pack(pack, 1000)
        env = {**os.environ, "SYSDRILL_HOME": str(home), "COLUMNS": "120"}
        env.pop("SYSDRILL_CONTENT_PATH", None)
        pack_env = {**env, "SYSDRILL_CONTENT_PATH": str(pack)}
        commands = {
            "baseline: import typer, rich.table, yaml": (
                [sys.executable, "-c", "import typer, rich.table, yaml"],
                env,
            ),
            "sysdrill list": ([sysdrill, "list"], env),
            "sysdrill --help": ([sysdrill, "--help"], env),
            "sysdrill list (1,000-item pack, warm)": ([sysdrill, "list"], pack_env),
            "baseline: import typer": ([sys.executable, "-c", "import typer"], env),
            "complete `drill dyn<Tab>`": ([sysdrill], complete_env("sysdrill drill dyn", env)),
            "complete `history show <Tab>`": (
                [sysdrill],
                complete_env("sysdrill history show ", env),
            ),
        }
        medians = measure(commands, args.runs)
        base = medians["baseline: import typer, rich.table, yaml"]
        builtins = medians["sysdrill list"]
        print(f"medians of {args.runs} interleaved runs")
        for name, value in medians.items():
            print(f"  {name:<42} {value * 1000:7.1f} ms")
        rows = [
            ("list / baseline", builtins / base, 1.3),
            ("--help / baseline", medians["sysdrill --help"] / base, 1.3),
            ("list 1,000-item pack / list built-ins",
             medians["sysdrill list (1,000-item pack, warm)"] / builtins, 1.5),
            ("complete drill dyn<Tab> / --help",
             medians["complete `drill dyn<Tab>`"] / medians["sysdrill --help"], 1.3),
            ("complete history show <Tab> / --help",
             medians["complete `history show <Tab>`"] / medians["sysdrill --help"], 1.3),
        ]  # fmt: skip
        print("ratios")
        for label, ratio, goal in rows:
            verdict = "ok" if ratio <= goal else "OVER GOAL"
            print(f"  {label:<42} {ratio:5.2f}  (goal <= {goal})  {verdict}")
        # On a shared machine wall time is mostly waiting for a core; the CPU
        # a completion uses is what a user waits for on an idle one.
        typer_cpu = cpu_median(commands["baseline: import typer"], args.runs)
        for name in ("complete `drill dyn<Tab>`", "complete `history show <Tab>`"):
            ms = cpu_median(commands[name], args.runs) * 1000
            verdict = "ok" if ms < 150 else "OVER GOAL"
            print(f"  {name + ' CPU':<42} {ms:5.0f} ms  (goal < 150 ms)  {verdict}")
            print(f"  {'  / CPU of import typer':<42} {ms / (typer_cpu * 1000):5.2f}")
        print("heavy imports (questionary, prompt_toolkit)")
        script = [str(Path(sysdrill))]
        with open(sysdrill, encoding="utf-8", errors="replace") as handle:
            if handle.read(2) != "#!":
                script = ["-m", "sysdrill"]
        for label, extra in (("list", ["list"]), ("--help", ["--help"])):
            mods = imported_modules([*script, *extra], env)
            heavy = sorted(m for m in mods if m.split(".")[0] in {"questionary", "prompt_toolkit"})
            print(f"  {label:<42} {'none' if not heavy else ', '.join(heavy[:5])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
