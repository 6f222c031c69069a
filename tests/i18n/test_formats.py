"""Locale number, percentage and date formats (Babel/CLDR) for the edges that put values into sentences."""

from __future__ import annotations

import datetime as dt

import pytest

from kam.domain.languages import Lang
from kam.i18n.formats import date, number, number_format, percent


@pytest.mark.parametrize(
    ("value", "lang", "digits", "said"),
    [
        (1234567.891, Lang.EN, None, "1,234,567.891"),
        (1234.5, Lang.ZH_HANT, 2, "1,234.50"),
        (1234.5, Lang.ZH_HANS, 0, "1,234"),  # half to even
        (1235.5, Lang.EN, 0, "1,236"),
        (-0.4, Lang.EN, 0, "0"),  # never "-0"
        (-1.5, Lang.EN, 0, "-2"),
        (0.125, Lang.EN, None, "0.125"),
    ],
)
def test_numbers_are_grouped_and_rounded(value: float, lang: Lang, digits: int | None, said: str) -> None:
    assert number(value, lang, digits) == said


@pytest.mark.parametrize(
    ("value", "lang", "digits", "said"),
    [
        (0.1234, Lang.EN, 1, "12.3%"),
        (0.5, Lang.ZH_HANT, 0, "50%"),
        (12.5, Lang.ZH_HANS, 1, "1,250.0%"),
        (-0.0001, Lang.EN, 1, "0.0%"),
    ],
)
def test_shares_are_percentages(value: float, lang: Lang, digits: int, said: str) -> None:
    assert percent(value, lang, digits) == said


@pytest.mark.parametrize(
    ("lang", "style", "said"),
    [
        (Lang.EN, "medium", "Mar 14, 2025"),
        (Lang.EN, "long", "March 14, 2025"),
        (Lang.ZH_HANT, "medium", "2025年3月14日"),
        (Lang.ZH_HANS, "short", "2025/3/14"),
    ],
)
def test_dates_are_written_as_the_language_writes_them(lang: Lang, style: str, said: str) -> None:
    assert date(dt.date(2025, 3, 14), lang, style) == said  # type: ignore[arg-type]


@pytest.mark.parametrize("lang", list(Lang))
@pytest.mark.parametrize(
    "plain",
    ["0", "7", "-1234", "1234567", "1000000000000000000", "-100000000000000005", "1234.5", "-0.25", "0.0003"],
)
def test_a_number_format_writes_as_babel_does(lang: Lang, plain: str) -> None:
    """The one format the reasons use for a sentence writes a number as Babel's CLDR data says the
    language writes it (the reasons write thousands of them at once, so they cannot ask Babel each time)."""
    from decimal import Decimal

    from babel.numbers import format_decimal

    babel = format_decimal(Decimal(plain), format="#,##0.####", locale=lang.locale)
    assert number_format(lang).write(plain) == babel


@pytest.mark.parametrize("lang", list(Lang))
def test_a_number_format_writes_a_percentage_as_babel_does(lang: Lang) -> None:
    from babel.numbers import format_percent

    assert number_format(lang).percent("1234.5") == format_percent(
        12.345, format="#,##0.0%", locale=lang.locale
    )


@pytest.mark.parametrize(
    ("plain", "written"),
    [
        ("1e+16", "1e+16"),
        ("NaN", "NaN"),
        ("-inf", "-inf"),
        ("12345678901234567890123", "12345678901234567890123"),
    ],
)
def test_what_a_number_format_leaves_as_written(plain: str, written: str) -> None:
    """An exponent, a NaN, an infinity and a run of digits longer than a 64-bit number are not grouped."""
    assert number_format(Lang.EN).write(plain) == written
