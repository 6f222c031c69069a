"""High potential means growth (DOMAIN.md §1): a customer whose future looks bigger than its past.

A customer is a candidate when it buys recently and often, in more than one buying episode, at a healthy
margin, its revenue is not falling, and one sign of growth holds: revenue well up on the year before, a
forecast well above what it bought in the last 12 months, a young account whose orders grow in size or
number, or a small share of its estimated annual demand (its wallet). Candidates are ranked by the
expected uplift of the next 12 months, and the list keeps the first few (a count and a share of all
customers), so that a manager can follow each one up.
"""

from __future__ import annotations

import narwhals as nw

from kam.analytics.portfolio import RANK_DECIMALS, rank_key
from kam.analytics.settings import ValueSettings

MIN_LISTED = 1  # a list capped by a share of a small portfolio still holds its first account
RANK_LAST = -1e300  # a candidate whose uplift is unknown ranks after every known one


def days_since_first_order() -> nw.Expr:
    return nw.col("active_span_days") + nw.col("recency_days")


def young(s: ValueSettings) -> nw.Expr:
    """First order within the last trend window (so no 12 months before to compare), and at least
    potential_young_min_days ago (a trajectory to judge)."""
    age = days_since_first_order()
    return (age < s.trend_window_days) & (age >= s.potential_young_min_days)


def growing(s: ValueSettings) -> nw.Expr:
    return (nw.col("revenue_trend") >= s.potential_min_growth).fill_null(False)


def forecast_up(s: ValueSettings) -> nw.Expr:
    """The forecast of the next 12 months well above the last 12 months' revenue (which was positive)."""
    above = nw.col("forecast_revenue_12m") >= (1 + s.potential_min_forecast_rise) * nw.col("revenue_last_12m")
    return ((nw.col("revenue_last_12m") > 0) & above).fill_null(False)


def young_bigger(s: ValueSettings) -> nw.Expr:
    """A young account whose average order grew from the first half of its time with us to the second."""
    rise = nw.col("second_half_average") >= (1 + s.potential_young_min_rise) * nw.col("first_half_average")
    return (young(s) & (nw.col("first_half_average") > 0) & rise).fill_null(False)


def young_more(s: ValueSettings) -> nw.Expr:
    """A young account that placed more orders in the second half of its time with us than in the first."""
    rise = nw.col("second_half_orders") >= (1 + s.potential_young_min_rise) * nw.col("first_half_orders")
    return (young(s) & (nw.col("first_half_orders") > 0) & rise).fill_null(False)


def wallet_gap(s: ValueSettings) -> nw.Expr:
    """It buys less than potential_max_wallet_share of its estimated annual demand from us."""
    return (nw.col("wallet_share") < s.potential_max_wallet_share).fill_null(False)


def base(s: ValueSettings, margin_known: bool) -> nw.Expr:
    """Recent, frequent, more than one buying episode (its orders span at least episode_days), a healthy
    margin where cost is known, and revenue not falling."""
    healthy = (nw.col("gross_margin") >= s.potential_min_margin).fill_null(False) if margin_known else True
    return (
        (nw.col("recency_days") <= s.potential_max_recency_days)
        & (nw.col("frequency_per_year") >= s.potential_min_orders_per_year)
        & (nw.col("active_span_days") >= s.episode_days).fill_null(False)
        & healthy
        & (nw.col("revenue_trend") >= 0).fill_null(True)
    )


def expected_uplift(s: ValueSettings, forecast: bool) -> nw.Expr:
    """What the customer is expected to buy in the next 12 months beyond the last 12: the largest of the
    forecast minus the last 12 months, last year's rise repeated (when there was a year before), and for a
    young account its pace since its first order kept up for a whole window. Models that learn from the
    whole history lag behind a customer who is rising, so the rise itself is an estimate too."""
    last = nw.col("revenue_last_12m")
    candidates: list[nw.Expr] = [
        nw.when(nw.col("revenue_prev_12m") > 0).then(last - nw.col("revenue_prev_12m")),
        # a young account is at least potential_young_min_days (one or more) old: no division by zero
        nw.when(young(s)).then(last * s.trend_window_days / days_since_first_order() - last),
    ]
    if forecast:
        candidates.append(nw.col("forecast_revenue_12m") - last)
    # a difference of two long sums keeps their last-bit noise, large beside a small uplift: kept at the
    # precision ranks see, so that every engine writes the same figure
    return nw.max_horizontal(*candidates).round(RANK_DECIMALS)


def listed_count(customers: int, s: ValueSettings) -> int:
    """How many accounts the potential list keeps: the count setting, and the share of all customers."""
    return max(MIN_LISTED, min(s.potential_max_accounts, round(customers * s.potential_max_share)))


def uplift_rank(candidate: nw.Expr) -> nw.Expr:
    """Each candidate's rank by expected uplift, largest first (ties in table order, which is by value);
    empty for everyone else."""
    key = rank_key("expected_uplift").fill_null(RANK_LAST)
    return nw.when(candidate).then(key).rank(method="ordinal", descending=True).cast(nw.Int64)
