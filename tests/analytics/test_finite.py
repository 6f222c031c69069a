"""The analysis never hands on an infinite or NaN figure: it stops with a clear error naming the customer."""

from __future__ import annotations

import datetime as dt

import narwhals as nw
import polars as pl
import pytest

from kam.analytics.pipeline import analyze_lines
from kam.analytics.settings import ValueSettings
from kam.errors import ImportValidationError


def test_a_ratio_that_overflows_names_the_customer_and_column() -> None:
    """Lines that did not come through kam's readers (a notebook's own frame) can hold 5e-324: this
    year's revenue over last year's then overflows to infinity."""
    lines = pl.DataFrame(
        {
            "customer_id": ["A", "A", "B", "B"],
            "date": [dt.date(2023, 6, 1), dt.date(2024, 6, 1), dt.date(2024, 1, 5), dt.date(2024, 3, 5)],
            "amount": [5e-324, 1e15, 20.0, 20.0],
            "cost": [0.0, 1.0, 10.0, 10.0],
            "is_cancellation": [False] * 4,
        }
    )
    with pytest.raises(ImportValidationError) as err:
        analyze_lines(nw.from_native(lines.lazy()), as_of=dt.date(2024, 6, 30), settings=ValueSettings())
    assert err.value.message.params == {"customer": "A", "column": "revenue_trend", "value": float("inf")}
    assert "'A'" in err.value.say("zh-Hans") and "revenue_trend" in err.value.say("zh-Hans")
