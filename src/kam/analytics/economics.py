"""Profit after cost to serve, and referral credit, per customer (narwhals expressions)."""

from __future__ import annotations

import narwhals as nw

from kam.analytics.metrics import DAYS_PER_YEAR
from kam.analytics.settings import ValueSettings
from kam.clv.settings import ClvSettings


def attach_customers(metrics: nw.DataFrame, customers: nw.DataFrame | None) -> nw.DataFrame:
    """Join the customers table and credit each referrer with the customers and revenue it brought."""
    if customers is None:
        return metrics
    joined = metrics.join(customers, on="customer_id", how="left")
    if "referred_by" not in customers.columns:
        return joined
    credit = (
        joined.filter(~nw.col("referred_by").is_null())
        .group_by("referred_by")
        .agg(
            nw.col("customer_id").count().alias("referrals_made"),
            nw.col("revenue").sum().alias("referred_revenue"),
        )
        .rename({"referred_by": "customer_id"})
    )
    return joined.join(credit, on="customer_id", how="left").with_columns(
        nw.col("referrals_made").fill_null(0),
        nw.col("referred_revenue").fill_null(0.0),
    )


def profit_columns(frame: nw.DataFrame, settings: ValueSettings) -> nw.DataFrame:
    """Gross profit and margin (needs cost), discount depth (needs list amount), cost to serve, net profit.

    Cost to serve over the customer's history = yearly service cost x years observed + handling per order
    + financing of receivables (gross sales x payment days / 365 x cost of capital).
    """
    cols = set(frame.columns)
    years = nw.max_horizontal(nw.col("history_days"), nw.lit(30.0)) / DAYS_PER_YEAR
    service = nw.col("service_cost").fill_null(0.0) * years if "service_cost" in cols else nw.lit(0.0)
    financing = (
        nw.col("gross_sales") * nw.col("payment_days").fill_null(0.0) / 365.0 * settings.cost_of_capital
        if "payment_days" in cols
        else nw.lit(0.0)
    )
    handling = nw.col("orders") * settings.order_handling_cost
    out = frame.with_columns(
        financing_cost=financing,
        cost_to_serve=service + financing + handling,
    )
    if "list_sales" in cols:
        out = out.with_columns(
            discount_depth=nw.when(nw.col("list_sales") > 0).then(
                1.0 - nw.col("gross_sales") / nw.col("list_sales")
            )
        )
    if "cogs" in cols:
        out = out.with_columns(gross_profit=nw.col("revenue") - nw.col("cogs")).with_columns(
            gross_margin=nw.when(nw.col("revenue") > 0).then(nw.col("gross_profit") / nw.col("revenue")),
            net_profit=nw.col("gross_profit") - nw.col("cost_to_serve"),
        )
        out = out.with_columns(
            net_margin=nw.when(nw.col("revenue") > 0).then(nw.col("net_profit") / nw.col("revenue")),
            cost_to_serve_share=nw.when(nw.col("revenue") > 0).then(
                nw.col("cost_to_serve") / nw.col("revenue")
            ),
        )
    return out


def clv_margin(columns: list[str], settings: ClvSettings) -> nw.Expr:
    """The share of forecast revenue each customer's value is taken at: its gross margin (0 to 1) where
    cost is known, else the clv.margin setting (the margin `kam clv fit` values every customer at)."""
    if "gross_margin" in columns:
        return nw.col("gross_margin").clip(0.0, 1.0)
    return nw.lit(settings.margin)


def wallet_share(frame: nw.DataFrame) -> nw.DataFrame:
    """The share of its estimated annual demand (the customers table's `wallet`, in money, or else
    `wallet_volume`, in the unit of the quantities) that each customer bought from us in the last 12
    months; the table as it is when the customers table gives no wallet."""
    cols = set(frame.columns)
    shares = []
    if "wallet" in cols:
        shares.append(nw.when(nw.col("wallet") > 0).then(nw.col("revenue_last_12m") / nw.col("wallet")))
    if "wallet_volume" in cols and "volume_last_12m" in cols:
        shares.append(
            nw.when(nw.col("wallet_volume") > 0).then(nw.col("volume_last_12m") / nw.col("wallet_volume"))
        )
    if not shares:
        return frame
    return frame.with_columns(wallet_share=nw.coalesce(*shares) if len(shares) > 1 else shares[0])
