"""The CDNOW figures published by Fader, Hardie & Lee (2005) and Fader & Hardie's notes."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from kam.clv import BetaGeo, GammaGamma, ParetoNBD, rfm_summary
from kam.io.cdnow import read_cdnow

BGNBD = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
PNBD = {"r": 0.553, "alpha": 10.578, "s": 0.606, "beta": 11.669}
GG = {"p": 6.25, "q": 3.74, "gamma": 15.44}


def assert_three_digits(fitted: dict[str, float], published: dict[str, float]) -> None:
    for name, value in published.items():
        assert fitted[name] == pytest.approx(value, rel=2e-3), name


def test_bgnbd_reproduces_published_parameters(cdnow_summary):
    model = BetaGeo().fit(*cdnow_summary)
    assert_three_digits(model.params_, BGNBD)
    assert model.log_likelihood_ == pytest.approx(-9582.4, abs=0.05)
    assert model.n_customers_ == 2357
    assert all(0 < se < model.params_[k] for k, se in model.standard_errors_.items())


def test_bgnbd_conditional_expectation_for_the_papers_customer(cdnow_summary):
    model = BetaGeo().fit(*cdnow_summary)
    assert model.conditional_expected_purchases(39, 2, 30.43, 38.86) == pytest.approx(1.226, abs=5e-4)


def test_paretonbd_reproduces_published_parameters(cdnow_summary):
    model = ParetoNBD().fit(*cdnow_summary)
    assert_three_digits(model.params_, PNBD)
    assert model.log_likelihood_ == pytest.approx(-9595.0, abs=0.05)


def test_gamma_gamma_reproduces_published_parameters(cdnow_spend):
    model = GammaGamma().fit(cdnow_spend["x"], cdnow_spend["zbar"])
    assert model.n_customers_ == 946
    assert_three_digits(model.params_, GG)


@pytest.fixture(scope="module")
def raw_summary(cdnow_sample_path) -> pl.DataFrame:
    return rfm_summary(read_cdnow(cdnow_sample_path), unit="week", calibration_end="1997-09-30")


def test_summary_from_raw_lines_matches_published_summary(raw_summary, cdnow_spend):
    ours = raw_summary.select("frequency", "recency", "T", "monetary").sort(pl.all()).to_numpy()
    theirs = cdnow_spend.select("x", "t_x", "T", "zbar").sort(pl.all()).to_numpy()
    assert ours.shape == theirs.shape == (2357, 4)
    np.testing.assert_allclose(ours, theirs, atol=0.0051)


def test_models_fitted_from_raw_lines_give_published_parameters(raw_summary):
    columns = (raw_summary["frequency"], raw_summary["recency"], raw_summary["T"])
    assert_three_digits(BetaGeo().fit(*columns).params_, BGNBD)
    assert_three_digits(ParetoNBD().fit(*columns).params_, PNBD)
    spend = GammaGamma().fit(raw_summary["frequency"], raw_summary["monetary"])
    assert spend.params_["p"] == pytest.approx(GG["p"], rel=5e-3)
    assert spend.params_["q"] == pytest.approx(GG["q"], rel=5e-3)
    assert spend.params_["gamma"] == pytest.approx(GG["gamma"], rel=5e-3)
