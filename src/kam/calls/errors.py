"""Errors raised for transcripts that cannot be analysed."""

from __future__ import annotations

from kam.errors import KamError


class CallsError(KamError):
    """Base for call-analysis errors that the CLI renders as one line."""

    status_code = 422


class CatalogError(CallsError):
    """A product catalog file that cannot be read; the message names the file."""


class TranscriptError(CallsError):
    """A transcript file cannot be read or analysed; the message names the file and what was expected."""

    def __init__(self, file: str, problem: str) -> None:
        self.file = file
        self.problem = problem
        super().__init__(f"{file}: {problem}")
