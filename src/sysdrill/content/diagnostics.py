"""What is wrong with a content file, and where."""

from __future__ import annotations

from dataclasses import dataclass

from sysdrill.text import one_line


@dataclass(frozen=True)
class Diagnostic:
    """One thing wrong with a content file, at a 1-based line and column."""

    file: str
    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return one_line(f"{where}: {self.message}")

    def to_list(self) -> list[object]:
        return [self.message, self.line, self.column]

    @classmethod
    def from_list(cls, file: str, raw: list[object]) -> Diagnostic:
        message, line, column = raw
        return cls(
            file,
            str(message),
            line if isinstance(line, int) else None,
            column if isinstance(column, int) else None,
        )
