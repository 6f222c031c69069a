"""Numbers in the reasons: written alike when engines' sums differ only in their last bits, and in the
language's format (kam.i18n.formats), grouped as far as the figure needs whatever the largest one."""

from __future__ import annotations

import math
from collections.abc import Callable

import narwhals as nw
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kam.domain.languages import Lang
from kam.i18n.formats import NumberFormat, number_format
from kam.render.numbers import count, localized, num, pct, separators, signed_pct, whole

EN = number_format(Lang.EN)
# a made-up language that writes every sign differently, to see each one used
OTHER = NumberFormat(group=".", decimal=",", minus="−", plus="⁺", percent_prefix="%", percent_suffix=" pct")


def _written(
    write: Callable[[nw.Expr], nw.Expr], values: list[object], dtype: pl.DataType = pl.Float64
) -> list[str]:
    frame = nw.from_native(pl.DataFrame({"v": values}, schema={"v": dtype}))
    return frame.select(write(nw.col("v")).alias("t"))["t"].to_list()


@pytest.mark.parametrize(
    ("write", "below", "above", "shown"),
    [
        (lambda e: whole(e, EN), 307326.49999999994, 307326.50000000006, "307,326"),
        (lambda e: whole(e, EN), 2730.4999999999995, 2730.5000000000005, "2,730"),
        (lambda e: num(e, EN, 1), 12.249999999999998, 12.250000000000002, "12.2"),
        (lambda e: pct(e, EN), 0.12349999999999999, 0.12350000000000001, "12.4%"),
    ],
)
def test_a_half_reached_from_either_side_is_written_once(write, below, above, shown) -> None:  # type: ignore[no-untyped-def]
    assert _written(write, [below, above]) == [shown, shown]


@pytest.mark.parametrize(
    ("write", "values", "english", "other"),
    [
        (
            lambda e, f: whole(e, f),
            [-1234.4, 999.5, 0.0, -0.4],
            ["-1,234", "1,000", "0", "0"],
            ["−1.234", "1.000", "0", "0"],
        ),
        (
            lambda e, f: whole(e, f),
            [8.9e18, 9e18],
            ["8,900,000,000,000,000,000", "9e+18"],
            ["8.900.000.000.000.000.000", "9e+18"],
        ),
        (
            lambda e, f: num(e, f, 1),
            [1234.56, -0.04, 5e9],
            ["1,234.6", "-0.0", "5,000,000,000.0"],
            ["1.234,6", "−0,0", "5.000.000.000,0"],
        ),
        (lambda e, f: num(e, f, 2), [0.256, 0.3, math.nan], ["0.26", "0.3", "NaN"], ["0,26", "0,3", "NaN"]),
        (lambda e, f: pct(e, f), [0.1234, 12.345], ["12.3%", "1,234.5%"], ["%12,3 pct", "%1.234,5 pct"]),
        (
            lambda e, f: signed_pct(e, f),
            [0.5, -0.25, 0.0],
            ["+50.0%", "-25.0%", "+0.0%"],
            ["⁺%50,0 pct", "%−25,0 pct", "⁺%0,0 pct"],
        ),
    ],
    ids=["whole", "whole-at-the-64-bit-limit", "rate", "probability", "percentage", "change"],
)
def test_each_kind_of_figure_in_the_language_format(write, values, english, other) -> None:  # type: ignore[no-untyped-def]
    assert _written(lambda e: write(e, EN), values) == english
    assert _written(lambda e: write(e, OTHER), values) == other


def test_counts_and_ranks_are_grouped() -> None:
    assert _written(lambda e: count(e, EN), [0, 7, 1000, 123456, None], pl.Int64()) == [
        "0",
        "7",
        "1,000",
        "123,456",
        None,
    ]


@pytest.mark.parametrize(
    ("largest", "count"),
    [
        (0.0, 0),
        (998.9, 0),
        (999.0, 1),
        (999_999.0, 2),
        (1e6, 2),
        (9e18, 6),
        (1e30, 6),
        (math.inf, 6),
        (math.nan, 6),
    ],
)
def test_the_groups_a_figure_may_need(largest: float, count: int) -> None:
    """999.5 is written 1,000: a column whose largest figure is 999 may need one separator."""
    assert separators(largest) == count


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(min_value=-(10**18), max_value=10**18), min_size=1, max_size=20))
def test_whole_numbers_are_grouped_as_python_groups_them(numbers: list[int]) -> None:
    largest = max(abs(n) for n in numbers)
    expected = [f"{n:,}" for n in numbers]
    assert _written(lambda e: count(e, EN, largest), numbers, pl.Int64()) == expected
    assert _written(lambda e: count(e, EN), numbers, pl.Int64()) == expected
    assert [EN.write(str(n)) for n in numbers] == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(min_value=-1e15, max_value=1e15, allow_nan=False), min_size=1, max_size=20))
def test_rates_are_said_as_numberformat_writes_them(values: list[float]) -> None:
    plain = (
        pl.Series(values).round(6).round(1).cast(pl.String).to_list()
    )  # settled, then rounded, as num does
    largest = max(abs(v) for v in values)
    assert _written(lambda e: num(e, OTHER, 1, largest), values) == [OTHER.write(p) for p in plain]
    assert _written(lambda e: localized(e, OTHER), plain, pl.String()) == [OTHER.write(p) for p in plain]
