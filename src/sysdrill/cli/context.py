"""What every command needs: the options given before the command name."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sysdrill.content.catalogue import Catalogue, Root


@dataclass
class Settings:
    content_dirs: list[Path] = field(default_factory=list)
    debug: bool = False


def settings(ctx: Any) -> Settings:
    obj = ctx.find_root().obj
    return obj if isinstance(obj, Settings) else Settings()


def content_roots(ctx: Any) -> list[Root]:
    """Built-ins first, then SYSDRILL_CONTENT_PATH, then --content-dir, in order."""
    from sysdrill.content.catalogue import builtin_roots, content_path_dirs, pack_roots

    packs = content_path_dirs(os.environ.get("SYSDRILL_CONTENT_PATH"))
    packs += settings(ctx).content_dirs
    return builtin_roots() + pack_roots(packs)


def open_catalogue(ctx: Any, *, with_text: bool = False) -> Catalogue:
    """Load the catalogue and print one warning line per unusable file."""
    from sysdrill.content.catalogue import load_catalogue
    from sysdrill.paths import usable_cache_dir
    from sysdrill.text import one_line

    index_dir, problem = usable_cache_dir()
    if problem:
        sys.stderr.write(f"sysdrill: note: {one_line(problem)}; going on without caching\n")
    catalogue = load_catalogue(content_roots(ctx), index_dir=index_dir, with_text=with_text)
    for warning in catalogue.warnings:
        sys.stderr.write(f"sysdrill: warning: {one_line(warning)}\n")
    return catalogue
