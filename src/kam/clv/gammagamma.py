"""Gamma-Gamma spend model: Fader, Hardie & Lee (2005), "RFM and CLV: Using Iso-Value Curves for Customer
Base Analysis", JMR 42(4), and Fader & Hardie (2013), "The Gamma-Gamma Model of Monetary Value"."""

from __future__ import annotations

from typing import Self

import numpy as np
from numpy.typing import ArrayLike
from scipy.special import digamma, gammaln

from kam.clv._fit import FloatArray, as_float_arrays, compress, dot, maximise, per_distinct
from kam.clv.errors import ConvergenceError, InvalidSpendError, SpendNotIdentifiedError
from kam.i18n import Notice

MAX_SHAPE = 1e4  # p above this: under 1% chance variation of spend per purchase, i.e. none identified


class GammaGamma:
    """Spend per transaction ~ gamma(p, nu), nu ~ gamma(q, gamma) across customers."""

    name = "Gamma-Gamma"
    param_names = ("p", "q", "gamma")

    def __init__(self, *, max_iterations: int = 1000, gradient_tolerance: float = 1e-6) -> None:
        self.max_iterations = max_iterations
        self.gradient_tolerance = gradient_tolerance

    def fit(self, x: ArrayLike, mean_spend: ArrayLike, weights: ArrayLike | None = None) -> Self:
        """Fit to repeat buyers: x repeat purchases of mean value `mean_spend` (rows with x = 0 ignored)."""
        x_arr, m_arr = (np.asarray(v, dtype=float).ravel() for v in (x, mean_spend))
        w_arr = np.ones_like(x_arr) if weights is None else np.asarray(weights, dtype=float).ravel()
        keep = x_arr > 0
        _check_spend(x_arr[keep], m_arr[keep])
        data = compress(x_arr[keep], m_arr[keep], weights=w_arr[keep])
        if data.weights.size < 2:
            raise ConvergenceError(
                self.name,
                Notice("clv_few_repeat", count=int(data.weights.size)),
                Notice("clv_hint_plain_mean"),
            )
        xs, spend = data.columns
        w = data.weights
        total = w.sum()
        # Fit on spend in units of its mean (gamma is a scale parameter), which keeps the optimiser
        # well conditioned for amounts in the tens of thousands; scale back afterwards.
        scale = float(np.average(spend, weights=w))
        ms = spend / scale
        # Terms in x alone are evaluated once per distinct x (a few hundred values at most); the terms
        # of each customer are combined before they are summed, so that large sums never cancel.
        distinct_x, _, w_by_x = per_distinct(xs, w)
        wx_by_x = w_by_x * distinct_x
        log_m = np.log(ms)
        log_mx = log_m + np.log(xs)
        w_xs = w * xs

        def objective(log_params: FloatArray) -> tuple[float, FloatArray]:
            p, q, g = np.exp(log_params)
            pu = p * distinct_x
            denominator = g + ms * xs
            log_gmx = np.log(denominator)
            inner = log_mx - log_gmx
            ll = (
                dot(w_by_x, gammaln(pu + q) - gammaln(pu))
                + dot(w, p * xs * inner - log_m - q * log_gmx)
                + total * (q * np.log(g) - gammaln(q))
            )
            psi = digamma(pu + q)
            d_p = dot(wx_by_x, psi - digamma(pu)) + dot(w_xs, inner)
            d_q = dot(w_by_x, psi) - dot(w, log_gmx) + total * (np.log(g) - digamma(q))
            d_g = total * q / g - dot(w, (p * xs + q) / denominator)
            grad = np.array([d_p * p, d_q * q, d_g * g])
            return -float(ll) / total, -grad / total

        start = np.log(np.array([1.0, 1.0, float(np.average(ms, weights=w))]))
        result = maximise(
            self.name,
            objective,
            start,
            total,
            max_iterations=self.max_iterations,
            gradient_tolerance=self.gradient_tolerance,
            plausible=self._identified,
        )
        unscale = np.array([1.0, 1.0, scale])
        self.params_ = dict(zip(self.param_names, (float(v) for v in result.params * unscale), strict=True))
        self.standard_errors_ = dict(
            zip(self.param_names, (float(v) for v in result.standard_errors * unscale), strict=True)
        )
        # density of the mean spend in original units: f(m / scale) / scale for each customer
        self.log_likelihood_ = result.log_likelihood - total * np.log(scale)
        self.n_customers_ = round(total)
        self.iterations_ = result.iterations
        self.converged_ = True
        return self

    def _identified(self, params: FloatArray) -> None:
        """p -> infinity means the fit explains all spread of mean spend by differences between customers
        and none by chance within a customer; the likelihood is then a flat ridge in p and gamma, and
        where the optimiser stops on it is noise, so the fit is refused rather than returned."""
        if float(params[0]) > MAX_SHAPE:
            raise SpendNotIdentifiedError(self.name, Notice("clv_spend_ridge"), Notice("clv_hint_own_mean"))

    def conditional_expected_spend(self, x: ArrayLike, mean_spend: ArrayLike) -> FloatArray:
        """E[Z | x, mean spend]: weighted average of population and customer means (FHL 2005, eq. 5).

        Customers with x = 0 get the population mean gamma * p / (q - 1), which needs q > 1.
        """
        if not hasattr(self, "params_"):
            raise RuntimeError("Gamma-Gamma is not fitted: call fit() first")
        p, q, g = (self.params_[n] for n in self.param_names)
        x_arr, m_arr = as_float_arrays(x, mean_spend)
        if q <= 1 and np.any(x_arr == 0):
            raise ConvergenceError(
                self.name, Notice("clv_infinite_mean", q=q), Notice("clv_hint_more_repeat")
            )
        m_arr = np.where(x_arr > 0, m_arr, 0.0)
        return (g * p + p * x_arr * m_arr) / (p * x_arr + q - 1)


def _check_spend(x: FloatArray, mean_spend: FloatArray) -> None:
    bad = ~np.isfinite(mean_spend) | (mean_spend <= 0)
    if np.any(bad):
        first = float(mean_spend[np.flatnonzero(bad)[0]])
        raise InvalidSpendError(Notice("clv_invalid_spend", count=int(bad.sum()), total=x.size, first=first))
