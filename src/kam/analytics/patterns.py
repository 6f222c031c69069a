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


def _episodes(
    code: np.ndarray, day: np.ndarray, amount: np.ndarray, count: int, episode_days: int
) -> tuple[np.ndarray, np.ndarray]:
    """Episodes and the largest one's amount of each customer, by its code (0 .. count - 1; NaN for one
    without orders), from its orders in any order. They are put in customer and date order by one
    whole-number key, several times faster than sorting by the text of the ids."""
    episodes, largest = np.full(count, np.nan), np.full(count, np.nan)
    if code.shape[0] == 0:
        return episodes, largest
    order = np.argsort(code.astype(np.int64) * 2**32 + (day - day.min()))
    code, day, amount = code[order], day[order], amount[order]
    starts = episode_starts(code, day, episode_days)
    owner = code[starts]
    first = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])
    sums = np.bincount(np.cumsum(starts) - 1, weights=amount)
    largest[owner[first]] = np.maximum.reduceat(sums, first)
    episodes[owner[first]] = np.diff(np.r_[first, owner.shape[0]])
    return episodes, largest


def _halves(
    code: np.ndarray, day: np.ndarray, amount: np.ndarray, count: int, as_of: dt.date
) -> dict[str, np.ndarray]:
    """Each customer's orders and average order in each half of its time with us, from its first order
    to the as-of date (by code, NaN for one without orders; orders in any order)."""
    first = np.full(count, np.iinfo(np.int64).max)
    np.minimum.at(first, code, day)
    late = 2 * day > first[code] + (as_of - EPOCH).days
    orders = np.bincount(code, minlength=count)
    late_orders = np.bincount(code, weights=late, minlength=count)
    late_amount = np.bincount(code, weights=amount * late, minlength=count)
    early_orders = orders - late_orders
    early_amount = np.bincount(code, weights=amount, minlength=count) - late_amount
    known = orders > 0
    with np.errstate(invalid="ignore", divide="ignore"):
        return {
            "first_half_orders": np.where(known, early_orders, np.nan),
            "second_half_orders": np.where(known, late_orders, np.nan),
            "first_half_average": np.where(known & (early_orders > 0), early_amount / early_orders, np.nan),
            "second_half_average": np.where(known & (late_orders > 0), late_amount / late_orders, np.nan),
        }


def _orders_of(purchases: nw.LazyFrame[Any], codes: pl.DataFrame) -> pl.DataFrame:
    """The purchase orders (amount > 0) of the customers of `codes`, each with the customer's code and
    flags: joined on the engine when it is Polars (one pass), else picked there and joined here."""
    bought = nw.col("amount") > 0
    if purchases.implementation.is_polars():
        native = purchases.filter(bought).select("customer_id", "date", "amount").to_native()
        return native.join(codes.lazy(), on="customer_id").collect()
    wanted = codes["customer_id"].to_list()
    theirs = purchases.filter(nw.col("customer_id").is_in(wanted) & bought)
    orders = theirs.select("customer_id", "date", "amount").collect(backend="polars").to_native()
    return orders.with_columns(pl.col("customer_id").cast(pl.String)).join(codes, on="customer_id")


def _arrays(orders: pl.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The code, day and amount of each order, as NumPy arrays."""
    return (
        orders["code"].to_numpy(),
        orders["date"].cast(pl.Int64).to_numpy(),
        orders["amount"].cast(pl.Float64).to_numpy(),
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
    """Buying episodes and the largest episode's amount of the `episodic` and `young` customers, and the
    orders and average order in each half of their time with us of the `young` ones (first order within
    the last trend window, as kam.analytics.potential.young says), from their purchase orders
    (customer_id, date, amount; see kam.analytics.metrics.purchase_orders)."""
    wanted = list(dict.fromkeys([*episodic, *young]))
    if not wanted:
        return nw.from_native(empty_patterns())
    codes = pl.DataFrame(
        {
            "customer_id": pl.Series(wanted, dtype=pl.String),
            "code": np.arange(len(wanted), dtype=np.int64),
            "_episodic": pl.Series(wanted, dtype=pl.String).is_in(
                pl.Series(episodic, dtype=pl.String).implode()
            ),
            "_young": pl.Series(wanted, dtype=pl.String).is_in(pl.Series(young, dtype=pl.String).implode()),
        }
    )
    orders = _orders_of(purchases, codes)
    count = len(wanted)
    columns: dict[str, np.ndarray] = {}
    walked = orders.filter(pl.col("_episodic"))
    columns["episodes"], columns["largest_episode"] = _episodes(
        *_arrays(walked), count=count, episode_days=settings.episode_days
    )
    columns |= _halves(*_arrays(orders.filter(pl.col("_young"))), count=count, as_of=as_of)
    found = codes.select("customer_id").with_columns(
        pl.Series(name, values).fill_nan(None).cast(PATTERN_COLUMNS[name]) for name, values in columns.items()
    )
    return nw.from_native(found)


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
