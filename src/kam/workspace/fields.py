"""Field types every workspace schema shares.

Text is stored as it was given (quotes, `;`, `<script>`, right-to-left marks are data, and every edge
shows them as text), trimmed, without control characters or lone surrogates (which no database column
can hold, and no person types)."""

from __future__ import annotations

import unicodedata
from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints

_REFUSED = {"Cc": "control character", "Cs": "lone surrogate"}
_LINE_BREAKS = "\n\t"


def _checked(value: str, allowed: str = "") -> str:
    for char in value:
        kind = _REFUSED.get(unicodedata.category(char))
        if kind is not None and char not in allowed:
            raise ValueError(f"contains a {kind} (U+{ord(char):04X})")
    return value


def _checked_lines(value: str) -> str:
    return _checked(value.replace("\r\n", "\n"), _LINE_BREAKS)


OneLine = AfterValidator(_checked)
"""One line of text (a name, a title, a label): no control characters. Put it after the length."""

Lines = AfterValidator(_checked_lines)
"""Text of several lines (notes, preferences): line breaks and tabs are kept."""


def _trimmed(max_length: int) -> StringConstraints:
    return StringConstraints(strip_whitespace=True, min_length=1, max_length=max_length)


Text = Annotated[str, StringConstraints(strip_whitespace=True), OneLine]
"""One line of text of any length (a search)."""
Label = Annotated[str, _trimmed(100), OneLine]
"""A short name: an industry, a competitor, a team, an owner."""
Name = Annotated[str, _trimmed(200), OneLine]
"""A name: an account's, a person's."""
Code = Annotated[str, _trimmed(64), OneLine]
"""A code: an account's customer_id."""

Version = Annotated[
    int, Field(ge=1, le=2**31 - 1, description="The version of the record the change is based on.")
]
"""A record's version, as a change names it (see kam.workspace.records.Record)."""

Notes = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000), Lines]
"""Free text of several lines: a stakeholder's preferences, what a next step is."""
Statement = Annotated[str, _trimmed(500), OneLine]
"""What a customer said (a need's statement): one line, short enough to be a record's key."""
Currency = Annotated[str, StringConstraints(strip_whitespace=True, to_upper=True, pattern=r"^[A-Za-z]{3}$")]
"""An ISO 4217 currency code: CNY, TWD, USD."""
Money = Annotated[float, Field(ge=0, le=1e15, allow_inf_nan=False)]
"""An amount of money or a volume: not negative, finite, at most 1e15."""
RecordId = Annotated[int, Field(ge=1, le=2**31 - 1)]
"""The id of a workspace record (a stakeholder, a need, a deal)."""
