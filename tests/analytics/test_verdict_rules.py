"""The verdict rules as tables: each rule at, just below and just above each of its thresholds.

Each case judges one customer, S, among nine small fillers: ten customers, so the top two by revenue or by
volume are big and the top one by forecast value is in the CLV top share (default settings). S starts as a
key account that meets no other rule; a case changes only the figures it is about. The expected outcome
is a segment, and the figures the rule counted (squeeze signals, ranks); the reasons are codes, the facts
the verdict is told by (kam.render.reasons says them: tests/render/test_reasons.py).
"""

from __future__ import annotations

from typing import Any

import narwhals as nw
import polars as pl
import pytest

from kam.analytics.settings import ValueSettings
from kam.analytics.verdicts import assign_segments
from kam.domain.segments import Reason

MEDIAN_ORDER = 1_000.0
COST = ("net_profit", "net_margin", "gross_margin", "cost_to_serve", "cost_to_serve_share")
CLV = ("p_alive", "clv_12m")

SCHEMA: dict[str, Any] = {
    "customer_id": pl.String,
    "revenue": pl.Float64,
    "volume": pl.Float64,
    "orders": pl.Int64,
    "frequency_per_year": pl.Float64,
    "recency_days": pl.Int64,
    "mean_gap_days": pl.Float64,
    "revenue_trend": pl.Float64,
    "largest_order": pl.Float64,
    "largest_order_share": pl.Float64,
    "return_rate": pl.Float64,
    "abc_tier": pl.String,
    "profit_share": pl.Float64,
    "rank": pl.Int64,
    "net_profit": pl.Float64,
    "net_margin": pl.Float64,
    "gross_margin": pl.Float64,
    "cost_to_serve": pl.Float64,
    "cost_to_serve_share": pl.Float64,
    "discount_depth": pl.Float64,
    "payment_days": pl.Float64,
    "p_alive": pl.Float64,
    "clv_12m": pl.Float64,
}

# a key account: tier A, monthly orders, recent, healthy margin; first by revenue, last by volume and CLV
KEY: dict[str, Any] = {
    "customer_id": "S",
    "revenue": 1_000_000.0,
    "volume": 5.0,
    "orders": 24,
    "frequency_per_year": 12.0,
    "recency_days": 10,
    "mean_gap_days": 30.0,
    "revenue_trend": 0.0,
    "largest_order": 60_000.0,
    "largest_order_share": 0.06,
    "return_rate": 0.0,
    "abc_tier": "A",
    "profit_share": 0.5,
    "rank": 1,
    "net_profit": 150_000.0,
    "net_margin": 0.15,
    "gross_margin": 0.3,
    "cost_to_serve": 5_000.0,
    "cost_to_serve_share": 0.005,
    "discount_depth": 0.0,
    "payment_days": 30.0,
    "p_alive": 0.95,
    "clv_12m": 10.0,
}


def _filler(i: int) -> dict[str, Any]:
    """A small regular customer; revenue 1,000 to 9,000, volume 10 to 90, forecast value 100 to 900."""
    return {
        "customer_id": f"F{i}",
        "revenue": 1_000.0 * (i + 1),
        "volume": 10.0 * (i + 1),
        "orders": 4,
        "frequency_per_year": 2.0,
        "recency_days": 60,
        "mean_gap_days": 180.0,
        "revenue_trend": 0.0,
        "largest_order": 300.0,
        "largest_order_share": 0.3,
        "return_rate": 0.0,
        "abc_tier": "C",
        "profit_share": 0.01,
        "rank": 10 - i,
        "net_profit": 100.0,
        "net_margin": 0.1,
        "gross_margin": 0.2,
        "cost_to_serve": 10.0,
        "cost_to_serve_share": 0.01,
        "discount_depth": 0.0,
        "payment_days": 30.0,
        "p_alive": 0.9,
        "clv_12m": 100.0 * (i + 1),
    }


def _judge_all(
    subject: dict[str, Any],
    *,
    drop: tuple[str, ...] = (),
    settings: ValueSettings | None = None,
    fillers: int = 9,
    filler_change: dict[str, Any] | None = None,
    median_order: float = MEDIAN_ORDER,
) -> pl.DataFrame:
    rows = [{**KEY, **subject}, *({**_filler(i), **(filler_change or {})} for i in range(fillers))]
    frame = pl.DataFrame(rows, schema=SCHEMA).drop(drop)
    judged = assign_segments(nw.from_native(frame), median_order, settings or ValueSettings())
    return judged.to_native()


def _judge(subject: dict[str, Any], **options: Any) -> dict[str, Any]:
    return _judge_all(subject, **options).filter(pl.col("customer_id") == "S").row(0, named=True)


ONE_OFF = {"orders": 2, "largest_order_share": 0.8, "largest_order": 5_000.0}


@pytest.mark.parametrize(
    ("change", "segment"),
    [
        pytest.param({}, "one_off_bulk", id="at every threshold"),
        pytest.param({"orders": 1}, "one_off_bulk", id="one order"),
        pytest.param({"orders": 3}, "key", id="one order too many"),
        pytest.param({"largest_order_share": 0.7999}, "key", id="largest order just under 80% of it all"),
        pytest.param({"largest_order_share": 1.0}, "one_off_bulk", id="largest order is all of it"),
        pytest.param({"largest_order_share": None}, "key", id="share of the largest order unknown"),
        pytest.param({"largest_order": 4_999.99}, "key", id="largest order just under 5x the median"),
        pytest.param({"largest_order": 5_000.01}, "one_off_bulk", id="largest order just over 5x the median"),
        pytest.param({"largest_order": None}, "key", id="largest order unknown"),
    ],
)
def test_one_off_bulk(change: dict[str, Any], segment: str) -> None:
    assert _judge({**ONE_OFF, **change})["segment"] == segment


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


@pytest.mark.parametrize("drop", [("volume",), CLV], ids=["no volume", "no forecast"])
def test_ranks_not_known_are_empty_whole_numbers(drop: tuple[str, ...]) -> None:
    judged = _judge_all({}, drop=drop)
    rank = "volume_rank" if drop == ("volume",) else "clv_rank"
    assert judged[rank].null_count() == judged.height
    assert judged.schema[rank] == pl.Int64


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


LAPSED = {"recency_days": 180, "mean_gap_days": 60.0}


@pytest.mark.parametrize(
    ("change", "drop", "segment"),
    [
        pytest.param({}, (), "lapsed", id="180 days, three times its 60-day gap"),
        pytest.param({"recency_days": 179, "mean_gap_days": 59.0}, (), "regular", id="179 days"),
        pytest.param({"recency_days": 181}, (), "lapsed", id="181 days"),
        pytest.param({"mean_gap_days": 60.5}, (), "regular", id="gap just over a third of the silence"),
        pytest.param({"mean_gap_days": 59.5}, (), "lapsed", id="gap just under a third of the silence"),
        pytest.param({"mean_gap_days": None}, (), "lapsed", id="one order: no usual gap"),
        pytest.param({"mean_gap_days": 100.0, "p_alive": 0.2999}, (), "lapsed", id="P(alive) just under 0.3"),
        pytest.param({"mean_gap_days": 100.0, "p_alive": 0.3}, (), "regular", id="P(alive) at 0.3"),
        pytest.param({"mean_gap_days": 100.0, "p_alive": None}, (), "regular", id="P(alive) unknown"),
        pytest.param({"mean_gap_days": 100.0, "p_alive": 0.1}, CLV, "regular", id="no forecast, gap held"),
        pytest.param({}, CLV, "lapsed", id="no forecast, gap broken"),
        pytest.param(
            {"mean_gap_days": 100.0, "p_alive": 0.1},
            ("clv_12m",),
            "regular",
            id="P(alive) without a forecast value",
        ),
        pytest.param({"revenue": 7_500.0, "mean_gap_days": None}, (), "regular", id="not big"),
    ],
)
def test_lapsed(change: dict[str, Any], drop: tuple[str, ...], segment: str) -> None:
    assert _judge({**LAPSED, **change}, drop=drop)["segment"] == segment


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


POTENTIAL = {"abc_tier": "B", "revenue_trend": 0.5}


@pytest.mark.parametrize(
    ("change", "drop", "segment"),
    [
        pytest.param({}, (), "potential", id="revenue up 50%"),
        pytest.param({"revenue_trend": 0.4999}, (), "regular", id="revenue up just under 50%"),
        pytest.param({"revenue_trend": 2.0}, (), "potential", id="revenue tripled"),
        pytest.param({"revenue_trend": None}, (), "regular", id="no earlier year to compare"),
        pytest.param({"revenue_trend": 0.0, "clv_12m": 1e9}, (), "potential", id="first by forecast value"),
        pytest.param({"revenue_trend": 0.0, "clv_12m": 850.0}, (), "regular", id="second by forecast value"),
        pytest.param({"revenue_trend": 0.0, "clv_12m": None}, (), "regular", id="forecast value unknown"),
        pytest.param({}, CLV, "potential", id="no forecast, revenue up 50%"),
        pytest.param({"revenue_trend": 0.4999}, CLV, "regular", id="no forecast, up just under 50%"),
        pytest.param({"recency_days": 90}, (), "potential", id="last order 90 days ago"),
        pytest.param({"recency_days": 91}, (), "regular", id="last order 91 days ago"),
        pytest.param({"frequency_per_year": 4.0}, (), "potential", id="4 orders a year"),
        pytest.param({"frequency_per_year": 3.99}, (), "regular", id="just under 4 orders a year"),
        pytest.param({"orders": 2}, (), "potential", id="two orders"),
        pytest.param({"orders": 1}, (), "regular", id="one order"),
        pytest.param({"gross_margin": 0.15}, (), "potential", id="gross margin at 15%"),
        pytest.param({"gross_margin": 0.1499}, (), "regular", id="gross margin just under 15%"),
        pytest.param({"gross_margin": None}, COST, "potential", id="no cost: margin not judged"),
        pytest.param({"abc_tier": "A"}, (), "key", id="a growing key account stays key"),
    ],
)
def test_potential(change: dict[str, Any], drop: tuple[str, ...], segment: str) -> None:
    assert _judge({**POTENTIAL, **change}, drop=drop)["segment"] == segment


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
            {**ONE_OFF, "recency_days": 400, "mean_gap_days": None},
            None,
            "one_off_bulk",
            id="one-off > lapsed",
        ),
        pytest.param({**SQUEEZE, "net_margin": 0.01}, None, "profit_squeezer", id="squeezer > low profit"),
        pytest.param(
            {"net_margin": 0.01, "recency_days": 200, "mean_gap_days": None},
            None,
            "low_profit_volume",
            id="low profit > lapsed",
        ),
        pytest.param(
            {"recency_days": 200, "mean_gap_days": None},
            ValueSettings(key_max_recency_days=365),
            "lapsed",
            id="lapsed > key",
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


@pytest.mark.parametrize(
    ("clv_12m", "segment"),
    [
        pytest.param(50.0, "regular", id="second of two by forecast value"),
        pytest.param(150.0, "potential", id="first of two by forecast value"),
    ],
)
def test_in_a_small_portfolio_the_first_forecast_is_top(clv_12m: float, segment: str) -> None:
    row = _judge({**POTENTIAL, "revenue_trend": 0.0, "clv_12m": clv_12m}, fillers=1)
    assert row["segment"] == segment


def test_ranks_count_from_the_largest_and_ties_share_the_better_rank() -> None:
    judged = _judge_all({"revenue": 8_000.0, "volume": 90.0, "clv_12m": 900.0})
    ranks = {
        row["customer_id"]: (row["revenue_rank"], row["volume_rank"], row["clv_rank"])
        for row in judged.iter_rows(named=True)
    }
    assert ranks["S"] == (2, 1, 1)
    assert ranks["F8"] == (1, 1, 1)
    assert ranks["F7"] == (2, 3, 3)
    assert ranks["F0"] == (10, 10, 10)
    assert (
        judged.schema["revenue_rank"] == judged.schema["volume_rank"] == judged.schema["clv_rank"] == pl.Int64
    )


def test_a_portfolio_of_equals_ranks_everyone_first() -> None:
    same = {"revenue": 1_000.0, "volume": 10.0, "clv_12m": 100.0}
    judged = _judge_all(same, filler_change=same)
    assert judged.select("revenue_rank", "volume_rank", "clv_rank").unique().rows() == [(1, 1, 1)]


def test_rows_keep_their_order() -> None:
    judged = _judge_all({**SQUEEZE})
    assert judged["customer_id"].to_list() == ["S", *(f"F{i}" for i in range(9))]
    assert judged["segment"].to_list() == ["profit_squeezer"] + ["regular"] * 9


ADDED = ["revenue_rank", "volume_rank", "clv_rank", "squeeze_signals", "segment", "reason_codes"]


def test_an_empty_portfolio_has_no_verdicts() -> None:
    frame = pl.DataFrame(schema=SCHEMA)
    judged = assign_segments(nw.from_native(frame), MEDIAN_ORDER, ValueSettings())
    assert judged.shape[0] == 0
    assert judged.columns == [*SCHEMA, *ADDED]
    assert judged.to_native().schema["reason_codes"] == pl.List(pl.String)
    assert judged.to_native().schema["segment"] == pl.String


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
            [R.ORDERS, R.LARGEST, R.MULTIPLE, R.RETURNED],
            id="one-off bulk, returns at 0.1% cited",
        ),
        pytest.param(
            {**ONE_OFF, "return_rate": 0.00099},
            (),
            [R.ORDERS, R.LARGEST, R.MULTIPLE],
            id="one-off bulk, returns just under 0.1% not cited",
        ),
        pytest.param(
            {**ONE_OFF, "return_rate": None},
            (),
            [R.ORDERS, R.LARGEST, R.MULTIPLE],
            id="one-off bulk, returns unknown",
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
            {"recency_days": 200, "mean_gap_days": 30.0, "p_alive": 0.2999},
            (),
            [R.SILENT, R.GAP, R.BIG, R.VOLUME, R.P_ALIVE],
            id="lapsed, P(alive) just under 0.3 cited",
        ),
        pytest.param(
            {"recency_days": 200, "mean_gap_days": 30.0, "p_alive": 0.3},
            (),
            [R.SILENT, R.GAP, R.BIG, R.VOLUME],
            id="lapsed, P(alive) at 0.3 not cited",
        ),
        pytest.param(
            {"recency_days": 200, "mean_gap_days": None, "p_alive": None},
            (),
            [R.SILENT, R.BIG, R.VOLUME],
            id="lapsed after one order: no gap, P(alive) unknown",
        ),
        pytest.param(
            {"recency_days": 200, "mean_gap_days": 30.0, "p_alive": 0.1},
            ("clv_12m",),
            [R.SILENT, R.GAP, R.BIG, R.VOLUME],
            id="lapsed, P(alive) without a forecast value not cited",
        ),
        pytest.param(
            {"recency_days": 200, "mean_gap_days": 30.0},
            CLV,
            [R.SILENT, R.GAP, R.BIG, R.VOLUME],
            id="lapsed without forecast",
        ),
        pytest.param(
            {"recency_days": 200, "mean_gap_days": 30.0},
            ("volume",),
            [R.SILENT, R.GAP, R.BIG],
            id="lapsed without volumes",
        ),
        pytest.param(
            POTENTIAL,
            (),
            [R.RECENT, R.FREQ, R.GROWTH, R.MARGIN_OK],
            id="potential by growth, forecast value not in the top",
        ),
        pytest.param(
            {**POTENTIAL, "revenue_trend": 0.0, "clv_12m": 1e9},
            (),
            [R.RECENT, R.FREQ, R.GROWTH, R.CLV, R.MARGIN_OK],
            id="potential by forecast value",
        ),
        pytest.param(
            {**POTENTIAL, "revenue_trend": None, "clv_12m": 1e9},
            COST,
            [R.RECENT, R.FREQ, R.CLV],
            id="potential, a new customer without cost: no growth, no margin",
        ),
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
