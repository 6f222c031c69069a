"""Extreme and degenerate inputs: finite answers or clear errors, never silent garbage."""

from __future__ import annotations

import numpy as np
import pytest

from kam.clv import (
    BetaGeo,
    ConvergenceError,
    GammaGamma,
    InvalidSpendError,
    InvalidSummaryError,
    ParetoNBD,
)
from kam.clv.simulate import simulate_bgnbd

EXTREME_X = np.array([0.0, 1.0, 3000.0, 5000.0, 2.0])
EXTREME_TX = np.array([0.0, 2000.0, 4999.0, 1.0, 0.01])
EXTREME_T = np.array([5000.0, 5000.0, 5000.0, 5000.0, 5000.0])


@pytest.fixture(scope="module", params=[BetaGeo, ParetoNBD])
def fitted(request, cdnow_summary):
    return request.param().fit(*cdnow_summary)


def test_predictions_stay_finite_and_bounded_for_extreme_customers(fitted):
    alive = fitted.p_alive(EXTREME_X, EXTREME_TX, EXTREME_T)
    expected = fitted.conditional_expected_purchases(5000.0, EXTREME_X, EXTREME_TX, EXTREME_T)
    assert np.all(np.isfinite(alive)) and np.all((alive >= 0) & (alive <= 1))
    assert np.all(np.isfinite(expected)) and np.all(expected >= 0)
    assert alive[2] > 0.99 and alive[3] < 1e-6


def test_heavy_buyers_in_days_fit_without_overflow(fitted):
    rng = np.random.default_rng(7)
    print("seed=7")
    history = simulate_bgnbd(rng, rng.uniform(3000, 6000, 1000), r=2.0, alpha=1.5, a=1.0, b=20.0)
    assert history.x.max() > 3000
    model = type(fitted)().fit(history.x, history.t_x, history.T)
    assert model.params_["r"] == pytest.approx(2.0, rel=0.15)
    assert np.isfinite(model.log_likelihood_)


@pytest.mark.parametrize("model_class", [BetaGeo, ParetoNBD])
def test_nobody_repeating_raises_convergence_error(model_class):
    with pytest.raises(ConvergenceError, match="no customer made a repeat purchase"):
        model_class().fit(np.zeros(50), np.zeros(50), np.full(50, 30.0))


@pytest.mark.parametrize("model_class", [BetaGeo, ParetoNBD])
def test_single_customer_raises_convergence_error(model_class):
    with pytest.raises(ConvergenceError, match=model_class.name):
        model_class().fit([3], [20.0], [30.0])


def test_too_few_iterations_raise_instead_of_returning_parameters(cdnow_summary):
    with pytest.raises(ConvergenceError, match="max_iterations"):
        BetaGeo(max_iterations=2).fit(*cdnow_summary)


def test_invalid_histories_are_rejected_with_the_row():
    with pytest.raises(InvalidSummaryError, match=r"index 1 .*t_x=12"):
        BetaGeo().fit([1, 2], [3.0, 12.0], [10.0, 10.0])


@pytest.mark.parametrize("bad", [0.0, -4.5, np.nan])
def test_gamma_gamma_rejects_non_positive_spend(bad):
    with pytest.raises(InvalidSpendError, match=r"1 of 3 repeat buyers .*first value"):
        GammaGamma().fit([1, 2, 3, 0], [10.0, bad, 12.0, 0.0])


def test_unfitted_model_says_so():
    with pytest.raises(RuntimeError, match="not fitted"):
        BetaGeo().p_alive(1, 1, 2)


def test_gamma_gamma_still_fits_when_spend_varies_within_customers():
    """The refusal of a run-off shape (p > MAX_SHAPE) leaves ordinary data alone: p = 4, q = 3 recovered."""
    seed = 7
    print(f"seed {seed}")
    rng = np.random.default_rng(seed)
    x = rng.integers(1, 30, 4000).astype(float)
    nu = rng.gamma(3.0, 1 / 50.0, 4000)  # q = 3, gamma = 50
    mean_spend = rng.gamma(4.0 * x, 1.0 / (nu * x))  # mean of x purchases, p = 4
    fitted = GammaGamma().fit(x, mean_spend)
    assert fitted.params_["p"] == pytest.approx(4.0, rel=0.4), seed
    assert fitted.params_["q"] == pytest.approx(3.0, rel=0.1), seed
