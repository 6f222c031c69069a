"""Options kam suggests in its messages, quoted so that they can be pasted into a shell as they are."""

from __future__ import annotations

import re
import shlex

# what a shell takes literally: letters and digits of any script (Chinese names need no quotes) and a
# few marks; anything else (spaces, quotes, $, CJK punctuation) is quoted
_LITERAL = re.compile(r"[\w@%+=:,./-]+")


def shell_word(text: str) -> str:
    """`text` as one shell word: as it is when a shell takes it literally, else quoted."""
    return text if _LITERAL.fullmatch(text) else shlex.quote(text)


def map_option(name: str, column: str) -> str:
    """The `--map` option that reads kam's column `name` from the table's `column`."""
    return f"--map {shell_word(f'{name}={column}')}"
