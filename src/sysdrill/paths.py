"""The one place that decides where sysdrill keeps things.

``SYSDRILL_HOME``, when set, holds everything: the data directory is
``$SYSDRILL_HOME`` itself and the cache is ``$SYSDRILL_HOME/cache``.
Otherwise the platform's conventions apply (platformdirs): on Linux
``~/.local/share/sysdrill`` for data and ``~/.cache/sysdrill`` for the cache.
Directories are created on first use, readable by the user only.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "sysdrill"
PACKAGE_DIR = Path(__file__).resolve().parent


def _ensure(path: Path) -> Path:
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def _home() -> Path | None:
    home = os.environ.get("SYSDRILL_HOME")
    return Path(home).expanduser() if home else None


def data_dir() -> Path:
    """Where the history and other user data live."""
    home = _home()
    if home is not None:
        return _ensure(home)
    import platformdirs

    return _ensure(Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)))


def cache_dir() -> Path:
    """Where disposable, rebuildable files live (the catalogue index)."""
    home = _home()
    if home is not None:
        return _ensure(home / "cache")
    import platformdirs

    return _ensure(Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)))


def builtin_content_dirs() -> list[Path]:
    """Directories holding the built-in problems, case studies and rubrics.

    An installed wheel carries problems/ and casestudies/ inside the package
    (``_builtin``); a source checkout keeps them at the repository root.
    """
    bundled = PACKAGE_DIR / "_builtin"
    base = bundled if bundled.is_dir() else PACKAGE_DIR.parent.parent
    return [base / "problems", base / "casestudies", PACKAGE_DIR / "rubrics"]
