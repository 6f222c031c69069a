"""Recovering known parameters from data simulated by the models themselves."""

from __future__ import annotations

import numpy as np
import pytest

from kam.clv import BetaGeo, GammaGamma, ParetoNBD
from kam.clv.simulate import simulate_bgnbd, simulate_paretonbd

SEED = 20240611


def ages(rng: np.random.Generator, n: int) -> np.ndarray:
    return 39.0 + rng.integers(0, 13 * 7, n) / 7.0


def assert_recovered(model, truth: dict[str, float]) -> None:
    for name, value in truth.items():
        z = (model.params_[name] - value) / model.standard_errors_[name]
        assert abs(z) < 4.0, f"{name}: fitted {model.params_[name]:.4f}, true {value}, z={z:.2f}"


@pytest.mark.parametrize(
    "truth", [{"r": 0.25, "alpha": 4.4, "a": 0.8, "b": 2.4}, {"r": 1.5, "alpha": 8.0, "a": 2.0, "b": 5.0}]
)
def test_bgnbd_recovers_simulated_parameters(truth):
    print(f"seed={SEED}")
    rng = np.random.default_rng(SEED)
    h = simulate_bgnbd(rng, ages(rng, 30_000), **truth)
    assert_recovered(BetaGeo().fit(h.x, h.t_x, h.T), truth)


@pytest.mark.parametrize(
    "truth",
    [{"r": 0.55, "alpha": 10.6, "s": 0.6, "beta": 11.7}, {"r": 1.2, "alpha": 5.0, "s": 1.5, "beta": 40.0}],
)
def test_paretonbd_recovers_simulated_parameters(truth):
    print(f"seed={SEED}")
    rng = np.random.default_rng(SEED)
    h = simulate_paretonbd(rng, ages(rng, 10_000), resolution=1 / 7, **truth)
    assert_recovered(ParetoNBD().fit(h.x, h.t_x, h.T), truth)


def test_gamma_gamma_recovers_simulated_parameters():
    print(f"seed={SEED}")
    rng = np.random.default_rng(SEED)
    truth = {"p": 6.0, "q": 3.5, "gamma": 15.0}
    x = rng.integers(1, 10, 5_000)
    nu = rng.gamma(truth["q"], 1.0 / truth["gamma"], x.size)
    mean_spend = rng.gamma(truth["p"] * x, 1.0 / (nu * x))
    model = GammaGamma().fit(x, mean_spend)
    assert_recovered(model, truth)
