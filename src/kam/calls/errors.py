"""Errors raised for transcripts that cannot be analysed."""

from __future__ import annotations


class CallsError(Exception):
    """Base for call-analysis errors that the CLI renders as one line."""


class TranscriptError(CallsError):
    """A transcript file cannot be read or analysed; the message names the file and what was expected."""

    def __init__(self, file: str, problem: str) -> None:
        self.file = file
        self.problem = problem
        super().__init__(f"{file}: {problem}")
