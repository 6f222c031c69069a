"""Errors that carry their meaning: what was wrong, where, and what was expected.

Every expected failure is a `KamError`: a message (a `Notice`, said in the reader's language), a `Hint`
when there is a fix to suggest (worded by the edge: an option on the command line), an exit code for the
command line and an HTTP status for the coming API. Each subclass states its status.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from kam.hints import Hint, HintKey
from kam.i18n import Joined, Notice, say


class KamError(Exception):
    """Base of kam's expected failures: shown to the user as a message, never a traceback."""

    status_code: ClassVar[int] = 400  # bad request, unless a subclass says otherwise
    exit_code: ClassVar[int] = 2  # the command line's exit code for every expected failure

    def __init__(self, message: Notice | Joined, *, hint: Hint | None = None) -> None:
        super().__init__(message)
        self.hint = hint

    @property
    def message(self) -> str:
        """The message as raised: a Notice (which can be said in any language) or several joined."""
        return self.args[0] if self.args and isinstance(self.args[0], str) else str(self)

    def say(self, lang: str) -> str:
        """The message in `lang`, without the hint (which the edge words for its interface)."""
        return say(self.message, lang)


class ConfigError(KamError):
    """A settings file or option that cannot be used."""

    status_code = 400


@dataclass(frozen=True)
class CellProblem:
    """One bad value: the file, its 1-based row (the header is row 1), the column and the value."""

    file: str
    row: int
    column: str
    value: str
    expected: str


class ImportValidationError(KamError):
    """Input that cannot be analysed as it is; the message names file, row, column and value."""

    status_code = 422

    def __init__(
        self, message: Notice | Joined, problems: tuple[CellProblem, ...] = (), *, hint: Hint | None = None
    ) -> None:
        super().__init__(message, hint=hint)
        self.problems = problems


class MissingColumnError(ImportValidationError):
    """A required canonical column was not found and no mapping names it; the hint maps the user's own."""

    status_code = 422

    def __init__(self, file: str, missing: list[str], found: list[str], notes: tuple[str, ...] = ()) -> None:
        found_list = ", ".join(repr(c) for c in found) or "(none)"
        message = Notice(
            "missing_columns", file=file, count=len(missing), missing=", ".join(missing), found=found_list
        )
        hint = Hint(HintKey.MAP_COLUMNS, missing=tuple(missing), example=found[0] if found else None)
        super().__init__(Joined("\n", [message, *notes]) if notes else message, hint=hint)
        self.missing = missing
        self.found = found
