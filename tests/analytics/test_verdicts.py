"""Each verdict on constructed customers whose behaviour is known by design (tests/conftest.py)."""

from __future__ import annotations

import narwhals as nw
import polars as pl
import pytest

from kam.analytics.pipeline import analyze_lines
from kam.analytics.settings import ValueSettings
from kam.i18n import Lang
from tests.conftest import AS_OF


def _accounts(
    lines: pl.DataFrame,
    customers: pl.DataFrame | None,
    settings: ValueSettings | None = None,
    lang: Lang = Lang.EN,
) -> pl.DataFrame:
    analysis = analyze_lines(
        nw.from_native(lines.lazy()),
        as_of=AS_OF,
        settings=settings or ValueSettings(),
        customers=nw.from_native(customers) if customers is not None else None,
        lang=lang,
    )
    return analysis.accounts.to_native()


def _row(accounts: pl.DataFrame, customer: str) -> dict[str, object]:
    return accounts.filter(pl.col("customer_id") == customer).row(0, named=True)


@pytest.mark.parametrize(
    ("customer", "segment", "reason_fragments"),
    [
        ("KEY1", "key", ["tier A", "orders a year", "gross margin 20.0%"]),
        (
            "ONEOFF",
            "one_off_bulk",
            ["1 order in all", "100.0% of all it bought", "× the portfolio's median"],
        ),
        ("THIN", "low_profit_volume", ["net margin is only", "over 24 orders", "ranks #"]),
        ("SQUEEZE", "profit_squeezer", ["discount depth 25.0%", "pays after 120 days"]),
        ("LAPSED", "lapsed", ["no order for", "usual gap between orders was 30 days"]),
        ("RISING", "potential", ["revenue +", "on the 12 months before", "gross margin 20.0%"]),
        ("F00", "regular", ["no key, potential or fake criteria met"]),
    ],
)
def test_segment_and_reasons(
    lines: pl.DataFrame, customers: pl.DataFrame, customer: str, segment: str, reason_fragments: list[str]
) -> None:
    row = _row(_accounts(lines, customers), customer)
    assert row["segment"] == segment
    for fragment in reason_fragments:
        assert fragment in row["reasons"], row["reasons"]


def test_every_customer_gets_exactly_one_segment(lines: pl.DataFrame, customers: pl.DataFrame) -> None:
    accounts = _accounts(lines, customers)
    assert accounts.height == lines["customer_id"].n_unique() == 36
    assert accounts["segment"].null_count() == 0
    assert accounts["reasons"].null_count() == 0


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


def test_reasons_in_chinese(lines: pl.DataFrame, customers: pl.DataFrame) -> None:
    hant = _row(_accounts(lines, customers, lang=Lang.ZH_HANT), "SQUEEZE")["reasons"]
    hans = _row(_accounts(lines, customers, lang=Lang.ZH_HANS), "SQUEEZE")["reasons"]
    assert "折扣深度25.0%" in hant and "平均120天才付款" in hant
    assert "压价信号" in hans


def test_referrals_are_credited(lines: pl.DataFrame, customers: pl.DataFrame) -> None:
    row = _row(_accounts(lines, customers), "KEY1")
    assert row["referrals_made"] == 3
    rising_revenue = 2 * 2_000 + 10 * 6_000
    assert row["referred_revenue"] == pytest.approx(rising_revenue + 2 * 4 * 1_000)
