"""A straightforward pandas implementation of the metrics of issue 2: the speed baseline.

Reads the same Parquet file, applies kam's default cancellation marker (order numbers like "C123" are
returns), groups lines to orders and orders to customers, ranks customers by net profit with their share,
cumulative share and ABC tier, computes the portfolio figures (share of customers for 80%, top-5 and
top-20 share, whale-curve peak and tail), and writes a CSV and a JSON file. The customers table's metrics
(payment days, service cost) have no input in the benchmark data, so cost to serve is order handling only,
as in kam. No cell checks, verdicts, reasons, forecasts or report: it does less than `kam analyze`.
"""

from __future__ import annotations

import json
import sys

import numpy as np
import pandas as pd

ORDER_HANDLING_COST = 0.0  # kam's defaults (ValueSettings)
A_TIER, B_TIER = 0.80, 0.95


def main(source: str, out: str) -> None:
    lines = pd.read_parquet(source)
    lines["date"] = pd.to_datetime(lines["date"])
    cancelled = lines["order_id"].str.match(r"C\d").fillna(False).to_numpy(dtype=bool)
    for column in ("amount", "quantity", "cost", "list_amount"):
        lines.loc[cancelled, column] = -lines.loc[cancelled, column].abs()
    as_of = lines["date"].max()
    year = pd.Timedelta(days=365)
    lines["gross"] = lines["amount"].clip(lower=0)
    lines["returned"] = (-lines["amount"]).clip(lower=0)
    lines["list_gross"] = np.where(lines["amount"] > 0, lines["list_amount"], 0.0)
    lines["last_window"] = np.where(lines["date"] > as_of - year, lines["amount"], 0.0)
    lines["prev_window"] = np.where(
        (lines["date"] > as_of - 2 * year) & (lines["date"] <= as_of - year), lines["amount"], 0.0
    )
    orders = lines.groupby(["customer_id", "order_id"], as_index=False).agg(
        date=("date", "min"),
        amount=("amount", "sum"),
        gross=("gross", "sum"),
        returned=("returned", "sum"),
        quantity=("quantity", "sum"),
        cost=("cost", "sum"),
        list_gross=("list_gross", "sum"),
        last_window=("last_window", "sum"),
        prev_window=("prev_window", "sum"),
    )
    purchase = orders["amount"] > 0
    orders["purchase_date"] = orders["date"].where(purchase)
    orders["purchase_amount"] = orders["amount"].where(purchase)
    orders["is_purchase"] = purchase.astype(int)
    customers = orders.groupby("customer_id").agg(
        orders=("is_purchase", "sum"),
        first_purchase=("purchase_date", "min"),
        last_purchase=("purchase_date", "max"),
        first_activity=("date", "min"),
        revenue=("amount", "sum"),
        gross_sales=("gross", "sum"),
        returns=("returned", "sum"),
        largest_order=("purchase_amount", "max"),
        revenue_last_12m=("last_window", "sum"),
        revenue_prev_12m=("prev_window", "sum"),
        volume=("quantity", "sum"),
        cogs=("cost", "sum"),
        list_sales=("list_gross", "sum"),
    )
    days = (as_of - customers["first_activity"]).dt.days
    customers["recency_days"] = (as_of - customers["last_purchase"]).dt.days
    customers["tenure_years"] = days / 365.25
    customers["frequency_per_year"] = customers["orders"] * 365.25 / days.clip(lower=90)
    span = (customers["last_purchase"] - customers["first_purchase"]).dt.days
    customers["mean_gap_days"] = (span / (customers["orders"] - 1)).where(customers["orders"] > 1)
    customers["largest_order_share"] = customers["largest_order"] / customers["gross_sales"]
    customers["gross_profit"] = customers["revenue"] - customers["cogs"]
    customers["gross_margin"] = customers["gross_profit"] / customers["revenue"].where(
        customers["revenue"] > 0
    )
    customers["discount_depth"] = 1 - customers["gross_sales"] / customers["list_sales"]
    customers["return_rate"] = customers["returns"] / customers["gross_sales"]
    customers["revenue_trend"] = customers["revenue_last_12m"] / customers["revenue_prev_12m"] - 1
    customers["cost_to_serve"] = customers["orders"] * ORDER_HANDLING_COST
    customers["net_profit"] = customers["gross_profit"] - customers["cost_to_serve"]
    customers["net_margin"] = customers["net_profit"] / customers["revenue"].where(customers["revenue"] > 0)
    customers = customers.sort_values("net_profit", ascending=False)
    customers["rank"] = np.arange(1, len(customers) + 1)
    positive = customers["net_profit"].clip(lower=0)
    total = positive.sum()
    customers["profit_share"] = customers["net_profit"] / total
    customers["cumulative_share"] = positive.cumsum() / total
    before = customers["cumulative_share"] - positive / total
    customers["abc_tier"] = np.select(
        [customers["net_profit"] < 0, before < A_TIER, before < B_TIER], ["D", "A", "B"], default="C"
    )
    customers["revenue_rank"] = customers["revenue"].rank(ascending=False, method="first")
    customers["volume_rank"] = customers["volume"].rank(ascending=False, method="first")
    whale = customers["net_profit"].cumsum()
    peak = int(whale.to_numpy().argmax())
    portfolio = {
        "customers": len(customers),
        "share_of_customers_for_80pct": float((customers["cumulative_share"] < 0.8).sum() + 1)
        / len(customers),
        "top5_share": float(positive.head(5).sum() / total),
        "top20_share": float(positive.head(20).sum() / total),
        "whale_peak": float(whale.iloc[peak]),
        "whale_peak_customers": peak + 1,
        "tail_destroys": float(whale.iloc[peak] - whale.iloc[-1]),
        "loss_making_customers": int((customers["net_profit"] < 0).sum()),
    }
    customers.to_csv(out)
    with open(out + ".json", "w", encoding="utf-8") as file:
        json.dump(portfolio, file)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
