"""From canonical transaction lines to the accounts table and portfolio figures: the whole analysis.

Lines -> orders -> customers runs lazily on the engine (Polars, DuckDB or Spark), with the same narwhals
expressions on each; the customer table (one row per customer, small) is then collected to Polars, where
the per-customer steps (ranking, curves, the verdicts and the codes of their reasons) run, so that every
engine gives the same figures. The analysis says nothing in any language: kam.render.reasons says the
reasons in the reader's. The forecast collects the customers' compressed histories.
"""

from __future__ import annotations

import datetime as dt
import math
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Any

import narwhals as nw
import polars as pl

from kam.analytics.economics import attach_customers, clv_margin, profit_columns, wallet_share
from kam.analytics.metrics import (
    DAYS_PER_YEAR,
    customer_metrics,
    median_order_amount,
    order_lines,
    purchase_orders,
)
from kam.analytics.patterns import buying_patterns, with_patterns
from kam.analytics.portfolio import PortfolioFigures, curve_points, figures, rank_and_tier
from kam.analytics.settings import ValueSettings
from kam.analytics.verdicts import add_ranks, assign_segments, needs_patterns
from kam.clv.settings import ClvSettings
from kam.domain.segments import Segment
from kam.errors import ImportValidationError
from kam.i18n import Notice

STREAMING_PARTITIONS = 8
ACCOUNT_COLUMNS = (
    "customer_id",
    "name",
    "owner",
    "type",
    "ownership",
    "industry",
    "segment",
    "at_risk",
    "potential_rank",
    "reasons",
    "reason_codes",
    "abc_tier",
    "rank",
    "orders",
    "frequency_per_year",
    "recency_days",
    "tenure_years",
    "first_purchase",
    "last_purchase",
    "revenue",
    "gross_sales",
    "returns",
    "return_rate",
    "volume",
    "cogs",
    "gross_profit",
    "gross_margin",
    "list_sales",
    "discount_depth",
    "payment_days",
    "service_cost",
    "financing_cost",
    "cost_to_serve",
    "cost_to_serve_share",  # a squeeze signal, cited by its reason
    "net_profit",
    "net_margin",
    "profit_share",
    "cumulative_share",
    "revenue_last_12m",
    "revenue_prev_12m",
    "revenue_trend",
    "orders_last_12m",
    "orders_prev_12m",
    "volume_last_12m",
    "largest_order",
    "largest_order_share",
    "mean_gap_days",
    "episodes",
    "largest_episode",
    "largest_episode_share",
    "episode_gap_days",
    "first_half_orders",
    "second_half_orders",
    "first_half_average",
    "second_half_average",
    "wallet",
    "wallet_volume",
    "wallet_unit",
    "wallet_share",
    "squeeze_signals",
    "referred_by",
    "referrals_made",
    "referred_revenue",
    "revenue_rank",
    "volume_rank",
    "p_alive",
    "expected_purchases_12m",
    "expected_spend",
    "clv_12m",
    "forecast_revenue_12m",
    "expected_uplift",
)


@dataclass
class Analysis:
    """The result of one analysis: accounts (one row per customer) and what describes the portfolio."""

    accounts: nw.DataFrame[Any]
    figures: PortfolioFigures
    basis: str
    as_of: dt.date
    median_order: float
    curve: list[tuple[float, float, float]]
    settings: ValueSettings  # the thresholds of the verdicts, which their reasons cite
    missing: list[str] = field(default_factory=list)
    duplicate_lines: int | None = None  # counted when the lines carry a `line_hash` column

    def segment_counts(self) -> dict[str, int]:
        counts = {seg.value: 0 for seg in Segment}
        for seg, n in self.accounts.group_by("segment").agg(nw.len()).iter_rows():
            counts[str(seg)] = int(n)
        return counts

    def at_risk(self) -> int:
        """How many key accounts are at risk."""
        return int(self.accounts["at_risk"].sum())

    def potential_qualified(self) -> int:
        """How many customers qualify as high potential, on the list or ranked beyond it."""
        return int(self.accounts["potential_rank"].count())


def in_account_order(accounts: nw.DataFrame[Any]) -> nw.DataFrame[Any]:
    """The columns of the accounts table in the order of accounts.csv (ACCOUNT_COLUMNS); others dropped."""
    return accounts.select([c for c in ACCOUNT_COLUMNS if c in accounts.columns])


def _engine(lines: nw.LazyFrame[Any], streaming: bool) -> dict[str, Any]:
    """Engine options for the one pass over the lines (only Polars takes an engine choice)."""
    return {"engine": "streaming"} if streaming and lines.implementation.is_polars() else {}


def to_polars(frame: nw.LazyFrame[Any], **engine: Any) -> nw.DataFrame[Any]:
    """Run a lazy query on its engine and bring the result to Polars (narwhals' default for Spark and DuckDB
    frames is pyarrow, on which the later steps would run differently or not at all)."""
    return frame.collect(backend="polars", **engine)


def _hold(orders: nw.LazyFrame[Any]) -> nw.LazyFrame[Any]:
    """The orders kept for the passes that follow: in memory for Polars, in the cluster's cache for Spark
    (where the lines stay); DuckDB recomputes them from its lines in each pass."""
    if orders.implementation.is_polars():
        return orders.collect().lazy()
    if orders.implementation.is_pyspark():
        return nw.from_native(orders.to_native().cache())
    return orders


def _release(orders: list[nw.LazyFrame[Any]]) -> None:
    """Drop the orders Spark cached for the passes, so that a session that goes on (a notebook) keeps
    no memory for them."""
    for part in orders:
        if part.implementation.is_pyspark():
            part.to_native().unpersist()


def _customer_partitions(lines: nw.LazyFrame[Any], count: int) -> list[nw.LazyFrame[Any]]:
    """Split the lines into `count` disjoint sets of customers (by a hash of the id), so that each
    streaming pass holds the orders of only a share of the customers. Other engines are not split."""
    if count == 1 or not lines.implementation.is_polars():
        return [lines]
    native = lines.to_native()
    bucket = pl.col("customer_id").hash(seed=11) % count
    return [nw.from_native(native.filter(bucket == i)) for i in range(count)]


def _forecast(
    purchases: nw.LazyFrame[Any], as_of: dt.date, clv: ClvSettings, warnings: list[str]
) -> nw.DataFrame[Any] | None:
    from kam.analytics.forecast import forecast_customers  # scipy only when forecasting

    return forecast_customers(purchases, as_of, clv, warnings)


def _ids(table: nw.DataFrame[Any], condition: nw.Expr) -> list[Any]:
    """The customer ids of `table` that `condition` holds for."""
    return table.filter(condition)["customer_id"].to_list()


def require_finite(table: nw.DataFrame[Any]) -> None:
    """Raise ImportValidationError naming the first customer and column whose figure is NaN or infinite.

    Cells are finite and at most 1e15 in size (see kam.io.parse), so sums cannot overflow; a ratio over a
    vanishingly small amount can (1e15 / 5e-324), and is stopped here rather than written as inf or NaN.
    """
    floats = [name for name, dtype in table.schema.items() if dtype.is_float()]
    if not floats:
        return
    broken = [~nw.col(c).is_finite().fill_null(True) for c in floats]
    bad = table.filter(nw.any_horizontal(*broken, ignore_nulls=True))
    if bad.shape[0] == 0:
        return
    row = bad.row(0)
    values = dict(zip(bad.columns, row, strict=True))
    column = next(c for c in floats if values[c] is not None and not math.isfinite(values[c]))
    raise ImportValidationError(
        Notice("not_finite_result", customer=values["customer_id"], column=column, value=values[column])
    )


def missing_inputs(columns: set[str], customers: nw.DataFrame[Any] | None) -> list[str]:
    """Catalog keys of the conclusions that missing inputs prevent (see kam.i18n 'missing.*')."""
    missing = [f"missing.{c}" for c in ("cost", "list_amount", "quantity", "order_id") if c not in columns]
    if customers is None:
        missing.append("missing.customers")
    else:
        missing += [f"missing.{c}" for c in ("payment_days", "service_cost") if c not in customers.columns]
    return missing


def analyze_lines(
    lines: nw.LazyFrame[Any],
    *,
    as_of: dt.date,
    settings: ValueSettings,
    customers: nw.DataFrame[Any] | None = None,
    clv: ClvSettings | None = None,
    warnings: list[str] | None = None,
    streaming: bool = False,
    last_date: dt.date | None = None,
) -> Analysis:
    """Compute every per-customer metric, the forecasts (with `clv`), the portfolio figures and the verdicts.

    Lines are reduced to orders once and held in memory; with `streaming` the orders stay lazy and each
    pass streams them from the source, holding only customers and purchase orders (customer, date,
    amount) in memory. Everything after, the customer-base models included, works from the orders.
    Reasons for skipped forecasts go to `warnings`. `last_date`, the date of the last line when known,
    spares a filter when no line is after `as_of`.
    """
    columns = set(lines.collect_schema().names())
    engine = _engine(lines, streaming)
    orders = [
        order_lines(part, as_of, settings, last_date=last_date)
        for part in _customer_partitions(lines, STREAMING_PARTITIONS if streaming else 1)
    ]
    if not streaming:
        orders = [_hold(part) for part in orders]
    bought = [purchase_orders(part) for part in orders]
    # Polars holds the purchase orders in memory for the models; another engine keeps them, and the
    # models' summary of them (one row per customer) is what comes back from it
    in_polars = lines.implementation.is_polars()
    held = nw.concat([to_polars(part, **engine) for part in bought]) if in_polars else nw.concat(bought)
    purchases = held.lazy()
    with ThreadPoolExecutor(max_workers=1) as pool:
        # in memory, the models' numeric work runs beside the engine's customer aggregation; streaming
        # (and DuckDB, whose connection runs one query at a time) runs them one after the other
        forecasting = (
            pool.submit(_forecast, purchases, as_of, clv, warnings if warnings is not None else [])
            if clv is not None
            else None
        )
        if forecasting is not None and (streaming or lines.implementation.is_duckdb()):
            wait([forecasting])
        metrics = nw.concat([to_polars(customer_metrics(part, as_of, settings), **engine) for part in orders])
        median_order = median_order_amount(held)  # Polars: from memory, not a (streaming) lazy pass
        table = profit_columns(attach_customers(metrics, customers), settings)
        since = (  # a `since` after the as-of date is not known yet then: tenure from the first activity
            nw.when(nw.col("since") <= nw.lit(as_of)).then(nw.col("since"))
            if "since" in table.columns
            else nw.col("first_activity")
        )
        table = table.with_columns(
            tenure_years=(nw.lit(as_of) - nw.coalesce(since, nw.col("first_activity"))).dt.total_seconds()
            / 86400.0
            / DAYS_PER_YEAR
        )
        table = add_ranks(wallet_share(table))
        episodic, young = needs_patterns(table, median_order, settings)  # the models' work goes on beside
        episodic_ids, young_ids = _ids(table, episodic), _ids(table, young)
        found = buying_patterns(purchases, episodic_ids, young_ids, as_of, settings)
        forecasts = forecasting.result() if forecasting is not None else None
    _release(orders)
    table = with_patterns(table, found)
    if forecasts is not None and clv is not None:
        table = table.join(forecasts, on="customer_id", how="left")
        table = table.with_columns(
            clv_12m=nw.col("clv_revenue_12m") * clv_margin(table.columns, clv),
            forecast_revenue_12m=nw.col("expected_purchases_12m") * nw.col("expected_spend"),
        )
    require_finite(table)
    basis = "net_profit" if "net_profit" in table.columns else "revenue"
    ranked = rank_and_tier(table, basis, settings)
    judged = assign_segments(ranked, median_order, settings)
    ordered = in_account_order(judged)
    return Analysis(
        accounts=ordered,
        figures=figures(ordered, basis),
        basis=basis,
        as_of=as_of,
        median_order=median_order,
        curve=curve_points(ordered, basis),
        settings=settings,
        missing=missing_inputs(columns, customers),
        duplicate_lines=int(metrics["duplicate_lines"].sum())
        if "duplicate_lines" in metrics.columns
        else None,
    )
