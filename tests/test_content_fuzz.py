"""Mutants of the built-in files, mixed with good files, through the real CLI.

Every good file still lists; every mutant either loads or gets one line of
diagnostic for itself; nothing escapes as an internal error; nothing from a
mutant reaches the terminal as a control sequence.

The fast version runs in the test suite. For a longer run:

    SYSDRILL_FUZZ_FOLDERS=30 SYSDRILL_FUZZ_PER_FOLDER=100 pytest tests/test_content_fuzz.py

(``SYSDRILL_FUZZ_SEED`` picks other mutants; benchmarks/content_fuzz.py times
each file.)
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from tests.conftest import write_problem
from tests.content_mutants import Mutant, mutants, write

FOLDERS = int(os.environ.get("SYSDRILL_FUZZ_FOLDERS", "5"))
PER_FOLDER = int(os.environ.get("SYSDRILL_FUZZ_PER_FOLDER", "30"))
SEED = int(os.environ.get("SYSDRILL_FUZZ_SEED", "20261130"))
GOOD_PER_FOLDER = 3
CONTROL = ["\x1b", "\x07", "\x9b", "\u202e", "\b", "\r"]


def _no_controls(text: str) -> None:
    assert not [c for c in CONTROL if c in text], repr(text[:2000])


SHOWN_PER_FOLDER = 3


@pytest.fixture(scope="module")
def shared_home(tmp_path_factory) -> Path:
    """One home for every folder: the built-ins are indexed once, as for a user."""
    return tmp_path_factory.mktemp("fuzz-home")


@pytest.mark.parametrize("folder", range(FOLDERS))
def test_mutants_never_hide_good_files(
    run, tmp_path, monkeypatch, catalogue, shared_home, folder
) -> None:
    from sysdrill.session.clock import ManualClock
    from sysdrill.session.state import start_session

    pack = tmp_path / "pack"
    pack.mkdir()
    batch: list[tuple[Mutant, Path]] = []
    for mutant in mutants(SEED + folder, PER_FOLDER):
        batch.append((mutant, write(mutant, pack)))
    good_ids = [f"good-{folder}-{n}" for n in range(GOOD_PER_FOLDER)]
    for ident in good_ids:
        write_problem(pack, ident, "A good one")
    monkeypatch.setenv("SYSDRILL_CONTENT_PATH", str(pack))
    monkeypatch.setenv("SYSDRILL_HOME", str(shared_home))
    builtin_ids = {e.id for e in catalogue.entries}

    for attempt in ("cold", "warm"):  # the second run reads the catalogue index
        result = run("list", "--json")
        rubrics = run("list", "--json", "--kind", "rubric")
        assert result.exit_code == 0 and rubrics.exit_code == 0, result.output
        _no_controls(result.stdout + result.stderr + rubrics.stdout)
        entries = json.loads(result.stdout) + json.loads(rubrics.stdout)
        ids = {e["id"] for e in entries}
        assert set(good_ids) | builtin_ids <= ids, (attempt, sorted(builtin_ids - ids))
        warnings = result.stderr.splitlines()
        assert rubrics.stderr.splitlines() == warnings
        loaded_paths = {e["path"] for e in entries}
        for mutant, path in batch:
            said = [w for w in warnings if w.startswith(f"sysdrill: warning: skipped {path}")]
            assert len(said) + (str(path) in loaded_paths) == 1, (attempt, mutant.how, said)
        assert len(warnings) == sum(1 for _, p in batch if str(p) not in loaded_paths), warnings

    checked = run("validate", str(pack))
    assert checked.exit_code in (0, 1), checked.output
    assert "internal error" not in checked.output
    _no_controls(checked.stdout + checked.stderr)
    mutant_paths = tuple(f"{p}:" for _, p in batch)
    for line in checked.stdout.splitlines():
        assert line.startswith(mutant_paths), line

    result = run("list", "--search", "the")
    assert result.exit_code == 0, result.output
    _no_controls(result.stdout + result.stderr)

    from sysdrill.content.catalogue import builtin_roots, load_catalogue, pack_roots

    loaded = load_catalogue(builtin_roots() + pack_roots([pack]), index_dir=None)
    loaded_mutants = [
        e for e in loaded.drillable() if e.path.startswith(str(pack)) and e.id not in good_ids
    ]
    for number, entry in enumerate(loaded_mutants):
        if number < SHOWN_PER_FOLDER:
            shown = run("show", entry.id, "--reference")
            assert shown.exit_code in (0, 1), shown.output
            assert "internal error" not in shown.output
            _no_controls(shown.stdout + shown.stderr)
        item = loaded.load_item(entry)
        rubric = loaded.load_rubric(item.rubric_id) if item.rubric_id in builtin_ids else None
        if rubric is not None:
            session = start_session(item, rubric, clock=ManualClock(), scale=0.5)
            assert all(p.planned_seconds >= 0 for p in session.phases)
