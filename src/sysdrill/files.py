"""Private files and directories: the one place sysdrill creates anything on disk.

Every directory sysdrill creates is 0700 and every file 0600, whatever the
umask: notes and names are nobody else's business. The mode is set
explicitly after creation, because the umask only ever takes bits away (a
umask of 0o277 would leave a file its owner cannot write).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


def private_dir(path: Path) -> Path:
    """``path`` as a directory, creating it and any missing parents as 0700.

    Directories that already exist keep the mode their owner gave them.
    """
    missing: list[Path] = []
    current = path
    while not os.path.lexists(current) and current != current.parent:
        missing.append(current)
        current = current.parent
    for directory in reversed(missing):
        try:
            os.mkdir(directory, PRIVATE_DIR)
        except FileExistsError:
            continue  # another process made it first
        os.chmod(directory, PRIVATE_DIR)
    if not path.is_dir():
        raise NotADirectoryError(f"{path} is not a directory")
    return path


def open_private(path: Path, flags: int = os.O_WRONLY) -> int:
    """A file descriptor on ``path``, created 0600 if it is new; the caller closes it."""
    fd = os.open(path, flags | os.O_CREAT, PRIVATE_FILE)
    try:
        if os.fstat(fd).st_mode & 0o777 != PRIVATE_FILE:
            os.fchmod(fd, PRIVATE_FILE)
    except PermissionError:
        pass  # someone else's file that we may still write: leave its mode alone
    except BaseException:
        os.close(fd)
        raise
    return fd


def write_private(path: Path, data: str | bytes, *, durable: bool = False) -> None:
    """Replace ``path`` with ``data`` atomically: readers see the old file or the new one.

    The new file is 0600. With ``durable`` the data and the rename are flushed
    to disk before returning (for user data; a cache need not pay for it).
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    fd = open_private(tmp, os.O_WRONLY | os.O_EXCL)
    try:
        try:
            _write_all(fd, payload)
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if durable:
        _sync_dir(path.parent)


def _sync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a directory; the rename still happened
    finally:
        os.close(fd)


def file_type(info: os.stat_result) -> str:
    """What a non-regular file is, in words: "a directory", "a named pipe"..."""
    mode = info.st_mode
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a plain file"


def _write_all(fd: int, payload: bytes) -> None:
    view = memoryview(payload)
    while view:
        view = view[os.write(fd, view) :]


def create_new(path: Path, data: str) -> None:
    """Create ``path`` holding ``data``, or FileExistsError if something is there.

    The content is written to a temporary file first and only then linked to
    its name, so a failed write (a full disk) never leaves an empty or partial
    file under ``path``; the temporary file is removed whatever happens.
    """
    payload = data.encode("utf-8")
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    fd = open_private(tmp, os.O_WRONLY | os.O_EXCL)
    try:
        try:
            _write_all(fd, payload)
            os.fsync(fd)
        finally:
            os.close(fd)
        try:
            os.link(tmp, path)  # refuses an existing name, like O_EXCL
        except FileExistsError:
            raise
        except OSError:  # a file system without hard links: create, fill, or remove
            _create_directly(path, payload)
    finally:
        tmp.unlink(missing_ok=True)


def _create_directly(path: Path, payload: bytes) -> None:
    fd = open_private(path, os.O_WRONLY | os.O_EXCL)
    try:
        try:
            _write_all(fd, payload)
        finally:
            os.close(fd)
    except BaseException:
        path.unlink(missing_ok=True)
        raise


_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


class NotRegularFileError(Exception):
    """A path that is a directory, a pipe, a device or a socket: never read."""

    def __init__(self, kind: str) -> None:
        super().__init__(f"not a regular file ({kind})")
        self.kind = kind


class FileTooBigError(Exception):
    """A file over the size limit; ``size`` is as much of it as was seen."""

    def __init__(self, size: int) -> None:
        super().__init__(f"file is {size:,} bytes")
        self.size = size


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most ``limit`` bytes.

    A FIFO would block forever, a device such as /dev/zero never ends, and a
    directory or a symlink loop cannot be read at all: the file is opened
    without blocking and checked before any read, and never more than
    ``limit`` bytes are read, even if it grows meanwhile. Raises
    NotRegularFileError, FileTooBigError, or OSError.
    """
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):  # before opening: a socket cannot even be opened
        raise NotRegularFileError(file_type(info))
    fd = os.open(path, os.O_RDONLY | _NONBLOCK)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFileError(file_type(info))
        if info.st_size > limit:
            raise FileTooBigError(info.st_size)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            raw = handle.read(limit + 1)
    finally:
        os.close(fd)
    if len(raw) > limit:
        raise FileTooBigError(len(raw))
    return raw
