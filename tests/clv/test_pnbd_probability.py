"""Pareto/NBD P(X(t) = k): a distribution whose mean is E[X(t)], matching simulated customers."""

from __future__ import annotations

import numpy as np
import pytest

from kam.clv import ParetoNBD
from kam.clv.simulate import simulate_paretonbd

CDNOW = {"r": 0.553, "alpha": 10.578, "s": 0.606, "beta": 11.669}


def _model(**params: float) -> ParetoNBD:
    model = ParetoNBD()
    model.params_ = params
    return model


@pytest.mark.parametrize("params", [CDNOW, {**CDNOW, "alpha": 5.0}])  # alpha >= beta and alpha < beta
def test_is_a_distribution_with_the_right_mean(params: dict[str, float]) -> None:
    model = _model(**params)
    k = np.arange(0, 400)
    p = model.probability_of_purchases(k, 39.0)
    assert np.all(p >= 0)
    assert p.sum() == pytest.approx(1.0, abs=1e-4)
    assert (k * p).sum() == pytest.approx(float(model.expected_purchases(39.0)), rel=5e-3)


def test_matches_simulated_customers() -> None:
    seed = 20261127
    print(f"seed {seed}")
    histories = simulate_paretonbd(np.random.default_rng(seed), np.full(200_000, 39.0), **CDNOW)
    empirical = np.bincount(histories.x.astype(int), minlength=6)[:6] / 200_000
    predicted = _model(**CDNOW).probability_of_purchases(np.arange(6), 39.0)
    assert predicted == pytest.approx(empirical, abs=4e-3)
