"""Each verdict on constructed customers whose behaviour is known by design (tests/conftest.py)."""

from __future__ import annotations

import datetime as dt

import narwhals as nw
import polars as pl
import pytest

from kam.analytics.pipeline import analyze_lines
from kam.analytics.settings import ValueSettings
from kam.domain.segments import Reason
from tests.conftest import AS_OF
from tests.conftest import _monthly as portfolio_monthly


def _split_purchase(customer: str, days: list[int], amount: float) -> list[dict[str, object]]:
    """One purchase invoiced as several orders, `days` after 2025-03-03."""
    start = dt.date(2025, 3, 3)
    return [
        {
            "customer_id": customer,
            "date": start + dt.timedelta(days=day),
            "order_id": f"{customer}-{i}",
            "amount": amount,
            "cost": amount * 0.8,
            "list_amount": amount * 1.05,
            "quantity": amount / 1000,
        }
        for i, day in enumerate(days)
    ]


def _with_more(lines: pl.DataFrame) -> pl.DataFrame:
    """The portfolio and SPLIT (one 420,000 purchase in three orders within five days, ten months ago)
    and SHRINK (a key account whose monthly orders halved in amount in the last year)."""
    extra = pl.DataFrame(_split_purchase("SPLIT", [0, 2, 5], 140_000.0))
    halved = pl.col("date") > dt.date(2024, 12, 31)
    shrink = pl.DataFrame(portfolio_monthly("SHRINK", dt.date(2024, 1, 25), 24, 60_000, 48_000)).with_columns(
        amount=pl.when(halved).then(pl.col("amount") * 0.5).otherwise(pl.col("amount")),
        cost=pl.when(halved).then(pl.col("cost") * 0.5).otherwise(pl.col("cost")),
    )
    return pl.concat([lines, extra.select(lines.columns), shrink.select(lines.columns)])


def _accounts(
    lines: pl.DataFrame,
    customers: pl.DataFrame | None,
    settings: ValueSettings | None = None,
) -> pl.DataFrame:
    analysis = analyze_lines(
        nw.from_native(_with_more(lines).lazy()),
        as_of=AS_OF,
        settings=settings or ValueSettings(),
        customers=nw.from_native(customers) if customers is not None else None,
    )
    return analysis.accounts.to_native()


def _row(accounts: pl.DataFrame, customer: str) -> dict[str, object]:
    return accounts.filter(pl.col("customer_id") == customer).row(0, named=True)


R = Reason


@pytest.mark.parametrize(
    ("customer", "segment", "codes"),
    [
        ("KEY1", "key", [R.SHARE, R.FREQ, R.RECENT, R.MARGIN_OK]),
        ("ONEOFF", "one_off_bulk", [R.ORDERS, R.LARGEST, R.MULTIPLE]),
        ("SPLIT", "one_off_bulk", [R.ORDERS, R.EPISODES, R.LARGEST, R.MULTIPLE]),
        ("THIN", "low_profit_volume", [R.BIG, R.VOLUME, R.THIN]),
        ("SQUEEZE", "profit_squeezer", [R.NET_PROFIT, R.PAYMENT, R.DISCOUNT]),
        ("LAPSED", "lapsed", [R.SILENT, R.GAP, R.BIG, R.VOLUME]),
        ("RISING", "potential", [R.GROWTH, R.UPLIFT, R.RECENT, R.PACE, R.MARGIN]),
        ("SHRINK", "key", [R.SHRINKING, R.SHARE, R.FREQ, R.RECENT, R.MARGIN_OK]),
        ("F00", "regular", [R.REGULAR]),
    ],
)
def test_segment_and_reason_codes(
    lines: pl.DataFrame, customers: pl.DataFrame, customer: str, segment: str, codes: list[Reason]
) -> None:
    row = _row(_accounts(lines, customers), customer)
    assert (row["segment"], row["reason_codes"]) == (segment, [code.value for code in codes])


def test_every_customer_gets_exactly_one_segment(lines: pl.DataFrame, customers: pl.DataFrame) -> None:
    accounts = _accounts(lines, customers)
    assert accounts.height == lines["customer_id"].n_unique() + 2 == 38
    assert accounts["segment"].null_count() == 0
    assert accounts["reason_codes"].list.len().min() == 1
    assert "reasons" not in accounts.columns  # said in a language at the edge (kam.render.reasons)


def test_fake_beats_key(lines: pl.DataFrame, customers: pl.DataFrame) -> None:
    """SQUEEZE is tier A and buys monthly, so it would pass every key test; squeezing makes it fake."""
    row = _row(_accounts(lines, customers), "SQUEEZE")
    assert row["abc_tier"] == "A" and row["frequency_per_year"] >= 4
    assert row["segment"] == "profit_squeezer"


def test_lapsed_beats_key(lines: pl.DataFrame, customers: pl.DataFrame) -> None:
    row = _row(_accounts(lines, customers), "LAPSED")
    assert row["abc_tier"] == "A"
    assert row["recency_days"] > 300
    assert row["segment"] == "lapsed"


def test_without_cost_no_margin_verdicts(lines: pl.DataFrame, customers: pl.DataFrame) -> None:
    accounts = _accounts(lines.drop("cost"), customers)
    assert "gross_margin" not in accounts.columns
    assert set(accounts["segment"]) & {"low_profit_volume", "profit_squeezer"} == set()
    assert _row(accounts, "ONEOFF")["segment"] == "one_off_bulk"


def test_thresholds_change_verdicts(lines: pl.DataFrame, customers: pl.DataFrame) -> None:
    strict = ValueSettings(key_min_margin=0.25)
    assert _row(_accounts(lines, customers, strict), "KEY1")["segment"] != "key"


def test_referrals_are_credited(lines: pl.DataFrame, customers: pl.DataFrame) -> None:
    row = _row(_accounts(lines, customers), "KEY1")
    assert row["referrals_made"] == 3
    rising_revenue = 2 * 2_000 + 10 * 6_000
    assert row["referred_revenue"] == pytest.approx(rising_revenue + 2 * 4 * 1_000)


@pytest.mark.parametrize(
    "days",
    [
        pytest.param([0, 3], id="two orders 3 days apart"),
        pytest.param([0, 6], id="two orders 6 days apart"),
        pytest.param([0, 2, 5], id="three orders within 5 days"),
        pytest.param([0, 1, 6], id="three orders within 6 days"),
    ],
)
def test_a_purchase_split_into_orders_within_a_week_is_one_off_and_never_lapsed(
    lines: pl.DataFrame, customers: pl.DataFrame, days: list[int]
) -> None:
    """Its whole history inside one week and long ago (as lapsed customers are): one purchase."""
    split = pl.DataFrame(_split_purchase("GROUP", days, 420_000.0 / len(days)), schema=lines.schema)
    accounts = _accounts(pl.concat([lines, split]), customers)
    row = _row(accounts, "GROUP")
    assert row["recency_days"] >= ValueSettings().lapsed_after_days
    assert (row["segment"], row["orders"], row["episodes"]) == ("one_off_bulk", len(days), 1)
    assert row["largest_episode"] == pytest.approx(420_000.0)
    assert row["largest_episode_share"] == pytest.approx(1.0)
    assert row["reason_codes"] == [R.ORDERS.value, R.EPISODES.value, R.LARGEST.value, R.MULTIPLE.value]


def test_orders_a_week_apart_are_two_purchases(lines: pl.DataFrame, customers: pl.DataFrame) -> None:
    """Two equal purchases a week apart, long ago: neither is most of what it bought, and two purchases
    are no established pattern, so it is neither a one-off bulk buyer nor lapsed."""
    split = pl.DataFrame(_split_purchase("GROUP", [0, 7], 210_000.0), schema=lines.schema)
    row = _row(_accounts(pl.concat([lines, split]), customers), "GROUP")
    assert (row["segment"], row["episodes"]) == ("regular", 2)
    assert row["largest_episode_share"] == pytest.approx(0.5)


def test_a_shrinking_key_account_is_flagged_with_its_numbers(
    lines: pl.DataFrame, customers: pl.DataFrame
) -> None:
    row = _row(_accounts(lines, customers), "SHRINK")
    assert (row["segment"], row["at_risk"]) == ("key", True)
    assert (row["revenue_last_12m"], row["revenue_prev_12m"]) == (
        pytest.approx(360_000.0),
        pytest.approx(720_000.0),
    )
    assert row["revenue_trend"] == pytest.approx(-0.5)
