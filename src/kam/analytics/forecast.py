"""Forecast columns for `kam analyze` from the customer-base models (kam.clv): the future, not the past.

BG/NBD (or Pareto/NBD) gives P(alive) and expected purchases; Gamma-Gamma the expected spend per
purchase; together a discounted 12-month revenue value, which the pipeline turns into margin where
cost is known.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import narwhals as nw
import numpy as np
import polars as pl

from kam.clv import (
    BetaGeo,
    ClvError,
    ClvSettings,
    ConvergenceError,
    EmpiricalSpend,
    GammaGamma,
    ParetoNBD,
    SpendModel,
    customer_lifetime_value,
    discount_rate_per_period,
    periods_in_months,
    rfm_summary,
)
from kam.clv._base import PurchaseModel
from kam.clv.errors import SpendNotIdentifiedError
from kam.i18n import Notice


def _fit_purchase_model(
    x: np.ndarray, t_x: np.ndarray, age: np.ndarray, settings: ClvSettings, warnings: list[str]
) -> PurchaseModel | None:
    """The configured purchase model (BG/NBD by default), or None with the reason in `warnings`."""
    model_class = ParetoNBD if settings.purchase_model == "pnbd" else BetaGeo
    model = model_class(
        max_iterations=settings.max_iterations, gradient_tolerance=settings.gradient_tolerance
    )
    try:
        model.fit(x, t_x, age)
    except ClvError as exc:
        other = "bgnbd" if settings.purchase_model == "pnbd" else "pnbd"
        warnings.append(Notice("no_forecast", reason=exc.message, other=other))
        return None
    return model


FORECAST_COLUMNS = ("p_alive", "expected_purchases_12m", "expected_spend", "clv_revenue_12m")


def forecast_customers(
    purchases: nw.LazyFrame[Any], as_of: dt.date, settings: ClvSettings, warnings: list[str]
) -> nw.DataFrame[Any] | None:
    """Per-customer forecasts from purchases (customer_id, date, amount > 0; one row per order or line),
    or None (with a warning saying why) when the models cannot be fitted."""
    summary = rfm_summary(purchases, unit=settings.unit, calibration_end=as_of)
    x, t_x, age = (summary[c].to_numpy().astype(float) for c in ("frequency", "recency", "T"))
    spend = summary["monetary"].to_numpy().astype(float)
    model = _fit_purchase_model(x, t_x, age, settings, warnings)
    if model is None:
        return None
    horizon = periods_in_months(settings.horizon_months, settings.unit)
    alive = model.p_alive(x, t_x, age)
    expected = model.expected_if_alive(horizon, x, age) * alive  # E[Y(t) | x, t_x, T], P(alive) computed once
    repeaters = (x > 0) & (spend > 0)
    own_spend = np.where(repeaters, spend, 0.0)
    spend_model: SpendModel
    try:
        spend_model = GammaGamma(max_iterations=settings.max_iterations).fit(x[repeaters], spend[repeaters])
        spend_model.conditional_expected_spend(x, own_spend)
    except ClvError as exc:
        fallback = float(spend[repeaters].mean()) if repeaters.any() else float("nan")
        if isinstance(exc, SpendNotIdentifiedError):
            warnings.append(Notice("spend_not_identified"))
        else:
            reason = exc.reason if isinstance(exc, ConvergenceError) else exc.message
            warnings.append(Notice("spend_fallback", reason=reason))
        spend_model = EmpiricalSpend(fallback)
    expected_spend = spend_model.conditional_expected_spend(x, own_spend)
    value = customer_lifetime_value(
        model,
        spend_model,
        x,
        t_x,
        age,
        own_spend,
        horizon_periods=horizon,
        cash_flows=max(1, round(settings.horizon_months)),
        discount_rate_per_period=discount_rate_per_period(settings.annual_discount_rate, settings.unit),
    )
    frame = pl.DataFrame(
        {
            "customer_id": summary["customer_id"],
            "p_alive": alive,
            "expected_purchases_12m": expected,
            "expected_spend": expected_spend,
            "clv_revenue_12m": value,
        }
    ).with_columns(pl.col(c).fill_nan(None) for c in FORECAST_COLUMNS)
    return nw.from_native(frame)
