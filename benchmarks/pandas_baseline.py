"""A straightforward pandas implementation of kam's core per-customer metrics: the speed baseline.

Reads the same Parquet file, groups lines to orders and orders to customers, and writes a CSV; no
verdicts, no report, no validation (so it does less than `kam analyze`).
"""

from __future__ import annotations

import sys

import numpy as np
import pandas as pd


def main(source: str, out: str) -> None:
    lines = pd.read_parquet(source)
    lines["date"] = pd.to_datetime(lines["date"])
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
    customers["frequency_per_year"] = customers["orders"] * 365.25 / days.clip(lower=90)
    customers["gross_profit"] = customers["revenue"] - customers["cogs"]
    customers["gross_margin"] = customers["gross_profit"] / customers["revenue"].where(
        customers["revenue"] > 0
    )
    customers["discount_depth"] = 1 - customers["gross_sales"] / customers["list_sales"]
    customers["return_rate"] = customers["returns"] / customers["gross_sales"]
    customers["revenue_trend"] = customers["revenue_last_12m"] / customers["revenue_prev_12m"] - 1
    customers = customers.sort_values("gross_profit", ascending=False)
    total = customers["gross_profit"].clip(lower=0).sum()
    customers["profit_share"] = customers["gross_profit"] / total
    customers["cumulative_share"] = customers["gross_profit"].clip(lower=0).cumsum() / total
    customers.to_csv(out)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
