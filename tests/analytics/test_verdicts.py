"""Each verdict on constructed customers whose behaviour is known by design (tests/conftest.py)."""

from __future__ import annotations

import narwhals as nw
import polars as pl
import pytest

from kam.analytics.pipeline import analyze_lines
from kam.analytics.settings import ValueSettings
from kam.domain.segments import Reason
from tests.conftest import AS_OF


def _accounts(
    lines: pl.DataFrame,
    customers: pl.DataFrame | None,
    settings: ValueSettings | None = None,
) -> pl.DataFrame:
    analysis = analyze_lines(
        nw.from_native(lines.lazy()),
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
        ("THIN", "low_profit_volume", [R.BIG, R.VOLUME, R.THIN]),
        ("SQUEEZE", "profit_squeezer", [R.NET_PROFIT, R.PAYMENT, R.DISCOUNT]),
        ("LAPSED", "lapsed", [R.SILENT, R.GAP, R.BIG, R.VOLUME]),
        ("RISING", "potential", [R.RECENT, R.FREQ, R.GROWTH, R.MARGIN_OK]),
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
    assert accounts.height == lines["customer_id"].n_unique() == 36
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
