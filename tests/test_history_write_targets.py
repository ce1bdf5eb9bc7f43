"""Where `history export -o` and `new` write: never over a device, a pipe or a link."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from tests.test_history_transfer import make_session, save

import sysdrill.files
from sysdrill.history import transfer


def one_line_error(result: object, exit_code: int = 1) -> str:
    assert result.exit_code == exit_code, result.output  # type: ignore[attr-defined]
    stderr = result.stderr  # type: ignore[attr-defined]
    assert len(stderr.strip().splitlines()) == 1, stderr
    assert "Traceback" not in result.output  # type: ignore[attr-defined]
    return str(stderr)


def test_export_through_a_symlink_writes_its_target(run, tmp_path: Path) -> None:
    save(make_session(1))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    real = elsewhere / "real.json"
    link = tmp_path / "link.json"
    link.symlink_to(real)
    result = run("history", "export", "-o", str(link))
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert '"sysdrill-history"' in real.read_text(encoding="utf-8")
    assert not list(tmp_path.glob("**/*.tmp"))


@pytest.mark.parametrize("fmt", ["json", "csv", "md"])
def test_export_refuses_a_named_pipe(run, tmp_path: Path, fmt: str) -> None:
    save(make_session(1))
    out = tmp_path / "out"
    out.mkdir()
    fifo = out / "out.json"
    os.mkfifo(fifo)
    stderr = one_line_error(run("history", "export", "-f", fmt, "-o", str(fifo)))
    assert "not a regular file" in stderr and "named pipe" in stderr
    assert fifo.exists() and not fifo.is_file()  # still the pipe
    assert sorted(p.name for p in out.iterdir()) == ["out.json"]


def test_export_refuses_a_device_and_leaves_it_alone(run) -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    save(make_session(1))
    stderr = one_line_error(run("history", "export", "-o", "/dev/full"))
    assert "a device" in stderr
    assert not Path("/dev/full").is_file()


def test_export_refuses_a_directory(run, tmp_path: Path) -> None:
    save(make_session(1))
    target = tmp_path / "dir.json"
    target.mkdir()
    result = run("history", "export", "-o", str(target))
    assert result.exit_code in (1, 2), result.output
    assert target.is_dir() and list(target.iterdir()) == []


class _FullDisk:
    """A file on a full disk: every write that reaches the disk fails."""

    def __init__(self, handle: object) -> None:
        self._handle = handle

    def __getattr__(self, name: str) -> object:
        return getattr(self._handle, name)

    def write(self, text: str) -> int:
        return len(text)  # buffered: the failure comes when it is flushed

    def writelines(self, lines: object) -> None:
        pass

    def flush(self) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def close(self) -> None:
        self._handle.close()  # type: ignore[attr-defined]
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_export_on_a_full_disk_leaves_no_temporary_file(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    save(make_session(1))
    real_fdopen = os.fdopen
    monkeypatch.setattr(transfer.os, "fdopen", lambda *a, **k: _FullDisk(real_fdopen(*a, **k)))
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "x.json"
    out.write_text("keep me", encoding="utf-8")
    stderr = one_line_error(run("history", "export", "-f", fmt, "-o", str(out)))
    assert "cannot write" in stderr
    assert out.read_text(encoding="utf-8") == "keep me"
    assert sorted(p.name for p in out.parent.iterdir()) == ["x.json"]


def test_new_on_a_full_disk_leaves_nothing_and_can_run_again(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(fd: int, payload: bytes) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(sysdrill.files, "_write_all", full)
    pack = tmp_path / "pack"
    stderr = one_line_error(run("new", "problem", "my-item", "--dir", str(pack)))
    assert "cannot write" in stderr
    assert list(pack.iterdir()) == []
    monkeypatch.undo()
    again = run("new", "problem", "my-item", "--dir", str(pack))
    assert again.exit_code == 0, again.output
    assert (pack / "my-item.yaml").read_text(encoding="utf-8").startswith("# yaml")
    names = [p.name for p in pack.iterdir()]
    assert "my-item.yaml" in names and not [n for n in names if n.endswith(".tmp")]


def test_new_still_refuses_an_existing_file(run, tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "my-item.yaml").write_text("mine", encoding="utf-8")
    stderr = one_line_error(run("new", "problem", "my-item", "--dir", str(pack)))
    assert "already exists" in stderr
    assert (pack / "my-item.yaml").read_text(encoding="utf-8") == "mine"
    assert [p.name for p in pack.iterdir()] == ["my-item.yaml"]
