"""Numbers, percentages and dates written the way a reader of each language expects (Babel's CLDR data).

For the edges (CLI, report, pages) that put a value into a sentence: `number(1234.5, Lang.ZH_HANT, 1)`;
and for sentences said of many rows at once (the reasons of every customer), a language's `NumberFormat`.
Babel is imported on the first call, so a process that formats nothing does not pay for it.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Literal

from kam.domain.languages import Lang

DateStyle = Literal["short", "medium", "long", "full"]


def _pattern(digits: int | None, suffix: str = "") -> str | None:
    return None if digits is None else "#,##0" + ("." + "0" * digits if digits else "") + suffix


def _unsigned_zero(said: str, locale: str) -> str:
    """ "0" for a negative value that rounds to zero (Babel writes "-0")."""
    from babel.numbers import get_minus_sign_symbol

    minus = get_minus_sign_symbol(locale)
    return (
        said.removeprefix(minus)
        if said.startswith(minus) and not any(c in "123456789" for c in said)
        else said
    )


def number(value: float, lang: Lang | str, digits: int | None = None) -> str:
    """`value` with the language's grouping and decimal signs; `digits` fixes the decimals (rounded half
    to even), None keeps up to three."""
    from babel.numbers import format_decimal

    locale = Lang(lang).locale
    return _unsigned_zero(format_decimal(value, format=_pattern(digits), locale=locale), locale)


def percent(value: float, lang: Lang | str, digits: int = 1) -> str:
    """A share (0.125) as a percentage ("12.5%") with `digits` decimals."""
    from babel.numbers import format_percent

    locale = Lang(lang).locale
    return _unsigned_zero(format_percent(value, format=_pattern(digits, "%"), locale=locale), locale)


def date(value: dt.date, lang: Lang | str, style: DateStyle = "medium") -> str:
    """A date in the language's `style` ("Mar 14, 2025", "2025年3月14日")."""
    from babel.dates import format_date

    return format_date(value, format=style, locale=Lang(lang).locale)


@dataclass(frozen=True)
class NumberFormat:
    """How a language writes a number: its group and decimal signs, its minus and plus signs, and what
    comes before and after a percentage (from Babel's CLDR data). One for a whole sentence, so that all
    its numbers are written alike; `write` says a number written the plain way ("-1234.5", as Python or
    an engine writes it) the language's way ("-1,234.5")."""

    group: str
    decimal: str
    minus: str
    plus: str
    percent_prefix: str
    percent_suffix: str

    def write(self, plain: str) -> str:
        """`plain` (an optional minus, digits, an optional fraction or exponent) with the language's signs
        and its integer digits grouped by three (up to GROUPED_DIGITS; a longer run is left as it is)."""
        negative = plain.startswith("-")
        body = plain.removeprefix("-")
        digits = len(body) - len(body.lstrip("0123456789"))
        whole, rest = body[:digits], body[digits:]
        if digits <= GROUPED_DIGITS:
            whole = f"{int(whole):,}".replace(",", self.group) if whole else whole
        return (self.minus if negative else "") + whole + rest.replace(".", self.decimal, 1)

    def percent(self, plain: str) -> str:
        """A percentage written plainly ("12.5", already times 100) the language's way ("12.5%")."""
        return f"{self.percent_prefix}{self.write(plain)}{self.percent_suffix}"


GROUPED_DIGITS = 19  # integer digits that are grouped: every 64-bit whole number (a longer run: as it is)


@functools.cache
def number_format(lang: Lang | str) -> NumberFormat:
    """The NumberFormat of `lang` (looked up once per language)."""
    from babel import Locale
    from babel.numbers import (
        get_decimal_symbol,
        get_group_symbol,
        get_minus_sign_symbol,
        get_plus_sign_symbol,
    )

    locale = Lang(lang).locale
    pattern = Locale.parse(locale).percent_formats[None].pattern  # "#,##0%", "#,##0 %", "%#,##0"
    first = min(i for i in (pattern.find("#"), pattern.find("0")) if i >= 0)
    last = pattern.rfind("0") + 1
    sign = Locale.parse(locale).number_symbols["latn"]["percentSign"]
    return NumberFormat(
        group=get_group_symbol(locale),
        decimal=get_decimal_symbol(locale),
        minus=get_minus_sign_symbol(locale),
        plus=get_plus_sign_symbol(locale),
        percent_prefix=pattern[:first].replace("%", sign),
        percent_suffix=pattern[last:].replace("%", sign),
    )
