"""Holdout check: fit on the calibration period, compare predicted and actual repeat purchases after it
(the validation of Fader, Hardie & Lee 2005, figures 2-4: by calibration frequency and over time)."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

import narwhals as nw
import numpy as np
import polars as pl

from kam.clv._base import PurchaseModel
from kam.clv._fit import compress
from kam.clv.summary import DateLike, TimeUnit, _as_date, _canonical_days, rfm_summary
from kam.dates import days_between

TOP_BUCKET = 7


@dataclass(frozen=True)
class HoldoutCheck:
    """Predicted vs actual holdout repeat purchases.

    `by_frequency`: bucket ("0" .. "7+"), customers, actual_mean, predicted_mean.
    `over_time`: period (1, 2, ...), actual_cumulative, predicted_cumulative (all cohort customers).
    """

    by_frequency: pl.DataFrame
    over_time: pl.DataFrame
    unit: TimeUnit
    holdout_periods: float


def holdout_check(
    model: PurchaseModel,
    transactions: Any,
    *,
    unit: TimeUnit | str,
    calibration_end: DateLike,
    observation_end: DateLike,
) -> HoldoutCheck:
    """Compare `model` (fitted on the calibration period) with what the calibration customers did next."""
    unit = TimeUnit(unit)
    cal_end, obs_end = _as_date(calibration_end), _as_date(observation_end)
    if cal_end is None or obs_end is None or obs_end <= cal_end:
        raise ValueError("holdout check needs calibration_end < observation_end")
    summary = rfm_summary(transactions, unit=unit, calibration_end=cal_end, observation_end=obs_end)
    horizon = (
        float(summary["duration_holdout"][0]) if summary.height else (obs_end - cal_end).days / unit.days
    )
    x, t_x, age = (summary[c].to_numpy().astype(float) for c in ("frequency", "recency", "T"))
    predicted = model.conditional_expected_purchases(horizon, x, t_x, age)
    by_frequency = (
        summary.select(
            pl.min_horizontal(pl.col("frequency"), TOP_BUCKET).alias("order"),
            pl.col("frequency_holdout").cast(pl.Float64).alias("actual"),
            pl.Series("predicted", predicted),
        )
        .group_by("order")
        .agg(pl.len().alias("customers"), pl.col("actual").mean(), pl.col("predicted").mean())
        .sort("order")
        .select(
            pl.when(pl.col("order") == TOP_BUCKET)
            .then(pl.lit(f"{TOP_BUCKET}+"))
            .otherwise(pl.col("order").cast(pl.String))
            .alias("bucket"),
            "customers",
            pl.col("actual").alias("actual_mean"),
            pl.col("predicted").alias("predicted_mean"),
        )
    )
    periods = max(1, math.ceil(horizon - 1e-9))
    data = compress(x, t_x, age)
    steps = np.minimum(np.arange(1, periods + 1, dtype=float), horizon)
    predicted_cumulative = [
        float(data.weights @ model.conditional_expected_purchases(s, *data.columns)) for s in steps
    ]
    actual = _actual_by_period(transactions, unit, cal_end, obs_end, periods)
    over_time = pl.DataFrame(
        {
            "period": np.arange(1, periods + 1),
            "actual_cumulative": np.cumsum(actual),
            "predicted_cumulative": predicted_cumulative,
        }
    )
    return HoldoutCheck(by_frequency=by_frequency, over_time=over_time, unit=unit, holdout_periods=horizon)


def _actual_by_period(
    transactions: Any, unit: TimeUnit, cal_end: dt.date, obs_end: dt.date, periods: int
) -> np.ndarray:
    """Purchase days in each holdout period by customers who bought during calibration."""
    days = _canonical_days(transactions)
    cohort = days.filter(nw.col("date") <= nw.lit(cal_end)).select("customer_id").unique()
    counts = (
        days.filter((nw.col("date") > nw.lit(cal_end)) & (nw.col("date") <= nw.lit(obs_end)))
        .join(cohort, on="customer_id")
        .with_columns(
            ((days_between(nw.col("date"), cal_end) - 1) / unit.days).floor().cast(nw.Int64).alias("period")
        )
        .group_by("period")
        .agg(nw.len().alias("purchases"))
        .collect(backend="polars")
        .to_native()
    )
    actual = np.zeros(periods)
    index = counts["period"].to_numpy()
    actual[index[index < periods]] = counts["purchases"].to_numpy()[index < periods]
    return actual
