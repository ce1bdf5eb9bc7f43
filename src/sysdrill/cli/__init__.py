"""The sysdrill command line: a thin Typer layer over the plain modules."""

# No `from __future__ import annotations` in the command modules: typer reads
# every command's annotations on every run, and as strings each would be
# compiled again (5 ms a run); evaluated once at import they cost nothing more.
# Names imported only for type checking are quoted.

import os
import sys
from typing import Annotated, Any

import click
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

    def main(  # type: ignore[override]
        self,
        args: Any = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """Click's own usage errors as one line too: `sysdrill: what is wrong (see ...)`.

        Runs Click without its standalone handling and reports here instead:
        help and --version still exit 0, `sysdrill` alone still prints the
        help, Ctrl-C exits 130 and typer.Exit keeps its code.
        """
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except _no_args_error() as exc:
            exc.show()  # the help itself
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            sys.stderr.write(_one_line_error(exc))
            sys.exit(exc.exit_code)
        except click.Abort:
            sys.stderr.write("Aborted!\n")
            sys.exit(int(ExitCode.ERROR))
        sys.exit(code if isinstance(code, int) and not isinstance(code, bool) else 0)

    def invoke(self, ctx: Any) -> Any:
        try:
            try:
                return super().invoke(ctx)
            finally:
                sys.stdout.flush()  # a closed pipe shows here, not at the interpreter's exit
        except BrokenPipeError:
            # The reader stopped early (`| head`): stop quietly, as other tools do.
            stdout_to_devnull()
            raise typer.Exit(int(ExitCode.OK)) from None
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


class _NeverRaised(click.ClickException):
    pass


def _no_args_error() -> type[click.ClickException]:
    """Click's "no arguments: show the help" error (a UsageError), where it has one."""
    found = getattr(click.exceptions, "NoArgsIsHelpError", None)
    return found if isinstance(found, type) else _NeverRaised


def _one_line_error(exc: Any) -> str:
    """A Click error as one line, naming the help of the command it came from."""
    message = " ".join(str(exc.format_message()).split())
    hint = ""
    ctx = getattr(exc, "ctx", None)
    if ctx is not None and not getattr(ctx, "resilient_parsing", False):
        hint = f" (see '{one_line(ctx.command_path)} --help')"
    return f"sysdrill: {one_line(message)}{hint}\n"


def stdout_to_devnull() -> None:
    """Point stdout at devnull, so the flush at exit has nowhere to fail."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return  # not a real file (a test's capture): nothing is flushed at exit
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)


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
    except BrokenPipeError:  # outside a command: --help or a usage message into `| head`
        stdout_to_devnull()
    return 0
