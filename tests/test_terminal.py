"""Data reaches the terminal as text: no control characters, no bidirectional overrides, never markup."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console

from kam.terminal import plain, printable

CONTROLS = [chr(c) for c in [*range(0x20), 0x7F, *range(0x80, 0xA0)] if c not in (0x09, 0x0A)]
BIDI = [chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]]


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("Acme\x1b[2J Steel", "Acme[2J Steel"),
        ("\x1b]8;;http://evil\x07click\x1b]8;;\x07", "]8;;http://evilclick]8;;"),
        ("\x9b31mred", "31mred"),  # the one-character CSI of C1
        ("over\rwrite", "overwrite"),
        ("bell\x07 del\x7f nul\x00", "bell del nul"),
        ("invoice\u202etxt.exe", "invoicetxt.exe"),
        ("two\nlines\tand a tab", "two\nlines\tand a tab"),
        ("[link=http://evil]click me[/link] [/]", "[link=http://evil]click me[/link] [/]"),
        ("華東電力 ÄÖ €", "華東電力 ÄÖ €"),
    ],
)
def test_printable(value: str, shown: str) -> None:
    assert printable(value) == shown


def test_one_line_turns_tabs_and_newlines_into_spaces() -> None:
    assert printable("a\nb\tc\r\nd\x1b", one_line=True) == "a b c d"


@given(st.text())
def test_no_control_character_survives(value: str) -> None:
    shown = printable(value)
    assert not set(shown) & {*CONTROLS, *BIDI}
    assert shown == "".join(c for c in value if c not in {*CONTROLS, *BIDI})
    assert "\n" not in printable(value, one_line=True)


def test_plain_text_is_never_markup() -> None:
    console = Console(record=True, width=200, color_system=None)
    console.print(plain("[/] [link=http://evil]click me[/link] [bold]x\x1b[2J"))
    assert console.export_text() == "[/] [link=http://evil]click me[/link] [bold]x[2J\n"
