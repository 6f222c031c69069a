"""How each column of the accounts table reads in a spreadsheet or a report: its kind (an amount, a share,
a count, a date, words to say in the reader's language), its heading in the reader's language, with the
unit when the data gives one ("Revenue (元)")."""

from __future__ import annotations

from enum import StrEnum

import polars as pl

from kam.domain.languages import Lang
from kam.i18n import text


class Kind(StrEnum):
    TEXT = "text"
    WORD = "word"  # a fixed choice said in the reader's language (a customer type, an ownership)
    SEGMENT = "segment"
    MONEY = "money"
    VOLUME = "volume"
    SHARE = "share"  # a fraction, shown as a percentage
    COUNT = "count"
    DECIMAL = "decimal"
    DATE = "date"
    FLAG = "flag"
    CODES = "codes"  # a list of reason codes


KINDS: dict[str, Kind] = {
    "customer_id": Kind.TEXT,
    "name": Kind.TEXT,
    "owner": Kind.TEXT,
    "type": Kind.WORD,
    "ownership": Kind.WORD,
    "industry": Kind.TEXT,
    "segment": Kind.SEGMENT,
    "reasons": Kind.TEXT,
    "reason_codes": Kind.CODES,
    "abc_tier": Kind.TEXT,
    "referred_by": Kind.TEXT,
    "volume": Kind.VOLUME,
    "frequency_per_year": Kind.DECIMAL,
    "tenure_years": Kind.DECIMAL,
    "expected_purchases_12m": Kind.DECIMAL,
    "recency_days": Kind.COUNT,
    "payment_days": Kind.COUNT,
    "mean_gap_days": Kind.COUNT,
    "first_purchase": Kind.DATE,
    "last_purchase": Kind.DATE,
    "p_alive": Kind.SHARE,
}
MONEY = (
    "revenue",
    "gross_sales",
    "returns",
    "cogs",
    "gross_profit",
    "list_sales",
    "service_cost",
    "financing_cost",
    "cost_to_serve",
    "net_profit",
    "revenue_last_12m",
    "revenue_prev_12m",
    "largest_order",
    "referred_revenue",
    "expected_spend",
    "clv_12m",
)
SHARES = (
    "return_rate",
    "gross_margin",
    "discount_depth",
    "cost_to_serve_share",
    "net_margin",
    "profit_share",
    "cumulative_share",
    "revenue_trend",
    "largest_order_share",
)
KINDS |= {name: Kind.MONEY for name in MONEY} | {name: Kind.SHARE for name in SHARES}


def kind_of(name: str, dtype: pl.DataType) -> Kind:
    """The kind of column `name`; a column this table does not list yet is read from its type."""
    if name in KINDS:
        return KINDS[name]
    if dtype == pl.Boolean:
        return Kind.FLAG
    if dtype.is_integer():
        return Kind.COUNT
    if dtype.is_float():
        return Kind.DECIMAL
    if dtype in (pl.Date, pl.Datetime):
        return Kind.DATE
    if isinstance(dtype, pl.List):
        return Kind.CODES
    return Kind.TEXT


def heading(name: str, lang: Lang, *, currency: str | None = None, volume: str | None = None) -> str:
    """Column `name`'s heading in `lang` ("column.<name>" in the catalogs; the name itself for a column
    they do not know), with the currency of an amount or the unit of the volume when known."""
    try:
        said = text(f"column.{name}", lang)
    except KeyError:
        said = name
    unit = currency if KINDS.get(name) is Kind.MONEY else volume if KINDS.get(name) is Kind.VOLUME else None
    return f"{said} ({unit})" if unit else said
