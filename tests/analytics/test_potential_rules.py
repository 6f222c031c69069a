"""High potential means growth, as tables: each sign of growth and each condition at and around its
threshold, the expected uplift, and the list kept to its length in the order of the uplift.

The subject S (tests/analytics/judging.py) starts as a tier-B customer that buys monthly, recently, at a
healthy margin, and whose revenue rose 50% (500,000 to 750,000): high potential by growth, nothing else.
"""

from __future__ import annotations

from typing import Any

import pytest

from kam.analytics.settings import ValueSettings
from kam.domain.segments import Reason
from tests.analytics.judging import CLV, COST, judge, judge_all

R = Reason
RISING = {
    "abc_tier": "B",
    "revenue_last_12m": 750_000.0,
    "revenue_prev_12m": 500_000.0,
    "revenue_trend": 0.5,
    "forecast_revenue_12m": 500_000.0,
}
STEADY = {**RISING, "revenue_last_12m": 500_000.0, "revenue_trend": 0.0}
# a young account: first order 110 days ago, no year before
YOUNG = {
    **STEADY,
    "revenue_prev_12m": 0.0,
    "revenue_trend": None,
    "active_span_days": 100,
    "recency_days": 10,
}


@pytest.mark.parametrize(
    ("change", "drop", "segment"),
    [
        pytest.param({}, (), "potential", id="revenue up 50%"),
        pytest.param({"revenue_trend": 0.4999}, (), "regular", id="revenue up just under 50%"),
        pytest.param({"revenue_trend": 2.0}, (), "potential", id="revenue tripled"),
        pytest.param({"revenue_trend": None}, (), "regular", id="no earlier year to compare"),
        pytest.param({}, CLV, "potential", id="no forecast, revenue up 50%"),
        pytest.param({"recency_days": 90}, (), "potential", id="last order 90 days ago"),
        pytest.param({"recency_days": 91}, (), "regular", id="last order 91 days ago"),
        pytest.param({"frequency_per_year": 4.0}, (), "potential", id="4 orders a year"),
        pytest.param({"frequency_per_year": 3.99}, (), "regular", id="just under 4 orders a year"),
        pytest.param({"active_span_days": 7}, (), "potential", id="orders 7 days apart: two purchases"),
        pytest.param({"active_span_days": 6}, (), "regular", id="orders 6 days apart: one purchase"),
        pytest.param({"gross_margin": 0.15}, (), "potential", id="gross margin at 15%"),
        pytest.param({"gross_margin": 0.1499}, (), "regular", id="gross margin just under 15%"),
        pytest.param({"gross_margin": None}, COST, "potential", id="no cost: margin not judged"),
        pytest.param({"abc_tier": "A"}, (), "key", id="a growing key account stays key"),
    ],
)
def test_potential_by_growth(change: dict[str, Any], drop: tuple[str, ...], segment: str) -> None:
    assert judge({**RISING, **change}, drop=drop)["segment"] == segment


@pytest.mark.parametrize(
    ("change", "segment"),
    [
        pytest.param(
            {"revenue_trend": -0.0001, "forecast_revenue_12m": 1e9}, "regular", id="falling, high forecast"
        ),
        pytest.param(
            {"revenue_trend": -0.25, "wallet_share": 0.01}, "regular", id="falling, small wallet share"
        ),
        pytest.param({"revenue_trend": -0.45}, "regular", id="down 45%"),
        pytest.param(
            {"revenue_trend": 0.0, "wallet_share": 0.01}, "potential", id="flat, small wallet share"
        ),
    ],
)
def test_a_falling_customer_is_never_potential(change: dict[str, Any], segment: str) -> None:
    assert judge({**RISING, **change})["segment"] == segment


@pytest.mark.parametrize(
    ("change", "drop", "segment"),
    [
        pytest.param(
            {"forecast_revenue_12m": 750_000.0}, (), "potential", id="forecast 50% above the last 12 months"
        ),
        pytest.param({"forecast_revenue_12m": 749_999.0}, (), "regular", id="forecast just under 50% above"),
        pytest.param({"forecast_revenue_12m": 1e9}, (), "potential", id="forecast far above"),
        pytest.param({"forecast_revenue_12m": None}, (), "regular", id="forecast unknown"),
        pytest.param(
            {"forecast_revenue_12m": 1e9, "revenue_last_12m": 0.0},
            (),
            "regular",
            id="nothing in the last 12 months",
        ),
        pytest.param({"forecast_revenue_12m": 1e9}, CLV, "regular", id="no forecast made"),
    ],
)
def test_potential_by_forecast(change: dict[str, Any], drop: tuple[str, ...], segment: str) -> None:
    assert judge({**STEADY, **change}, drop=drop)["segment"] == segment


@pytest.mark.parametrize(
    ("change", "segment"),
    [
        pytest.param(
            {"first_half_average": 1_000.0, "second_half_average": 1_500.0},
            "potential",
            id="orders 50% bigger",
        ),
        pytest.param(
            {"first_half_average": 1_000.0, "second_half_average": 1_499.0}, "regular", id="49.9% bigger"
        ),
        pytest.param(
            {"first_half_average": 0.0, "second_half_average": 1_500.0}, "regular", id="first half nothing"
        ),
        pytest.param({"first_half_orders": 4, "second_half_orders": 6}, "potential", id="50% more orders"),
        pytest.param({"first_half_orders": 4, "second_half_orders": 5}, "regular", id="25% more orders"),
        pytest.param({"first_half_orders": 0, "second_half_orders": 5}, "regular", id="no first-half orders"),
        pytest.param(
            {"first_half_orders": 4, "second_half_orders": 6, "active_span_days": 354},
            "potential",
            id="first order 364 days ago",
        ),
        pytest.param(
            {"first_half_orders": 4, "second_half_orders": 6, "active_span_days": 355},
            "regular",
            id="first order 365 days ago: not young",
        ),
        pytest.param(
            {"first_half_orders": 4, "second_half_orders": 6, "active_span_days": 50},
            "potential",
            id="first order 60 days ago",
        ),
        pytest.param(
            {"first_half_orders": 4, "second_half_orders": 6, "active_span_days": 49},
            "regular",
            id="first order 59 days ago: too young to judge",
        ),
        pytest.param({}, "regular", id="no trajectory"),
    ],
)
def test_a_young_account_qualifies_by_its_trajectory(change: dict[str, Any], segment: str) -> None:
    assert judge({**YOUNG, **change})["segment"] == segment


@pytest.mark.parametrize(
    ("wallet_share", "segment"),
    [
        pytest.param(0.4999, "potential", id="buys just under half its demand from us"),
        pytest.param(0.5, "regular", id="buys half its demand from us"),
        pytest.param(0.05, "potential", id="buys 5%"),
        pytest.param(None, "regular", id="demand unknown"),
    ],
)
def test_potential_by_share_of_wallet(wallet_share: float | None, segment: str) -> None:
    assert judge({**STEADY, "wallet_share": wallet_share})["segment"] == segment


@pytest.mark.parametrize(
    ("settings", "change", "segment"),
    [
        pytest.param(ValueSettings(potential_min_margin=0.31), {}, "regular", id="a 31% margin needed"),
        pytest.param(ValueSettings(potential_min_margin=0.3), {}, "potential", id="a 30% margin needed"),
        pytest.param(
            ValueSettings(potential_min_forecast_rise=1.0),
            {"revenue_trend": 0.0, "forecast_revenue_12m": 1_000_000.0, "revenue_last_12m": 500_000.0},
            "potential",
            id="forecast doubled",
        ),
        pytest.param(
            ValueSettings(potential_min_forecast_rise=1.0),
            {"revenue_trend": 0.0, "forecast_revenue_12m": 999_999.0, "revenue_last_12m": 500_000.0},
            "regular",
            id="forecast not doubled",
        ),
        pytest.param(
            ValueSettings(potential_max_wallet_share=0.2),
            {"revenue_trend": 0.0, "wallet_share": 0.1999},
            "potential",
            id="under a 20% share",
        ),
        pytest.param(
            ValueSettings(potential_max_wallet_share=0.2),
            {"revenue_trend": 0.0, "wallet_share": 0.2},
            "regular",
            id="a 20% share",
        ),
        pytest.param(
            ValueSettings(episode_days=30), {"active_span_days": 29}, "regular", id="one 30-day purchase"
        ),
    ],
)
def test_potential_settings(settings: ValueSettings, change: dict[str, Any], segment: str) -> None:
    assert judge({**RISING, **change}, settings=settings)["segment"] == segment


@pytest.mark.parametrize(
    ("settings", "change", "segment"),
    [
        pytest.param(
            ValueSettings(potential_young_min_rise=1.0),
            {"first_half_orders": 3, "second_half_orders": 6},
            "potential",
            id="twice the orders",
        ),
        pytest.param(
            ValueSettings(potential_young_min_rise=1.0),
            {"first_half_orders": 3, "second_half_orders": 5},
            "regular",
            id="not twice",
        ),
        pytest.param(
            ValueSettings(potential_young_min_days=111),
            {"first_half_orders": 3, "second_half_orders": 6},
            "regular",
            id="111 days needed",
        ),
        pytest.param(
            ValueSettings(potential_young_min_days=110),
            {"first_half_orders": 3, "second_half_orders": 6},
            "potential",
            id="110 days needed",
        ),
    ],
)
def test_young_account_settings(settings: ValueSettings, change: dict[str, Any], segment: str) -> None:
    assert judge({**YOUNG, **change}, settings=settings)["segment"] == segment


@pytest.mark.parametrize(
    ("change", "drop", "uplift"),
    [
        pytest.param({}, (), 250_000.0, id="last year's rise repeated, above the forecast"),
        pytest.param({"forecast_revenue_12m": 1_200_000.0}, (), 450_000.0, id="the forecast, above the rise"),
        pytest.param({}, CLV, 250_000.0, id="no forecast: the rise"),
        pytest.param(
            {**YOUNG, "revenue_last_12m": 10_000.0, "active_span_days": 63, "forecast_revenue_12m": 30_000.0},
            (),
            40_000.0,
            id="young: its pace kept up a whole year, above the forecast",
        ),
        pytest.param(
            {**YOUNG, "revenue_last_12m": 10_000.0, "active_span_days": 30, "forecast_revenue_12m": 30_000.0},
            (),
            20_000.0,
            id="too young for a pace: the forecast",
        ),
        pytest.param(
            {**YOUNG, "active_span_days": 500, "forecast_revenue_12m": None},
            (),
            None,
            id="back after a year away, no forecast: unknown",
        ),
    ],
)
def test_expected_uplift(change: dict[str, Any], drop: tuple[str, ...], uplift: float | None) -> None:
    found = judge({**RISING, **change}, drop=drop)["expected_uplift"]
    assert found == (pytest.approx(uplift) if uplift is not None else None)


def _rising(customer: str, rise: float) -> dict[str, Any]:
    return {**RISING, "customer_id": customer, "revenue_last_12m": 500_000.0 + rise}


FIVE = [_rising("P1", 100_000.0), _rising("P2", 400_000.0), _rising("P3", 300_000.0), _rising("P4", 50_000.0)]


@pytest.mark.parametrize(
    ("settings", "listed"),
    [
        pytest.param(
            ValueSettings(potential_max_accounts=3, potential_max_share=1.0),
            ["P2", "P3", "S"],
            id="three accounts",
        ),
        pytest.param(
            ValueSettings(potential_max_accounts=5, potential_max_share=1.0),
            ["P2", "P3", "S", "P1", "P4"],
            id="five accounts",
        ),
        pytest.param(ValueSettings(potential_max_share=0.15), ["P2", "P3"], id="15% of 14 customers: 2"),
        pytest.param(ValueSettings(potential_max_share=0.2), ["P2", "P3", "S"], id="20% of 14 customers: 3"),
        pytest.param(
            ValueSettings(potential_max_share=0.01), ["P2"], id="1% of 14 customers: still the first"
        ),
        pytest.param(
            ValueSettings(potential_max_accounts=2, potential_max_share=0.5),
            ["P2", "P3"],
            id="the count is less",
        ),
    ],
)
def test_the_list_keeps_the_largest_uplifts(settings: ValueSettings, listed: list[str]) -> None:
    """S rises by 250,000; the others by 100,000, 400,000, 300,000 and 50,000."""
    judged = judge_all({**RISING}, others=FIVE, settings=settings)
    ranked = judged.filter(judged["potential_rank"].is_not_null()).sort("potential_rank")
    assert ranked["customer_id"].to_list() == ["P2", "P3", "S", "P1", "P4"]
    assert ranked["potential_rank"].to_list() == [1, 2, 3, 4, 5]
    potential = ranked.filter(ranked["segment"] == "potential")
    assert potential["customer_id"].to_list() == listed
    cut = ranked.filter(ranked["segment"] == "regular")
    assert cut["reason_codes"].to_list() == [[R.CUT.value]] * (5 - len(listed))


def test_equal_uplifts_rank_in_table_order() -> None:
    twins = [_rising("P1", 250_000.0)]
    judged = judge_all({**RISING}, others=twins)
    assert judged.filter(judged["potential_rank"].is_not_null())["potential_rank"].to_list() == [1, 2]


def test_only_candidates_are_ranked() -> None:
    judged = judge_all({**RISING, "revenue_trend": -0.1})
    assert judged["potential_rank"].null_count() == judged.height


def _codes(*codes: Reason) -> list[str]:
    return [code.value for code in codes]


TAIL = (R.UPLIFT, R.RECENT, R.PACE, R.MARGIN)


@pytest.mark.parametrize(
    ("change", "drop", "codes"),
    [
        pytest.param(RISING, (), _codes(R.GROWTH, *TAIL), id="growth"),
        pytest.param(RISING, COST, _codes(R.GROWTH, R.UPLIFT, R.RECENT, R.PACE), id="growth, no cost"),
        pytest.param(
            {**STEADY, "forecast_revenue_12m": 800_000.0},
            (),
            _codes(R.GROWTH, R.FORECAST, *TAIL),
            id="forecast",
        ),
        pytest.param(
            {**YOUNG, "first_half_average": 1.0, "second_half_average": 2.0},
            (),
            _codes(R.YOUNG_BIGGER, *TAIL),
            id="young, bigger orders",
        ),
        pytest.param(
            {**YOUNG, "first_half_orders": 1, "second_half_orders": 2},
            (),
            _codes(R.YOUNG_MORE, *TAIL),
            id="young, more orders",
        ),
        pytest.param({**STEADY, "wallet_share": 0.12}, (), _codes(R.GROWTH, R.WALLET, *TAIL), id="wallet"),
        pytest.param(
            {**RISING, "forecast_revenue_12m": 2e6, "wallet_share": 0.1},
            (),
            _codes(R.GROWTH, R.FORECAST, R.WALLET, *TAIL),
            id="every sign that holds",
        ),
    ],
)
def test_potential_reasons_are_its_signs_and_never_a_key_accounts_thresholds(
    change: dict[str, Any], drop: tuple[str, ...], codes: list[str]
) -> None:
    row = judge(change, drop=drop)
    assert (row["segment"], row["reason_codes"]) == ("potential", codes)
    assert not {R.FREQ.value, R.MARGIN_OK.value} & set(row["reason_codes"])


@pytest.mark.parametrize(
    ("change", "segment"),
    [
        pytest.param(
            {"orders": 3, "episodes": 1, "largest_episode_share": 0.8, "largest_episode": 5_000.0},
            "one_off_bulk",
            id="a growing one-off bulk buyer",
        ),
        pytest.param(
            {"abc_tier": "A", "discount_depth": 0.2, "payment_days": 100.0}, "profit_squeezer", id="squeezer"
        ),
        pytest.param({"net_margin": 0.01}, "low_profit_volume", id="a growing low-profit buyer"),
        pytest.param({"abc_tier": "A"}, "key", id="a growing key account"),
        pytest.param({"recency_days": None}, "regular", id="no purchase: unknown recency"),
        pytest.param({"active_span_days": None}, "regular", id="unknown span"),
        pytest.param({"gross_margin": None}, "regular", id="margin unknown though cost is"),
    ],
)
def test_only_customers_that_would_be_potential_are_ranked(change: dict[str, Any], segment: str) -> None:
    """A growing customer that an earlier verdict takes, or whose figures are unknown, takes no place on
    the list."""
    row = judge({**RISING, **change})
    assert (row["segment"], row["potential_rank"]) == (segment, None)


def test_a_rise_on_a_year_before_of_almost_nothing() -> None:
    row = judge({**RISING, "revenue_prev_12m": 0.5, "revenue_trend": 1e6})
    assert row["expected_uplift"] == pytest.approx(750_000.0 - 0.5)


def test_a_forecast_above_a_last_year_of_almost_nothing() -> None:
    row = judge({**STEADY, "revenue_last_12m": 0.5, "forecast_revenue_12m": 0.75})
    assert (row["segment"], row["reason_codes"][:2]) == ("potential", [R.GROWTH.value, R.FORECAST.value])
