"""The one forecast (kam.clv.forecast): the models' own predictions put together, the spend model's
fallback, the choice of models by name, and the columns each command asks for."""

from __future__ import annotations

import datetime as dt

import narwhals as nw
import numpy as np
import polars as pl
import pytest
from pydantic import ValidationError

from kam.analytics.metrics import order_lines, purchase_orders
from kam.analytics.settings import ValueSettings
from kam.clv import (
    BetaGeo,
    ClvSettings,
    ConvergenceError,
    EmpiricalSpend,
    ForecastColumns,
    GammaGamma,
    ParetoNBD,
    PurchaseModelName,
    SpendModelName,
    customer_lifetime_value,
    discount_rate_per_period,
    fit_forecast,
    periods_in_months,
)
from kam.demo.steel import make_demo_company
from kam.io.cdnow import read_cdnow

END = dt.date(1997, 9, 30)


@pytest.fixture(scope="module")
def cdnow(cdnow_sample_path) -> pl.LazyFrame:
    return read_cdnow(cdnow_sample_path)


def test_forecast_is_the_models_own_predictions(cdnow) -> None:
    settings = ClvSettings(horizon_months=9, annual_discount_rate=0.2)
    result = fit_forecast(cdnow, calibration_end=END, settings=settings)
    x, t_x, age, spend = (result.summary[c].to_numpy() for c in ("frequency", "recency", "T", "monetary"))
    model = BetaGeo().fit(x, t_x, age)
    gg = GammaGamma().fit(x, spend)
    horizon = periods_in_months(9, "week")
    assert result.horizon_periods == horizon
    assert result.purchase_model.params_ == pytest.approx(model.params_, rel=1e-12)
    assert result.spend_model.params_ == pytest.approx(gg.params_, rel=1e-6)
    np.testing.assert_allclose(result.p_alive, model.p_alive(x, t_x, age), rtol=1e-12)
    expected = model.conditional_expected_purchases(horizon, x, t_x, age)
    np.testing.assert_allclose(result.expected_purchases, expected, rtol=1e-12)
    np.testing.assert_allclose(result.expected_spend, gg.conditional_expected_spend(x, spend), rtol=1e-6)
    value = customer_lifetime_value(
        model,
        gg,
        x,
        t_x,
        age,
        spend,
        horizon_periods=horizon,
        discount_rate_per_period=discount_rate_per_period(0.2, "week"),
        cash_flows=9,  # one a month
    )
    np.testing.assert_allclose(result.revenue_value, value, rtol=1e-6)
    np.testing.assert_allclose(result.value(0.3), 0.3 * value, rtol=1e-6)
    assert result.notices == ()


@pytest.mark.parametrize(
    ("name", "model"), [(PurchaseModelName.BGNBD, BetaGeo), (PurchaseModelName.PNBD, ParetoNBD)]
)
def test_the_purchase_model_is_the_one_named(cdnow, name, model) -> None:
    result = fit_forecast(cdnow, calibration_end=END, settings=ClvSettings(purchase_model=name.value))
    assert type(result.purchase_model) is model


def test_a_misspelt_model_name_is_refused() -> None:
    with pytest.raises(ValidationError, match="purchase_model"):
        ClvSettings(purchase_model="bgndb")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="spend_model"):
        ClvSettings(spend_model="gamma")  # type: ignore[arg-type]
    assert PurchaseModelName.BGNBD.other is PurchaseModelName.PNBD
    assert PurchaseModelName.PNBD.other is PurchaseModelName.BGNBD


def _purchases(spends: dict[str, list[float]]) -> pl.LazyFrame:
    """The n-th customer's first purchase on day 3n of 2024, then one every (n mod 5 + 1) weeks, at the
    amounts given."""
    rows = [
        (customer, dt.date(2024, 1, 1) + dt.timedelta(days=3 * n + 7 * (n % 5 + 1) * i), amount)
        for n, (customer, amounts) in enumerate(spends.items())
        for i, amount in enumerate(amounts)
    ]
    return pl.DataFrame(rows, schema=["customer_id", "date", "amount"], orient="row").lazy()


def test_own_mean_spend_when_gamma_gamma_cannot_be_fitted() -> None:
    """The demo company's repeat buyers spend so steadily that Gamma-Gamma's shape runs off."""
    lines = make_demo_company(7).transactions
    end = lines["date"].max()
    bought = purchase_orders(order_lines(nw.from_native(lines.lazy()), end, ValueSettings()))
    result = fit_forecast(bought, calibration_end=end, settings=ClvSettings())
    assert isinstance(result.spend_model, EmpiricalSpend)
    assert [notice.key for notice in result.notices] == ["spend_not_identified"]
    spend = result.summary["monetary"].to_numpy()
    repeaters = result.summary["frequency"].to_numpy() > 0
    assert 0 < repeaters.sum() < repeaters.size
    np.testing.assert_array_equal(result.expected_spend[repeaters], spend[repeaters])
    assert np.all(result.expected_spend[~repeaters] == pytest.approx(spend[repeaters].mean(), rel=1e-12))
    assert result.spend_model.n_customers_ == repeaters.sum()
    assert result.spend_model.standard_errors_["mean"] == pytest.approx(
        spend[repeaters].std(ddof=1) / np.sqrt(repeaters.sum()), rel=1e-12
    )


def test_own_mean_spend_when_too_few_repeat_buyers() -> None:
    """25 repeat buyers with one history of spend between them (20, then 30): nothing to fit."""
    spends = {f"R{i:02d}": [20.0, 30.0] for i in range(25)} | {f"O{i:02d}": [50.0] for i in range(40)}
    result = fit_forecast(_purchases(spends), calibration_end=dt.date(2024, 6, 30), settings=ClvSettings())
    assert isinstance(result.spend_model, EmpiricalSpend)
    assert [notice.key for notice in result.notices] == ["spend_fallback"]
    assert result.notices[0].params["reason"].key == "clv_few_repeat"
    assert result.spend_model.params_ == {"mean": 30.0}
    assert set(result.expected_spend.tolist()) == {30.0}


def test_own_mean_spend_when_asked_for(cdnow) -> None:
    settings = ClvSettings(spend_model=SpendModelName.MEAN)
    result = fit_forecast(cdnow, calibration_end=END, settings=settings)
    assert isinstance(result.spend_model, EmpiricalSpend) and result.notices == ()
    spend = result.summary["monetary"].to_numpy()
    repeaters = result.summary["frequency"].to_numpy() > 0
    np.testing.assert_array_equal(result.expected_spend[repeaters], spend[repeaters])
    assert np.all(result.expected_spend[~repeaters] == spend[repeaters].mean())


def test_no_forecast_without_repeat_purchases() -> None:
    once = _purchases({f"O{i}": [10.0 + i] for i in range(20)})
    with pytest.raises(ConvergenceError) as caught:
        fit_forecast(once, calibration_end=dt.date(2024, 3, 31), settings=ClvSettings())
    assert caught.value.reason.key == "clv_no_repeat"


def test_table_names_the_columns_asked_for(cdnow) -> None:
    result = fit_forecast(cdnow, calibration_end=END, settings=ClvSettings())
    named = ForecastColumns("alive", "purchases", "spend", "value", history=("x", "t_x", "T"))
    table = result.table(named, margin=0.5)
    assert table.columns == ["customer_id", "x", "t_x", "T", "alive", "purchases", "spend", "value"]
    assert table["x"].to_list() == result.summary["frequency"].to_list()
    np.testing.assert_array_equal(table["value"].to_numpy(), 0.5 * result.revenue_value)
    bare = result.table(ForecastColumns("a", "b", "c", "d"), margin=1.0)
    assert bare.columns == ["customer_id", "a", "b", "c", "d"]
