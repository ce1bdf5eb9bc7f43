"""A closed terminal (SIGHUP, or reads and writes failing) and SIGTERM.

While a drill runs, either signal becomes a ``Hangup`` raised where the
drill is: out of the running screen or prompt (with what was typed in it),
or at once when none runs. The drill then saves and stops. When the
terminal is gone, nothing more is written to it: the standard streams are
pointed at /dev/null, so the exit is quiet.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Iterator
from types import FrameType
from typing import Any

SIGNALS = tuple(getattr(signal, name) for name in ("SIGHUP", "SIGTERM") if hasattr(signal, name))


class Hangup(Exception):
    """The terminal closed, or the process was asked to end."""

    def __init__(self, signum: int | None = None, typed: str | None = None) -> None:
        super().__init__(signal.Signals(signum).name if signum else "the terminal went away")
        self.signum = signum
        self.typed = typed  # the text in the prompt that was running, if any

    @property
    def terminal_gone(self) -> bool:
        return self.signum != getattr(signal, "SIGTERM", None)

    @property
    def exit_code(self) -> int:
        """128 + the signal's number, as shells report it: 129 for a closed terminal
        (SIGHUP, or reads and writes failing), 143 for SIGTERM."""
        return 128 + (self.signum or int(getattr(signal, "SIGHUP", 1)))


def _running_app() -> Any:
    current = sys.modules.get("prompt_toolkit.application.current")
    if current is None:
        return None
    app = current.get_app_or_none()
    if app is None or not app.is_running or app.future is None or app.future.done():
        return None
    return app


def ignore_signals() -> None:
    """A second signal (a closing terminal often sends two) must not cut the saving short."""
    for signum in SIGNALS:
        with contextlib.suppress(ValueError, OSError):  # not the main thread
            signal.signal(signum, signal.SIG_IGN)


def _handler(signum: int, frame: FrameType | None) -> None:
    ignore_signals()
    app = _running_app()
    if app is None:
        raise Hangup(signum)
    typed = None
    with contextlib.suppress(Exception):
        typed = app.current_buffer.text
    loop = app.loop

    def leave() -> None:
        if not app.future.done():
            app.exit(exception=Hangup(signum, typed))

    loop.call_soon_threadsafe(leave)


@contextlib.contextmanager
def hangup_guard() -> Iterator[None]:
    """SIGHUP and SIGTERM raise ``Hangup`` inside this block."""
    previous = {}
    for signum in SIGNALS:
        with contextlib.suppress(ValueError, OSError):  # not the main thread
            previous[signum] = signal.signal(signum, _handler)
    try:
        yield
    finally:
        for signum, handler in previous.items():
            with contextlib.suppress(ValueError, OSError):
                signal.signal(signum, handler)


def leave_terminal() -> None:
    """The terminal is gone: send anything still to be written to /dev/null."""
    with contextlib.suppress(OSError):
        null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            with contextlib.suppress(OSError):
                os.dup2(null, fd)
        os.close(null)
