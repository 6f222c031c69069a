"""Per-customer value metrics as dataframe expressions (narwhals), so one code path runs on Polars or Spark.

The heavy step, transaction lines to orders to customers, stays lazy on the engine; it uses only
column arithmetic and simple group-by aggregations, which every narwhals backend supports.
"""

from __future__ import annotations

import datetime as dt

import narwhals as nw

from kam.analytics.settings import ValueSettings
from kam.dates import days_between
from kam.io.mapping import LINE_HASH  # optional: a hash of each whole line, to count exact duplicates

DAYS_PER_YEAR = 365.25
OPTIONAL_SUMS = ("quantity", "cost", "list_amount")


def order_lines(
    lines: nw.LazyFrame, as_of: dt.date, settings: ValueSettings, *, last_date: dt.date | None = None
) -> nw.LazyFrame:
    """One row per customer order: its date (the first of its lines), net and gross amounts, optional sums.

    Lines after `as_of` are left out (no filter is needed when `last_date`, the last line's date, is known
    and not after it). Only sums that need the sign of each line are taken here; everything else is
    derived per order, a quarter of the rows.
    """
    names = set(lines.collect_schema().names())
    if last_date is None or last_date > as_of:
        lines = lines.filter(nw.col("date") <= nw.lit(as_of))
    prepared = lines.with_columns(gross=nw.col("amount").clip(lower_bound=0.0))
    if "list_amount" in names:
        prepared = prepared.with_columns(
            list_gross=nw.when(nw.col("amount") > 0).then(nw.col("list_amount")).otherwise(0.0)
        )
    keys = ["customer_id", "order_id"] if "order_id" in names else ["customer_id", "date"]
    sums = ["amount", "gross"]
    sums += [c for c in (*OPTIONAL_SUMS, "list_gross") if c in prepared.collect_schema().names()]
    aggs = [nw.col(c).sum() for c in sums]
    if "order_id" in names:
        aggs.append(nw.col("date").min())
    if LINE_HASH in names:  # exact duplicates share customer and order, so they are counted per order
        aggs += [nw.len().alias("lines"), nw.col(LINE_HASH).n_unique().alias("distinct_lines")]
    return prepared.group_by(keys).agg(*aggs)


def purchase_orders(orders: nw.LazyFrame) -> nw.LazyFrame:
    """What the customer-base models learn from, as customer_id, date, amount: the orders with a positive
    net amount, and those of free goods only (every line priced 0, as CDNOW's $0 purchases, which its
    published figures count). Returns, and orders cancelled or returned down to nothing, are not purchases."""
    free = (nw.col("amount") == 0) & (nw.col("gross") == 0)
    return orders.filter((nw.col("amount") > 0) | free).select("customer_id", "date", "amount")


def customer_metrics(orders: nw.LazyFrame, as_of: dt.date, settings: ValueSettings) -> nw.LazyFrame:
    """Orders, recency, tenure, revenue, volume, margin, discount depth, returns and trend per customer
    (revenue, purchase orders and volume in the last trend window and the one before).

    `orders` is what `order_lines` returns: one row per customer order.
    """
    window = dt.timedelta(days=settings.trend_window_days)
    in_last = nw.col("date") > nw.lit(as_of - window)
    in_prev = (nw.col("date") > nw.lit(as_of - 2 * window)) & ~in_last
    orders = orders.with_columns(
        is_purchase=nw.col("amount") > 0,
        last_window=nw.when(in_last).then(nw.col("amount")).otherwise(0.0),
        prev_window=nw.when(in_prev).then(nw.col("amount")).otherwise(0.0),
    ).with_columns(
        purchase_date=nw.when(nw.col("is_purchase")).then(nw.col("date")),
        purchase_amount=nw.when(nw.col("is_purchase")).then(nw.col("amount")),
        purchase_flag=nw.col("is_purchase").cast(nw.Int64),
        last_window_orders=(nw.col("is_purchase") & in_last).cast(nw.Int64),
        prev_window_orders=(nw.col("is_purchase") & in_prev).cast(nw.Int64),
    )
    names = set(orders.collect_schema().names())
    if "quantity" in names:
        orders = orders.with_columns(
            last_window_volume=nw.when(in_last).then(nw.col("quantity")).otherwise(0.0)
        )
    aggs = [
        nw.col("purchase_flag").sum().alias("orders"),
        nw.col("purchase_date").min().alias("first_purchase"),
        nw.col("purchase_date").max().alias("last_purchase"),
        nw.col("date").min().alias("first_activity"),
        nw.col("amount").sum().alias("revenue"),
        nw.col("gross").sum().alias("gross_sales"),
        nw.col("purchase_amount").max().alias("largest_order"),
        nw.col("last_window").sum().alias("revenue_last_12m"),
        nw.col("prev_window").sum().alias("revenue_prev_12m"),
        nw.col("last_window_orders").sum().alias("orders_last_12m"),
        nw.col("prev_window_orders").sum().alias("orders_prev_12m"),
    ]
    if "quantity" in names:
        aggs.append(nw.col("quantity").sum().alias("volume"))
        aggs.append(nw.col("last_window_volume").sum().alias("volume_last_12m"))
    if "cost" in names:
        aggs.append(nw.col("cost").sum().alias("cogs"))
    if "list_gross" in names:
        aggs.append(nw.col("list_gross").sum().alias("list_sales"))
    if "distinct_lines" in names:
        aggs.append((nw.col("lines") - nw.col("distinct_lines")).sum().alias("duplicate_lines"))
    per_customer = orders.group_by("customer_id").agg(*aggs)
    return per_customer.with_columns(
        returns=(nw.col("gross_sales") - nw.col("revenue")).clip(lower_bound=0.0),
        recency_days=days_between(as_of, nw.col("last_purchase")),
        history_days=days_between(as_of, nw.col("first_activity")),
        active_span_days=days_between(nw.col("last_purchase"), nw.col("first_purchase")),
    ).with_columns(
        frequency_per_year=nw.col("orders")
        * DAYS_PER_YEAR
        / nw.max_horizontal(nw.col("history_days"), nw.lit(float(settings.min_observation_days))),
        mean_gap_days=nw.when(nw.col("orders") > 1).then(nw.col("active_span_days") / (nw.col("orders") - 1)),
        return_rate=nw.when(nw.col("gross_sales") > 0).then(nw.col("returns") / nw.col("gross_sales")),
        largest_order_share=nw.when(nw.col("gross_sales") > 0).then(
            nw.col("largest_order") / nw.col("gross_sales")
        ),
        revenue_trend=nw.when(nw.col("revenue_prev_12m") > 0).then(
            nw.col("revenue_last_12m") / nw.col("revenue_prev_12m") - 1.0
        ),
    )


def median_order_amount(orders: nw.LazyFrame | nw.DataFrame) -> float:
    """The median purchase order of the whole portfolio: the yardstick for a 'bulk' order (a lazy frame
    is reduced on its own engine, and only the median comes back)."""
    median = orders.filter(nw.col("amount") > 0).select(nw.col("amount").median())
    value = (median.collect(backend="polars") if isinstance(median, nw.LazyFrame) else median).item()
    return float(value) if value is not None else 0.0
