"""One customer judged among nine small fillers, for the rule tables of the verdicts.

Ten customers, so the top two by revenue or by volume are big (default settings). The subject, S, starts
as a key account that meets no other rule and shows no sign of risk; a case changes only the figures it
is about.
"""

from __future__ import annotations

from typing import Any

import narwhals as nw
import polars as pl

from kam.analytics.settings import ValueSettings
from kam.analytics.verdicts import assign_segments

MEDIAN_ORDER = 1_000.0
COST = ("net_profit", "net_margin", "gross_margin", "cost_to_serve", "cost_to_serve_share")
CLV = ("p_alive", "clv_12m", "forecast_revenue_12m")

SCHEMA: dict[str, Any] = {
    "customer_id": pl.String,
    "revenue": pl.Float64,
    "volume": pl.Float64,
    "orders": pl.Int64,
    "frequency_per_year": pl.Float64,
    "recency_days": pl.Int64,
    "active_span_days": pl.Int64,
    "mean_gap_days": pl.Float64,
    "revenue_last_12m": pl.Float64,
    "revenue_prev_12m": pl.Float64,
    "revenue_trend": pl.Float64,
    "orders_last_12m": pl.Int64,
    "orders_prev_12m": pl.Int64,
    "episodes": pl.Int64,
    "largest_episode": pl.Float64,
    "largest_episode_share": pl.Float64,
    "episode_gap_days": pl.Float64,
    "first_half_orders": pl.Int64,
    "second_half_orders": pl.Int64,
    "first_half_average": pl.Float64,
    "second_half_average": pl.Float64,
    "wallet_share": pl.Float64,
    "return_rate": pl.Float64,
    "abc_tier": pl.String,
    "profit_share": pl.Float64,
    "rank": pl.Int64,
    "net_profit": pl.Float64,
    "net_margin": pl.Float64,
    "gross_margin": pl.Float64,
    "cost_to_serve": pl.Float64,
    "cost_to_serve_share": pl.Float64,
    "discount_depth": pl.Float64,
    "payment_days": pl.Float64,
    "p_alive": pl.Float64,
    "clv_12m": pl.Float64,
    "forecast_revenue_12m": pl.Float64,
}

# a key account: tier A, monthly orders, recent, healthy margin, steady; first by revenue, last by volume
KEY: dict[str, Any] = {
    "customer_id": "S",
    "revenue": 1_000_000.0,
    "volume": 5.0,
    "orders": 24,
    "frequency_per_year": 12.0,
    "recency_days": 10,
    "active_span_days": 700,
    "mean_gap_days": 30.0,
    "revenue_last_12m": 500_000.0,
    "revenue_prev_12m": 500_000.0,
    "revenue_trend": 0.0,
    "orders_last_12m": 12,
    "orders_prev_12m": 12,
    "episodes": None,
    "largest_episode": None,
    "largest_episode_share": None,
    "episode_gap_days": None,
    "first_half_orders": None,
    "second_half_orders": None,
    "first_half_average": None,
    "second_half_average": None,
    "wallet_share": None,
    "return_rate": 0.0,
    "abc_tier": "A",
    "profit_share": 0.5,
    "rank": 1,
    "net_profit": 150_000.0,
    "net_margin": 0.15,
    "gross_margin": 0.3,
    "cost_to_serve": 5_000.0,
    "cost_to_serve_share": 0.005,
    "discount_depth": 0.0,
    "payment_days": 30.0,
    "p_alive": 0.95,
    "clv_12m": 10.0,
    "forecast_revenue_12m": 500_000.0,
}


def filler(i: int) -> dict[str, Any]:
    """A small regular customer that buys twice a year; revenue 1,000 to 9,000, volume 10 to 90."""
    return {
        **KEY,
        "customer_id": f"F{i}",
        "revenue": 1_000.0 * (i + 1),
        "volume": 10.0 * (i + 1),
        "orders": 4,
        "frequency_per_year": 2.0,
        "recency_days": 60,
        "active_span_days": 540,
        "mean_gap_days": 180.0,
        "revenue_last_12m": 500.0 * (i + 1),
        "revenue_prev_12m": 500.0 * (i + 1),
        "orders_last_12m": 2,
        "orders_prev_12m": 2,
        "abc_tier": "C",
        "profit_share": 0.01,
        "rank": 10 - i,
        "net_profit": 100.0,
        "net_margin": 0.1,
        "gross_margin": 0.2,
        "cost_to_serve": 10.0,
        "cost_to_serve_share": 0.01,
        "p_alive": 0.9,
        "clv_12m": 100.0 * (i + 1),
        "forecast_revenue_12m": 500.0 * (i + 1),
    }


def judge_all(
    subject: dict[str, Any],
    *,
    drop: tuple[str, ...] = (),
    settings: ValueSettings | None = None,
    fillers: int = 9,
    filler_change: dict[str, Any] | None = None,
    median_order: float = MEDIAN_ORDER,
    others: list[dict[str, Any]] | None = None,
) -> pl.DataFrame:
    """The subject S, the fillers and any `others` (each a change to KEY with its own customer_id),
    judged together."""
    rows = [
        {**KEY, **subject},
        *({**KEY, **other} for other in others or []),
        *({**filler(i), **(filler_change or {})} for i in range(fillers)),
    ]
    frame = pl.DataFrame(rows, schema=SCHEMA).drop(drop)
    judged = assign_segments(nw.from_native(frame), median_order, settings or ValueSettings())
    return judged.to_native()


def judge(subject: dict[str, Any], **options: Any) -> dict[str, Any]:
    """S's row once judged."""
    return judge_all(subject, **options).filter(pl.col("customer_id") == "S").row(0, named=True)
