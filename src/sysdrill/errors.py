"""One error type for everything the user can cause, each with its exit code."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    ERROR = 1
    USAGE = 2
    INTERRUPTED = 130


class SysdrillError(Exception):
    """An error the CLI reports as one line on stderr, without a traceback."""

    exit_code: ExitCode = ExitCode.ERROR

    def __init__(self, message: str, exit_code: ExitCode | None = None) -> None:
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code


class UsageError(SysdrillError):
    """The command line asked for something that cannot be done as asked."""

    exit_code = ExitCode.USAGE


class NotFoundError(SysdrillError):
    """An item, rubric or session the user named does not exist."""


class ContentError(SysdrillError):
    """A content file cannot be used."""


class DamagedSessionError(SysdrillError):
    """A saved session whose values cannot all be read back."""

    def __init__(self, session_id: str, problems: list[str]) -> None:
        self.session_id = session_id
        self.problems = problems
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(f"session {session_id} is damaged: {problems[0]}{more}")
