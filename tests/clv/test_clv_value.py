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
