"""The pandas baseline's metrics written as a bare Polars script: a reference for what the engine alone costs.

Same input, same metrics, same CSV as benchmarks/pandas_baseline.py; no validation, no verdicts, no report.
`kam analyze` does all of that on the same engine, so this is a floor for kam, not a competitor.
"""

from __future__ import annotations

import datetime as dt
import sys

import polars as pl


def main(source: str, out: str) -> None:
    lines = pl.read_parquet(source)
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
            frequency_per_year=pl.col("orders")
            * 365.25
            / (pl.lit(as_of) - pl.col("first_activity")).dt.total_days().clip(lower_bound=90),
            gross_profit=pl.col("revenue") - pl.col("cogs"),
        )
        .with_columns(
            gross_margin=pl.col("gross_profit") / pl.when(pl.col("revenue") > 0).then(pl.col("revenue")),
            discount_depth=1 - pl.col("gross_sales") / pl.col("list_sales"),
            return_rate=pl.col("returns") / pl.col("gross_sales"),
            revenue_trend=pl.col("revenue_last_12m") / pl.col("revenue_prev_12m") - 1,
        )
        .sort("gross_profit", descending=True)
        .with_columns(
            profit_share=pl.col("gross_profit") / pl.col("gross_profit").clip(lower_bound=0).sum(),
            cumulative_share=pl.col("gross_profit").clip(lower_bound=0).cum_sum()
            / pl.col("gross_profit").clip(lower_bound=0).sum(),
        )
        .collect()
    )
    customers.write_csv(out)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
