"""The analytic gradients and the log-space 2F1 series against independent evaluations."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.optimize import approx_fprime
from scipy.special import hyp2f1

from kam.clv import BetaGeo, ParetoNBD
from kam.clv._fit import compress
from kam.clv._special import log_hyp2f1_1bc


@pytest.mark.parametrize(
    ("model", "point"),
    [
        (BetaGeo(), [0.5, 3.0, 0.7, 2.0]),
        (BetaGeo(), [2.0, 0.5, 3.0, 0.4]),
        (ParetoNBD(), [0.5, 8.0, 0.7, 12.0]),
        (ParetoNBD(), [0.5, 12.0, 0.7, 8.0]),
        (ParetoNBD(), [3.0, 1.0, 2.0, 1.0]),
    ],
)
def test_analytic_gradient_matches_finite_differences(cdnow_summary, model, point):
    objective = model._objective(compress(*cdnow_summary))
    log_point = np.log(point)
    numeric = approx_fprime(log_point, lambda p: objective(p)[0], 1e-7)
    np.testing.assert_allclose(objective(log_point)[1], numeric, rtol=1e-4, atol=1e-6)


@pytest.mark.parametrize(
    ("b", "c", "z"),
    [(0.5, 1.6, 0.3), (2.5, 3.1, 0.9), (40.0, 41.7, 0.5), (1.6, 1500.0, 0.99), (0.2, 0.9, 0.0)],
)
def test_log_hyp2f1_matches_scipy_with_derivatives(b, c, z):
    result = log_hyp2f1_1bc(np.array([b]), np.array([c]), np.array([z]))
    assert result.value[0] == pytest.approx(np.log(hyp2f1(1.0, b, c, z)), rel=1e-10, abs=1e-12)
    h = 1e-6
    for derivative, shifted in (
        (result.d_b, lambda e: hyp2f1(1.0, b + e, c, z)),
        (result.d_c, lambda e: hyp2f1(1.0, b, c + e, z)),
        (result.d_z, lambda e: hyp2f1(1.0, b, c, z + e)),
    ):
        numeric = (np.log(shifted(h)) - np.log(shifted(-h))) / (2 * h)
        assert derivative[0] == pytest.approx(numeric, rel=1e-5, abs=1e-8)
