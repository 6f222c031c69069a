"""One code path, several engines: the lazy analytics give the same numbers on Polars and on DuckDB.

DuckDB stands in here for the engines narwhals drives besides Polars (Spark is the one planned); the
expressions in kam.analytics.metrics and kam.clv.summary must not rely on Polars-only behaviour.
"""

from __future__ import annotations

import datetime as dt

import narwhals as nw
import polars as pl
import pytest
from polars.testing import assert_frame_equal

from kam.analytics.metrics import customer_metrics, order_lines
from kam.analytics.settings import ValueSettings
from kam.clv import rfm_summary
from kam.dates import day_number
from tests.conftest import AS_OF

duckdb = pytest.importorskip("duckdb")


def _metrics(lines: nw.LazyFrame) -> pl.DataFrame:  # type: ignore[type-arg]
    orders = order_lines(lines, AS_OF, ValueSettings())
    return customer_metrics(orders, AS_OF, ValueSettings()).collect().to_polars().sort("customer_id")


def test_customer_metrics_match_on_duckdb(lines: pl.DataFrame) -> None:
    relation = duckdb.from_arrow(lines.to_arrow())
    on_polars = _metrics(nw.from_native(lines.lazy()))
    on_duckdb = _metrics(nw.from_native(relation))
    assert on_polars.height == 36
    assert_frame_equal(on_duckdb.select(on_polars.columns), on_polars, check_dtypes=False, check_exact=False)


def test_rfm_summary_matches_on_duckdb(lines: pl.DataFrame) -> None:
    purchases = lines.select("customer_id", "date", "amount")
    on_polars = rfm_summary(purchases.lazy(), unit="week").sort("customer_id")
    on_duckdb = rfm_summary(nw.from_native(duckdb.from_arrow(purchases.to_arrow())), unit="week").sort(
        "customer_id"
    )
    assert_frame_equal(on_duckdb, on_polars, check_dtypes=False, check_exact=False)


def test_day_number_is_days_since_1970() -> None:
    dates = pl.date_range(dt.date(1901, 1, 1), dt.date(2100, 12, 31), eager=True)
    frame = nw.from_native(pl.DataFrame({"d": dates}))
    got = frame.select(day_number(nw.col("d")).alias("n")).to_native()["n"].to_list()
    assert got == [(d - dt.date(1970, 1, 1)).days for d in dates.to_list()]
