"""Per-customer metrics and portfolio figures against numbers worked out by hand."""

from __future__ import annotations

import datetime as dt

import narwhals as nw
import polars as pl
import pytest

from kam.analytics.metrics import order_lines, purchase_orders
from kam.analytics.pipeline import analyze_lines
from kam.analytics.settings import ValueSettings

AS_OF = dt.date(2025, 12, 31)


def _lines() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "customer_id": ["A", "A", "A", "A", "B", "B", "C"],
            "date": [
                dt.date(2024, 6, 1),
                dt.date(2025, 3, 1),
                dt.date(2025, 3, 1),
                dt.date(2025, 6, 1),
                dt.date(2025, 12, 1),
                dt.date(2025, 12, 15),
                dt.date(2025, 1, 1),
            ],
            "order_id": ["a1", "a2", "a2", "a3r", "b1", "b2", "c1"],
            "amount": [1000.0, 600.0, 400.0, -200.0, 300.0, 300.0, 50.0],
            "quantity": [10.0, 6.0, 4.0, -2.0, 3.0, 3.0, 1.0],
            "cost": [700.0, 450.0, 250.0, -140.0, 330.0, 330.0, 20.0],
            "list_amount": [1250.0, 700.0, 500.0, -250.0, 300.0, 300.0, 50.0],
        }
    )


@pytest.fixture
def accounts() -> pl.DataFrame:
    analysis = analyze_lines(nw.from_native(_lines().lazy()), as_of=AS_OF, settings=ValueSettings())
    return analysis.accounts.to_native()


def test_customer_a_by_hand(accounts: pl.DataFrame) -> None:
    a = accounts.filter(pl.col("customer_id") == "A").row(0, named=True)
    assert a["orders"] == 2  # a1, a2 (two lines, one order); a3r is a return
    assert a["revenue"] == pytest.approx(1800.0)
    assert a["gross_sales"] == pytest.approx(2000.0)
    assert a["returns"] == pytest.approx(200.0)
    assert a["return_rate"] == pytest.approx(0.1)
    assert a["volume"] == pytest.approx(18.0)
    assert a["gross_profit"] == pytest.approx(1800.0 - 1260.0)
    assert a["gross_margin"] == pytest.approx(540.0 / 1800.0)
    assert a["discount_depth"] == pytest.approx(1 - 2000.0 / 2450.0)
    assert a["recency_days"] == pytest.approx((AS_OF - dt.date(2025, 3, 1)).days)
    assert a["largest_order"] == pytest.approx(1000.0)
    assert a["revenue_last_12m"] == pytest.approx(800.0)
    assert a["revenue_prev_12m"] == pytest.approx(1000.0)
    assert (a["orders_last_12m"], a["orders_prev_12m"]) == (1, 1)  # a2 in the last 12 months (a3r a return)
    assert a["volume_last_12m"] == pytest.approx(8.0)  # a2's 10 less a3r's 2
    assert a["revenue_trend"] == pytest.approx(-0.2)
    history = (AS_OF - dt.date(2024, 6, 1)).days
    assert a["frequency_per_year"] == pytest.approx(2 * 365.25 / history)
    assert a["tenure_years"] == pytest.approx(history / 365.25)


def test_ranks_shares_and_tiers(accounts: pl.DataFrame) -> None:
    # net profit = gross profit (no customers table, no handling cost): A 540, B -60, C 30
    assert accounts["customer_id"].to_list() == ["A", "C", "B"]
    assert accounts["rank"].to_list() == [1, 2, 3]
    assert accounts["profit_share"].to_list() == pytest.approx([540 / 570, 30 / 570, -60 / 570])
    assert accounts["abc_tier"].to_list() == ["A", "B", "D"]


def test_whale_curve_figures() -> None:
    analysis = analyze_lines(nw.from_native(_lines().lazy()), as_of=AS_OF, settings=ValueSettings())
    fig = analysis.figures
    assert fig.basis == "net_profit"
    assert fig.whale_peak == pytest.approx(570.0)
    assert fig.total == pytest.approx(510.0)
    assert fig.tail_destroys == pytest.approx(60.0)
    assert fig.whale_peak_customers == 2
    assert fig.loss_making_customers == 1
    assert fig.share_of_customers_for_80pct == pytest.approx(1 / 3)
    assert fig.top5_share == pytest.approx(1.0)


def test_cost_to_serve_and_net_profit() -> None:
    customers = pl.DataFrame({"customer_id": ["A"], "payment_days": [73.0], "service_cost": [100.0]})
    settings = ValueSettings(cost_of_capital=0.10, order_handling_cost=5.0)
    analysis = analyze_lines(
        nw.from_native(_lines().lazy()), as_of=AS_OF, settings=settings, customers=nw.from_native(customers)
    )
    a = analysis.accounts.to_native().filter(pl.col("customer_id") == "A").row(0, named=True)
    years = (AS_OF - dt.date(2024, 6, 1)).days / 365.25
    financing = 2000.0 * 73 / 365 * 0.10
    assert a["financing_cost"] == pytest.approx(financing)
    assert a["cost_to_serve"] == pytest.approx(100.0 * years + financing + 2 * 5.0)
    assert a["net_profit"] == pytest.approx(540.0 - a["cost_to_serve"])


@pytest.mark.parametrize(
    ("amounts", "purchase"),
    [
        ([100.0], 100.0),  # a sale
        ([0.0, 0.0], 0.0),  # free goods only: a purchase (as CDNOW's $0 purchases)
        ([100.0, -30.0], 70.0),  # returned in part: the rest was bought
        ([100.0, -100.0], None),  # cancelled or returned down to nothing
        ([40.0, -60.0], None),  # more returned than sold in the order
        ([-50.0], None),  # a return on its own
        ([0.0, -10.0], None),  # a free line and a credit
    ],
)
@pytest.mark.parametrize("order_key", ["order_id", "date"])
def test_which_orders_are_purchases(amounts: list[float], purchase: float | None, order_key: str) -> None:
    """What the forecast learns from (purchase_orders), with an order told by its id or by its day."""
    lines = pl.DataFrame(
        {
            "customer_id": ["A"] * len(amounts),
            "date": [dt.date(2025, 3, 1)] * len(amounts),
            "order_id": ["a1"] * len(amounts),
            "amount": amounts,
        }
    )
    if order_key == "date":
        lines = lines.drop("order_id")
    orders = order_lines(nw.from_native(lines.lazy()), AS_OF, ValueSettings())
    bought = purchase_orders(orders).collect().to_native()
    assert bought.columns == ["customer_id", "date", "amount"]
    assert bought["amount"].to_list() == ([] if purchase is None else [pytest.approx(purchase)])
