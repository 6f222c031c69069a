"""Key accounts at risk: a flag on a key account, not a segment of its own (DOMAIN.md §7).

A key account is at risk when it is shrinking (revenue in the last 12 months well below the 12 before),
when its orders come further apart (in the last 12 months against the 12 before, or right now: silent for
several of its usual gaps), or when the forecast's probability that it is still buying is low. Each sign
holds or not per customer; kam.analytics.verdicts cites each one that holds, with its figures, first among
a key account's reasons.
"""

from __future__ import annotations

import narwhals as nw

from kam.analytics.settings import ValueSettings


def shrinking(s: ValueSettings) -> nw.Expr:
    """Revenue in the last 12 months at least at_risk_min_drop below the 12 before."""
    return (nw.col("revenue_trend") <= -s.at_risk_min_drop).fill_null(False)


def slower(s: ValueSettings) -> nw.Expr:
    """Orders at least at_risk_min_gap_stretch further apart in the last 12 months than in the 12 before:
    the average gap is the window over the orders in it, so the gaps compare as the counts do, inverted."""
    stretched = nw.col("orders_prev_12m") >= (1 + s.at_risk_min_gap_stretch) * nw.col("orders_last_12m")
    return ((nw.col("orders_last_12m") > 0) & stretched).fill_null(False)


def overdue(s: ValueSettings) -> nw.Expr:
    """No order for at_risk_overdue_multiple times its usual gap between orders (two orders or more on
    different days: orders all placed on one day have no usual gap to be overdue against)."""
    late = nw.col("recency_days") >= s.at_risk_overdue_multiple * nw.col("mean_gap_days")
    return ((nw.col("mean_gap_days") > 0) & late).fill_null(False)


def fading(s: ValueSettings) -> nw.Expr:
    """The forecast's probability that it is still buying below at_risk_max_p_alive."""
    return (nw.col("p_alive") < s.at_risk_max_p_alive).fill_null(False)
