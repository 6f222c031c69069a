"""Errors raised for transcripts that cannot be analysed."""

from __future__ import annotations

from kam.errors import ConfigError, KamError
from kam.hints import Hint
from kam.i18n import Joined, Notice


class CallsError(KamError):
    """Base of the errors of call analysis: a transcript or a catalog that cannot be used."""

    status_code = 422


class CatalogError(CallsError, ConfigError):
    """A product catalog file that cannot be read or has the wrong shape; the message names the file."""

    status_code = 422


class TranscriptError(CallsError):
    """A transcript file cannot be read or analysed; the message names the file and what was expected.

    `problem` is a `Notice`: its key and values say what is wrong where (a cue and line, a segment and
    field), and it can be said in each language.
    """

    status_code = 422

    def __init__(self, file: str, problem: Notice, *, hint: Hint | None = None) -> None:
        self.file = file
        self.problem = problem
        super().__init__(Joined(": ", [file, problem]), hint=hint)
