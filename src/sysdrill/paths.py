"""The one place that decides where sysdrill keeps things.

``SYSDRILL_HOME``, when set, holds everything: the data directory is
``$SYSDRILL_HOME`` itself and the cache is ``$SYSDRILL_HOME/cache``.
Otherwise the platform's conventions apply (platformdirs): on Linux
``~/.local/share/sysdrill`` for data and ``~/.cache/sysdrill`` for the cache.
Directories are created on first use, readable by the user only (0700;
files in them are 0600, see ``sysdrill.files``). The cache is optional:
when it cannot be written, nothing is cached and everything still works.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "sysdrill"
PACKAGE_DIR = Path(__file__).resolve().parent


def _ensure(path: Path, what: str) -> Path:
    from sysdrill.files import private_dir

    try:
        return private_dir(path)
    except OSError as exc:
        from sysdrill.errors import SysdrillError

        reason = exc.strerror or str(exc)
        raise SysdrillError(f"cannot create the {what} directory {path}: {reason}") from None


def _home() -> Path | None:
    home = os.environ.get("SYSDRILL_HOME")
    return Path(home).expanduser() if home else None


def data_dir_path() -> Path:
    """Where the history and other user data live, whether or not it exists yet."""
    home = _home()
    if home is not None:
        return home
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    """Where the history and other user data live, created (0700) on first use."""
    return _ensure(data_dir_path(), "data")


def cache_dir_path() -> Path:
    """Where disposable, rebuildable files live (the catalogue index)."""
    home = _home()
    if home is not None:
        return home / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """The cache directory, created (0700) on first use."""
    return _ensure(cache_dir_path(), "cache")


def usable_cache_dir() -> tuple[Path | None, str | None]:
    """The cache directory, and why it cannot be written to if it cannot.

    A cache is only a speed-up: when it cannot be created nothing is cached
    (None); when it exists but is read-only it is still read.
    """
    path = cache_dir_path()
    from sysdrill.errors import SysdrillError

    try:
        cache_dir()
    except SysdrillError as exc:
        return None, str(exc)
    if not os.access(path, os.W_OK | os.X_OK, effective_ids=True):
        return path, f"cannot write to the cache directory {path}: read-only"
    return path, None


def builtin_content_dirs() -> list[Path]:
    """Directories holding the built-in problems, case studies and rubrics.

    An installed wheel carries problems/ and casestudies/ inside the package
    (``_builtin``); a source checkout keeps them at the repository root.
    """
    bundled = PACKAGE_DIR / "_builtin"
    base = bundled if bundled.is_dir() else PACKAGE_DIR.parent.parent
    return [base / "problems", base / "casestudies", PACKAGE_DIR / "rubrics"]


def recovery_dirs() -> list[Path]:
    """Where a session goes when the history cannot take it, in order of preference.

    The data directory first; next to it when that is full (often another
    file system than the data directory's own); last, the temporary folder.
    """
    import tempfile

    home = _home()
    if home is None:
        import platformdirs

        home = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    uid = os.getuid() if hasattr(os, "getuid") else 0
    return [
        home / "recovery",
        home.parent / f"{home.name}-recovery",
        Path(tempfile.gettempdir()) / f"sysdrill-recovery-{uid}",
    ]
