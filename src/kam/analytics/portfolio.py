"""Portfolio figures: rank, share and ABC tier per customer; Pareto and whale curves; concentration."""

from __future__ import annotations

from dataclasses import asdict, dataclass

import narwhals as nw

from kam.analytics.settings import ValueSettings

RANK_DECIMALS = 6


def rank_key(column: str) -> nw.Expr:
    """A value as ranks see it: sums of many lines differ in their last bits from run to run (the engine
    adds in parallel), so equal totals are compared at a fixed precision and tie, every run alike."""
    return nw.col(column).round(RANK_DECIMALS)


@dataclass(frozen=True)
class PortfolioFigures:
    """What a sales director reads first: how concentrated the business is, and what the tail destroys."""

    basis: str
    customers: int
    total: float
    share_of_customers_for_80pct: float | None
    top5_share: float
    top20_share: float
    whale_peak: float
    whale_peak_share_of_total: float | None
    whale_peak_customers: int
    tail_destroys: float
    loss_making_customers: int

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def rank_and_tier(frame: nw.DataFrame, basis: str, settings: ValueSettings) -> nw.DataFrame:
    """Rank customers by `basis` (net profit, or revenue when cost is unknown): share, cumulative share, tier."""
    total = frame.select(nw.col(basis).clip(lower_bound=0).sum()).item()
    total = float(total) if total else 0.0
    ranked = (
        frame.with_columns(_rank_key=rank_key(basis))
        .sort(["_rank_key", "customer_id"], descending=[True, False], nulls_last=True)
        .drop("_rank_key")
        .with_row_index("rank")
    )
    ranked = ranked.with_columns(rank=nw.col("rank").cast(nw.Int64) + 1)
    ranked = ranked.with_columns(
        profit_share=(nw.col(basis) / total) if total > 0 else nw.lit(None, nw.Float64),
        cumulative_share=(nw.col(basis).clip(lower_bound=0).cum_sum() / total)
        if total > 0
        else nw.lit(None, nw.Float64),
    )
    previous = nw.col("cumulative_share") - nw.col("profit_share").clip(lower_bound=0)
    return ranked.with_columns(
        abc_tier=nw.when(nw.col(basis) < 0)
        .then(nw.lit("D"))
        .when(previous < settings.a_tier_profit_share)
        .then(nw.lit("A"))
        .when(previous < settings.b_tier_profit_share)
        .then(nw.lit("B"))
        .otherwise(nw.lit("C")),
    )


def figures(ranked: nw.DataFrame, basis: str) -> PortfolioFigures:
    """Pareto share, whale-curve peak and tail, and top-5 / top-20 concentration of a ranked table."""
    n = ranked.shape[0]
    values = ranked.select(nw.col(basis).fill_null(0.0).cum_sum().alias("cum"))["cum"]
    total = float(values[n - 1]) if n else 0.0
    positive = float(ranked.select(nw.col(basis).clip(lower_bound=0).sum()).item() or 0.0)
    peak_index = int(values.arg_max() or 0) if n else 0
    peak = float(values[peak_index]) if n else 0.0
    reach = ranked.filter(nw.col("cumulative_share") >= 0.8 - 1e-12)
    first_rank = int(reach["rank"][0]) if reach.shape[0] and positive > 0 else None
    top = [float(ranked[basis].head(k).fill_null(0.0).clip(lower_bound=0).sum()) for k in (5, 20)]
    return PortfolioFigures(
        basis=basis,
        customers=n,
        total=total,
        share_of_customers_for_80pct=first_rank / n if first_rank else None,
        top5_share=top[0] / positive if positive else 0.0,
        top20_share=top[1] / positive if positive else 0.0,
        whale_peak=peak,
        whale_peak_share_of_total=peak / total if total > 0 else None,
        whale_peak_customers=peak_index + 1 if n else 0,
        tail_destroys=peak - total,
        loss_making_customers=int(ranked.filter(nw.col(basis) < 0).shape[0]),
    )


def curve_points(ranked: nw.DataFrame, basis: str, points: int = 400) -> list[tuple[float, float, float]]:
    """Down-sampled (customer share, cumulative share of positive value, cumulative value) for the charts."""
    n = ranked.shape[0]
    if n == 0:
        return []
    cum = ranked.select(nw.col(basis).fill_null(0.0).cum_sum())[basis].to_list()
    share = ranked["cumulative_share"].fill_null(0.0).to_list()
    step = max(1, n // points)
    idx = sorted(
        {
            *range(0, n, step),
            n - 1,
            int(max(range(n), key=cum.__getitem__)),
        }
    )
    return [((i + 1) / n, float(share[i]), float(cum[i])) for i in idx]
