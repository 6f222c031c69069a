"""`kam needs classify` as a use case: statements in (given, or one a line in a text file), a verdict
for each out; nothing printed."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from kam.coach.classify import Classification, classify_statement
from kam.coach.settings import CoachSettings
from kam.errors import ConfigError, ImportValidationError
from kam.i18n import Notice
from kam.io.lines import read_lines


def run_needs_classify(
    statements: Sequence[str], file: Path | None = None, settings: CoachSettings | None = None
) -> tuple[Classification, ...]:
    """Classify the `statements`, then each line of `file` that holds something (UTF-8, UTF-16, Big5 or
    GB18030), in order. Nothing to classify is an error: an empty file names the file."""
    texts = list(statements)
    if file is not None:
        lines = read_lines(file)
        if not lines and not texts:
            raise ImportValidationError(Notice("needs_empty_file", file=file))
        texts += lines
    if not texts:
        raise ConfigError(Notice("needs_no_statements"))
    return tuple(classify_statement(text, settings) for text in texts)
