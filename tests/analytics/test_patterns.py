"""Buying episodes and a young account's trajectory, from its orders one by one.

An episode is anchored at its first order: the orders less than `episode_days` after it belong to it, so
a customer who orders every few days makes a new episode every `episode_days`, never one endless one.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import narwhals as nw
import numpy as np
import polars as pl
import pytest

from kam.analytics import pipeline
from kam.analytics.patterns import buying_patterns, episode_starts
from kam.analytics.settings import ValueSettings
from kam.demo.steel import make_demo_company

AS_OF = dt.date(2025, 12, 31)


@pytest.mark.parametrize(
    ("days", "episode_days", "starts"),
    [
        pytest.param([0], 7, [0], id="one order"),
        pytest.param([0, 3, 6], 7, [0], id="three orders within 6 days"),
        pytest.param([0, 7], 7, [0, 7], id="a week apart: two"),
        pytest.param([0, 6, 12, 18], 7, [0, 12], id="every 6 days: anchored, not chained"),
        pytest.param([0, 7, 14, 21], 7, [0, 7, 14, 21], id="weekly"),
        pytest.param([0, 0, 0], 7, [0], id="three orders on one day"),
        pytest.param([0, 3, 6, 7, 13, 14], 7, [0, 7, 14], id="runs of orders"),
        pytest.param([0, 1, 2], 1, [0, 1, 2], id="a day: every day its own"),
        pytest.param([0, 29, 30, 100], 30, [0, 30, 100], id="30-day purchases"),
    ],
)
def test_episode_starts(days: list[int], episode_days: int, starts: list[int]) -> None:
    found = episode_starts(np.zeros(len(days), dtype=np.int64), np.array(days, dtype=np.int64), episode_days)
    assert np.array(days)[found].tolist() == starts


def test_each_customer_starts_its_own_episodes() -> None:
    """The second customer's first order, two days after the first customer's last, starts an episode."""
    customer = np.array([0, 0, 1, 1, 2])
    days = np.array([10, 12, 14, 15, 15])
    assert episode_starts(customer, days, 7).tolist() == [True, False, True, False, True]


def test_no_orders_no_starts() -> None:
    assert episode_starts(np.array([], dtype=np.int64), np.array([], dtype=np.int64), 7).tolist() == []


def _purchases(rows: list[tuple[str, int, float]]) -> nw.LazyFrame:
    start = dt.date(2025, 1, 1)
    return nw.from_native(
        pl.DataFrame(
            {
                "customer_id": [c for c, _, _ in rows],
                "date": [start + dt.timedelta(days=d) for _, d, _ in rows],
                "amount": [a for _, _, a in rows],
            }
        ).lazy()
    )


def test_buying_patterns_count_episodes_and_the_largest() -> None:
    rows = [
        ("A", 0, 100.0),
        ("A", 2, 300.0),  # one purchase of 400
        ("A", 60, 50.0),
        ("B", 10, 10.0),
        ("B", 20, -5.0),  # a return: no purchase
        ("C", 5, 99.0),  # not asked for
    ]
    found = buying_patterns(_purchases(rows), ["A", "B"], [], AS_OF, ValueSettings()).to_native()
    assert found.sort("customer_id").select("customer_id", "episodes", "largest_episode").rows() == [
        ("A", 2, 400.0),
        ("B", 1, 10.0),
    ]
    assert found["first_half_orders"].null_count() == 2  # not asked for


def test_the_halves_of_a_young_account() -> None:
    """First order 2025-10-02, 90 days before the as-of date: the halves meet on 2025-11-16."""
    young = [("Y", 274, 100.0), ("Y", 300, 100.0), ("Y", 320, 300.0), ("Y", 350, 300.0), ("Y", 360, 300.0)]
    old = [("O", -30, 100.0), ("O", 200, 100.0)]  # not young: no halves asked for
    found = buying_patterns(_purchases(young + old), ["O"], ["Y"], AS_OF, ValueSettings()).to_native()
    y = found.filter(pl.col("customer_id") == "Y").row(0, named=True)
    assert (y["first_half_orders"], y["second_half_orders"]) == (2, 3)
    assert (y["first_half_average"], y["second_half_average"]) == (pytest.approx(100.0), pytest.approx(300.0))
    o = found.filter(pl.col("customer_id") == "O").row(0, named=True)
    assert (o["first_half_orders"], o["first_half_average"], o["episodes"]) == (None, None, 2)
    assert y["episodes"] is None  # its episodes not asked for


def test_no_customers_asked_for() -> None:
    found = buying_patterns(_purchases([("A", 0, 1.0)]), [], [], AS_OF, ValueSettings()).to_native()
    assert found.height == 0
    assert found.schema["episodes"] == pl.Int64


@pytest.fixture(scope="module")
def demo_lines(tmp_path_factory: pytest.TempPathFactory) -> tuple[pl.DataFrame, pl.DataFrame]:
    company = make_demo_company(7)
    return company.transactions, company.customers


def _analysis(lines: pl.DataFrame, customers: pl.DataFrame) -> pl.DataFrame:
    result = pipeline.analyze_lines(
        nw.from_native(lines.lazy()),
        as_of=lines["date"].max(),
        settings=ValueSettings(),
        customers=nw.from_native(customers),
    )
    return result.accounts.to_native()


def test_patterns_for_the_few_give_the_verdicts_patterns_for_all_would(
    demo_lines: tuple[pl.DataFrame, pl.DataFrame], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Only the customers a verdict could turn on get their patterns walked (verdicts.needs_patterns);
    walking every customer's orders changes no segment, flag, rank or reason."""
    lines, customers = demo_lines
    few = _analysis(lines, customers)
    everyone = ~nw.col("customer_id").is_null()
    monkeypatch.setattr(pipeline, "needs_patterns", lambda *_args: (everyone, everyone))
    every = _analysis(lines, customers)
    judged = ["customer_id", "segment", "at_risk", "potential_rank", "reason_codes"]
    assert few.select(judged).equals(every.select(judged))
    assert every["episodes"].null_count() == 0
    assert few["episodes"].null_count() > few.height / 2  # the few are few


def test_a_customer_asked_for_both_gets_both() -> None:
    rows = [("Y", 300, 100.0), ("Y", 302, 100.0), ("Y", 350, 400.0)]
    found = (
        buying_patterns(_purchases(rows), ["Y"], ["Y"], AS_OF, ValueSettings()).to_native().row(0, named=True)
    )
    assert (found["episodes"], found["largest_episode"]) == (2, 400.0)
    assert (found["first_half_orders"], found["second_half_orders"]) == (2, 1)


def test_patterns_of_customers_with_no_purchases() -> None:
    found = buying_patterns(_purchases([("R", 0, -5.0)]), ["R"], ["R"], AS_OF, ValueSettings()).to_native()
    assert found.select("customer_id", "episodes", "first_half_orders").rows() == [("R", None, None)]
