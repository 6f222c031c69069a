"""Per-customer frequency / recency / T / monetary summaries from transactions, as narwhals expressions.

Conventions follow Fader & Hardie and lifetimes: purchases on the same day are merged into one; x counts
the distinct purchase days after the first one in the calibration period; t_x is the time from the first
to the last purchase; T the time from the first purchase to the end of calibration; monetary is the mean
day total over the repeat days (the first day excluded), 0 when x = 0. Time units: day = 1 day,
week = 7 days, month = 30.4375 days (the mean Gregorian month, 365.25 / 12).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

import narwhals as nw
import polars as pl

from kam.dates import days_between


class TimeUnit(StrEnum):
    """Time unit of frequency, recency and T."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"

    @property
    def days(self) -> float:
        return {"day": 1.0, "week": 7.0, "month": 30.4375}[self.value]


DateLike = dt.date | str
SUM_DECIMALS = 6


def _as_date(value: DateLike | None) -> dt.date | None:
    if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    return dt.date.fromisoformat(str(value))


def _canonical(frame: Any) -> nw.LazyFrame[Any]:
    """The transactions as customer_id (text), date (a day) and amount (a float), one row per line."""
    native = nw.from_native(frame)
    lazy = native.lazy() if isinstance(native, nw.DataFrame) else native
    missing = {"customer_id", "date", "amount"} - set(lazy.collect_schema().names())
    if missing:
        raise ValueError(f"transactions need columns customer_id, date, amount; missing {sorted(missing)}")
    return lazy.select(
        nw.col("customer_id").cast(nw.String),
        nw.col("date").cast(nw.Date),
        nw.col("amount").cast(nw.Float64),
    )


def _canonical_days(frame: Any) -> nw.LazyFrame[Any]:
    """One row per customer and purchase day, with the day's total amount."""
    return _canonical(frame).group_by("customer_id", "date").agg(nw.col("amount").sum())


def last_purchase_date(frame: Any) -> dt.date:
    """The latest transaction date, used as the default end of calibration."""
    days = _canonical(frame).select(nw.col("date").max()).collect()
    value = days.item(0, 0)
    if value is None:
        raise ValueError("transactions are empty: no purchase date found")
    return _as_date(value) or dt.date.min


def rfm_summary(
    frame: Any,
    *,
    unit: TimeUnit | str = TimeUnit.WEEK,
    calibration_end: DateLike | None = None,
    observation_end: DateLike | None = None,
) -> pl.DataFrame:
    """Summarise transactions into customer_id, frequency (x), recency (t_x), T and monetary.

    `frame` is a narwhals LazyFrame or anything `nw.from_native` accepts (polars, later Spark) with
    columns customer_id, date, amount. Purchases after `calibration_end` (default: the last date) are
    left out; customers who first buy after it are not in the summary. With `observation_end`, the
    holdout columns frequency_holdout, monetary_holdout and duration_holdout (same unit) are added.
    """
    unit = TimeUnit(unit)
    cal_end = _as_date(calibration_end) or last_purchase_date(frame)
    per_unit = unit.days
    # Per customer in one pass over the lines: first and last day, distinct days, total spend; then the
    # spend of the first day, which the repeat-spend mean leaves out (no per-day table is built).
    calibration = _canonical(frame).filter(nw.col("date") <= nw.lit(cal_end))
    customers = calibration.group_by("customer_id").agg(
        nw.col("date").min().alias("first"),
        nw.col("date").max().alias("last"),
        (nw.col("date").n_unique() - 1).alias("frequency"),
        nw.col("amount").sum().alias("total"),
    )
    first_day = (
        calibration.join(customers.select("customer_id", "first"), on="customer_id")
        .filter(nw.col("date") == nw.col("first"))
        .group_by("customer_id")
        .agg(nw.col("amount").sum().alias("first_amount"))
    )
    summary = customers.join(first_day, on="customer_id").with_columns(
        days_between(nw.col("last"), nw.col("first")).alias("recency"),
        days_between(cal_end, nw.col("first")).alias("T"),
    )
    columns = ["customer_id", "frequency", "recency", "T", "monetary"]
    collected = ["customer_id", "frequency", "recency", "T", "total", "first_amount"]
    obs_end = _as_date(observation_end)
    if obs_end is not None:
        if obs_end <= cal_end:
            raise ValueError(f"observation_end {obs_end} must be after calibration_end {cal_end}")
        holdout = (
            _canonical_days(frame)
            .filter((nw.col("date") > nw.lit(cal_end)) & (nw.col("date") <= nw.lit(obs_end)))
            .group_by("customer_id")
            .agg(nw.len().alias("frequency_holdout"), nw.col("amount").mean().alias("monetary_holdout"))
        )
        summary = summary.join(holdout, on="customer_id", how="left").with_columns(
            nw.col("frequency_holdout").fill_null(0),
            nw.col("monetary_holdout").fill_null(0.0),
            nw.lit((obs_end - cal_end).days / per_unit).alias("duration_holdout"),
        )
        columns += ["frequency_holdout", "monetary_holdout", "duration_holdout"]
        collected += ["frequency_holdout", "monetary_holdout", "duration_holdout"]
    result = summary.select(collected).sort("customer_id").collect(backend="polars").to_native()
    counts = [c for c in ("frequency", "frequency_holdout") if c in columns]
    # Recency and T come from the engine in whole days, and the spends as sums, and are finished here, on
    # one engine, so that every engine hands the models the same bits: engines divide by a constant in
    # different ways, and add a customer's purchases in different orders (sums of amounts with up to
    # SUM_DECIMALS decimals are exact multiples of 10**-SUM_DECIMALS, onto which the rounding puts them)
    repeat_spend = pl.col("total").round(SUM_DECIMALS) - pl.col("first_amount").round(SUM_DECIMALS)
    return result.with_columns(
        pl.col(counts).cast(pl.Int64),
        pl.col("recency", "T") / per_unit,
        pl.when(pl.col("frequency") > 0)
        .then(repeat_spend / pl.col("frequency"))
        .otherwise(0.0)
        .alias("monetary"),
    ).select(columns)
