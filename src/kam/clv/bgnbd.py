"""BG/NBD model of Fader, Hardie & Lee (2005), "Counting Your Customers the Easy Way: An Alternative to
the Pareto/NBD Model", Marketing Science 24(2), 275-284. Equations numbered as in that paper."""

from __future__ import annotations

from typing import ClassVar

import numpy as np
from numpy.typing import ArrayLike
from scipy.special import betaln, digamma, expit, gammaln, hyp2f1

from kam.clv._base import PurchaseModel, start_point
from kam.clv._fit import Compressed, FloatArray, Objective, as_float_arrays, dot, per_distinct
from kam.clv._special import log_hyp2f1_positive


class BetaGeo(PurchaseModel):
    """BG/NBD: Poisson purchasing at gamma(r, alpha) rates, beta(a, b) drop-out after each purchase."""

    name: ClassVar[str] = "BG/NBD"
    param_names: ClassVar[tuple[str, ...]] = ("r", "alpha", "a", "b")

    def _start(self, data: Compressed) -> FloatArray:
        rate, _ = start_point(data)
        return np.log(np.array([1.0, 1.0 / rate, 1.0, 1.0]))

    def _objective(self, data: Compressed) -> Objective:
        x, t_x, age = data.columns
        w = data.weights
        total = w.sum()
        distinct_x, x_index, w_by_x = per_distinct(x, w)
        repeat = x > 0
        # customers without repeat purchases contribute -r log(alpha + T) only: keep them apart
        age0, w0 = age[~repeat], w[~repeat]
        xs, t_rep, age_rep, w_rep = x[repeat], t_x[repeat], age[repeat], w[repeat]
        rep_index = x_index[repeat]

        def objective(log_params: FloatArray) -> tuple[float, FloatArray]:
            r, alpha, a, b = np.exp(log_params)
            log_at0 = np.log(alpha + age0)
            rx = r + xs
            at, atx = alpha + age_rep, alpha + t_rep
            log_at = np.log(at)
            log_atx = np.log(atx)
            # the likelihood of a repeat buyer is A1 + A2 with log A1 = -(r + x) log(alpha + T) and
            # log A2 = log a - log(b + x - 1) - (r + x) log(alpha + t_x); work with their log-ratio
            ux = distinct_x
            b_x = np.maximum(b + ux - 1.0, 1e-300)
            log_ratio = np.log(a) - np.log(b_x)[rep_index] + rx * (log_at - log_atx)
            small = np.exp(-np.abs(log_ratio))
            w2 = np.where(log_ratio > 0, 1.0, small) / (1.0 + small)  # A2 / (A1 + A2)
            log_sum = -rx * log_at + np.maximum(log_ratio, 0.0) + np.log1p(small)
            x_ll = gammaln(r + ux) + betaln(a, b + ux)
            ll = (
                dot(w_by_x, x_ll)
                - total * (gammaln(r) - r * np.log(alpha) + betaln(a, b))
                - r * dot(w0, log_at0)
                + dot(w_rep, log_sum)
            )
            g_r = (
                dot(w_by_x, digamma(r + ux))
                + total * (np.log(alpha) - digamma(r))
                - dot(w0, log_at0)
                - dot(w_rep, log_at + w2 * (log_atx - log_at))
            )
            inv_at = 1.0 / at
            g_alpha = (
                total * r / alpha
                - r * dot(w0, 1.0 / (alpha + age0))
                - dot(w_rep, rx * (inv_at + w2 * (1.0 / atx - inv_at)))
            )
            psi_abx = digamma(a + b + ux)
            w_w2 = dot(w_rep, w2)
            g_a = total * digamma(a + b) - dot(w_by_x, psi_abx) + w_w2 / a
            g_b = (
                dot(w_by_x, digamma(b + ux) - psi_abx)
                + total * (digamma(a + b) - digamma(b))
                - dot(w_rep * w2, (1.0 / b_x)[rep_index])
            )
            grad = np.array([g_r * r, g_alpha * alpha, g_a * a, g_b * b])
            return -float(ll) / total, -grad / total

        return objective

    def p_alive(self, x: ArrayLike, t_x: ArrayLike, T: ArrayLike) -> FloatArray:
        """P(alive | x, t_x, T), FHL (2005) eq. 11; equal to 1 for customers without repeat purchases."""
        r, alpha, a, b = self._params()
        x, t_x, T = as_float_arrays(x, t_x, T)
        repeat = x > 0
        safe_b = np.where(repeat, b + x - 1, 1.0)
        log_odds = np.log(a) - np.log(safe_b) + (r + x) * (np.log(alpha + T) - np.log(alpha + t_x))
        return np.where(repeat, expit(-log_odds), 1.0)

    def expected_if_alive(self, t: ArrayLike, x: ArrayLike, T: ArrayLike) -> FloatArray:
        """E[Y(t) | x, T, alive at T]: FHL (2005) eq. 10 without its P(alive) factor, with 2F1
        Euler-transformed to tame large x."""
        r, alpha, a, b = self._params()
        t, x, T = as_float_arrays(t, x, T)
        a = a if abs(a - 1.0) > 1e-9 else 1.0 + 1e-9
        z = t / (alpha + T + t)
        with np.errstate(over="ignore", invalid="ignore"):
            tail = np.exp((a - 1.0) * np.log1p(-z)) * hyp2f1(a + b - 1.0 - r, a - 1.0, a + b + x - 1.0, z)
        bad = ~np.isfinite(tail)
        if np.any(bad):  # scipy overflowed: sum the untransformed series (all terms positive) in log space
            zb, xb = np.broadcast_to(z, tail.shape)[bad], np.broadcast_to(x, tail.shape)[bad]
            log_tail = (r + xb) * np.log1p(-zb) + log_hyp2f1_positive(r + xb, b + xb, a + b + xb - 1.0, zb)
            tail = tail.copy()
            tail[bad] = np.exp(log_tail)
        if not np.all(np.isfinite(tail)):
            raise FloatingPointError("BG/NBD: 2F1 evaluation overflowed; check the time unit of t and T")
        return (a + b + x - 1.0) / (a - 1.0) * (1.0 - tail)

    def expected_purchases(self, t: ArrayLike) -> FloatArray:
        """E[X(t)] for a customer just acquired, FHL (2005) eq. 9."""
        t_arr = np.asarray(t, dtype=float)
        zero = np.zeros_like(t_arr)
        return self.conditional_expected_purchases(t_arr, zero, zero, zero)

    def probability_of_purchases(self, k: ArrayLike, t: ArrayLike) -> FloatArray:
        """P(X(t) = k) for a customer just acquired, FHL (2005) eq. 8, evaluated in log space."""
        from scipy.stats import nbinom  # imported here: scipy.stats is slow to import

        r, alpha, a, b = self._params()
        k, t = as_float_arrays(k, t)
        p = alpha / (alpha + t)
        with np.errstate(divide="ignore"):
            log_first = (
                betaln(a, b + k)
                - betaln(a, b)
                + gammaln(r + k)
                - gammaln(r)
                - gammaln(k + 1)
                + r * np.log(p)
                + k * np.log1p(-p)
            )
            safe_k = np.maximum(k, 1.0)
            log_second = betaln(a + 1, b + safe_k - 1) - betaln(a, b) + nbinom.logsf(safe_k - 1, r, p)
        log_second = np.where(k > 0, log_second, -np.inf)
        return np.exp(np.logaddexp(log_first, log_second))
