"""Shell completion through the shell's own protocol, in a real process."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import new_drill, write_problem


def program() -> list[str]:
    script = Path(sys.executable).parent / "sysdrill"
    if script.exists():
        return [str(script)]
    found = shutil.which("sysdrill")
    return [found] if found else [sys.executable, "-m", "sysdrill"]


def complete(line: str, *, instruction: str = "bash_complete", **env: str) -> list[str]:
    """What bash would offer for ``line`` (a trailing space: a new, empty word)."""
    words = line.split()
    cword = len(words) if line.endswith(" ") else len(words) - 1
    result = subprocess.run(
        program(),
        env={
            **os.environ,
            "_SYSDRILL_COMPLETE": instruction,
            "COMP_WORDS": line,
            "COMP_CWORD": str(cword),
            **env,
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", result.stderr  # quiet: nothing lands in the shell line
    return result.stdout.split()


def test_item_ids_for_drill(isolated_home: Path) -> None:
    assert complete("sysdrill drill dyn") == ["dynamodb"]
    offered = complete("sysdrill drill ")
    assert "object-storage" in offered and "l7-strategic" not in offered


def test_show_completes_items_and_rubrics(isolated_home: Path) -> None:
    assert complete("sysdrill show s3") == ["s3-consistency"]
    assert "l6-engineering" in complete("sysdrill show l6")


def test_categories_tags_kinds_levels_and_rubrics(isolated_home: Path) -> None:
    assert complete("sysdrill list --category st") == ["storage", "streaming"]
    assert "caching" in complete("sysdrill list --tag cach")
    assert complete("sysdrill list --kind c") == ["case-study"]
    assert complete("sysdrill list --level l") == ["L6", "L7"]
    assert complete("sysdrill drill --rubric l7-c") == ["l7-case-study"]
    assert complete("sysdrill new ") == ["problem", "case-study", "rubric"]


def test_typer_spelling_of_the_instruction_works_too(isolated_home: Path) -> None:
    assert complete("sysdrill drill dyn", instruction="complete_bash") == ["dynamodb"]


def test_session_ids_from_the_history(catalogue, isolated_home: Path) -> None:
    from sysdrill.history.store import open_history

    isolated_home.mkdir(parents=True, exist_ok=True)
    with open_history() as store:
        drill = new_drill(catalogue, store, "dynamodb")
        drill.begin_phase()
        drill.save_now()
        session_id = drill.session.id
    for line in ("sysdrill history show ", "sysdrill history delete ", "sysdrill resume "):
        assert complete(line) == [session_id], line
    assert complete(f"sysdrill history export {session_id[:3]}") == [session_id]
    assert complete("sysdrill history show zzz") == []


def test_no_history_completes_nothing_quietly(isolated_home: Path) -> None:
    assert complete("sysdrill history show ") == []
    assert not (isolated_home / "history.sqlite3").exists()


def test_pack_items_and_categories_named_on_the_line(isolated_home: Path, pack: Path) -> None:
    path = write_problem(pack, "packet-routing")
    path.write_text(
        path.read_text(encoding="utf-8").replace("storage", "networking"), encoding="utf-8"
    )
    (pack / "broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    line = f"sysdrill drill --content-dir {pack} pack"
    assert complete(line) == ["packet-routing"]
    assert complete(f"sysdrill list --content-dir {pack} --category net") == ["networking"]
    assert complete("sysdrill drill pack", SYSDRILL_CONTENT_PATH=str(pack)) == ["packet-routing"]


def test_a_missing_pack_directory_completes_built_ins_quietly(
    isolated_home: Path, tmp_path: Path
) -> None:
    gone = str(tmp_path / "gone")
    assert complete("sysdrill drill dyn", SYSDRILL_CONTENT_PATH=gone) == ["dynamodb"]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_prints_the_script(run, shell: str) -> None:
    result = run("completion", shell)
    assert result.exit_code == 0, result.output
    assert "_SYSDRILL_COMPLETE" in result.stdout
    assert "sysdrill" in result.stdout


def test_completion_for_an_unknown_shell_is_a_usage_error(run) -> None:
    result = run("completion", "tcsh")
    assert result.exit_code == 2
    assert "unknown shell 'tcsh'" in result.stderr


def test_a_damaged_history_completes_nothing_and_is_left_alone(isolated_home: Path) -> None:
    isolated_home.mkdir(parents=True, exist_ok=True)
    damaged = isolated_home / "history.sqlite3"
    damaged.write_bytes(b"not a database at all\n" * 100)
    assert complete("sysdrill history show ") == []
    assert damaged.read_bytes() == b"not a database at all\n" * 100
    assert [p.name for p in isolated_home.iterdir() if "damaged" in p.name] == []


def test_an_escape_sequence_in_a_session_reaches_the_shell_as_text(
    catalogue, isolated_home: Path
) -> None:
    import sqlite3

    from sysdrill.history.store import open_history

    isolated_home.mkdir(parents=True, exist_ok=True)
    with open_history() as store:
        drill = new_drill(catalogue, store, "dynamodb")
        drill.save_now()
    db = sqlite3.connect(isolated_home / "history.sqlite3")
    with db:
        db.execute("UPDATE sessions SET id = ?", ("bad\x1b]0;owned\x07id",))
    db.close()
    offered = complete("sysdrill history show ")
    assert offered and all("\x1b" not in word and "\x07" not in word for word in offered)
