"""Errors that carry their meaning: what was wrong, where, and what was expected."""

from __future__ import annotations

from dataclasses import dataclass

from kam.i18n import Joined, Notice, say
from kam.shell import shell_word


class KamError(Exception):
    """Base of kam's expected failures: shown to the user as a message, never a traceback."""

    status_code = 400

    @property
    def message(self) -> str:
        """The message as raised: a Notice (which can be said in any language) or plain text."""
        return self.args[0] if self.args and isinstance(self.args[0], str) else str(self)

    def say(self, lang: str) -> str:
        """The message in `lang` (a notice is translated; other text is kept as it is)."""
        return say(self.message, lang)


class ConfigError(KamError):
    """A settings file or option that cannot be used."""


@dataclass(frozen=True)
class CellProblem:
    """One bad value: the file, its 1-based row (the header is row 1), the column and the value."""

    file: str
    row: int
    column: str
    value: str
    expected: str

    def describe(self) -> str:
        return f"{self.file}, row {self.row}, column {self.column!r}: value {self.value!r} is not {self.expected}"


class ImportValidationError(KamError):
    """Input that cannot be analysed as it is; the message names file, row, column and value."""

    status_code = 422

    def __init__(self, message: str, problems: tuple[CellProblem, ...] = ()) -> None:
        super().__init__(message)
        self.problems = problems


class MissingColumnError(ImportValidationError):
    """A required canonical column was not found and no mapping names it."""

    def __init__(self, file: str, missing: list[str], found: list[str], notes: tuple[str, ...] = ()) -> None:
        found_list = ", ".join(repr(c) for c in found) or "(none)"
        hint = " ".join(f"--map {name}=<your column>" for name in missing)
        example = shell_word(found[0]) if found else "COLUMN"  # a column name as it can be pasted
        message = Notice(
            "missing_columns",
            file=file,
            count=len(missing),
            missing=", ".join(missing),
            found=found_list,
            hint=hint,
            first=missing[0],
            example=example,
        )
        super().__init__(Joined("\n", [message, *notes]) if notes else message)
        self.missing = missing
        self.found = found
