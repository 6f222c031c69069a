"""A run on the real UCI Online Retail export (no amount, cost or list price; 135,080 lines without customer)."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from kam.cli import app

RETAIL = Path(__file__).parent / "data" / "online-retail" / "online_retail.parquet"


# the retailer's own column names: nothing else is needed to run it
MAPPING = {
    "customer_id": "CustomerID",
    "date": "InvoiceDate",
    "order_id": "InvoiceNo",
    "product_id": "StockCode",
    "quantity": "Quantity",
    "unit_price": "UnitPrice",
}


@pytest.fixture(scope="module")
def retail_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """(the output folder, what the terminal said) of a run with nothing but the column mapping."""
    out = tmp_path_factory.mktemp("retail") / "out"
    maps = [arg for name, column in MAPPING.items() for arg in ("--map", f"{name}={column}")]
    result = CliRunner().invoke(app, ["analyze", str(RETAIL), *maps, "--out", str(out)], terminal_width=400)
    assert result.exit_code == 0, result.output
    return out, result.output


@pytest.fixture(scope="module")
def retail_out(retail_run: tuple[Path, str]) -> Path:
    return retail_run[0]


def test_lines_without_customer_are_unattributed_sales(retail_run: tuple[Path, str]) -> None:
    out, said = retail_run
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    unattributed = summary["unattributed"]
    assert unattributed["lines"] == 135_080
    # their net revenue (quantity x unit price, cancellations negative) over that of all 541,909 lines
    lines = pl.read_parquet(RETAIL).with_columns(
        amount=pl.col("Quantity") * pl.col("UnitPrice"), anonymous=pl.col("CustomerID").is_null()
    )
    walk_in = lines.filter("anonymous")["amount"].sum()
    assert unattributed["revenue"] == pytest.approx(walk_in, rel=1e-9)
    assert unattributed["share_of_revenue"] == pytest.approx(walk_in / lines["amount"].sum(), rel=1e-9)
    assert unattributed["share_of_revenue"] == pytest.approx(0.1485, abs=5e-4)
    assert summary["rows_rejected"] == 0 and not (out / "rejected.csv").exists()
    assert "135,080 lines without a customer set aside as unattributed sales" in said
    assert "14.9% of revenue" in said


def test_every_customer_is_judged(retail_out: Path) -> None:
    accounts = pl.read_parquet(retail_out / "accounts.parquet")
    assert accounts.height == 4372
    assert accounts["segment"].null_count() == 0
    summary = json.loads((retail_out / "summary.json").read_text(encoding="utf-8"))
    assert summary["rows_read"] == 541_909
    assert summary["as_of"] == "2011-12-09"
    assert summary["mapping"]["customer_id"] == "CustomerID" and "amount" not in summary["mapping"]


def test_missing_columns_prevent_margin_verdicts(retail_out: Path) -> None:
    summary = json.loads((retail_out / "summary.json").read_text(encoding="utf-8"))
    assert summary["basis"] == "revenue"
    assert {m["key"] for m in summary["missing"]} == {
        "missing.cost",
        "missing.list_amount",
        "missing.customers",
    }
    assert summary["segments"]["low_profit_volume"] == 0
    assert summary["segments"]["profit_squeezer"] == 0
    assert "margins and profit are unknown" in (retail_out / "report.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("customer", ["12346", "16446"])
def test_huge_cancelled_single_orders_are_one_off(retail_out: Path, customer: str) -> None:
    row = (
        pl.read_parquet(retail_out / "accounts.parquet")
        .filter(pl.col("customer_id") == customer)
        .row(0, named=True)
    )
    assert row["segment"] == "one_off_bulk"
    assert row["return_rate"] == pytest.approx(1.0, abs=1e-3)
    assert "100.0% of it was returned" in row["reasons"]
    assert abs(row["revenue"]) < 0.001 * row["gross_sales"]


def test_portfolio_is_concentrated_like_real_retail(retail_out: Path) -> None:
    portfolio = json.loads((retail_out / "summary.json").read_text(encoding="utf-8"))["portfolio"]
    assert 0.15 < portfolio["share_of_customers_for_80pct"] < 0.35
    assert portfolio["loss_making_customers"] > 0
    assert portfolio["whale_peak"] > portfolio["total"]
