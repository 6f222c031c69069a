"""What reaches the terminal: data as plain text, never markup, without the characters that drive a terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kam.plaintext import printable

if TYPE_CHECKING:
    from rich.text import Text

__all__ = ["plain", "printable"]


def plain(value: object, style: str = "") -> Text:
    """`value` as Rich text: printed as it is (never read as markup or highlighted), made `printable`.
    Rich is imported here, not with the module, which only the command line needs."""
    from rich.text import Text

    return Text(printable(str(value)), style=style)
