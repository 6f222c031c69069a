"""BG/NBD model of Fader, Hardie & Lee (2005), "Counting Your Customers the Easy Way: An Alternative to
the Pareto/NBD Model", Marketing Science 24(2), 275-284. Equations numbered as in that paper."""

from __future__ import annotations

from typing import ClassVar

import numpy as np
from numpy.typing import ArrayLike
from scipy.special import betaln, digamma, expit, gammaln, hyp2f1

from kam.clv._base import PurchaseModel, start_point
from kam.clv._fit import Compressed, FloatArray, Objective, as_float_arrays
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
        distinct_x, x_index = np.unique(x, return_inverse=True)
        w_by_x = np.bincount(x_index, weights=w)
        repeat = x > 0
        # customers without repeat purchases contribute -r log(alpha + T) only: keep them apart
        age0, w0 = age[~repeat], w[~repeat]
        xs, t_rep, age_rep, w_rep = x[repeat], t_x[repeat], age[repeat], w[repeat]

        def objective(log_params: FloatArray) -> tuple[float, FloatArray]:
            r, alpha, a, b = np.exp(log_params)
            log_at0 = np.log(alpha + age0)
            rx = r + xs
            log_at = np.log(alpha + age_rep)
            log_atx = np.log(alpha + t_rep)
            d1 = -rx * log_at
            d2 = np.log(a) - np.log(b + xs - 1) - rx * log_atx
            top = np.maximum(d1, d2)
            e1, e2 = np.exp(d1 - top), np.exp(d2 - top)
            norm = e1 + e2
            w1, w2 = e1 / norm, e2 / norm
            ux = distinct_x
            x_ll = gammaln(r + ux) + betaln(a, b + ux)
            ll = (
                w_by_x @ x_ll
                - total * (gammaln(r) - r * np.log(alpha) + betaln(a, b))
                - r * (w0 @ log_at0)
                + w_rep @ (top + np.log(norm))
            )
            g_r = (
                w_by_x @ digamma(r + ux)
                + total * (np.log(alpha) - digamma(r))
                - w0 @ log_at0
                - w_rep @ (w1 * log_at + w2 * log_atx)
            )
            g_alpha = (
                total * r / alpha
                - r * (w0 @ (1.0 / (alpha + age0)))
                - w_rep @ (rx * (w1 / (alpha + age_rep) + w2 / (alpha + t_rep)))
            )
            psi_abx = digamma(a + b + ux)
            g_a = total * digamma(a + b) - w_by_x @ psi_abx + (w_rep @ w2) / a
            g_b = (
                w_by_x @ (digamma(b + ux) - psi_abx)
                + total * (digamma(a + b) - digamma(b))
                - w_rep @ (w2 / (b + xs - 1))
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

    def conditional_expected_purchases(
        self, t: ArrayLike, x: ArrayLike, t_x: ArrayLike, T: ArrayLike
    ) -> FloatArray:
        """E[Y(t) | x, t_x, T], FHL (2005) eq. 10, with 2F1 Euler-transformed to tame large x."""
        r, alpha, a, b = self._params()
        t, x, t_x, T = as_float_arrays(t, x, t_x, T)
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
        expected = (a + b + x - 1.0) / (a - 1.0) * (1.0 - tail)
        return expected * self.p_alive(x, t_x, T)

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
