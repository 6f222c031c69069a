"""The verdict rules as tables: each rule at, just below and just above each of its thresholds.

Each case judges one customer, S, among nine small fillers (tests/analytics/judging.py): ten customers, so
the top two by revenue or by volume are big (default settings). S starts as a key account that meets no
other rule; a case changes only the figures it is about. The expected outcome is a segment, and the
figures the rule counted (squeeze signals, ranks); the reasons are codes, the facts the verdict is told by
(kam.render.reasons says them: tests/render/test_reasons.py). The at-risk flag and the potential list have
their own tables (test_risk_rules.py, test_potential_rules.py).
"""

from __future__ import annotations

from typing import Any

import narwhals as nw
import polars as pl
import pytest

from kam.analytics.settings import ValueSettings
from kam.analytics.verdicts import add_ranks, assign_segments, needs_patterns
from kam.domain.segments import Reason
from tests.analytics.judging import CLV, COST, KEY, MEDIAN_ORDER, SCHEMA, filler
from tests.analytics.judging import judge as _judge
from tests.analytics.judging import judge_all as _judge_all

# three orders that were one purchase (buying episode): its largest purchase 5x the median order, 80% of it all
ONE_OFF = {"orders": 3, "episodes": 1, "largest_episode_share": 0.8, "largest_episode": 5_000.0}


@pytest.mark.parametrize(
    ("change", "segment"),
    [
        pytest.param({}, "one_off_bulk", id="at every threshold"),
        pytest.param({"orders": 1}, "one_off_bulk", id="one order"),
        pytest.param({"orders": 10}, "one_off_bulk", id="ten orders, one purchase"),
        pytest.param({"orders": 11}, "key", id="one order too many"),
        pytest.param({"episodes": 2}, "one_off_bulk", id="two purchases"),
        pytest.param({"episodes": 3}, "key", id="one purchase too many"),
        pytest.param({"episodes": None}, "key", id="purchases not counted"),
        pytest.param(
            {"largest_episode_share": 0.7999}, "key", id="largest purchase just under 80% of it all"
        ),
        pytest.param({"largest_episode_share": 1.0}, "one_off_bulk", id="largest purchase is all of it"),
        pytest.param({"largest_episode_share": None}, "key", id="share of the largest purchase unknown"),
        pytest.param({"largest_episode": 4_999.99}, "key", id="largest purchase just under 5x the median"),
        pytest.param(
            {"largest_episode": 5_000.01}, "one_off_bulk", id="largest purchase just over 5x the median"
        ),
        pytest.param({"largest_episode": None}, "key", id="largest purchase unknown"),
    ],
)
def test_one_off_bulk(change: dict[str, Any], segment: str) -> None:
    assert _judge({**ONE_OFF, **change})["segment"] == segment


@pytest.mark.parametrize(
    ("settings", "segment"),
    [
        pytest.param(ValueSettings(one_off_max_orders=3), "one_off_bulk", id="at most 3 orders"),
        pytest.param(ValueSettings(one_off_max_orders=2), "key", id="at most 2 orders"),
        pytest.param(ValueSettings(one_off_max_episodes=1), "one_off_bulk", id="at most 1 purchase"),
    ],
)
def test_one_off_bulk_settings(settings: ValueSettings, segment: str) -> None:
    assert _judge(ONE_OFF, settings=settings)["segment"] == segment


def test_one_off_bulk_is_measured_against_the_portfolios_median_order() -> None:
    assert _judge(ONE_OFF, median_order=1_000.0)["segment"] == "one_off_bulk"
    assert _judge(ONE_OFF, median_order=1_000.01)["segment"] == "key"


SQUEEZE = {"discount_depth": 0.15, "payment_days": 90.0}


@pytest.mark.parametrize(
    ("change", "segment", "signals"),
    [
        pytest.param({}, "profit_squeezer", 2, id="discount and late payment at their thresholds"),
        pytest.param({"discount_depth": 0.1499}, "key", 1, id="discount just under"),
        pytest.param({"discount_depth": 0.4}, "profit_squeezer", 2, id="discount above"),
        pytest.param({"discount_depth": None}, "key", 1, id="discount unknown"),
        pytest.param({"payment_days": 89.9}, "key", 1, id="payment just under"),
        pytest.param({"payment_days": 120.0}, "profit_squeezer", 2, id="payment above"),
        pytest.param({"payment_days": None}, "key", 1, id="payment unknown"),
        pytest.param(
            {"discount_depth": 0.0, "return_rate": 0.10}, "profit_squeezer", 2, id="returns at threshold"
        ),
        pytest.param({"discount_depth": 0.0, "return_rate": 0.0999}, "key", 1, id="returns just under"),
        pytest.param({"discount_depth": 0.0, "return_rate": None}, "key", 1, id="returns unknown"),
        pytest.param(
            {"discount_depth": 0.0, "cost_to_serve_share": 0.05},
            "profit_squeezer",
            2,
            id="cost to serve at threshold",
        ),
        pytest.param(
            {"discount_depth": 0.0, "cost_to_serve_share": 0.0499}, "key", 1, id="cost to serve just under"
        ),
        pytest.param(
            {"discount_depth": 0.0, "cost_to_serve_share": None}, "key", 1, id="cost to serve unknown"
        ),
        pytest.param(
            {"return_rate": 0.5, "cost_to_serve_share": 0.3}, "profit_squeezer", 4, id="all four signals"
        ),
        pytest.param(
            {"payment_days": 30.0, "net_profit": -1.0, "net_margin": -0.00001},
            "profit_squeezer",
            1,
            id="one signal with a net loss",
        ),
        pytest.param(
            {"payment_days": 30.0, "net_profit": 0.0, "net_margin": 0.0},
            "low_profit_volume",
            1,
            id="one signal at break-even",
        ),
        pytest.param(
            {"discount_depth": 0.0, "payment_days": 30.0, "net_profit": -1.0, "net_margin": -0.00001},
            "low_profit_volume",
            0,
            id="net loss without a signal",
        ),
        pytest.param({"revenue": 8_500.0}, "profit_squeezer", 2, id="second by revenue is big"),
        pytest.param({"revenue": 8_000.0}, "profit_squeezer", 2, id="tied second by revenue is big"),
        pytest.param({"revenue": 7_500.0}, "key", 2, id="third by revenue is not big"),
        pytest.param({"revenue": 7_500.0, "volume": 85.0}, "profit_squeezer", 2, id="second by volume"),
        pytest.param({"revenue": 7_500.0, "volume": 75.0}, "key", 2, id="third by volume"),
    ],
)
def test_profit_squeezer(change: dict[str, Any], segment: str, signals: int) -> None:
    row = _judge({**SQUEEZE, **change})
    assert (row["segment"], row["squeeze_signals"]) == (segment, signals)


def test_without_volume_only_revenue_makes_a_customer_big() -> None:
    row = _judge({**SQUEEZE, "revenue": 7_500.0, "volume": 85.0}, drop=("volume",))
    assert (row["segment"], row["volume_rank"]) == ("key", None)


def test_volume_ranks_not_known_are_empty_whole_numbers() -> None:
    judged = _judge_all({}, drop=("volume",))
    assert judged["volume_rank"].null_count() == judged.height
    assert judged.schema["volume_rank"] == pl.Int64


@pytest.mark.parametrize(
    ("drop", "squeeze_signals"),
    [
        pytest.param(("discount_depth",), 3, id="no list prices: no discount signal"),
        pytest.param(("payment_days",), 3, id="no payment days: no payment signal"),
        pytest.param(COST, 3, id="no cost: no cost-to-serve signal and no squeezer"),
    ],
)
def test_squeeze_signals_need_their_columns(drop: tuple[str, ...], squeeze_signals: int) -> None:
    everything = {
        "discount_depth": 0.2,
        "payment_days": 100.0,
        "return_rate": 0.2,
        "cost_to_serve_share": 0.1,
    }
    row = _judge(everything, drop=drop)
    segment = "key" if drop == COST else "profit_squeezer"
    assert (row["segment"], row["squeeze_signals"]) == (segment, squeeze_signals)


@pytest.mark.parametrize(
    ("change", "segment"),
    [
        pytest.param({"net_margin": 0.0499}, "low_profit_volume", id="net margin just under 5%"),
        pytest.param({"net_margin": 0.05}, "key", id="net margin at 5%"),
        pytest.param({"net_margin": 0.06}, "key", id="net margin above"),
        pytest.param({"net_margin": None}, "low_profit_volume", id="net margin unknown"),
        pytest.param({"net_margin": 0.01, "orders": 3}, "low_profit_volume", id="three orders"),
        pytest.param({"net_margin": 0.01, "orders": 2}, "key", id="two orders are not repeat buying"),
        pytest.param({"net_margin": 0.01, "revenue": 8_500.0}, "low_profit_volume", id="second by revenue"),
        pytest.param({"net_margin": 0.01, "revenue": 7_500.0}, "key", id="third by revenue is not big"),
    ],
)
def test_low_profit_volume(change: dict[str, Any], segment: str) -> None:
    assert _judge(change)["segment"] == segment


# silent for 180 days, three times its usual 60-day gap between purchases: three purchases over 120 days
LAPSED = {"recency_days": 180, "episodes": 3, "episode_gap_days": 60.0, "active_span_days": 120}


@pytest.mark.parametrize(
    ("change", "drop", "segment"),
    [
        pytest.param({}, (), "lapsed", id="180 days, three times its 60-day gap"),
        pytest.param({"recency_days": 179, "episode_gap_days": 59.0}, (), "regular", id="179 days"),
        pytest.param({"recency_days": 181}, (), "lapsed", id="181 days"),
        pytest.param({"episode_gap_days": 60.5}, (), "regular", id="gap just over a third of the silence"),
        pytest.param({"episode_gap_days": 59.5}, (), "lapsed", id="gap just under a third of the silence"),
        pytest.param({"episodes": 2}, (), "regular", id="two purchases: no established pattern"),
        pytest.param({"episodes": 4}, (), "lapsed", id="four purchases"),
        pytest.param({"episodes": None}, (), "regular", id="purchases not counted"),
        pytest.param({"active_span_days": 89}, (), "regular", id="first to last order 89 days"),
        pytest.param({"active_span_days": 90}, (), "lapsed", id="first to last order 90 days"),
        pytest.param(
            {
                "orders": 1,
                "episodes": 1,
                "episode_gap_days": None,
                "active_span_days": 0,
                "recency_days": 400,
            },
            (),
            "regular",
            id="one order long ago: never lapsed",
        ),
        pytest.param(
            {
                "orders": 3,
                "episodes": 1,
                "episode_gap_days": None,
                "active_span_days": 5,
                "recency_days": 400,
            },
            (),
            "regular",
            id="three orders within a week long ago: never lapsed",
        ),
        pytest.param(
            {"episode_gap_days": 100.0, "p_alive": 0.2999}, (), "lapsed", id="P(alive) just under 0.3"
        ),
        pytest.param({"episode_gap_days": 100.0, "p_alive": 0.3}, (), "regular", id="P(alive) at 0.3"),
        pytest.param({"episode_gap_days": 100.0, "p_alive": None}, (), "regular", id="P(alive) unknown"),
        pytest.param({"episode_gap_days": 100.0, "p_alive": 0.1}, CLV, "regular", id="no forecast, gap held"),
        pytest.param({}, CLV, "lapsed", id="no forecast, gap broken"),
        pytest.param(
            {"episode_gap_days": 100.0, "p_alive": 0.1},
            ("clv_12m",),
            "regular",
            id="P(alive) without a forecast value",
        ),
        pytest.param({"revenue": 7_500.0}, (), "regular", id="not big"),
    ],
)
def test_lapsed(change: dict[str, Any], drop: tuple[str, ...], segment: str) -> None:
    assert _judge({**LAPSED, **change}, drop=drop)["segment"] == segment


@pytest.mark.parametrize(
    ("settings", "segment"),
    [
        pytest.param(ValueSettings(lapsed_min_episodes=4), "regular", id="four purchases needed"),
        pytest.param(ValueSettings(lapsed_min_span_days=121), "regular", id="121 days of buying needed"),
        pytest.param(ValueSettings(lapsed_min_span_days=120), "lapsed", id="120 days of buying needed"),
    ],
)
def test_lapsed_settings(settings: ValueSettings, segment: str) -> None:
    assert _judge(LAPSED, settings=settings)["segment"] == segment


@pytest.mark.parametrize(
    ("change", "drop", "segment"),
    [
        pytest.param({}, (), "key", id="key account"),
        pytest.param({"frequency_per_year": 4.0}, (), "key", id="4 orders a year"),
        pytest.param({"frequency_per_year": 3.99}, (), "regular", id="just under 4 orders a year"),
        pytest.param({"recency_days": 120}, (), "key", id="last order 120 days ago"),
        pytest.param({"recency_days": 121}, (), "regular", id="last order 121 days ago"),
        pytest.param({"gross_margin": 0.15}, (), "key", id="gross margin at 15%"),
        pytest.param({"gross_margin": 0.1499}, (), "regular", id="gross margin just under 15%"),
        pytest.param({"gross_margin": None}, (), "regular", id="gross margin unknown"),
        pytest.param({"gross_margin": None}, COST, "key", id="no cost: margin not judged"),
        pytest.param({"abc_tier": "B"}, (), "regular", id="tier B"),
        pytest.param({"revenue": 7_500.0}, (), "key", id="tier A need not be big"),
    ],
)
def test_key(change: dict[str, Any], drop: tuple[str, ...], segment: str) -> None:
    assert _judge(change, drop=drop)["segment"] == segment


@pytest.mark.parametrize(
    ("change", "settings", "segment"),
    [
        pytest.param(
            {**ONE_OFF, "discount_depth": 0.2, "payment_days": 100.0},
            None,
            "one_off_bulk",
            id="one-off > squeezer",
        ),
        pytest.param(
            {**ONE_OFF, "recency_days": 400, "active_span_days": 100, "episodes": 2, "orders": 4},
            ValueSettings(lapsed_min_episodes=2),
            "one_off_bulk",
            id="one-off > lapsed",
        ),
        pytest.param({**SQUEEZE, "net_margin": 0.01}, None, "profit_squeezer", id="squeezer > low profit"),
        pytest.param(
            {**LAPSED, "net_margin": 0.01},
            None,
            "low_profit_volume",
            id="low profit > lapsed",
        ),
        pytest.param(
            LAPSED,
            ValueSettings(key_max_recency_days=365),
            "lapsed",
            id="lapsed > key",
        ),
        pytest.param(
            {"revenue_trend": 0.5},
            None,
            "key",
            id="key > potential",
        ),
    ],
)
def test_the_first_verdict_met_wins(
    change: dict[str, Any], settings: ValueSettings | None, segment: str
) -> None:
    assert _judge(change, settings=settings)["segment"] == segment


@pytest.mark.parametrize(
    ("revenue", "clv_12m", "segment"),
    [
        pytest.param(500.0, 10.0, "regular", id="second of two by revenue is not big"),
        pytest.param(2_000.0, 10.0, "lapsed", id="first of two by revenue is big"),
    ],
)
def test_in_a_small_portfolio_the_first_customer_is_big(revenue: float, clv_12m: float, segment: str) -> None:
    row = _judge({**LAPSED, "revenue": revenue, "clv_12m": clv_12m}, fillers=1)
    assert row["segment"] == segment


def test_ranks_count_from_the_largest_and_ties_share_the_better_rank() -> None:
    judged = _judge_all({"revenue": 8_000.0, "volume": 90.0})
    ranks = {
        row["customer_id"]: (row["revenue_rank"], row["volume_rank"]) for row in judged.iter_rows(named=True)
    }
    assert ranks["S"] == (2, 1)
    assert ranks["F8"] == (1, 1)
    assert ranks["F7"] == (2, 3)
    assert ranks["F0"] == (10, 10)
    assert judged.schema["revenue_rank"] == judged.schema["volume_rank"] == pl.Int64


def test_a_portfolio_of_equals_ranks_everyone_first() -> None:
    same = {"revenue": 1_000.0, "volume": 10.0}
    judged = _judge_all(same, filler_change=same)
    assert judged.select("revenue_rank", "volume_rank").unique().rows() == [(1, 1)]


def test_rows_keep_their_order() -> None:
    judged = _judge_all({**SQUEEZE})
    assert judged["customer_id"].to_list() == ["S", *(f"F{i}" for i in range(9))]
    assert judged["segment"].to_list() == ["profit_squeezer"] + ["regular"] * 9


ADDED = [
    "revenue_rank",
    "volume_rank",
    "squeeze_signals",
    "expected_uplift",
    "potential_rank",
    "segment",
    "reason_codes",
    "at_risk",
]


def test_an_empty_portfolio_has_no_verdicts() -> None:
    frame = pl.DataFrame(schema=SCHEMA)
    judged = assign_segments(nw.from_native(frame), MEDIAN_ORDER, ValueSettings())
    assert judged.shape[0] == 0
    assert judged.columns == [*SCHEMA, *ADDED]
    assert judged.to_native().schema["reason_codes"] == pl.List(pl.String)
    assert judged.to_native().schema["segment"] == pl.String
    assert judged.to_native().schema["at_risk"] == pl.Boolean
    assert judged.to_native().schema["potential_rank"] == pl.Int64


def test_pattern_columns_not_given_are_unknown() -> None:
    """A table without the buying patterns (kam.analytics.patterns) judges no one a one-off bulk buyer or
    lapsed, and gets the pattern columns, empty."""
    judged = _judge_all({**ONE_OFF}, drop=("episodes", "largest_episode", "largest_episode_share"))
    assert judged["segment"][0] == "key"
    assert judged["episodes"].null_count() == judged.height
    assert judged.schema["episodes"] == pl.Int64


def test_the_verdicts_add_their_columns_and_no_other() -> None:
    judged = _judge_all({})
    assert judged.columns == [*SCHEMA, *ADDED]
    assert (judged.schema["segment"], judged.schema["reason_codes"]) == (pl.String, pl.List(pl.String))


R = Reason


@pytest.mark.parametrize(
    ("change", "drop", "codes"),
    [
        pytest.param({}, (), [R.SHARE, R.FREQ, R.RECENT, R.MARGIN_OK], id="key"),
        pytest.param({}, COST, [R.SHARE, R.FREQ, R.RECENT], id="key without cost: no margin"),
        pytest.param({}, CLV, [R.SHARE, R.FREQ, R.RECENT, R.MARGIN_OK], id="key without forecast"),
        pytest.param(
            {**ONE_OFF, "return_rate": 0.001},
            (),
            [R.ORDERS, R.EPISODES, R.LARGEST, R.MULTIPLE, R.RETURNED],
            id="one-off bulk in three orders, returns at 0.1% cited",
        ),
        pytest.param(
            {**ONE_OFF, "orders": 1, "return_rate": 0.00099},
            (),
            [R.ORDERS, R.LARGEST, R.MULTIPLE],
            id="one-off bulk in one order, returns just under 0.1% not cited",
        ),
        pytest.param(
            {**ONE_OFF, "orders": 2, "episodes": 2, "return_rate": None},
            (),
            [R.ORDERS, R.LARGEST, R.MULTIPLE],
            id="one-off bulk in two orders, two purchases, returns unknown",
        ),
        pytest.param(
            SQUEEZE,
            (),
            [R.NET_PROFIT, R.PAYMENT, R.DISCOUNT],
            id="squeezer, payment and discount at their thresholds",
        ),
        pytest.param(
            {**SQUEEZE, "return_rate": 0.5, "cost_to_serve_share": 0.3},
            (),
            [R.NET_PROFIT, R.PAYMENT, R.DISCOUNT, R.RETURNS, R.COST_TO_SERVE],
            id="squeezer, every signal",
        ),
        pytest.param(
            {
                "net_profit": -10.0,
                "net_margin": -0.001,
                "discount_depth": 0.1499,
                "payment_days": 89.9,
                "return_rate": 0.0999,
                "cost_to_serve_share": 0.05,
            },
            (),
            [R.NET_PROFIT, R.COST_TO_SERVE],
            id="squeezer at a loss: only the signal at its threshold cited",
        ),
        pytest.param(
            {"net_profit": -10.0, "net_margin": -0.001, "payment_days": 30.0, "return_rate": 0.10},
            (),
            [R.NET_PROFIT, R.RETURNS],
            id="squeezer at a loss: returns at their threshold",
        ),
        pytest.param(
            {"net_profit": -10.0, "net_margin": -0.001, "payment_days": 95.0},
            ("discount_depth",),
            [R.NET_PROFIT, R.PAYMENT],
            id="squeezer without list prices",
        ),
        pytest.param(
            {"net_profit": -10.0, "net_margin": -0.001, "discount_depth": 0.2},
            ("payment_days",),
            [R.NET_PROFIT, R.DISCOUNT],
            id="squeezer without payment days",
        ),
        pytest.param({"net_margin": 0.01}, (), [R.BIG, R.VOLUME, R.THIN], id="low-profit volume"),
        pytest.param(
            {"net_margin": 0.01}, ("volume",), [R.BIG, R.THIN], id="low-profit volume without volumes"
        ),
        pytest.param(
            {**LAPSED, "p_alive": 0.2999},
            (),
            [R.SILENT, R.GAP, R.BIG, R.VOLUME, R.P_ALIVE],
            id="lapsed, P(alive) just under 0.3 cited",
        ),
        pytest.param(
            {**LAPSED, "p_alive": 0.3},
            (),
            [R.SILENT, R.GAP, R.BIG, R.VOLUME],
            id="lapsed, P(alive) at 0.3 not cited",
        ),
        pytest.param(
            {**LAPSED, "p_alive": 0.1},
            ("clv_12m",),
            [R.SILENT, R.GAP, R.BIG, R.VOLUME],
            id="lapsed, P(alive) without a forecast value not cited",
        ),
        pytest.param(LAPSED, CLV, [R.SILENT, R.GAP, R.BIG, R.VOLUME], id="lapsed without forecast"),
        pytest.param(LAPSED, ("volume",), [R.SILENT, R.GAP, R.BIG], id="lapsed without volumes"),
        pytest.param({"abc_tier": "C"}, (), [R.REGULAR], id="regular"),
    ],
)
def test_reason_codes_name_the_facts_of_the_verdict(
    change: dict[str, Any], drop: tuple[str, ...], codes: list[Reason]
) -> None:
    assert _judge(change, drop=drop)["reason_codes"] == [code.value for code in codes]


def test_each_customer_has_the_codes_of_its_own_verdict() -> None:
    judged = _judge_all({**SQUEEZE})
    assert judged["reason_codes"].to_list() == [["net_profit", "payment", "discount"]] + [["regular"]] * 9


def _wanted(change: dict[str, Any], drop: tuple[str, ...] = ()) -> tuple[bool, bool]:
    """Whether S's buying episodes, and its halves, are asked for (needs_patterns), among the fillers;
    S's gross sales are 4,000 unless changed (under five median orders: no one-off bulk purchase)."""
    rows = [
        {**KEY, "gross_sales": 4_000.0, **change},
        *({**filler(i), "gross_sales": 4_000.0} for i in range(9)),
    ]
    frame = add_ranks(
        nw.from_native(pl.DataFrame(rows, schema={**SCHEMA, "gross_sales": pl.Float64}).drop(drop))
    )
    episodic, young = needs_patterns(frame, MEDIAN_ORDER, ValueSettings())
    wanted = frame.select(episodic.alias("e"), young.alias("y")).row(0)
    return bool(wanted[0]), bool(wanted[1])


SILENT = {"recency_days": 180, "orders": 24, "active_span_days": 90}
YOUNG = {"abc_tier": "B", "revenue_trend": None, "active_span_days": 100, "recency_days": 10}


@pytest.mark.parametrize(
    ("change", "drop", "wanted"),
    [
        pytest.param({}, (), (False, False), id="a key account: nothing"),
        pytest.param(
            {"orders": 10, "gross_sales": 5_000.0}, (), (True, False), id="10 orders, 5 median orders"
        ),
        pytest.param({"orders": 11, "gross_sales": 5_000.0}, (), (False, False), id="11 orders"),
        pytest.param(
            {"orders": 10, "gross_sales": 4_999.99}, (), (False, False), id="just under 5 median orders"
        ),
        pytest.param({"orders": 5, "gross_sales": None}, (), (False, False), id="gross sales unknown"),
        pytest.param(SILENT, (), (True, False), id="big, silent 180 days, 90 days of orders"),
        pytest.param({**SILENT, "recency_days": 179}, (), (False, False), id="silent 179 days"),
        pytest.param({**SILENT, "active_span_days": 89}, (), (False, False), id="89 days of orders"),
        pytest.param({**SILENT, "orders": 3}, (), (True, False), id="three orders"),
        pytest.param({**SILENT, "orders": 2}, (), (False, False), id="two orders"),
        pytest.param({**SILENT, "revenue": 7_500.0}, (), (False, False), id="not big"),
        pytest.param(YOUNG, (), (False, True), id="young, recent, frequent"),
        pytest.param({**YOUNG, "active_span_days": 49}, (), (False, False), id="first order 59 days ago"),
        pytest.param(
            {**YOUNG, "recency_days": 91, "active_span_days": 20}, (), (False, False), id="not recent"
        ),
        pytest.param({**YOUNG, "gross_margin": 0.1}, (), (False, False), id="thin margin"),
        pytest.param({**YOUNG, "gross_margin": 0.1}, COST, (False, True), id="no cost: margin not judged"),
        pytest.param({**YOUNG, "recency_days": None}, (), (False, False), id="no purchase: nothing"),
    ],
)
def test_patterns_are_asked_for_the_customers_a_verdict_turns_on(
    change: dict[str, Any], drop: tuple[str, ...], wanted: tuple[bool, bool]
) -> None:
    assert _wanted(change, drop) == wanted
