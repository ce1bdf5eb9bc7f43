"""What sysdrill leaves on disk is private, and a cache it cannot write stops nothing."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.conftest import new_drill
from tests.plain_user import without_root_powers

from sysdrill.errors import SysdrillError
from sysdrill.files import private_dir, write_private
from sysdrill.history.store import open_history
from sysdrill.pairs import Pair, save_last_name, save_last_pair


@pytest.fixture(params=[0o022, 0o000, 0o077], ids=["umask022", "umask000", "umask077"])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    old = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(old)


def modes_under(root: Path) -> dict[str, int]:
    found = {".": stat.S_IMODE(root.stat().st_mode)}
    for directory, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(directory, name)
            found[str(path.relative_to(root))] = stat.S_IMODE(path.lstat().st_mode)
    return found


def test_everything_sysdrill_creates_is_private_whatever_the_umask(
    run, isolated_home: Path, umask: int
) -> None:
    assert not isolated_home.exists()
    result = run("list")  # `list` first makes the cache inside the home
    assert result.exit_code == 0, result.output
    assert run("history").exit_code == 0  # reading creates nothing
    open_history().close()  # as a drill does
    save_last_pair(isolated_home, Pair("Ana", "Ben"))
    save_last_name(isolated_home, "Ana")
    modes = modes_under(isolated_home)
    assert "cache/catalogue.json" in modes and "history.sqlite3" in modes
    assert "last-pair.json" in modes and "history.sqlite3.checked" in modes
    wrong = {
        name: oct(mode)
        for name, mode in modes.items()
        if mode != (0o700 if (isolated_home / name).is_dir() else 0o600)
    }
    assert wrong == {}


def test_platform_directories_made_for_sysdrill_are_private(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, umask: int
) -> None:
    home = tmp_path / "user"
    home.mkdir()
    monkeypatch.delenv("SYSDRILL_HOME")
    monkeypatch.setenv("HOME", str(home))
    for name in ("XDG_DATA_HOME", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    assert run("list").exit_code == 0
    open_history().close()
    made = modes_under(home)
    del made["."]  # the home was there before
    assert made and all(
        mode == (0o700 if (home / name).is_dir() else 0o600) for name, mode in made.items()
    ), made


def test_private_writes_replace_whole_files(tmp_path: Path, umask: int) -> None:
    target = private_dir(tmp_path / "a" / "b") / "f.json"
    write_private(target, "one")
    write_private(target, b"two", durable=True)
    assert target.read_text() == "two"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in target.parent.iterdir()] == ["f.json"]  # no temporary left


def test_a_read_only_home_still_lists(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "user"
    home.mkdir()
    home.chmod(0o555)
    monkeypatch.delenv("SYSDRILL_HOME")
    monkeypatch.setenv("HOME", str(home))
    for name in ("XDG_DATA_HOME", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    with without_root_powers():
        result = run("list")
        searched = run("list", "--search", "shard")
    assert result.exit_code == 0, result.output
    assert "dynamodb" in result.stdout
    assert searched.exit_code == 0, searched.output
    assert len(result.stderr.strip().splitlines()) <= 1
    assert "internal error" not in result.stderr
    assert list(home.iterdir()) == []


def test_a_read_only_cache_is_read_but_not_needed(run, isolated_home: Path) -> None:
    assert run("list").exit_code == 0
    cache = isolated_home / "cache"
    cache.chmod(0o500)
    with without_root_powers():
        result = run("list", "--search", "shard")
    cache.chmod(0o700)
    assert result.exit_code == 0, result.output
    assert "internal error" not in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 1


def test_a_data_directory_that_cannot_be_made_is_one_clear_line(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parent = tmp_path / "locked"
    parent.mkdir()
    parent.chmod(0o555)
    monkeypatch.setenv("SYSDRILL_HOME", str(parent / "home"))
    with without_root_powers():
        listed = run("history")
        with pytest.raises(SysdrillError) as raised:
            open_history()  # what a drill does before its brief
    assert listed.exit_code == 0, listed.output
    assert "No sessions yet" in listed.stderr
    assert str(raised.value).startswith("cannot create the data directory")
    assert "Permission denied" in str(raised.value)


def test_recovery_files_are_private_whatever_the_umask(
    catalogue, store, isolated_home: Path, umask: int
) -> None:
    from sysdrill.paths import recovery_dirs
    from sysdrill.session.recovery import write_recovery

    drill = new_drill(catalogue, store, "dynamodb")
    path = write_recovery(drill.session, recovery_dirs())
    made = modes_under(isolated_home)
    assert path.is_relative_to(isolated_home)
    assert all(
        mode == (0o700 if (isolated_home / name).is_dir() else 0o600) for name, mode in made.items()
    ), made
