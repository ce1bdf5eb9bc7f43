"""What `history import` agrees to read: a regular file of a sane size."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from tests.test_history_transfer import assert_refused, good_entries, ids_in_history, write_export

from sysdrill.history import importer


def test_a_named_pipe_is_refused_without_waiting(run, tmp_path: Path) -> None:
    fifo = tmp_path / "export.json"
    os.mkfifo(fifo)  # nobody writes to it: reading would block forever
    assert_refused(run, [fifo], "named pipe")


def test_a_device_is_refused_without_reading_it(run) -> None:
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero here")
    assert_refused(run, [Path("/dev/zero")], "a device")


def test_a_directory_is_refused(run, tmp_path: Path) -> None:
    assert_refused(run, [tmp_path], "not a regular file")


def test_a_file_over_the_limit_is_refused(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_export(tmp_path / "big.json", good_entries(run))
    monkeypatch.setattr(importer, "MAX_FILE_BYTES", path.stat().st_size - 1)
    assert_refused(run, [path], "nothing was imported")


def test_the_limit_is_256_mib() -> None:
    assert importer.MAX_FILE_BYTES == 256 * 1024 * 1024


def test_a_byte_order_mark_is_accepted(run, tmp_path: Path) -> None:
    entries = good_entries(run)
    path = tmp_path / "bom.json"
    body = json.dumps({"format": "sysdrill-history", "version": 1, "sessions": entries})
    path.write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    result = run("history", "import", str(path))
    assert result.exit_code == 0, result.output
    assert "2 added" in result.stdout
    assert {"xs0001", "xs0002"} <= set(ids_in_history())
