"""How to read an export, as one object: what the user said about the file (its columns, sheet, date
format, decimal mark, bad rows, cancellations, returns, currency) and how the passes read it.

A use case builds one `ReadOptions` and hands it down to whichever reader runs (kam.io for Polars and
DuckDB, kam.spark for Spark), so a new option is added once, not to every function on the way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from kam.domain.dates import EARLIEST_DATE

CANCELLATION_PATTERN = r"^C\d"  # order numbers of cancellations (C536379 in many retail exports)
# Document types that mean a return or a credit, whose amounts count against the customer even when the
# export writes them positive (銷退 / 退貨 / 折讓 in Chinese ERPs; Return, Credit note, RMA, CN elsewhere).
RETURN_TYPES = (
    r"(?i)退|折讓|折让|return|credit\s*(note|memo)|^\s*credit\s*$|cancel|^\s*(r|rt|ret|rma|cn|cr)\s*$"
)
# lines dated this many years before 99% of the others are reported as likely typos (value.stray_date_years)
STRAY_DATE_YEARS = 10


class OnError(StrEnum):
    """What a bad row does: stop the read (naming it), or set it aside in the rejected rows."""

    RAISE = "raise"
    SKIP = "skip"


class DecimalMark(StrEnum):
    """How text numbers write their decimals: found from the first rows (auto), a point or a comma."""

    AUTO = "auto"
    POINT = "point"
    COMMA = "comma"


@dataclass(frozen=True)
class ReadOptions:
    """Everything a reader can be told about a transactions export beyond where it is; the defaults read
    a clean export. `mapping` names the file's column for each of kam's (customer_id=客戶編號)."""

    mapping: Mapping[str, str] = field(default_factory=dict)
    table: str | None = None  # a database table (the source is then its URL), or a Spark table
    sheet: str | None = None  # a workbook's sheet (default: the first that has the columns)
    on_error: OnError = OnError.RAISE
    date_format: str | None = None  # strftime format of text dates (default: found from the first rows)
    decimal: DecimalMark = DecimalMark.AUTO
    cancellation_pattern: str | None = CANCELLATION_PATTERN  # on order_id; None: no cancellations
    return_types: str | None = RETURN_TYPES  # on line_type; None: no returns by document type
    currency: str | None = None  # keep only the lines in this currency
    streaming: bool = False  # every pass streams the source (data larger than memory)
    count_duplicates: bool = True  # count exact duplicate lines while reading (else the caller does)
    earliest: dt.date = EARLIEST_DATE  # a date before this is a bad cell
    stray_years: int = STRAY_DATE_YEARS
    today: dt.date | None = None  # a date after today is a bad cell (default: the day of the read)

    @property
    def decimal_mark(self) -> str | None:
        """The decimal mark the user chose, "point" or "comma", or None to find it from the first rows."""
        return None if self.decimal == DecimalMark.AUTO else str(self.decimal)
