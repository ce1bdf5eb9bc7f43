"""The `sysdrill` command's entry point, kept small so `--version` starts fast.

A lone ``--version`` is answered here, before the command line (Typer, rich)
is imported; everything else goes to :func:`sysdrill.cli.main`.
"""

from __future__ import annotations

import sys


def main() -> int:
    if sys.argv[1:] == ["--version"]:
        from sysdrill import __version__

        sys.stdout.write(f"sysdrill {__version__}\n")
        return 0
    from sysdrill.cli import main as cli_main

    return cli_main()
