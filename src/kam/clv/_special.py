"""Special functions evaluated in log space, with analytic derivatives.

The Pareto/NBD likelihood needs the Gauss hypergeometric function 2F1 (Fader & Hardie 2005, "A Note on
Deriving the Pareto/NBD Model and Related Expressions"). After the Euler transformation every 2F1 it uses
has the form 2F1(1, b; c; z) with 0 < b < c and 0 <= z < 1, whose series
sum_k (b)_k / (c)_k z^k has positive terms falling at least as fast as z^k, so summing it in log space
(Abramowitz & Stegun 15.1.1, 15.3.3) is stable for any b, c, including b and c in the thousands.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.special import logsumexp

FloatArray = NDArray[np.float64]

_ELEMENT_BUDGET = 2_000_000
_MAX_TERMS = 16_384
_LOG_EPSILON = 42.0


@dataclass(frozen=True)
class LogHyp2F1:
    """log 2F1(1, b; c; z) and its partial derivatives with respect to b, c and z."""

    value: FloatArray
    d_b: FloatArray
    d_c: FloatArray
    d_z: FloatArray


def log_hyp2f1_1bc(b: ArrayLike, c: ArrayLike, z: ArrayLike) -> LogHyp2F1:
    """Evaluate log 2F1(1, b; c; z) for 0 < b < c, 0 <= z < 1, element-wise, with its gradient.

    Terms are summed until the last one is below 1e-16 of the sum: rows start with 32 terms and get
    four times more until they pass, so heavy buyers (large c) and small z cost only a few terms.
    """
    b, c, z = np.broadcast_arrays(
        np.asarray(b, dtype=float), np.asarray(c, dtype=float), np.asarray(z, dtype=float)
    )
    flat = [a.ravel() for a in (b, c, z)]
    out = [np.empty(b.size) for _ in range(4)]
    pending = np.arange(b.size)
    terms = 32
    while pending.size:
        done = np.zeros(pending.size, dtype=bool)
        step = max(1, _ELEMENT_BUDGET // terms)
        for start in range(0, pending.size, step):
            rows = pending[start : start + step]
            *parts, last = _series(flat[0][rows], flat[1][rows], flat[2][rows], terms)
            ok = (last < -_LOG_EPSILON) | (terms >= _MAX_TERMS)
            for target, part in zip(out, parts, strict=True):
                target[rows[ok]] = part[ok]
            done[start : start + step] = ok
        pending = pending[~done]
        terms *= 4
    return LogHyp2F1(*(part.reshape(b.shape) for part in out))


def _series(
    b: FloatArray, c: FloatArray, z: FloatArray, terms: int
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray, FloatArray]:
    j = np.arange(terms, dtype=float)
    bj = b[:, None] + j
    cj = c[:, None] + j
    log_coef = np.cumsum(np.log(bj) - np.log(cj), axis=1)
    log_z = np.log(np.maximum(z, 1e-300))[:, None]
    k = j + 1.0
    log_terms = log_coef + k * log_z
    zero = np.zeros((b.size, 1))
    value = logsumexp(np.concatenate([zero, log_terms], axis=1), axis=1)
    weights = np.exp(log_terms - value[:, None])
    d_b = np.sum(weights * np.cumsum(1.0 / bj, axis=1), axis=1)
    d_c = -np.sum(weights * np.cumsum(1.0 / cj, axis=1), axis=1)
    d_z = np.sum(np.exp(np.log(k) + log_coef + (k - 1.0) * log_z - value[:, None]), axis=1)
    return value, d_b, d_c, d_z, log_terms[:, -1] - value


def log1mexp(x: FloatArray) -> FloatArray:
    """log(1 - exp(x)) for x <= 0, accurate near 0 and for large negative x (Mächler 2012)."""
    x = np.asarray(x, float)
    with np.errstate(divide="ignore"):
        return np.where(x > -np.log(2.0), np.log(-np.expm1(x)), np.log1p(-np.exp(x)))


def log_hyp2f1_positive(a: ArrayLike, b: ArrayLike, c: ArrayLike, z: ArrayLike) -> FloatArray:
    """log 2F1(a, b; c; z) for a, b, c > 0 and 0 <= z < 1, where every series term is positive.

    Summed in log space with as many terms as each row needs (doubling up to a cap), so it stays
    finite where scipy's hyp2f1 overflows (e.g. heavy buyers with z near 1). A & S 15.1.1.
    """
    a, b, c, z = (np.asarray(v, dtype=float).ravel() for v in np.broadcast_arrays(a, b, c, z))
    out = np.empty(a.size)
    pending = np.arange(a.size)
    terms = 64
    while pending.size:
        step = max(1, _ELEMENT_BUDGET // terms)
        done = np.zeros(pending.size, dtype=bool)
        for start in range(0, pending.size, step):
            rows = pending[start : start + step]
            j = np.arange(terms, dtype=float)
            log_terms = np.cumsum(
                np.log(a[rows, None] + j)
                + np.log(b[rows, None] + j)
                - np.log(c[rows, None] + j)
                - np.log1p(j)
                + np.log(np.maximum(z[rows], 1e-300))[:, None],
                axis=1,
            )
            value = logsumexp(np.concatenate([np.zeros((rows.size, 1)), log_terms], axis=1), axis=1)
            ok = (log_terms[:, -1] - value < -_LOG_EPSILON) | (terms >= _MAX_TERMS * 4)
            out[rows[ok]] = value[ok]
            done[start : start + step] = ok
        pending = pending[~done]
        terms *= 4
    return out
