"""Customer lifetime value: discounted expected margin over a finite horizon.

Expected purchases in each period come from the purchase model's conditional expectation, E[Y(t) | x,
t_x, T] (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy Way"), differenced period by period;
the value per purchase from the Gamma-Gamma conditional expectation (Fader, Hardie & Lee 2005, "RFM and
CLV"). Cash flows are discounted at the end of each period, as in the discrete-time sum of lifetimes'
`customer_lifetime_value`.
"""

from __future__ import annotations

import math
import os
from concurrent.futures import ThreadPoolExecutor
from typing import Protocol

import numpy as np
from numpy.typing import ArrayLike

from kam.clv._base import PurchaseModel
from kam.clv._fit import FloatArray, as_float_arrays, distinct_rows
from kam.clv.summary import TimeUnit

DAYS_PER_YEAR = 365.25
_THREADED_ROWS = 200_000


class SpendModel(Protocol):
    """Anything that gives the expected value per purchase of each customer (Gamma-Gamma, or plain means)."""

    def conditional_expected_spend(self, x: ArrayLike, mean_spend: ArrayLike) -> FloatArray: ...


class EmpiricalSpend:
    """Expected spend = the customer's own mean repeat spend; the repeat buyers' average for the others.

    The fallback when the Gamma-Gamma model cannot be fitted (e.g. spend nearly constant per customer).
    Its one parameter, the average, is reported like a fitted model's (`params_`, `standard_errors_`).
    """

    name = "own mean spend"

    def __init__(self, population_mean: float, *, standard_error: float | None = None, n_customers: int = 0):
        self.population_mean = population_mean
        self.params_ = {"mean": population_mean}
        self.standard_errors_ = {"mean": standard_error}
        self.n_customers_ = n_customers

    @classmethod
    def of_repeat_buyers(cls, mean_spends: ArrayLike) -> EmpiricalSpend:
        """The average of the repeat buyers' mean spends (NaN when there are none), with its standard
        error when there are two or more."""
        spends = np.asarray(mean_spends, dtype=float).ravel()
        if spends.size == 0:
            return cls(float("nan"))
        error = float(spends.std(ddof=1) / math.sqrt(spends.size)) if spends.size > 1 else None
        return cls(float(spends.mean()), standard_error=error, n_customers=int(spends.size))

    def conditional_expected_spend(self, x: ArrayLike, mean_spend: ArrayLike) -> FloatArray:
        x_arr, m_arr = as_float_arrays(x, mean_spend)
        return np.where((x_arr > 0) & (m_arr > 0), m_arr, self.population_mean)


def periods_in_months(months: float, unit: TimeUnit | str) -> float:
    """Length of `months` (of 30.4375 days) in the model's time unit."""
    return months * TimeUnit.MONTH.days / TimeUnit(unit).days


def discount_rate_per_period(annual_rate: float, unit: TimeUnit | str) -> float:
    """Per-period rate compounding to `annual_rate` over a year of 365.25 days."""
    return float((1.0 + annual_rate) ** (TimeUnit(unit).days / DAYS_PER_YEAR) - 1.0)


def customer_lifetime_value(
    model: PurchaseModel,
    spend_model: SpendModel,
    x: ArrayLike,
    t_x: ArrayLike,
    T: ArrayLike,
    mean_spend: ArrayLike,
    *,
    horizon_periods: float,
    discount_rate_per_period: float,
    margin: float = 1.0,
    cash_flows: int | None = None,
) -> FloatArray:
    """Present value of each customer's margin over the next `horizon_periods` (a partial last period
    counts pro rata in time): margin * E[spend] * sum_k (E[Y(t_k)] - E[Y(t_k-1)]) / (1 + d)^t_k.

    `cash_flows` splits the horizon into that many equal steps instead (e.g. 12 monthly steps for a
    weekly model), which is cheaper for large portfolios and close to the per-period sum."""
    if horizon_periods <= 0 or discount_rate_per_period < 0 or margin < 0:
        raise ValueError("horizon_periods must be > 0; discount rate and margin must be >= 0")
    x_arr, t_arr, age, spend = as_float_arrays(x, t_x, T, mean_spend)
    value_per_purchase = margin * spend_model.conditional_expected_spend(x_arr, spend)
    if cash_flows is None:
        steps = [float(k) for k in range(1, math.ceil(horizon_periods))] + [float(horizon_periods)]
    elif cash_flows >= 1:
        steps = [horizon_periods * k / cash_flows for k in range(1, cash_flows + 1)]
    else:
        raise ValueError("cash_flows must be >= 1")
    discounted = np.zeros_like(x_arr)
    previous = np.zeros_like(x_arr)
    for step, cumulative in zip(steps, _expected_purchases_at(model, steps, x_arr, t_arr, age), strict=True):
        discounted += (cumulative - previous) / (1.0 + discount_rate_per_period) ** step
        previous = cumulative
    return value_per_purchase * discounted


def _expected_purchases_at(
    model: PurchaseModel, steps: list[float], x: FloatArray, t_x: FloatArray, T: FloatArray
) -> list[FloatArray]:
    """E[Y(t) | history] at each step: P(alive) once per customer, and the purchases of an active customer
    once per distinct (x, T), which many customers share (a third as many as customers on 100k). For large
    portfolios the steps run in threads (the special functions release the GIL)."""
    alive = model.p_alive(x, t_x, T)
    (x_distinct, age_distinct), row = distinct_rows(x.ravel(), T.ravel())

    def at(step: float) -> FloatArray:
        return model.expected_if_alive(step, x_distinct, age_distinct)[row].reshape(x.shape) * alive

    if x_distinct.size * len(steps) < _THREADED_ROWS:
        return [at(step) for step in steps]
    with ThreadPoolExecutor(max_workers=min(len(steps), os.cpu_count() or 1)) as pool:
        return list(pool.map(at, steps))
