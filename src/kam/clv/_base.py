"""Common shape of the purchase models: fit on (x, t_x, T) with weights, keep fitted values in `_`."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import ClassVar, Self

import numpy as np
from numpy.typing import ArrayLike

from kam.clv._fit import (
    Compressed,
    FloatArray,
    Objective,
    as_float_arrays,
    compress,
    maximise,
    validate_histories,
)
from kam.clv.errors import ConvergenceError
from kam.i18n import Notice


class PurchaseModel(ABC):
    """A buy-till-you-die model of repeat purchasing, fitted by maximum likelihood."""

    name: ClassVar[str]
    param_names: ClassVar[tuple[str, ...]]

    def __init__(self, *, max_iterations: int = 1000, gradient_tolerance: float = 1e-6) -> None:
        self.max_iterations = max_iterations
        self.gradient_tolerance = gradient_tolerance

    def fit(self, x: ArrayLike, t_x: ArrayLike, T: ArrayLike, weights: ArrayLike | None = None) -> Self:
        """Fit to per-customer frequency x, recency t_x and age T (optionally weighted rows)."""
        x_arr, t_arr, age = (np.asarray(v, dtype=float).ravel() for v in (x, t_x, T))
        validate_histories(self.name, x_arr, t_arr, age)
        data = compress(x_arr, t_arr, age, weights=weights)
        if data.weights.size == 0:
            raise ConvergenceError(self.name, Notice("clv_no_customers"), Notice("clv_hint_nonempty"))
        if not np.any((data.columns[0] > 0) & (data.weights > 0)):
            raise ConvergenceError(self.name, Notice("clv_no_repeat"), Notice("clv_hint_no_repeat"))
        result = maximise(
            self.name,
            self._objective(data),
            self._start(data),
            data.n_customers,
            max_iterations=self.max_iterations,
            gradient_tolerance=self.gradient_tolerance,
        )
        self.params_ = dict(zip(self.param_names, (float(p) for p in result.params), strict=True))
        self.standard_errors_ = dict(
            zip(self.param_names, (float(s) for s in result.standard_errors), strict=True)
        )
        self.log_likelihood_ = result.log_likelihood
        self.n_customers_ = round(data.n_customers)
        self.n_distinct_histories_ = int(data.weights.size)
        self.iterations_ = result.iterations
        self.converged_ = True
        return self

    def _params(self) -> tuple[float, ...]:
        if not hasattr(self, "params_"):
            raise RuntimeError(f"{self.name} is not fitted: call fit() first")
        return tuple(self.params_[n] for n in self.param_names)

    @abstractmethod
    def _objective(self, data: Compressed) -> Objective: ...

    @abstractmethod
    def _start(self, data: Compressed) -> FloatArray: ...

    @abstractmethod
    def p_alive(self, x: ArrayLike, t_x: ArrayLike, T: ArrayLike) -> FloatArray:
        """Probability that a customer with this history is still active at T."""

    def conditional_expected_purchases(
        self, t: ArrayLike, x: ArrayLike, t_x: ArrayLike, T: ArrayLike
    ) -> FloatArray:
        """Expected number of purchases in (T, T + t] given the history (x, t_x, T): the purchases of a
        customer still active at T, times the probability of being active."""
        t_arr, x_arr, t_x_arr, age = as_float_arrays(t, x, t_x, T)
        return self.expected_if_alive(t_arr, x_arr, age) * self.p_alive(x_arr, t_x_arr, age)

    @abstractmethod
    def expected_if_alive(self, t: ArrayLike, x: ArrayLike, T: ArrayLike) -> FloatArray:
        """Expected purchases in (T, T + t] of a customer still active at T with x repeat purchases; it does
        not depend on t_x, so customers who share (x, T) share it."""


def start_point(data: Compressed) -> tuple[float, float]:
    """A rough rate scale for starting values: mean repeat purchases per unit of time."""
    x, _, age = data.columns
    w = data.weights
    rate = float(np.sum(w * x) / max(np.sum(w * age), 1e-12))
    return max(rate, 1e-6), float(np.sum(w * age) / np.sum(w))
