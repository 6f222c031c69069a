"""Buying patterns that need a customer's orders one by one: its buying episodes, and a young account's
trajectory since its first order.

A purchase is often invoiced or shipped as several orders within a few days (a group or project
purchase): orders placed less than `episode_days` after the first order of a purchase belong to it, and
the purchase is one *buying episode*. One-off buyers and lapsed customers are judged by episodes, not by
order lines (DOMAIN.md §7). An episode is anchored at its first order, so a customer who orders every few
days forms a new episode every `episode_days`, never one endless one.

Walking each customer's orders in date order costs a sort of every order, several times the whole
customer aggregation on a large portfolio; only the customers a verdict could turn on need it
(kam.analytics.verdicts.needs_patterns), and their orders are few. The walk runs on NumPy over the
collected orders of those customers, the same for every engine.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import narwhals as nw
import numpy as np
import polars as pl

from kam.analytics.settings import ValueSettings

PATTERN_COLUMNS: dict[str, pl.DataType] = {
    "episodes": pl.Int64(),
    "largest_episode": pl.Float64(),
    "first_half_orders": pl.Int64(),
    "second_half_orders": pl.Int64(),
    "first_half_average": pl.Float64(),
    "second_half_average": pl.Float64(),
}
EPOCH = dt.date(1970, 1, 1)


def episode_starts(customer: np.ndarray, days: np.ndarray, episode_days: int) -> np.ndarray:
    """Which orders start a buying episode; orders sorted by customer (whole-number codes, in runs) and
    date (whole days). A customer's first order starts one; each later episode starts at the first order
    `episode_days` or more after the start of the one before."""
    n = days.shape[0]
    starts = np.zeros(n, dtype=bool)
    if n == 0:
        return starts
    span = int(days.max() - days.min()) + episode_days + 1
    key = customer.astype(np.int64) * span + (days - days.min())
    after = np.searchsorted(key, key + episode_days, side="left")  # the first order that far on
    first = np.flatnonzero(np.r_[True, customer[1:] != customer[:-1]])
    frontier = first
    while frontier.size:  # one step per episode of the customer with the most: vectors, not orders
        starts[frontier] = True
        ahead = after[frontier]
        inside = ahead < n
        ahead, owner = ahead[inside], frontier[inside]
        frontier = ahead[customer[ahead] == customer[owner]]
    return starts


def _walk(orders: pl.DataFrame, as_of: dt.date, settings: ValueSettings) -> pl.DataFrame:
    """The pattern columns of the customers of `orders` (customer_id, date, amount; sorted by customer
    and date)."""
    ids = orders["customer_id"]
    customer = np.cumsum(np.r_[False, (ids[1:] != ids[:-1]).to_numpy()]).astype(np.int64)
    days = (orders["date"].cast(pl.Int32)).to_numpy().astype(np.int64)
    amount = orders["amount"].to_numpy().astype(float)
    starts = episode_starts(customer, days, settings.episode_days)
    count = int(customer[-1]) + 1
    episode = np.cumsum(starts) - 1
    episode_sums = np.bincount(episode, weights=amount)
    episode_owner = customer[starts]
    first_episode = np.flatnonzero(np.r_[True, episode_owner[1:] != episode_owner[:-1]])
    first_order = np.flatnonzero(np.r_[True, customer[1:] != customer[:-1]])
    # a young account's time with us, split in two halves at the middle of first order .. as-of date
    first_day = days[first_order][customer]
    as_of_day = (as_of - EPOCH).days
    late = 2 * days > first_day + as_of_day
    late_orders = np.bincount(customer, weights=late, minlength=count)
    all_orders = np.bincount(customer, minlength=count)
    late_amount = np.bincount(customer, weights=amount * late, minlength=count)
    all_amount = np.bincount(customer, weights=amount, minlength=count)
    early_orders = all_orders - late_orders
    with np.errstate(invalid="ignore", divide="ignore"):
        early_average = np.where(early_orders > 0, (all_amount - late_amount) / early_orders, np.nan)
        late_average = np.where(late_orders > 0, late_amount / late_orders, np.nan)
    young_since = as_of_day - settings.trend_window_days
    young = days[first_order] > young_since  # its first order within the last trend window
    return pl.DataFrame(
        {
            "customer_id": ids.gather(first_order),
            "episodes": np.bincount(episode_owner, minlength=count),
            "largest_episode": np.maximum.reduceat(episode_sums, first_episode),
            "first_half_orders": np.where(young, early_orders, -1),
            "second_half_orders": np.where(young, late_orders, -1),
            "first_half_average": np.where(young, early_average, np.nan),
            "second_half_average": np.where(young, late_average, np.nan),
        }
    ).with_columns(
        pl.col("first_half_orders", "second_half_orders").replace(-1, None),
        pl.col("first_half_average", "second_half_average").fill_nan(None),
    )


def empty_patterns() -> pl.DataFrame:
    return pl.DataFrame(schema={"customer_id": pl.String(), **PATTERN_COLUMNS})


def buying_patterns(
    purchases: nw.LazyFrame[Any], customers: list[Any], as_of: dt.date, settings: ValueSettings
) -> nw.DataFrame[Any]:
    """Episodes, the largest episode's amount and, for a young account, its orders and average order in
    each half of its time with us, for `customers`, from their purchase orders (customer_id, date,
    amount; see kam.analytics.metrics.purchase_orders)."""
    if not customers:
        return nw.from_native(empty_patterns())
    theirs = purchases.filter(nw.col("customer_id").is_in(customers) & (nw.col("amount") > 0))
    theirs = theirs.select("customer_id", "date", "amount")
    orders = theirs.collect(backend="polars").to_native().sort("customer_id", "date")
    if orders.height == 0:
        return nw.from_native(empty_patterns())
    found = _walk(orders.with_columns(pl.col("customer_id").cast(pl.String)), as_of, settings)
    types: dict[Any, Any] = {"customer_id": pl.String(), **PATTERN_COLUMNS}
    return nw.from_native(found.cast(types))


def with_patterns(table: nw.DataFrame[Any], found: nw.DataFrame[Any]) -> nw.DataFrame[Any]:
    """`table` with the patterns `found` for some of its customers (empty for the others), the largest
    episode's share of all each bought, and its usual gap between episodes (its first order to its last
    over the gaps between its episodes)."""
    joined = table.join(found, on="customer_id", how="left")
    return joined.with_columns(
        largest_episode_share=nw.when(nw.col("gross_sales") > 0).then(
            nw.col("largest_episode") / nw.col("gross_sales")
        ),
        episode_gap_days=nw.when(nw.col("episodes") > 1).then(
            nw.col("active_span_days") / (nw.col("episodes") - 1)
        ),
    )
