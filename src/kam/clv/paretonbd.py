"""Pareto/NBD model (Schmittlein, Morrison & Colombo 1987), likelihood and conditional expressions as in
Fader & Hardie (2005), "A Note on Deriving the Pareto/NBD Model and Related Expressions".

The likelihood's second term is s * (J(t_x) - J(T)) with J(t) = int_t^inf (alpha+u)^-(r+x) (beta+u)^-(s+1) du,
which equals the note's A0 (eq. 19/20). J is evaluated through 2F1(1, b; c; z) with 0 <= z < 1 picked
from alpha >= beta or alpha < beta, as the note recommends, so every series converges.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np
from numpy.typing import ArrayLike
from scipy.special import betaln, digamma, gammaln, hyp2f1

from kam.clv._base import PurchaseModel, start_point
from kam.clv._fit import Compressed, FloatArray, Objective, as_float_arrays, dot, per_distinct
from kam.clv._special import log1mexp, log_hyp2f1_1bc


def _log_tail(r: float, alpha: float, s: float, beta: float, x: FloatArray, t: FloatArray) -> FloatArray:
    """log J(t) and its gradient with respect to (r, alpha, s, beta), stacked as rows 1..4."""
    p, q = r + x, s + 1.0
    lat, lbt = np.log(alpha + t), np.log(beta + t)
    inv_c = 1.0 / (p + q - 1.0)
    if alpha >= beta:
        h = log_hyp2f1_1bc(p, p + q, (alpha - beta) / (alpha + t))
        value = -p * lat + (1.0 - q) * lbt - np.log(p + q - 1.0) + h.value
        d_r = -lat - inv_c + h.d_b + h.d_c
        d_s = -lbt - inv_c + h.d_c
        d_alpha = -p / (alpha + t) + h.d_z * (beta + t) / (alpha + t) ** 2
        d_beta = (1.0 - q) / (beta + t) - h.d_z / (alpha + t)
    else:
        h = log_hyp2f1_1bc(q, p + q, (beta - alpha) / (beta + t))
        value = -q * lbt + (1.0 - p) * lat - np.log(p + q - 1.0) + h.value
        d_r = -lat - inv_c + h.d_c
        d_s = -lbt - inv_c + h.d_b + h.d_c
        d_beta = -q / (beta + t) + h.d_z * (alpha + t) / (beta + t) ** 2
        d_alpha = (1.0 - p) / (alpha + t) - h.d_z / (beta + t)
    return np.vstack([value, d_r, d_alpha, d_s, d_beta])


def _log_terms(
    r: float, alpha: float, s: float, beta: float, x: FloatArray, t_x: FloatArray, T: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """Log of the two likelihood terms (alive at T; died in (t_x, T]) with gradients, rows 1..4."""
    lat, lbt = np.log(alpha + T), np.log(beta + T)
    alive = np.vstack([-(r + x) * lat - s * lbt, -lat, -(r + x) / (alpha + T), -lbt, -s / (beta + T)])
    died = np.full_like(alive, 0.0)
    died[0] = -np.inf
    inside = t_x < T
    if np.any(inside):
        j1 = _log_tail(r, alpha, s, beta, x[inside], t_x[inside])
        j2 = _log_tail(r, alpha, s, beta, x[inside], T[inside])
        gap = np.minimum(j2[0] - j1[0], 0.0)
        ratio = np.exp(gap)
        with np.errstate(divide="ignore", invalid="ignore"):
            diff_grad = (j1[1:] - ratio * j2[1:]) / -np.expm1(gap)
        died[0, inside] = np.log(s) + j1[0] + log1mexp(gap)
        died[1:, inside] = diff_grad
        died[3, inside] += 1.0 / s
    return alive, died


class ParetoNBD(PurchaseModel):
    """Pareto/NBD: Poisson purchases at gamma(r, alpha) rates, exponential lifetimes at gamma(s, beta)."""

    name: ClassVar[str] = "Pareto/NBD"
    param_names: ClassVar[tuple[str, ...]] = ("r", "alpha", "s", "beta")

    def _start(self, data: Compressed) -> FloatArray:
        rate, mean_age = start_point(data)
        return np.log(np.array([1.0, 1.0 / rate, 1.0, mean_age]))

    def _objective(self, data: Compressed) -> Objective:
        x, t_x, age = data.columns
        w = data.weights
        total = w.sum()
        distinct_x, _, w_by_x = per_distinct(x, w)

        def objective(log_params: FloatArray) -> tuple[float, FloatArray]:
            r, alpha, s, beta = np.exp(log_params)
            with np.errstate(over="ignore", under="ignore"):
                alive, died = _log_terms(r, alpha, s, beta, x, t_x, age)
            top = np.maximum(alive[0], died[0])
            e1, e2 = np.exp(alive[0] - top), np.exp(died[0] - top)
            norm = e1 + e2
            row_grad = (e1 * alive[1:] + np.where(e2 > 0, e2 * died[1:], 0.0)) / norm
            ll = (
                dot(w_by_x, gammaln(r + distinct_x))
                + total * (r * np.log(alpha) + s * np.log(beta) - gammaln(r))
                + dot(w, top + np.log(norm))
            )
            grad = np.einsum("ij,j->i", row_grad, w)
            grad += np.array(
                [dot(w_by_x, digamma(r + distinct_x)) + total * (np.log(alpha) - digamma(r)), 0, 0, 0]
            )
            grad += total * np.array([0.0, r / alpha, np.log(beta), s / beta])
            grad *= np.array([r, alpha, s, beta])
            if not np.isfinite(ll):
                return float("inf"), np.zeros(4)
            return -float(ll) / total, -grad / total

        return objective

    def p_alive(self, x: ArrayLike, t_x: ArrayLike, T: ArrayLike) -> FloatArray:
        """P(alive | x, t_x, T), Fader & Hardie (2005) note eq. 18: share of the alive-at-T term."""
        r, alpha, s, beta = self._params()
        x, t_x, T = as_float_arrays(x, t_x, T)
        alive, died = _log_terms(r, alpha, s, beta, x.ravel(), t_x.ravel(), T.ravel())
        return np.exp(alive[0] - np.logaddexp(alive[0], died[0])).reshape(x.shape)

    def expected_if_alive(self, t: ArrayLike, x: ArrayLike, T: ArrayLike) -> FloatArray:
        """E[Y(t) | x, T, alive at T]: Fader & Hardie (2005) note eq. 22 without its P(alive) factor (its
        s -> 1 limit taken when s = 1)."""
        r, alpha, s, beta = self._params()
        t, x, T = as_float_arrays(t, x, T)
        log_u = np.log(beta + T) - np.log(beta + T + t)
        decay = -log_u if abs(s - 1.0) < 1e-10 else -np.expm1((s - 1.0) * log_u) / (s - 1.0)
        return (r + x) * (beta + T) / (alpha + T) * decay

    def expected_purchases(self, t: ArrayLike) -> FloatArray:
        """E[X(t)] for a customer just acquired, Fader & Hardie (2005) note eq. 17."""
        r, alpha, s, beta = self._params()
        t = np.asarray(t, dtype=float)
        log_u = np.log(beta) - np.log(beta + t)
        decay = -log_u if abs(s - 1.0) < 1e-10 else -np.expm1((s - 1.0) * log_u) / (s - 1.0)
        return r * beta / alpha * decay

    def probability_of_purchases(self, k: ArrayLike, t: ArrayLike) -> FloatArray:
        """P(X(t) = k) for a customer just acquired: Fader & Hardie (2006), "Deriving an Expression for
        P(X(t) = x) Under the Pareto/NBD Model", eq. (4); each 2F1 is taken with its argument in [0, 1)."""
        r, alpha, s, beta = self._params()
        k_arr, t_arr = np.broadcast_arrays(np.asarray(k, dtype=float), np.asarray(t, dtype=float))
        out = np.empty(k_arr.shape)
        for index in np.ndindex(k_arr.shape):
            out[index] = self._probability(int(k_arr[index]), float(t_arr[index]), r, alpha, s, beta)
        return out

    @staticmethod
    def _probability(x: int, t: float, r: float, alpha: float, s: float, beta: float) -> float:
        """One term of `probability_of_purchases`, in log space where the magnitudes need it."""
        log_alive = (
            gammaln(r + x)
            - gammaln(r)
            - gammaln(x + 1.0)
            + r * np.log(alpha / (alpha + t))
            + x * np.log(t / (alpha + t))
            + s * np.log(beta / (beta + t))
        )
        if alpha >= beta:
            second, big, zt = s + 1.0, alpha, (alpha - beta) / (alpha + t)
        else:
            second, big, zt = r + x, beta, (beta - alpha) / (beta + t)
        c = r + s + x + 1.0
        log_scale = r * np.log(alpha) + s * np.log(beta) + betaln(r + x, s + 1.0) - betaln(r, s)
        # B1 minus the note's partial sum over i = 0..x is the series' tail over i > x: summing the
        # (positive) tail terms avoids subtracting two nearly equal numbers for large x.
        log_tail = -np.inf
        for i in range(x + 1, x + 20_000):
            term = (
                gammaln(r + s + i)
                - gammaln(r + s)
                - gammaln(i + 1.0)
                + i * np.log(t)
                + np.log(hyp2f1(r + s + i, second, c, zt))
                - (r + s + i) * np.log(big + t)
            )
            log_tail = np.logaddexp(log_tail, term)
            if term < log_tail - 40.0:
                break
        return float(np.exp(log_alive) + np.exp(log_scale + log_tail))
