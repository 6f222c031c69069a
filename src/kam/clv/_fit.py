"""Shared maximum-likelihood machinery: compressed sufficient statistics, optimiser, Hessian errors."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.optimize import minimize

from kam.clv.errors import ConvergenceError, InvalidSummaryError
from kam.i18n import Notice

FloatArray = NDArray[np.float64]
Objective = Callable[[FloatArray], tuple[float, FloatArray]]

_LOG_PARAM_LIMIT = 25.0


@dataclass(frozen=True)
class Compressed:
    """Distinct rows of the input columns and how many customers share each (their weight)."""

    columns: tuple[FloatArray, ...]
    weights: FloatArray

    @property
    def n_customers(self) -> float:
        return float(self.weights.sum())


def distinct_rows(*columns: FloatArray) -> tuple[tuple[FloatArray, ...], NDArray[np.intp]]:
    """The distinct rows of equal-length columns (sorted) and, for each input row, the index of its
    distinct row: work that depends on these columns alone is done once per distinct row."""
    size = columns[0].size
    if size == 0:
        return columns, np.zeros(0, dtype=np.intp)
    order = np.lexsort(columns[::-1])
    sorted_cols = [c[order] for c in columns]
    new_group = np.zeros(size, dtype=bool)
    new_group[0] = True
    for c in sorted_cols:
        new_group[1:] |= c[1:] != c[:-1]
    inverse = np.empty(size, dtype=np.intp)
    inverse[order] = np.cumsum(new_group) - 1
    starts = np.flatnonzero(new_group)
    return tuple(c[starts] for c in sorted_cols), inverse


def compress(*columns: ArrayLike, weights: ArrayLike | None = None) -> Compressed:
    """Collapse identical rows into one weighted row, so fit cost grows with distinct histories."""
    cols = [np.asarray(c, dtype=float).ravel() for c in columns]
    w = np.ones(cols[0].size) if weights is None else np.asarray(weights, dtype=float).ravel()
    if any(c.size != w.size for c in cols):
        raise ValueError("all input arrays must have the same length")
    if w.size == 0:
        return Compressed(tuple(cols), w)
    distinct, inverse = distinct_rows(*cols)
    weights_by_row = np.bincount(inverse, weights=w, minlength=distinct[0].size).astype(
        np.float64, copy=False
    )
    return Compressed(distinct, weights_by_row)


@dataclass(frozen=True)
class FitResult:
    """Maximum-likelihood estimates with their standard errors and optimiser diagnostics."""

    params: FloatArray
    standard_errors: FloatArray
    log_likelihood: float
    iterations: int


def maximise(
    model: str,
    objective: Objective,
    start: FloatArray,
    n_customers: float,
    *,
    max_iterations: int,
    gradient_tolerance: float,
    plausible: Callable[[FloatArray], None] | None = None,
) -> FitResult:
    """Minimise a mean negative log-likelihood over log-parameters; raise unless truly converged.

    `objective(log_params)` returns the mean negative log-likelihood per customer and its exact gradient.
    Standard errors come from the inverse observed information (Hessian by central differences of the
    analytic gradient), mapped from log to natural parameters by the delta method.
    """
    with np.errstate(over="ignore", under="ignore"):
        result = minimize(
            objective,
            start,
            jac=True,
            method="L-BFGS-B",
            bounds=[(-_LOG_PARAM_LIMIT, _LOG_PARAM_LIMIT)] * start.size,
            options={"maxiter": max_iterations, "ftol": 1e-13, "gtol": gradient_tolerance * 1e-2},
        )
    log_params = np.asarray(result.x, dtype=float)
    value, gradient = objective(log_params)
    if np.max(np.abs(gradient)) > gradient_tolerance * 1e-2:
        log_params, value, gradient = _newton_polish(objective, log_params)
    if not np.isfinite(value) or not np.all(np.isfinite(gradient)):
        raise ConvergenceError(model, Notice("clv_not_finite"), _hint())
    if plausible is not None:  # a model's own test of its estimate (raises ConvergenceError)
        plausible(np.exp(log_params))
    if np.any(np.abs(log_params) >= _LOG_PARAM_LIMIT - 1e-6):
        raise ConvergenceError(model, Notice("clv_ran_off"), _hint())
    # When the line search can no longer lower the objective (L-BFGS-B "ABNORMAL" or a relative
    # reduction below machine precision), the remaining gradient is rounding noise of a sum over many
    # customers; accept up to 100x the tolerance then. An iteration limit or a real slope still fails.
    stalled = result.status == 2 or "REDUCTION" in str(result.message)
    allowed = gradient_tolerance * max(1.0, abs(value)) * (100.0 if stalled else 1.0)
    if np.max(np.abs(gradient)) > allowed:
        raise ConvergenceError(
            model,
            Notice(
                "clv_gradient",
                gradient=float(np.max(np.abs(gradient))),
                iterations=int(result.nit),
                message=str(result.message),
            ),
            Notice("clv_hint_iterations"),
        )
    hessian = _hessian(objective, log_params) * n_customers
    try:
        chol = np.linalg.cholesky(hessian)
    except np.linalg.LinAlgError as exc:
        raise ConvergenceError(model, Notice("clv_not_maximum"), _hint()) from exc
    covariance = np.linalg.inv(chol).T @ np.linalg.inv(chol)
    params = np.exp(log_params)
    return FitResult(
        params=params,
        standard_errors=params * np.sqrt(np.diag(covariance)),
        log_likelihood=-value * n_customers,
        iterations=int(result.nit),
    )


def _hint() -> Notice:
    """What to try when the data do not support a fit."""
    return Notice("clv_hint_data")


def _newton_polish(
    objective: Objective, point: FloatArray, steps: int = 8
) -> tuple[FloatArray, float, FloatArray]:
    """A few damped Newton steps from the quasi-Newton answer, so the gradient really is ~0."""
    value, gradient = objective(point)
    for _ in range(steps):
        if not (np.isfinite(value) and np.all(np.isfinite(gradient))) or np.max(np.abs(gradient)) < 1e-12:
            break
        try:
            direction = -np.linalg.solve(_hessian(objective, point), gradient)
        except np.linalg.LinAlgError:
            break
        if not np.all(np.isfinite(direction)) or direction @ gradient >= 0:
            break
        for shrink in (1.0, 0.5, 0.25, 0.125):
            candidate = np.clip(point + shrink * direction, -_LOG_PARAM_LIMIT, _LOG_PARAM_LIMIT)
            new_value, new_gradient = objective(candidate)
            if np.isfinite(new_value) and new_value <= value + 1e-12 * abs(value):
                point, value, gradient = candidate, new_value, new_gradient
                break
        else:
            break
    return point, float(value), gradient


def _hessian(objective: Objective, point: FloatArray, step: float = 1e-5) -> FloatArray:
    size = point.size
    hessian = np.empty((size, size))
    for i in range(size):
        shift = np.zeros(size)
        shift[i] = step
        hessian[i] = (objective(point + shift)[1] - objective(point - shift)[1]) / (2 * step)
    return (hessian + hessian.T) / 2


def per_distinct(x: FloatArray, weights: FloatArray) -> tuple[FloatArray, NDArray[np.intp], FloatArray]:
    """The distinct values of `x`, each row's index into them, and the summed weight of each value: terms
    that depend on x alone are then evaluated once per distinct x, not once per customer."""
    distinct, index = np.unique(x, return_inverse=True)
    return distinct, index, np.bincount(index, weights=weights).astype(np.float64, copy=False)


def dot(a: NDArray[Any], b: NDArray[Any]) -> float:
    """Inner product of two vectors without BLAS: BLAS may hand a 100k-element dot to a second thread,
    which waits for a core the dataframe engine is still spinning on (several ms per call here)."""
    return float(np.einsum("i,i->", a, b))


def as_float_arrays(*arrays: ArrayLike) -> tuple[FloatArray, ...]:
    """Broadcast inputs to float arrays of a common shape."""
    return tuple(np.broadcast_arrays(*(np.asarray(a, dtype=float) for a in arrays)))


def validate_histories(model: str, x: FloatArray, t_x: FloatArray, T: FloatArray) -> None:
    """Reject histories that no customer can have, naming how many rows and one example."""
    checks = {  # notice keys: what each check asks
        "clv_summary_finite": ~(np.isfinite(x) & np.isfinite(t_x) & np.isfinite(T)),
        "clv_summary_frequency": (x < 0) | (x != np.round(x)),
        "clv_summary_recency": (t_x < 0) | (t_x > T * (1 + 1e-12)),
        "clv_summary_zero": ((x == 0) & (t_x != 0)) | ((x > 0) & (t_x <= 0)),
    }
    for problem, bad in checks.items():
        if np.any(bad):
            i = int(np.flatnonzero(bad)[0])
            raise InvalidSummaryError(
                Notice(
                    "clv_invalid_summary",
                    model=model,
                    problem=Notice(problem),
                    count=int(bad.sum()),
                    index=i,
                    x=x.flat[i],
                    t_x=t_x.flat[i],
                    T=T.flat[i],
                )
            )
