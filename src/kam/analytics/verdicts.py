"""One segment per customer (key, potential, fake kinds, lapsed, regular) and the reasons for it, as codes.

Fake verdicts beat `key`: a big customer who is one-off, thin-margin or squeezing is not a key account;
a big customer who stopped buying after an established pattern is `lapsed`. One-off buyers and lapsed
customers are judged by buying episodes (kam.analytics.patterns), a key account may be flagged at risk
(kam.analytics.risk), and the potential list is ranked by expected uplift and kept short
(kam.analytics.potential). The rules say nothing in any language: each customer gets `reason_codes`, the
facts behind its verdict in the order they are told, and every figure a fact cites is one of the
customer's columns or a threshold of the settings (kam.render.reasons says them).
"""

from __future__ import annotations

import narwhals as nw

from kam.analytics import potential, risk
from kam.analytics.judge import Verdict, judge
from kam.analytics.portfolio import rank_key
from kam.analytics.settings import ValueSettings
from kam.domain.segments import Reason, Segment

CODE_SEPARATOR = ";"  # between the codes of a customer, in accounts.csv (Parquet holds them as a list)

# a top share (big customers) of a portfolio too small for it still holds its first customer
MIN_TOP_CUSTOMERS = 1
# with a net loss, this many squeeze signals are enough to make a big customer a profit squeezer
SQUEEZER_MIN_SIGNALS_AT_A_LOSS = 1
# returns of a one-off buyer are cited from 0.1% of what it bought, the least a percentage of the reasons shows
ONE_OFF_MIN_RETURN_RATE_CITED = 0.001
# the columns kam.analytics.patterns adds (null where no verdict turns on them), with their types
PATTERNS = {
    "episodes": nw.Int64,
    "largest_episode": nw.Float64,
    "largest_episode_share": nw.Float64,
    "episode_gap_days": nw.Float64,
    "first_half_orders": nw.Int64,
    "second_half_orders": nw.Int64,
    "first_half_average": nw.Float64,
    "second_half_average": nw.Float64,
}


def top_count(customers: int, share: float) -> int:
    """How many customers a top share of the portfolio holds: `share` of them, rounded, and at least one."""
    return max(MIN_TOP_CUSTOMERS, round(customers * share))


def add_ranks(frame: nw.DataFrame) -> nw.DataFrame:
    """Revenue and volume ranks, from the largest; equal values share the better rank."""

    def rank(column: str) -> nw.Expr:
        if column not in frame.columns:
            return nw.lit(None, nw.Int64)
        return rank_key(column).rank(method="min", descending=True).cast(nw.Int64)

    return frame.with_columns(revenue_rank=rank("revenue"), volume_rank=rank("volume"))


def _at_least(cols: set[str], column: str, threshold: float) -> nw.Expr:
    """`column` at or above `threshold`; false where it is unknown or the table has no such column."""
    return (nw.col(column) >= threshold).fill_null(False) if column in cols else nw.lit(False)


def _big(frame: nw.DataFrame, s: ValueSettings) -> nw.Expr:
    """In the top big_customer_top_share by revenue or by volume (a ranked table, see add_ranks)."""
    cutoff = top_count(frame.shape[0], s.big_customer_top_share)
    return (nw.col("revenue_rank") <= cutoff) | (nw.col("volume_rank") <= cutoff).fill_null(False)


def _silent(s: ValueSettings) -> nw.Expr:
    return nw.col("recency_days") >= s.lapsed_after_days


def needs_patterns(
    frame: nw.DataFrame, median_order: float, settings: ValueSettings
) -> tuple[nw.Expr, nw.Expr]:
    """The customers a verdict could turn on their buying patterns for (kam.analytics.patterns): whose
    buying episodes it needs (those with few enough orders and enough bought to be one-off bulk buyers,
    and the big silent ones with enough orders and span to have lapsed), and whose halves of their time
    with us (the young ones that could be high potential). Each condition is one the verdict itself
    requires, so no other customer's verdict needs them."""
    s = settings
    one_off = (nw.col("orders") <= s.one_off_max_orders) & (
        nw.col("gross_sales") >= s.one_off_min_order_multiple * median_order
    )
    lapsed = (
        _big(frame, s)
        & _silent(s)
        & (nw.col("orders") >= s.lapsed_min_episodes)
        & (nw.col("active_span_days") >= s.lapsed_min_span_days)
    )
    rising = potential.young(s) & potential.base(s, "gross_margin" in frame.columns)
    return (one_off | lapsed).fill_null(False), rising.fill_null(False)


def _squeeze(frame: nw.DataFrame, s: ValueSettings) -> tuple[nw.DataFrame, dict[Reason, nw.Expr]]:
    """The table with `squeeze_signals` counted, and each signal's condition."""
    cols = set(frame.columns)
    signals = {
        Reason.PAYMENT: _at_least(cols, "payment_days", s.squeezer_min_payment_days),
        Reason.DISCOUNT: _at_least(cols, "discount_depth", s.squeezer_min_discount),
        Reason.RETURNS: _at_least(cols, "return_rate", s.squeezer_min_return_rate),
        Reason.COST_TO_SERVE: _at_least(cols, "cost_to_serve_share", s.squeezer_min_cost_to_serve_share),
    }
    count = nw.sum_horizontal(*(held.cast(nw.Int64) for held in signals.values()))
    return frame.with_columns(squeeze_signals=count), signals


def assign_segments(frame: nw.DataFrame, median_order: float, settings: ValueSettings) -> nw.DataFrame:
    """Add the ranks, `squeeze_signals`, `expected_uplift`, `potential_rank`, `segment`, `at_risk` and
    `reason_codes` to a ranked customer table (its pattern columns, where known: see needs_patterns)."""
    s = settings
    frame = frame.with_columns(
        nw.lit(None, dtype).alias(name) for name, dtype in PATTERNS.items() if name not in frame.columns
    )
    if "revenue_rank" not in frame.columns:
        frame = add_ranks(frame)
    cols = set(frame.columns)
    has_cost = "net_profit" in cols
    has_volume = "volume" in cols
    has_clv = "p_alive" in cols and "clv_12m" in cols
    big = _big(frame, s)
    frame, signals = _squeeze(frame, s)

    one_off = (
        (nw.col("orders") <= s.one_off_max_orders)
        & (nw.col("episodes") <= s.one_off_max_episodes).fill_null(False)
        & (nw.col("largest_episode_share") >= s.one_off_min_order_share).fill_null(False)
        & (nw.col("largest_episode") >= s.one_off_min_order_multiple * median_order).fill_null(False)
    )
    if has_cost:
        squeezer = big & (
            (nw.col("squeeze_signals") >= s.squeezer_min_signals)
            | ((nw.col("net_profit") < 0) & (nw.col("squeeze_signals") >= SQUEEZER_MIN_SIGNALS_AT_A_LOSS))
        )
        low_profit = (
            big
            & (nw.col("orders") >= s.low_profit_min_orders)
            & (nw.col("net_margin") < s.low_profit_max_net_margin).fill_null(True)
        )
        margin_ok: nw.Expr = (nw.col("gross_margin") >= s.key_min_margin).fill_null(False)
    else:
        squeezer = low_profit = nw.lit(False)
        margin_ok = nw.lit(True)
    unlikely_alive: nw.Expr | bool = False  # without a forecast it is neither known nor cited
    if has_clv:
        unlikely_alive = (nw.col("p_alive") < s.lapsed_max_p_alive).fill_null(False)
    established = (nw.col("episodes") >= s.lapsed_min_episodes) & (
        nw.col("active_span_days") >= s.lapsed_min_span_days
    )
    gap_broken = nw.col("recency_days") >= s.lapsed_gap_multiple * nw.col("episode_gap_days")
    lapsed = (big & _silent(s) & established & (gap_broken | unlikely_alive)).fill_null(False)
    key = (
        (nw.col("abc_tier") == "A")
        & (nw.col("frequency_per_year") >= s.key_min_orders_per_year)
        & (nw.col("recency_days") <= s.key_max_recency_days)
        & margin_ok
    )
    risks = [
        (Reason.SHRINKING, risk.shrinking(s)),
        (Reason.SLOWER, risk.slower(s)),
        (Reason.OVERDUE, risk.overdue(s)),
        *([(Reason.FADING, risk.fading(s))] if has_clv else []),
    ]
    rises = [  # a sign whose figures the table lacks is neither judged nor cited
        *([(Reason.FORECAST, potential.forecast_up(s))] if "forecast_revenue_12m" in cols else []),
        (Reason.YOUNG_BIGGER, potential.young_bigger(s)),
        (Reason.YOUNG_MORE, potential.young_more(s)),
        *([(Reason.WALLET, potential.wallet_gap(s))] if "wallet_share" in cols else []),
    ]
    rising = potential.growing(s)
    for _, condition in rises:
        rising = rising | condition
    earlier = one_off | squeezer | low_profit | lapsed | key
    candidate = (potential.base(s, has_cost) & rising & ~earlier).fill_null(False)
    frame = frame.with_columns(
        expected_uplift=potential.expected_uplift(s, "forecast_revenue_12m" in cols)
    ).with_columns(potential_rank=potential.uplift_rank(candidate))
    listed = nw.col("potential_rank") <= potential.listed_count(frame.shape[0], s)
    cut = candidate & ~listed  # a potential account beyond the list: regular, and says so
    # each verdict with the facts it is told by (a fact with a condition only where it holds), first met first
    verdicts = [
        Verdict(
            Segment.ONE_OFF_BULK,
            one_off,
            [
                (Reason.ORDERS, True),
                (Reason.EPISODES, nw.col("episodes") < nw.col("orders")),
                (Reason.LARGEST, True),
                (Reason.MULTIPLE, True),
                (Reason.RETURNED, nw.col("return_rate") >= ONE_OFF_MIN_RETURN_RATE_CITED),
            ],
        ),
        Verdict(
            Segment.PROFIT_SQUEEZER,
            squeezer,
            [(Reason.NET_PROFIT, True), *signals.items()],
        ),
        Verdict(
            Segment.LOW_PROFIT_VOLUME,
            low_profit,
            [(Reason.BIG, True), (Reason.VOLUME, has_volume), (Reason.THIN, True)],
        ),
        Verdict(
            Segment.LAPSED,
            lapsed,
            [
                (Reason.SILENT, True),
                (Reason.GAP, True),
                (Reason.BIG, True),
                (Reason.VOLUME, has_volume),
                (Reason.P_ALIVE, unlikely_alive),
            ],
        ),
        Verdict(
            Segment.KEY,
            key,
            [
                *risks,
                (Reason.SHARE, True),
                (Reason.FREQ, True),
                (Reason.RECENT, True),
                (Reason.MARGIN_OK, has_cost),
            ],
        ),
        Verdict(
            Segment.POTENTIAL,
            candidate & listed,
            [
                (Reason.GROWTH, ~nw.col("revenue_trend").is_null()),
                *rises,
                (Reason.UPLIFT, True),
                (Reason.RECENT, True),
                (Reason.PACE, True),
                (Reason.MARGIN, has_cost),
            ],
        ),
        Verdict(Segment.REGULAR, nw.lit(True), [(Reason.REGULAR, ~cut), (Reason.CUT, cut)]),
    ]
    judged = judge(frame, verdicts)
    at_risk = nw.lit(False)
    for _, condition in risks:
        at_risk = at_risk | condition
    return judged.with_columns(at_risk=(nw.col("segment") == Segment.KEY.value) & at_risk)
