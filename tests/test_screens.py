"""The pictures of the screens in the README and docs/screens.md show what sysdrill shows.

Each picture's text (not its bytes: fonts and colours aside) is compared with what
the program produces now. Regenerate them with `python docs/screens/make.py`.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from tests.conftest import REPO


def _load_make() -> ModuleType:
    spec = importlib.util.spec_from_file_location("screens_make", REPO / "docs/screens/make.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["screens_make"] = module  # its dataclasses look themselves up
    spec.loader.exec_module(module)
    return module


make = _load_make()
PRINTED = [p for p in make.PICTURES if not p.live]
STALE = "out of date: run python docs/screens/make.py"


@pytest.fixture(scope="module")
def homes() -> Iterator[dict[str, Path]]:
    with make.data_homes() as built:
        yield built


@pytest.mark.parametrize("picture", PRINTED, ids=[p.name for p in PRINTED])
def test_a_printed_screen_matches_its_picture(picture, homes) -> None:
    made = make.produce((picture,), homes, None)[picture.name]
    committed = (REPO / "docs/screens" / f"{picture.name}.svg").read_text(encoding="utf-8")
    assert make.compared(committed, live=False) == make.compared(made, live=False), STALE
    assert max(map(len, make.svg_text(made).splitlines())) <= 100


def test_the_screens_page_lists_every_picture() -> None:
    assert (REPO / "docs/screens.md").read_text(encoding="utf-8") == make.render_page(), STALE


def test_the_readme_shows_pictures_that_exist() -> None:
    shown = re.findall(r"\]\(docs/screens/([\w-]+)\.svg\)", (REPO / "README.md").read_text())
    assert {"phase", "summary", "pair", "stats"} <= set(shown)
    for name in shown:
        assert (REPO / "docs/screens" / f"{name}.svg").exists(), name


def test_the_picture_text_is_read_back_whole() -> None:
    svg = make.to_svg("\x1b[1mPhase 1/6\x1b[0m   \x1b[2m(15:00 planned)\x1b[0m\n  ✓ a — “b”", "t")
    assert make.svg_text(svg) == "t\nPhase 1/6   (15:00 planned)\n  ✓ a — “b”"


def test_the_clock_is_read_to_the_nearest_minute() -> None:
    shown = make.steady("14:58 left · drill 1:29:31 left · 0:29 over")
    assert shown == "15:00 left · drill 1:30:00 left · 0:00 over"


@pytest.mark.e2e
def test_the_running_phase_in_a_terminal_matches_its_picture(tmp_path: Path) -> None:
    [picture] = [p for p in make.PICTURES if p.name == "phase"]
    made = make.to_svg(make.live_phase(tmp_path), f"sysdrill {picture.command}")
    committed = (REPO / "docs/screens/phase.svg").read_text(encoding="utf-8")
    assert make.compared(committed, live=True) == make.compared(made, live=True), STALE
