"""Numbers as the reasons write them: one way for each kind of figure, the same in every sentence, and
the Counted message of a sentence that counts something (said in the plural form of its number)."""

from __future__ import annotations

from dataclasses import dataclass, field

import narwhals as nw

from kam.analytics.portfolio import RANK_DECIMALS

INTEGER_LIMIT = 9e18  # below 2**63: whole numbers this large are written as integers


def settled(expr: nw.Expr) -> nw.Expr:
    """A value as the reasons write it: first at a fixed precision, as ranks see it (sums of many lines
    differ in their last bits between engines and runs, and 307326.49999999994 and 307326.50000000006
    would be written 307326 and 307327), then rounded as shown."""
    return expr.round(RANK_DECIMALS)


def whole(expr: nw.Expr) -> nw.Expr:
    """An amount, a volume or a number of days: rounded to a whole number and written without '.0';
    beyond the 64-bit integers (an order of 1e19) as a float (1e+19), not cast to an integer, which
    would fail."""
    rounded = settled(expr).round(0)
    fits = rounded.abs() < INTEGER_LIMIT
    integer = nw.when(fits).then(rounded).otherwise(0.0).cast(nw.Int64).cast(nw.String)
    return nw.when(fits).then(integer).otherwise(rounded.cast(nw.String))


def num(expr: nw.Expr, digits: int = 1) -> nw.Expr:
    """A rate or a ratio (orders a year, a multiple, a probability) at `digits` decimals."""
    return settled(expr).round(digits).cast(nw.String)


def pct(expr: nw.Expr) -> nw.Expr:
    """A share as a percentage with one decimal."""
    return nw.concat_str([num(expr * 100), nw.lit("%")])


def signed_pct(expr: nw.Expr) -> nw.Expr:
    """A change as a percentage with its sign: +56.8%, -25.0%."""
    return nw.concat_str([nw.when(expr >= 0).then(nw.lit("+")).otherwise(nw.lit("")), pct(expr)])


def count(expr: nw.Expr) -> nw.Expr:
    """A count or a rank."""
    return expr.cast(nw.String)


def setting(value: float) -> str:
    """A threshold as it was set (4, 0.3, 90): the settings' own value, not a rounding of it."""
    return f"{value:g}"


def setting_pct(value: float) -> str:
    """A threshold share as it was set, as a percentage (15%, 12.5%)."""
    return f"{value * 100:g}%"


@dataclass(frozen=True)
class Counted:
    """A message with plural forms, said in the form of each row's `number` (the figure as written)."""

    key: str
    number: nw.Expr
    values: dict[str, Value] = field(default_factory=dict)


Value = nw.Expr | str | Counted
