"""The one forecast of each customer's future from its purchases, used by `kam analyze` and `kam clv fit`.

The purchase model (BG/NBD or Pareto/NBD) gives P(alive) and the expected purchases over the horizon, the
spend model (Gamma-Gamma, or each customer's own mean repeat spend where Gamma-Gamma cannot be fitted)
the expected spend per purchase; together their discounted value (kam.clv.clv). The commands differ only
in what they ask for explicitly: the margin the value is taken at and the names of the columns.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np
import polars as pl

from kam.clv._base import PurchaseModel
from kam.clv._fit import FloatArray
from kam.clv.bgnbd import BetaGeo
from kam.clv.choices import ForecastColumns, PurchaseModelName, SpendModelName
from kam.clv.clv import (
    EmpiricalSpend,
    customer_lifetime_value,
    discount_rate_per_period,
    periods_in_months,
)
from kam.clv.errors import ClvError, ConvergenceError, SpendNotIdentifiedError
from kam.clv.gammagamma import GammaGamma
from kam.clv.paretonbd import ParetoNBD
from kam.clv.settings import ClvSettings
from kam.clv.summary import rfm_summary
from kam.i18n import Notice

PURCHASE_MODELS: dict[PurchaseModelName, type[PurchaseModel]] = {
    PurchaseModelName.BGNBD: BetaGeo,
    PurchaseModelName.PNBD: ParetoNBD,
}


@dataclass(frozen=True)
class Forecast:
    """Each customer of `summary` (in its order): P(alive), expected purchases over the horizon, expected
    spend per purchase and the discounted expected revenue over the horizon, with the fitted models and the
    notices of what was done instead of the configured spend model."""

    summary: pl.DataFrame
    purchase_model: PurchaseModel
    spend_model: GammaGamma | EmpiricalSpend
    horizon_periods: float
    p_alive: FloatArray
    expected_purchases: FloatArray
    expected_spend: FloatArray
    revenue_value: FloatArray
    notices: tuple[Notice, ...]

    def value(self, margin: float | FloatArray) -> FloatArray:
        """The discounted expected margin over the horizon: revenue value times `margin` (one share for all
        customers, or one per customer in the summary's order)."""
        return np.asarray(margin, dtype=float) * self.revenue_value

    def table(self, columns: ForecastColumns, *, margin: float | FloatArray) -> pl.DataFrame:
        """customer_id, the history columns if named, then the forecasts; NaN (no estimate) as null."""
        history = [
            pl.col(source).alias(name)
            for source, name in zip(("frequency", "recency", "T"), columns.history, strict=False)
        ]
        figures = {
            columns.p_alive: self.p_alive,
            columns.expected_purchases: self.expected_purchases,
            columns.expected_spend: self.expected_spend,
            columns.value: self.value(margin),
        }
        return self.summary.select("customer_id", *history).with_columns(
            pl.Series(name, values).fill_nan(None) for name, values in figures.items()
        )


def fit_forecast(purchases: Any, *, calibration_end: dt.date, settings: ClvSettings) -> Forecast:
    """Fit settings.purchase_model and settings.spend_model to the purchases up to `calibration_end`
    (customer_id, date, amount >= 0; see kam.analytics.metrics.purchase_orders) in settings.unit and forecast over
    settings.horizon_months, discounting at settings.annual_discount_rate in monthly cash flows.

    Raises ClvError when the purchase model cannot be fitted (there is no forecast without it); when
    Gamma-Gamma cannot be, each customer's own mean repeat spend is used and a notice says why."""
    summary = rfm_summary(purchases, unit=settings.unit, calibration_end=calibration_end)
    x, t_x, age = (summary[c].to_numpy().astype(float) for c in ("frequency", "recency", "T"))
    spend = summary["monetary"].to_numpy().astype(float)
    model = PURCHASE_MODELS[settings.purchase_model](
        max_iterations=settings.max_iterations, gradient_tolerance=settings.gradient_tolerance
    ).fit(x, t_x, age)
    own_spend = np.where((x > 0) & (spend > 0), spend, 0.0)
    spend_model, notices = _fit_spend_model(x, own_spend, settings)
    horizon = periods_in_months(settings.horizon_months, settings.unit)
    alive = model.p_alive(x, t_x, age)
    revenue = customer_lifetime_value(
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
    return Forecast(
        summary=summary,
        purchase_model=model,
        spend_model=spend_model,
        horizon_periods=horizon,
        p_alive=alive,
        expected_purchases=model.expected_if_alive(horizon, x, age) * alive,  # P(alive) computed once
        expected_spend=spend_model.conditional_expected_spend(x, own_spend),
        revenue_value=revenue,
        notices=notices,
    )


def _fit_spend_model(
    x: FloatArray, own_spend: FloatArray, settings: ClvSettings
) -> tuple[GammaGamma | EmpiricalSpend, tuple[Notice, ...]]:
    """Gamma-Gamma fitted to the repeat buyers, when asked for and when it can be fitted and gives every
    customer a finite expected spend; else each customer's own mean repeat spend (with the notice why)."""
    repeaters = own_spend > 0
    own_mean = EmpiricalSpend.of_repeat_buyers(own_spend[repeaters])
    if settings.spend_model == SpendModelName.MEAN:
        return own_mean, ()
    try:
        model = GammaGamma(max_iterations=settings.max_iterations).fit(x[repeaters], own_spend[repeaters])
        model.conditional_expected_spend(x, own_spend)  # q <= 1 leaves one-time buyers no finite mean
    except SpendNotIdentifiedError:
        return own_mean, (Notice("spend_not_identified"),)
    except ClvError as exc:
        reason = exc.reason if isinstance(exc, ConvergenceError) else exc.message
        return own_mean, (Notice("spend_fallback", reason=reason),)
    return model, ()
