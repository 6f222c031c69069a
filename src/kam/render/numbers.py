"""Numbers as the reasons write them: one way for each kind of figure, in the language's format (its
group and decimal signs, its minus, plus and percent signs), the same in every sentence; built as column
expressions, for all the customers at once.

A figure is written plainly by the engine ("-1234.5") and then the language's way ("-1,234.5"), as
kam.i18n.formats.NumberFormat.write does with one string. The digits are grouped by slicing (a pattern
with groups took five times as long), as many groups as the largest figure written needs (`largest`,
the largest magnitude among the customers): a column of days or orders under 1,000 costs nothing more.
"""

from __future__ import annotations

import math

import narwhals as nw

from kam.analytics.portfolio import RANK_DECIMALS
from kam.i18n.formats import GROUPED_DIGITS, NumberFormat

INTEGER_LIMIT = 9e18  # below 2**63: whole numbers this large are written as integers
DIGITS = "0123456789"


MAX_SEPARATORS = -(-GROUPED_DIGITS // 3) - 1


def separators(largest: float) -> int:
    """How many group separators a figure of at most `largest` in magnitude may need, rounded up as it may
    be when written (all of them when it is not finite)."""
    if not math.isfinite(largest):
        return MAX_SEPARATORS
    return min((len(str(int(abs(largest)) + 1)) - 1) // 3, MAX_SEPARATORS)


def _grouped(digits: nw.Expr, separator: str, largest: float) -> nw.Expr:
    """Runs of digits ("1234567") with `separator` every three from the right ("1,234,567"); a run longer
    than GROUPED_DIGITS as it is."""
    count = separators(largest)
    if not separator or count == 0:
        return digits
    length = digits.str.len_chars()
    groups = [
        nw.when(length > 3 * k).then(nw.concat_str([digits.str.slice(-3 * (k + 1), 3), nw.lit(separator)]))
        for k in range(count, 0, -1)
    ]
    grouped = nw.concat_str([*groups, digits.str.slice(-3, 3)], ignore_nulls=True)
    if count < MAX_SEPARATORS:
        return grouped
    return nw.when(length <= GROUPED_DIGITS).then(grouped).otherwise(digits)


def _signs(plain: nw.Expr, fmt: NumberFormat) -> nw.Expr:
    """A number as the engine writes it with the language's minus and decimal signs (and no grouping)."""
    if fmt.decimal != ".":
        plain = plain.str.replace(".", fmt.decimal, literal=True)
    if fmt.minus != "-":
        plain = plain.str.replace("-", fmt.minus, literal=True)
    return plain


def localized(plain: nw.Expr, fmt: NumberFormat, largest: float = math.inf) -> nw.Expr:
    """Numbers written plainly by the engine (an optional minus, digits, an optional fraction or exponent)
    in the language's way: its minus and decimal signs, the integer digits grouped (up to GROUPED_DIGITS;
    a longer run, a NaN and an infinity as written)."""
    body = plain.str.strip_chars_start("-")
    digits = _grouped(body.str.replace(r"[^0-9].*$", ""), fmt.group, largest)
    rest = body.str.strip_chars_start(DIGITS)  # ".5", "e+16", "NaN" or nothing
    sign = nw.when(plain.str.starts_with("-")).then(nw.lit(fmt.minus)).otherwise(nw.lit(""))
    return nw.concat_str([sign, digits, _signs(rest, fmt)])


def _integer(value: nw.Expr, fmt: NumberFormat, largest: float) -> nw.Expr:
    """Whole numbers (an integer column) in the language's way, without taking the text apart."""
    digits = _grouped(value.abs().cast(nw.String), fmt.group, largest)
    return nw.concat_str([nw.when(value < 0).then(nw.lit(fmt.minus)).otherwise(nw.lit("")), digits])


def settled(expr: nw.Expr) -> nw.Expr:
    """A value as the reasons write it: first at a fixed precision, as ranks see it (sums of many lines
    differ in their last bits between engines and runs, and 307326.49999999994 and 307326.50000000006
    would be written 307326 and 307327), then rounded as shown."""
    return expr.round(RANK_DECIMALS)


def whole(expr: nw.Expr, fmt: NumberFormat, largest: float = math.inf) -> nw.Expr:
    """An amount, a volume or a number of days: rounded to a whole number and written without '.0';
    beyond the 64-bit integers (an order of 1e19) as a float (1e+19), not cast to an integer, which
    would fail."""
    rounded = settled(expr).round(0)
    fits = rounded.abs() < INTEGER_LIMIT
    integer = _integer(nw.when(fits).then(rounded).otherwise(0.0).cast(nw.Int64), fmt, largest)
    return nw.when(fits).then(integer).otherwise(_signs(rounded.cast(nw.String), fmt))


def num(expr: nw.Expr, fmt: NumberFormat, digits: int = 1, largest: float = math.inf) -> nw.Expr:
    """A rate or a ratio (orders a year, a multiple, a probability) at `digits` decimals."""
    return localized(settled(expr).round(digits).cast(nw.String), fmt, largest)


def pct(expr: nw.Expr, fmt: NumberFormat, largest: float = math.inf) -> nw.Expr:
    """A share (of at most `largest` in magnitude) as a percentage with one decimal."""
    written = num(expr * 100, fmt, largest=largest * 100)
    return nw.concat_str([nw.lit(fmt.percent_prefix), written, nw.lit(fmt.percent_suffix)])


def signed_pct(expr: nw.Expr, fmt: NumberFormat, largest: float = math.inf) -> nw.Expr:
    """A change as a percentage with its sign: +56.8%, -25.0%."""
    plus = nw.when(expr >= 0).then(nw.lit(fmt.plus)).otherwise(nw.lit(""))
    return nw.concat_str([plus, pct(expr, fmt, largest)])


def count(expr: nw.Expr, fmt: NumberFormat, largest: float = math.inf) -> nw.Expr:
    """A count or a rank."""
    return _integer(expr, fmt, largest)


def setting(value: float, fmt: NumberFormat) -> str:
    """A threshold as it was set (4, 0.3, 90): the settings' own value, not a rounding of it."""
    return fmt.write(f"{value:g}")


def setting_pct(value: float, fmt: NumberFormat) -> str:
    """A threshold share as it was set, as a percentage (15%, 12.5%)."""
    return fmt.percent(f"{value * 100:g}")
