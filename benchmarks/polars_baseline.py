"""The pandas baseline's metrics written as a bare Polars script: a reference for what the engine alone costs.

Same input, same metrics, same CSV and JSON as benchmarks/pandas_baseline.py (the cancellation marker,
orders, customers, ranks and ABC tiers, portfolio figures); no validation, no verdicts, no report.
`kam analyze` does all of that on the same engine, so this is a floor for kam, not a competitor.
"""

from __future__ import annotations

import datetime as dt
import json
import sys

import polars as pl

ORDER_HANDLING_COST = 0.0  # kam's defaults (ValueSettings)
A_TIER, B_TIER = 0.80, 0.95


def main(source: str, out: str) -> None:
    lines = pl.read_parquet(source)
    cancelled = pl.col("order_id").str.contains(r"^C\d").fill_null(False)
    lines = lines.with_columns(
        pl.when(cancelled).then(-pl.col(c).abs()).otherwise(pl.col(c)).alias(c)
        for c in ("amount", "quantity", "cost", "list_amount")
    )
    as_of = lines["date"].max()
    assert isinstance(as_of, dt.date)
    year = dt.timedelta(days=365)
    amount = pl.col("amount")
    orders = (
        lines.lazy()
        .with_columns(
            gross=amount.clip(lower_bound=0),
            returned=(-amount).clip(lower_bound=0),
            list_gross=pl.when(amount > 0).then(pl.col("list_amount")).otherwise(0.0),
            last_window=pl.when(pl.col("date") > as_of - year).then(amount).otherwise(0.0),
            prev_window=pl.when((pl.col("date") > as_of - 2 * year) & (pl.col("date") <= as_of - year))
            .then(amount)
            .otherwise(0.0),
        )
        .group_by("customer_id", "order_id")
        .agg(
            pl.col("date").min(),
            *[
                pl.col(c).sum()
                for c in (
                    "amount",
                    "gross",
                    "returned",
                    "quantity",
                    "cost",
                    "list_gross",
                    "last_window",
                    "prev_window",
                )
            ],
        )
    )
    purchase = pl.col("amount") > 0
    customers = (
        orders.group_by("customer_id")
        .agg(
            purchase.sum().alias("orders"),
            pl.col("date").filter(purchase).min().alias("first_purchase"),
            pl.col("date").filter(purchase).max().alias("last_purchase"),
            pl.col("date").min().alias("first_activity"),
            pl.col("amount").sum().alias("revenue"),
            pl.col("gross").sum().alias("gross_sales"),
            pl.col("returned").sum().alias("returns"),
            pl.col("amount").filter(purchase).max().alias("largest_order"),
            pl.col("last_window").sum().alias("revenue_last_12m"),
            pl.col("prev_window").sum().alias("revenue_prev_12m"),
            pl.col("quantity").sum().alias("volume"),
            pl.col("cost").sum().alias("cogs"),
            pl.col("list_gross").sum().alias("list_sales"),
        )
        .with_columns(
            recency_days=(pl.lit(as_of) - pl.col("last_purchase")).dt.total_days(),
            history_days=(pl.lit(as_of) - pl.col("first_activity")).dt.total_days(),
            span_days=(pl.col("last_purchase") - pl.col("first_purchase")).dt.total_days(),
            gross_profit=pl.col("revenue") - pl.col("cogs"),
            cost_to_serve=pl.col("orders") * ORDER_HANDLING_COST,
        )
        .with_columns(
            tenure_years=pl.col("history_days") / 365.25,
            frequency_per_year=pl.col("orders") * 365.25 / pl.col("history_days").clip(lower_bound=90),
            mean_gap_days=pl.when(pl.col("orders") > 1).then(pl.col("span_days") / (pl.col("orders") - 1)),
            largest_order_share=pl.col("largest_order") / pl.col("gross_sales"),
            gross_margin=pl.col("gross_profit") / pl.when(pl.col("revenue") > 0).then(pl.col("revenue")),
            discount_depth=1 - pl.col("gross_sales") / pl.col("list_sales"),
            return_rate=pl.col("returns") / pl.col("gross_sales"),
            revenue_trend=pl.col("revenue_last_12m") / pl.col("revenue_prev_12m") - 1,
            net_profit=pl.col("gross_profit") - pl.col("cost_to_serve"),
        )
        .with_columns(
            net_margin=pl.col("net_profit") / pl.when(pl.col("revenue") > 0).then(pl.col("revenue"))
        )
        .sort("net_profit", descending=True)
        .with_columns(
            rank=pl.int_range(1, pl.len() + 1),
            profit_share=pl.col("net_profit") / pl.col("net_profit").clip(lower_bound=0).sum(),
            cumulative_share=pl.col("net_profit").clip(lower_bound=0).cum_sum()
            / pl.col("net_profit").clip(lower_bound=0).sum(),
            revenue_rank=pl.col("revenue").rank("ordinal", descending=True),
            volume_rank=pl.col("volume").rank("ordinal", descending=True),
        )
        .with_columns(
            abc_tier=pl.when(pl.col("net_profit") < 0)
            .then(pl.lit("D"))
            .when(pl.col("cumulative_share") - pl.col("profit_share").clip(lower_bound=0) < A_TIER)
            .then(pl.lit("A"))
            .when(pl.col("cumulative_share") - pl.col("profit_share").clip(lower_bound=0) < B_TIER)
            .then(pl.lit("B"))
            .otherwise(pl.lit("C"))
        )
        .collect()
    )
    positive = customers["net_profit"].clip(lower_bound=0)
    total = float(positive.sum())
    whale = customers["net_profit"].cum_sum()
    peak = int(whale.arg_max() or 0)
    portfolio = {
        "customers": customers.height,
        "share_of_customers_for_80pct": ((customers["cumulative_share"] < 0.8).sum() + 1) / customers.height,
        "top5_share": float(positive.head(5).sum()) / total,
        "top20_share": float(positive.head(20).sum()) / total,
        "whale_peak": whale[peak],
        "whale_peak_customers": peak + 1,
        "tail_destroys": whale[peak] - whale[-1],
        "loss_making_customers": int((customers["net_profit"] < 0).sum()),
    }
    customers.write_csv(out)
    with open(out + ".json", "w", encoding="utf-8") as file:
        json.dump(portfolio, file)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
