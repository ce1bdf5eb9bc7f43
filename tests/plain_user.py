"""Permission tests that mean the same as root: a thread without root's file powers.

CI runs as root, and root reads and writes any file whatever its mode. While
``without_root_powers()`` is active, the calling thread loses the
capabilities that bypass file permissions (CAP_DAC_OVERRIDE,
CAP_DAC_READ_SEARCH, CAP_FOWNER), so a 0500 directory is read-only and a
file owned by another user unreadable, as for anyone else. For other users
it changes nothing. SQLite runs on the calling thread, so it is bound too.
"""

from __future__ import annotations

import ctypes
import os
from collections.abc import Iterator
from contextlib import contextmanager

_VERSION_3 = 0x20080522
_POWERS = (1 << 1) | (1 << 2) | (1 << 3)  # DAC_OVERRIDE, DAC_READ_SEARCH, FOWNER
OTHER_UID = 65534  # nobody


class _Header(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _Data(ctypes.Structure):
    _fields_ = [
        ("effective", ctypes.c_uint32),
        ("permitted", ctypes.c_uint32),
        ("inheritable", ctypes.c_uint32),
    ]


def _capabilities() -> tuple[object, _Header, ctypes.Array[_Data]]:
    libc = ctypes.CDLL(None, use_errno=True)
    header, data = _Header(_VERSION_3, 0), (_Data * 2)()
    if libc.capget(ctypes.byref(header), data) != 0:
        raise OSError(ctypes.get_errno(), "capget failed")
    return libc, header, data


@contextmanager
def without_root_powers() -> Iterator[None]:
    if os.geteuid() != 0:
        yield
        return
    libc, header, data = _capabilities()
    saved = data[0].effective
    data[0].effective = saved & ~_POWERS
    if libc.capset(ctypes.byref(header), data) != 0:  # type: ignore[attr-defined]
        raise OSError(ctypes.get_errno(), "capset failed")
    try:
        yield
    finally:
        data[0].effective = saved
        libc.capset(ctypes.byref(header), data)  # type: ignore[attr-defined]


def can_give_away_files() -> bool:
    """Whether a test can make a file belong to another user (only root can)."""
    return os.geteuid() == 0
