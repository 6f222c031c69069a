"""Small inputs for the renderers: a holdout check and params.json figures, built by hand."""

from __future__ import annotations

from typing import Any

import polars as pl

from kam.clv.holdout import HoldoutCheck
from kam.clv.summary import TimeUnit


def holdout(buckets: list[str] | None = None, unit: TimeUnit = TimeUnit.WEEK) -> HoldoutCheck:
    """A holdout check of three calibration frequencies and four periods."""
    buckets = buckets or ["0", "1", "2+"]
    return HoldoutCheck(
        by_frequency=pl.DataFrame(
            {
                "bucket": buckets,
                "customers": [10] * len(buckets),
                "actual_mean": [0.1 * (i + 1) for i in range(len(buckets))],
                "predicted_mean": [0.12 * (i + 1) for i in range(len(buckets))],
            }
        ),
        over_time=pl.DataFrame(
            {
                "period": [1, 2, 3, 4],
                "actual_cumulative": [1.0, 3.0, 4.0, 6.0],
                "predicted_cumulative": [1.5, 3.0, 4.5, 6.0],
            }
        ),
        unit=unit,
        holdout_periods=4.0,
    )


def params(
    model: str = "BG/NBD", parameter: str = "r", holdout_end: str | None = "1998-06-30"
) -> dict[str, Any]:
    """params.json of a fit, with one parameter per model."""
    return {
        "model": model,
        "params": {parameter: 0.2426},
        "standard_errors": {parameter: 0.0126},
        "log_likelihood": -9582.43,
        "spend_model": {"model": "Gamma-Gamma", "params": {"p": 6.25}, "standard_errors": {"p": 1.19}},
        "n_customers": 2357,
        "unit": "week",
        "calibration_end": "1997-09-30",
        "holdout_end": holdout_end,
    }
