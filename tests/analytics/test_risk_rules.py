"""Key accounts at risk, as tables: each sign at, just inside and just outside its threshold.

The subject S (tests/analytics/judging.py) is a steady key account: revenue and orders the same in the
last 12 months as in the 12 before, its last order 10 days ago against a usual gap of 30, P(alive) 0.95.
The outcome is the at-risk flag and the codes, the signs first, then the key account's own facts.
"""

from __future__ import annotations

from typing import Any

import pytest

from kam.analytics.settings import ValueSettings
from kam.domain.segments import Reason
from tests.analytics.judging import CLV, judge, judge_all

R = Reason
KEY_FACTS = [R.SHARE, R.FREQ, R.RECENT, R.MARGIN_OK]


def _codes(*codes: Reason) -> list[str]:
    return [code.value for code in (*codes, *KEY_FACTS)]


@pytest.mark.parametrize(
    ("change", "drop", "at_risk", "signs"),
    [
        pytest.param({}, (), False, [], id="steady"),
        pytest.param({"revenue_trend": -0.20}, (), True, [R.SHRINKING], id="revenue down 20%"),
        pytest.param({"revenue_trend": -0.1999}, (), False, [], id="revenue down just under 20%"),
        pytest.param({"revenue_trend": -0.56}, (), True, [R.SHRINKING], id="revenue down 56%"),
        pytest.param({"revenue_trend": None}, (), False, [], id="no year before"),
        pytest.param({"orders_last_12m": 8}, (), True, [R.SLOWER], id="every 45 days after every 30"),
        pytest.param({"orders_last_12m": 9}, (), False, [], id="every 40 days after every 30"),
        pytest.param({"orders_prev_12m": 17, "orders_last_12m": 12}, (), False, [], id="gaps 42% longer"),
        pytest.param(
            {"orders_prev_12m": 18, "orders_last_12m": 12}, (), True, [R.SLOWER], id="gaps 50% longer"
        ),
        pytest.param({"orders_last_12m": 0}, (), False, [], id="no orders in the last 12 months to compare"),
        pytest.param({"recency_days": 60}, (), True, [R.OVERDUE], id="silent twice its usual gap"),
        pytest.param({"recency_days": 59}, (), False, [], id="silent just under twice its gap"),
        pytest.param(
            {"recency_days": 60, "mean_gap_days": None}, (), False, [], id="one order: no usual gap"
        ),
        pytest.param({"p_alive": 0.7999}, (), True, [R.FADING], id="P(alive) just under 0.8"),
        pytest.param({"p_alive": 0.8}, (), False, [], id="P(alive) at 0.8"),
        pytest.param({"p_alive": None}, (), False, [], id="P(alive) unknown"),
        pytest.param({"p_alive": 0.1}, CLV, False, [], id="no forecast: P(alive) not judged"),
        pytest.param(
            {"revenue_trend": -0.5, "orders_last_12m": 6, "recency_days": 90, "p_alive": 0.5},
            (),
            True,
            [R.SHRINKING, R.SLOWER, R.OVERDUE, R.FADING],
            id="every sign, in order",
        ),
    ],
)
def test_key_account_at_risk(
    change: dict[str, Any], drop: tuple[str, ...], at_risk: bool, signs: list[Reason]
) -> None:
    row = judge(change, drop=drop)
    assert (row["segment"], row["at_risk"], row["reason_codes"]) == ("key", at_risk, _codes(*signs))


@pytest.mark.parametrize(
    ("settings", "at_risk"),
    [
        pytest.param(ValueSettings(at_risk_min_drop=0.3), False, id="a fall of 30% needed"),
        pytest.param(ValueSettings(at_risk_min_drop=0.25), True, id="a fall of 25% needed"),
    ],
)
def test_the_fall_that_puts_a_key_account_at_risk_is_a_setting(
    settings: ValueSettings, at_risk: bool
) -> None:
    assert judge({"revenue_trend": -0.25}, settings=settings)["at_risk"] is at_risk


@pytest.mark.parametrize(
    ("settings", "change", "at_risk"),
    [
        pytest.param(
            ValueSettings(at_risk_min_gap_stretch=1.0), {"orders_last_12m": 6}, True, id="gaps doubled"
        ),
        pytest.param(
            ValueSettings(at_risk_min_gap_stretch=1.0), {"orders_last_12m": 7}, False, id="gaps 71% longer"
        ),
        pytest.param(
            ValueSettings(at_risk_overdue_multiple=3.0), {"recency_days": 90}, True, id="3 gaps silent"
        ),
        pytest.param(
            ValueSettings(at_risk_overdue_multiple=3.0), {"recency_days": 89}, False, id="under 3 gaps"
        ),
        pytest.param(
            ValueSettings(at_risk_overdue_multiple=3.0),
            {"recency_days": 60, "mean_gap_days": 0.0},
            False,
            id="orders all on one day: no usual gap",
        ),
        pytest.param(
            ValueSettings(at_risk_max_p_alive=0.5), {"p_alive": 0.4999}, True, id="P(alive) under 0.5"
        ),
        pytest.param(ValueSettings(at_risk_max_p_alive=0.5), {"p_alive": 0.5}, False, id="P(alive) at 0.5"),
    ],
)
def test_each_sign_has_its_setting(settings: ValueSettings, change: dict[str, Any], at_risk: bool) -> None:
    assert judge(change, settings=settings)["at_risk"] is at_risk


@pytest.mark.parametrize(
    ("change", "segment"),
    [
        pytest.param({"abc_tier": "B", "revenue_trend": -0.5}, "regular", id="a shrinking tier-B customer"),
        pytest.param(
            {"revenue_trend": -0.5, "recency_days": 200, "episodes": 20, "episode_gap_days": 30.0},
            "lapsed",
            id="a shrinking big customer that lapsed",
        ),
    ],
)
def test_only_key_accounts_are_flagged(change: dict[str, Any], segment: str) -> None:
    row = judge(change)
    assert (row["segment"], row["at_risk"], Reason.SHRINKING.value in row["reason_codes"]) == (
        segment,
        False,
        False,
    )


def test_at_risk_is_a_flag_not_a_segment() -> None:
    judged = judge_all({"revenue_trend": -0.5})
    assert judged["segment"].to_list() == ["key"] + ["regular"] * 9
    assert judged["at_risk"].to_list() == [True] + [False] * 9


@pytest.mark.parametrize(
    ("change", "at_risk"),
    [
        pytest.param({"orders_last_12m": 1, "orders_prev_12m": 2}, True, id="one order after two"),
        pytest.param({"orders_last_12m": None}, False, id="orders unknown"),
    ],
)
def test_orders_further_apart_from_few_orders(change: dict[str, Any], at_risk: bool) -> None:
    assert judge(change)["at_risk"] is at_risk
