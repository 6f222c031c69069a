"""Numbers, percentages and dates written the way a reader of each language expects (Babel's CLDR data).

For the edges (CLI, report, pages) that put a value into a sentence: `number(1234.5, Lang.ZH_HANT, 1)`.
Babel is imported on the first call, so a process that formats nothing does not pay for it.
"""

from __future__ import annotations

import datetime as dt
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
