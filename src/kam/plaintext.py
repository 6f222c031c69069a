"""Data as plain text: without the characters that drive a terminal or disguise text, for every text
kam writes from the user's data (a terminal line, the readable calls report). No dependency: the cores,
the templates and the edges all use it."""

from __future__ import annotations

_KEPT = {0x09, 0x0A}  # tab and newline lay text out; they do not command the terminal
_BIDI = range(0x202A, 0x202F), range(0x2066, 0x206A)  # embeddings, overrides, isolates: text shown reversed
_CONTROLS = [
    *(c for c in range(0x20) if c not in _KEPT),  # C0, with ESC, CR and BEL among them
    0x7F,  # DEL
    *range(0x80, 0xA0),  # C1, with the one-byte CSI and OSC
    *(c for block in _BIDI for c in block),
]
_DROP: dict[int, str | None] = dict.fromkeys(_CONTROLS)
_DROP_ONE_LINE: dict[int, str | None] = {**_DROP, **dict.fromkeys(_KEPT, " ")}


def printable(value: str, *, one_line: bool = False) -> str:
    """`value` without control characters (C0 but tab and newline, DEL, C1) and bidirectional overrides,
    so that data can neither send escape sequences nor disguise itself; `one_line` also turns tabs and
    newlines into spaces, for a value that must stay on its line."""
    return value.translate(_DROP_ONE_LINE if one_line else _DROP)
