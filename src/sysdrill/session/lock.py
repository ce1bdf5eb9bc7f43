"""One session, one writer: a lock held by the process that runs the session.

Each running session holds an exclusive ``flock`` on its own file in the
data directory's ``running`` folder, with the holder's process ID written
in it. The operating system drops the lock when the process ends, however
it ends (kill -9 included), so a lock is never left behind and no clock
or timestamp is ever consulted.
"""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path
from types import TracebackType

try:
    import fcntl
except ImportError:  # pragma: no cover - no flock here: sessions go unguarded
    fcntl = None  # type: ignore[assignment]


class RunningElsewhere(Exception):
    """The session is being run by another process."""

    def __init__(self, session_id: str, pid: int | None) -> None:
        self.session_id = session_id
        self.pid = pid
        where = f" (pid {pid})" if pid else ""
        super().__init__(f"session {session_id} is running in another window{where}")


class SessionLock:
    """Held until ``release`` (or the end of the process)."""

    def __init__(self, fd: int | None, path: Path) -> None:
        self._fd = fd
        self.path = path

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor drops the lock
            self._fd = None

    def __enter__(self) -> SessionLock:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.release()


def _holder(fd: int) -> int | None:
    with contextlib.suppress(OSError, ValueError):
        return int(os.pread(fd, 32, 0).decode("ascii").strip() or "0") or None
    return None


def lock_session(directory: Path, session_id: str) -> SessionLock:
    """Take the session's lock, or raise ``RunningElsewhere`` naming the holder."""
    from sysdrill.files import open_private, private_dir

    path = directory / f"{session_id}.lock"
    if fcntl is None:
        return SessionLock(None, path)
    private_dir(directory)
    fd = open_private(path, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        pid = _holder(fd)
        os.close(fd)
        if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
            raise RunningElsewhere(session_id, pid) from None
        return SessionLock(None, path)  # a file system without locks: carry on unguarded
    with contextlib.suppress(OSError):  # a full disk may refuse the ID; the lock holds
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
    return SessionLock(fd, path)
