"""CLV cash-flow steps: coarser discounting steps stay close to the per-period sum."""

from __future__ import annotations

import numpy as np
import pytest

from kam.clv import BetaGeo, EmpiricalSpend, customer_lifetime_value


@pytest.fixture(scope="module")
def fitted(cdnow_summary: tuple[np.ndarray, np.ndarray, np.ndarray]) -> BetaGeo:
    return BetaGeo().fit(*cdnow_summary)


def test_monthly_steps_match_weekly_sum(fitted: BetaGeo, cdnow_summary: tuple[np.ndarray, ...]) -> None:
    x, t_x, T = cdnow_summary
    spend = EmpiricalSpend(30.0)
    weekly = customer_lifetime_value(
        fitted, spend, x, t_x, T, np.full_like(x, 30.0), horizon_periods=52.0, discount_rate_per_period=0.002
    )
    monthly = customer_lifetime_value(
        fitted,
        spend,
        x,
        t_x,
        T,
        np.full_like(x, 30.0),
        horizon_periods=52.0,
        discount_rate_per_period=0.002,
        cash_flows=12,
    )
    # month-end discounting defers each flow by at most a month: at 11% a year that is under 0.5%
    assert monthly == pytest.approx(weekly, rel=5e-3)
    assert np.all(monthly <= weekly)


def test_undiscounted_value_is_expected_purchases_times_spend(
    fitted: BetaGeo, cdnow_summary: tuple[np.ndarray, ...]
) -> None:
    x, t_x, T = cdnow_summary
    value = customer_lifetime_value(
        fitted,
        EmpiricalSpend(25.0),
        x,
        t_x,
        T,
        np.zeros_like(x),
        horizon_periods=39.0,
        discount_rate_per_period=0.0,
        cash_flows=3,
    )
    expected = fitted.conditional_expected_purchases(39.0, x, t_x, T) * 25.0
    assert value == pytest.approx(expected, rel=1e-12)


def test_cash_flows_must_be_positive(fitted: BetaGeo) -> None:
    with pytest.raises(ValueError, match="cash_flows"):
        customer_lifetime_value(
            fitted,
            EmpiricalSpend(1.0),
            [1.0],
            [1.0],
            [2.0],
            [1.0],
            horizon_periods=4.0,
            discount_rate_per_period=0.0,
            cash_flows=0,
        )


@pytest.mark.parametrize("model_name", ["bgnbd", "pnbd"])
def test_steps_on_distinct_histories_equal_the_per_customer_expectation(
    model_name: str, cdnow_summary: tuple[np.ndarray, ...]
) -> None:
    """The CLV steps compute an active customer's purchases once per distinct (x, T) and P(alive) once per
    customer: the result is E[Y(t) | x, t_x, T] of every customer, as the model computes it directly."""
    from kam.clv import ParetoNBD
    from kam.clv.clv import _expected_purchases_at

    x, t_x, T = cdnow_summary
    model = (BetaGeo() if model_name == "bgnbd" else ParetoNBD()).fit(x, t_x, T)
    # many customers share (x, T) but not t_x, as in a real portfolio of weekly histories
    rng = np.random.default_rng(3)
    x_many = np.repeat(x, 3)
    T_many = np.repeat(T, 3)
    t_x_many = np.where(x_many > 0, T_many * rng.uniform(0.05, 1.0, x_many.size), 0.0)
    steps = [4.0, 17.5, 52.0]
    by_step = _expected_purchases_at(model, steps, x_many, t_x_many, T_many)
    for step, values in zip(steps, by_step, strict=True):
        direct = model.conditional_expected_purchases(step, x_many, t_x_many, T_many)
        np.testing.assert_allclose(values, direct, rtol=1e-13, atol=0.0)


def test_distinct_rows_index_every_row() -> None:
    from kam.clv._fit import distinct_rows

    x = np.array([2.0, 0.0, 2.0, 1.0, 0.0, 2.0])
    T = np.array([5.0, 3.0, 5.0, 5.0, 3.0, 4.0])
    (ux, uT), row = distinct_rows(x, T)
    assert list(zip(ux, uT, strict=True)) == [(0.0, 3.0), (1.0, 5.0), (2.0, 4.0), (2.0, 5.0)]
    np.testing.assert_array_equal(ux[row], x)
    np.testing.assert_array_equal(uT[row], T)
