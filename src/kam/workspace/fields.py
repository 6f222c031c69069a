"""Field types every workspace schema shares.

Text is stored exactly as it was given, trimmed: quotes, `;`, `<script>`, right-to-left marks and even
terminal escape sequences are data, and every edge shows them as text (Rich `Text`, Jinja autoescape,
JSON). Only what no database column can hold is refused: the NUL character (PostgreSQL's text has none)
and lone surrogates (no UTF-8 encodes them)."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints


def _storable(value: str) -> str:
    for char in value:
        if char == "\x00":
            raise ValueError("contains the NUL character (U+0000), which no text column can hold")
        if "\ud800" <= char <= "\udfff":
            raise ValueError(f"contains a lone surrogate (U+{ord(char):04X}), which is not text")
    return value


Storable = AfterValidator(_storable)
"""Text a column can hold. Put it after the length constraints (they then keep their own messages)."""


def _trimmed(max_length: int) -> StringConstraints:
    return StringConstraints(strip_whitespace=True, min_length=1, max_length=max_length)


Text = Annotated[str, StringConstraints(strip_whitespace=True), Storable]
"""Text of any length (a search)."""
Label = Annotated[str, _trimmed(100), Storable]
"""A short name: an industry, a competitor, a team, an owner."""
Name = Annotated[str, _trimmed(200), Storable]
"""A name: an account's, a person's."""
Code = Annotated[str, _trimmed(64), Storable]
"""A code: an account's customer_id."""

Version = Annotated[
    int, Field(ge=1, le=2**31 - 1, description="The version of the record the change is based on.")
]
"""A record's version, as a change names it (see kam.workspace.records.Record)."""

Notes = Annotated[str, _trimmed(2000), Storable]
"""Free text, of several lines if need be: a stakeholder's preferences, what a next step is."""
Statement = Annotated[str, _trimmed(500), Storable]
"""What a customer said (a need's statement): short enough to be a record's key."""
Currency = Annotated[str, StringConstraints(strip_whitespace=True, to_upper=True, pattern=r"^[A-Za-z]{3}$")]
"""An ISO 4217 currency code: CNY, TWD, USD."""
Money = Annotated[float, Field(ge=0, le=1e15, allow_inf_nan=False)]
"""An amount of money or a volume: not negative, finite, at most 1e15."""
RecordId = Annotated[int, Field(ge=1, le=2**31 - 1)]
"""The id of a workspace record (a stakeholder, a need, a deal)."""
