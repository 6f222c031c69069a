"""Simulators drawing (x, t_x, T) from the BG/NBD and Pareto/NBD generative stories, to test recovery.

Given N purchases in (0, T] of a Poisson process, their times are uniform order statistics, so the
time of the k-th is T * Beta(k, N - k + 1): no per-customer loop is needed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from kam.clv._fit import FloatArray


@dataclass(frozen=True)
class SimulatedHistories:
    """Simulated frequency x, recency t_x and age T, one entry per customer."""

    x: FloatArray
    t_x: FloatArray
    T: FloatArray


def _recency(rng: np.random.Generator, x: FloatArray, n: FloatArray, horizon: FloatArray) -> FloatArray:
    t_x = np.zeros_like(horizon)
    repeat = x > 0
    t_x[repeat] = horizon[repeat] * rng.beta(x[repeat], n[repeat] - x[repeat] + 1)
    return t_x


def _discretise(h: SimulatedHistories, resolution: float | None) -> SimulatedHistories:
    if resolution is None:
        return h
    age = np.maximum(np.round(h.T / resolution), 1.0) * resolution
    t_x = np.where(h.x > 0, np.clip(np.ceil(h.t_x / resolution) * resolution, resolution, age), 0.0)
    return SimulatedHistories(h.x, t_x, age)


def simulate_bgnbd(
    rng: np.random.Generator,
    T: ArrayLike,
    *,
    r: float,
    alpha: float,
    a: float,
    b: float,
    resolution: float | None = None,
) -> SimulatedHistories:
    """BG/NBD (Fader, Hardie & Lee 2005): rate ~ gamma(r, alpha), drop-out after each repeat purchase with
    p ~ beta(a, b). `resolution` rounds times up to a grid (e.g. 1/7 for days in weeks)."""
    age = np.asarray(T, dtype=float)
    rate = rng.gamma(r, 1.0 / alpha, size=age.shape)
    p = rng.beta(a, b, size=age.shape)
    n = rng.poisson(rate * age).astype(float)
    purchases_before_dropout = rng.geometric(p).astype(float)
    x = np.minimum(n, purchases_before_dropout)
    return _discretise(SimulatedHistories(x, _recency(rng, x, n, age), age), resolution)


def simulate_paretonbd(
    rng: np.random.Generator,
    T: ArrayLike,
    *,
    r: float,
    alpha: float,
    s: float,
    beta: float,
    resolution: float | None = None,
) -> SimulatedHistories:
    """Pareto/NBD (Schmittlein, Morrison & Colombo 1987): rate ~ gamma(r, alpha), exponential lifetime with
    death rate ~ gamma(s, beta)."""
    age = np.asarray(T, dtype=float)
    rate = rng.gamma(r, 1.0 / alpha, size=age.shape)
    death_rate = rng.gamma(s, 1.0 / beta, size=age.shape)
    active = np.minimum(rng.exponential(1.0 / death_rate), age)
    x = rng.poisson(rate * active).astype(float)
    return _discretise(SimulatedHistories(x, _recency(rng, x, x, active), age), resolution)
