from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sysdrill.cli import app
from sysdrill.tui import console

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """No test touches the real home: data and cache go to a temporary folder.

    The consoles read the terminal's width once, when first used: each test
    starts with fresh ones, so no test prints at a width another one set."""
    home = tmp_path / "sysdrill-home"
    monkeypatch.setenv("SYSDRILL_HOME", str(home))
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("SYSDRILL_CONTENT_PATH", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    console.stdout.cache_clear()
    console.stderr.cache_clear()
    yield home
    console.stdout.cache_clear()
    console.stderr.cache_clear()


Run = Callable[..., "object"]


@pytest.fixture
def run() -> Callable[..., object]:
    """Invoke the CLI in-process, the way a user would type it."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None) -> object:
        return runner.invoke(app, list(args), input=input, catch_exceptions=False)

    return invoke


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    directory = tmp_path / "pack"
    directory.mkdir()
    return directory


PROBLEM = """\
id: {id}
kind: problem
title: {title}
level: L6
category: storage
tags: [caching, pack-only]
summary: A small problem for tests.
context:
  industry: Widgets sell well.
  business: Sell more widgets.
  vision: Widgets everywhere.
requirements:
  functional: [Store widgets]
  non_functional: ["p99 under 20 ms"]
phases:
  - id: design
    title: Design
    minutes: 10
    prompts: [Sketch the widget store.]
    key_points:
      - concept: consistent hashing
        aliases: [hash ring]
"""


def write_problem(directory: Path, ident: str, title: str = "Widget store") -> Path:
    path = directory / f"{ident}.yaml"
    path.write_text(PROBLEM.format(id=ident, title=title), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def catalogue():
    """The built-in content, loaded once."""
    from sysdrill.content.catalogue import builtin_roots, load_catalogue

    return load_catalogue(builtin_roots(), index_dir=None)


@pytest.fixture
def store(tmp_path: Path):
    from sysdrill.history.store import HistoryStore

    with HistoryStore(tmp_path / "history.sqlite3") as history:
        yield history


def new_drill(catalogue, store, item_id: str, *, clock=None, **session_options):
    """A drill of a built-in item on a hand-ticked clock, saving to ``store``."""
    from sysdrill.session.clock import ManualClock
    from sysdrill.session.drill import Drill
    from sysdrill.session.state import start_session

    item = catalogue.load_item(catalogue.find(item_id))
    rubric = catalogue.load_rubric(item.rubric_id)
    clock = clock or ManualClock()
    session = start_session(item, rubric, clock=clock, **session_options)
    return Drill(session, item, rubric, clock=clock, save=store.save)
