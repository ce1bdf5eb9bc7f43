"""How the history commands scale, as ratios against a 10-session history.

    python benchmarks/history_scale.py [--runs N] [--sizes 10,10000,100000]

Builds histories of 10, 10,000 and 100,000 sessions through the real store
(HistoryStore.save_many, one transaction per history: 6 phases and about
3 KB of notes per session), cached in the temp directory so later runs
start at once. Each command then runs as a whole process against each
history; every figure is the median of N runs with the commands and sizes
interleaved, so a busy machine slows the baseline as much as the rest.
Peak memory (max RSS) is taken from the same runs.

Goals: `history`, `history --limit 20`, `history show ID`, `stats`, `next`
and `list --status` at every size at most 1.5x their time with 10 sessions.
`history --json` streams: its peak memory should stay flat while its time
grows with the output.

Adding a command is one line in COMMANDS; "{latest}" and "{oldest}" stand
for a session ID in the history measured.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# name -> (argv after `sysdrill`, goal as a ratio to 10 sessions or None)
COMMANDS: dict[str, tuple[list[str], float | None]] = {
    "history": (["history"], 1.5),
    "history --limit 20": (["history", "--limit", "20"], 1.5),
    "history show ID": (["history", "show", "{oldest}"], 1.5),
    "history --json": (["history", "--json"], None),
    "stats": (["stats"], 1.5),
    "stats --json": (["stats", "--json"], 1.5),
    "next": (["next"], 1.5),
    "next --json": (["next", "--json"], 1.5),
    "list --status due": (["list", "--status", "due"], 1.5),
}

BUILDER_VERSION = 1  # bump when the generated sessions change shape
ITEMS = [
    ("dynamodb", "Amazon DynamoDB - NoSQL at planetary scale", "case-study", "l7-advanced"),
    ("object-storage", "Global Cloud Storage Service (S3-class)", "problem", "l7-strategic"),
    ("amazon-search", "Amazon product search platform", "case-study", "l6-engineering"),
    ("payments-platform", "Global Payment Processing Platform", "problem", "l7-strategic"),
    ("lambda-cold-starts", "AWS Lambda - cold start optimisation", "case-study", "l6-engineering"),
]
PHASES = ["clarify", "estimate", "high-level", "deep-dive", "trade-offs", "wrap-up"]
DIMENSIONS = [("depth", 25), ("capacity", 25), ("reliability", 20), ("tradeoffs", 15),
              ("leadership", 15)]  # fmt: skip
WORDS = (
    "shard partition replica quorum cache eviction backpressure queue idempotent "
    "consistent hashing leader election p99 latency throughput hot key tenant "
    "region failover write ahead log compaction bloom filter fan out"
).split()


def make_session(n: int, rng: random.Random) -> object:
    from sysdrill.session import state
    from sysdrill.session.scoring import Score

    item_id, title, kind, rubric = ITEMS[n % len(ITEMS)]
    day, second = divmod(n * 37, 86_400)
    started = f"{2020 + day // 360:04d}-{1 + day % 360 // 30:02d}-{1 + day % 30:02d}T" + (
        f"{second // 3600:02d}:{second // 60 % 60:02d}:{second % 60:02d}Z"
    )
    status = state.COMPLETED if n % 10 else (state.IN_PROGRESS if n % 20 else state.ABANDONED)
    phases = [
        state.PhaseRecord(
            position=p, phase_id=pid, title=pid.replace("-", " ").title(),
            planned_seconds=600.0, elapsed_seconds=540.0 + rng.random() * 180,
            notes=" ".join(rng.choices(WORDS, k=80)), covered=["sharding", "caching"],
            missed=["backpressure"],
        )
        for p, pid in enumerate(PHASES)
    ]  # fmt: skip
    pair = n % 7 == 0
    raters = ["self", "interviewer"] if pair else ["self"]
    scores = [
        Score(rater=r, dimension_id=d, dimension=d.title(), score=rng.randint(1, 5), weight=w)
        for r in raters
        for d, w in DIMENSIONS
    ]
    done = status == state.COMPLETED
    return state.DrillSession(
        id=f"{n:010x}", item_id=item_id, item_title=title, item_kind=kind,
        content_hash="0" * 16, rubric_id=rubric, mode=state.PAIR if pair else state.SOLO,
        duration_scale=1.0, started_at=started, phases=phases, status=status,
        stage=state.DONE if done else state.PHASES, current=5 if done else 2,
        ended_at=started if status != state.IN_PROGRESS else None, updated_at=started,
        scores=scores if done else [], reflection="Went deeper on storage.",
        interviewer="Ben" if pair else None, candidate="Ana" if pair else None,
    )  # fmt: skip


def build_history(home: Path, count: int) -> None:
    """A history of ``count`` sessions in ``home``, written through the real store."""
    from sysdrill.history.store import DB_NAME, HistoryStore

    home.mkdir(parents=True, exist_ok=True)
    rng = random.Random(count)
    with HistoryStore(home / DB_NAME) as store:
        store.save_many(make_session(n, rng) for n in range(count))  # type: ignore[misc]


def cached_home(count: int) -> Path:
    from sysdrill.history.schema import CURRENT_VERSION

    root = Path(tempfile.gettempdir()) / "sysdrill-history-scale"
    home = root / f"{count}-b{BUILDER_VERSION}-s{CURRENT_VERSION}"
    if not (home / "built").exists():
        start = time.perf_counter()
        build_history(home, count)
        (home / "built").write_text("ok\n", encoding="utf-8")
        print(f"built {count:,} sessions in {time.perf_counter() - start:.1f} s: {home}")
    return home


def session_ids(home: Path) -> dict[str, str]:
    import sqlite3

    db = sqlite3.connect(home / "history.sqlite3")
    try:
        order = "SELECT id FROM sessions ORDER BY started_at {}, rowid {} LIMIT 1"
        latest = db.execute(order.format("DESC", "DESC")).fetchone()[0]
        oldest = db.execute(order.format("ASC", "ASC")).fetchone()[0]
    finally:
        db.close()
    return {"latest": latest, "oldest": oldest}


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time in seconds and peak RSS in MB of one whole process."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    stderr = process.stderr.read().decode() if process.stderr else ""
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({process.returncode}): {stderr.strip()}")
    return elapsed, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="10,10000,100000")
    parser.add_argument("--only", help="Measure only the commands whose name contains this.")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    if sizes[0] != 10:
        sizes.insert(0, 10)
    homes = {size: cached_home(size) for size in sizes}
    commands = {k: v for k, v in COMMANDS.items() if not args.only or args.only in k}

    jobs: dict[tuple[str, int], tuple[list[str], dict[str, str]]] = {}
    for size, home in homes.items():
        env = dict(os.environ, SYSDRILL_HOME=str(home), NO_COLOR="1", COLUMNS="100")
        ids = session_ids(home)
        for name, (argv, _) in commands.items():
            full = [sys.executable, "-m", "sysdrill", *(a.format(**ids) for a in argv)]
            jobs[name, size] = (full, env)

    times: dict[tuple[str, int], list[float]] = {key: [] for key in jobs}
    memory: dict[tuple[str, int], float] = dict.fromkeys(jobs, 0.0)
    for argv, env in jobs.values():  # warm the page cache and the catalogue index
        run_once(argv, env)
    for _ in range(args.runs):
        for key, (argv, env) in jobs.items():
            elapsed, rss = run_once(argv, env)
            times[key].append(elapsed)
            memory[key] = max(memory[key], rss)

    met = True
    print(f"\nmedian of {args.runs} runs; ratio = time / time with 10 sessions")
    print(f"{'command':<22} {'sessions':>9} {'time':>9} {'ratio':>7} {'peak MB':>8}  goal")
    for name, (_, goal) in commands.items():
        base = statistics.median(times[name, 10])
        for size in sizes:
            median = statistics.median(times[name, size])
            ratio = median / base
            verdict = ""
            if goal is not None and size != 10:
                ok = ratio <= goal
                met = met and ok
                verdict = f"<= {goal}x {'met' if ok else 'MISSED'}"
            print(
                f"{name:<22} {size:>9,} {median * 1000:>7.0f}ms {ratio:>6.2f}x"
                f" {memory[name, size]:>8.0f}  {verdict}"
            )
    print("\nall goals met" if met else "\nsome goals missed")


if __name__ == "__main__":
    main()
