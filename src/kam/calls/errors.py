"""Errors raised for transcripts that cannot be analysed."""

from __future__ import annotations

from kam.errors import ConfigError, KamError
from kam.i18n import Joined


class CallsError(KamError):
    """Base for call-analysis errors that the CLI renders as one line."""

    status_code = 422


class CatalogError(CallsError, ConfigError):
    """A product catalog file that cannot be read or has the wrong shape; the message names the file."""


class TranscriptError(CallsError):
    """A transcript file cannot be read or analysed; the message names the file and what was expected.

    `problem` is plain text or a `Notice` (then the message can be said in each language, and its key
    and values say what is wrong where: a cue and line, a segment and field).
    """

    def __init__(self, file: str, problem: str) -> None:
        self.file = file
        self.problem = problem
        super().__init__(Joined(": ", [file, problem]))
