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


def _episodes(orders: pl.DataFrame, settings: ValueSettings) -> pl.DataFrame:
    """Episodes and the largest one's amount of each customer of `orders` (code, customer_id, date,
    amount; `code` a whole number per customer). The orders are put in customer and date order by one
    whole-number key, several times faster than sorting by the text of the ids."""
    day = orders["date"].cast(pl.Int64)
    key = orders["code"].cast(pl.UInt64) * 2**32 + (day - day.min()).cast(pl.UInt64)
    ordered = orders.with_columns(_key=key).sort("_key")
    code = ordered["code"].to_numpy().astype(np.int64)
    customer = np.cumsum(np.r_[False, code[1:] != code[:-1]]).astype(np.int64)
    days = ordered["date"].cast(pl.Int64).to_numpy()
    starts = episode_starts(customer, days, settings.episode_days)
    episode_sums = np.bincount(np.cumsum(starts) - 1, weights=ordered["amount"].to_numpy().astype(float))
    owner = customer[starts]
    first_episode = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])
    first_order = np.flatnonzero(np.r_[True, customer[1:] != customer[:-1]])
    return pl.DataFrame(
        {
            "customer_id": ordered["customer_id"].gather(first_order),
            "episodes": np.bincount(owner),
            "largest_episode": np.maximum.reduceat(episode_sums, first_episode),
        }
    )


def _halves(orders: pl.DataFrame, as_of: dt.date) -> pl.DataFrame:
    """A young account's orders and average order in each half of its time with us: from its first
    order to the as-of date, split in the middle (customer_id, date, amount; in any order)."""
    first = pl.col("date").min().over("customer_id").cast(pl.Int64)
    late = 2 * pl.col("date").cast(pl.Int64) > first + (as_of - EPOCH).days
    halves = (
        orders.with_columns(_late=late)
        .group_by("customer_id")
        .agg(
            pl.len().alias("_orders"),
            pl.col("_late").sum().alias("second_half_orders"),
            pl.col("amount").sum().alias("_amount"),
            pl.col("amount").filter(pl.col("_late")).sum().alias("_late_amount"),
        )
    )
    early = pl.col("_orders") - pl.col("second_half_orders")
    return halves.select(
        "customer_id",
        early.alias("first_half_orders"),
        "second_half_orders",
        pl.when(early > 0)
        .then((pl.col("_amount") - pl.col("_late_amount")) / early)
        .alias("first_half_average"),
        pl.when(pl.col("second_half_orders") > 0)
        .then(pl.col("_late_amount") / pl.col("second_half_orders"))
        .alias("second_half_average"),
    )


def empty_patterns() -> pl.DataFrame:
    return pl.DataFrame(schema={"customer_id": pl.String(), **PATTERN_COLUMNS})


def buying_patterns(
    purchases: nw.LazyFrame[Any],
    episodic: list[Any],
    young: list[Any],
    as_of: dt.date,
    settings: ValueSettings,
) -> nw.DataFrame[Any]:
    """Episodes and the largest episode's amount of the `episodic` customers, and the orders and average
    order in each half of their time with us of the `young` ones (first order within the last trend
    window), from their purchase orders (customer_id, date, amount; see
    kam.analytics.metrics.purchase_orders)."""
    wanted = list(dict.fromkeys([*episodic, *young]))
    if not wanted:
        return nw.from_native(empty_patterns())
    theirs = purchases.filter(nw.col("customer_id").is_in(wanted) & (nw.col("amount") > 0))
    orders = theirs.select("customer_id", "date", "amount").collect(backend="polars").to_native()
    orders = orders.with_columns(pl.col("customer_id").cast(pl.String))
    found = pl.DataFrame({"customer_id": pl.Series(wanted, dtype=pl.String)})
    if episodic:
        codes = pl.DataFrame(
            {
                "customer_id": pl.Series(episodic, dtype=pl.String),
                "code": np.arange(len(episodic), dtype=np.uint32),
            }
        )
        theirs_too = orders.join(codes, on="customer_id")
        if not theirs_too.is_empty():
            found = found.join(_episodes(theirs_too, settings), on="customer_id", how="left")
    if young:
        rising = orders.filter(pl.col("customer_id").is_in(pl.Series(young, dtype=pl.String).implode()))
        found = found.join(_halves(rising, as_of), on="customer_id", how="left")
    found = found.with_columns(pl.lit(None).alias(c) for c in PATTERN_COLUMNS if c not in found.columns)
    types: dict[Any, Any] = {"customer_id": pl.String(), **PATTERN_COLUMNS}
    return nw.from_native(found.select(list(types)).cast(types))


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
