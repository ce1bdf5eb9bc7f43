"""The sysdrill command line: a thin Typer layer over the plain modules."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from sysdrill import __version__
from sysdrill.cli import authoring as authoring_commands
from sysdrill.cli import catalogue as catalogue_commands
from sysdrill.cli import complete as complete_commands
from sysdrill.cli import drill as drill_commands
from sysdrill.cli import history as history_commands
from sysdrill.cli import next as next_commands
from sysdrill.cli import stats as stats_commands
from sysdrill.cli.context import Settings
from sysdrill.errors import ExitCode, SysdrillError
from sysdrill.text import one_line


class _Group(TyperGroup):
    """Turns sysdrill's own errors into one line on stderr and an exit code.

    It also gives every command the shared options (--content-dir, --debug),
    so they work before or after the command's name.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from sysdrill.cli.complete import attach_completers
        from sysdrill.cli.options import add_shared_options

        add_shared_options(self)
        attach_completers(self)

    def _main_shell_completion(self, *args: Any, **kwargs: Any) -> None:
        from sysdrill.cli.complete import normalise_instruction

        normalise_instruction()
        super()._main_shell_completion(*args, **kwargs)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except SysdrillError as exc:
            if _debugging(ctx):
                raise
            sys.stderr.write(f"sysdrill: {one_line(str(exc))}\n")
            raise typer.Exit(int(exc.exit_code)) from None
        except KeyboardInterrupt:
            sys.stderr.write("\n")
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
        except (typer.Exit, typer.Abort):
            raise
        except Exception as exc:
            if _debugging(ctx) or type(exc).__module__.startswith(("typer", "click")):
                raise
            sys.stderr.write(
                f"sysdrill: internal error: {type(exc).__name__}: {one_line(str(exc))}"
                " (run with --debug for the traceback)\n"
            )
            raise typer.Exit(int(ExitCode.ERROR)) from None


def _debugging(ctx: Any) -> bool:
    return isinstance(ctx.obj, Settings) and ctx.obj.debug


app = typer.Typer(
    cls=_Group,
    name="sysdrill",
    help="Drill system design interviews: timed phases, live notes, rubric scores, history.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    suggest_commands=False,  # click suggests already; both would say it twice
    rich_markup_mode=None,  # plain help: rich help imports markdown-it, +50 ms a run
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _print_version(value: bool) -> None:
    if value:
        sys.stdout.write(f"sysdrill {__version__}\n")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Show the version and exit.", callback=_print_version, is_eager=True
        ),
    ] = False,
) -> None:
    """Drill system design interviews: timed phases, live notes, rubric scores, history."""
    from sysdrill.cli.options import root_settings

    root_settings(ctx)  # --content-dir and --debug, given here or after the command, fill it


catalogue_commands.register(app)
drill_commands.register(app)
history_commands.register(app)
stats_commands.register(app)
next_commands.register(app)
authoring_commands.register(app)
complete_commands.register(app)


def main() -> int:
    try:
        app(prog_name="sysdrill")
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        return int(ExitCode.INTERRUPTED)
    return 0
