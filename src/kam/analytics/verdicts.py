"""One segment per customer (key, potential, fake kinds, lapsed, regular) and the reasons for it, as codes.

Fake verdicts beat `key`: a big customer who is one-off, thin-margin or squeezing is not a key account;
a big customer who stopped buying is `lapsed`. The rules say nothing in any language: each customer gets
`reason_codes`, the facts behind its verdict in the order they are told, and every figure a fact cites is
one of the customer's columns or a threshold of the settings (kam.render.reasons says them).
"""

from __future__ import annotations

from dataclasses import dataclass

import narwhals as nw

from kam.analytics.portfolio import rank_key
from kam.analytics.settings import ValueSettings
from kam.domain.segments import Reason, Segment

CODE_SEPARATOR = ";"  # between the codes of a customer, in accounts.csv (Parquet holds them as a list)

# a top share (big customers, the CLV top) of a portfolio too small for it still holds its first customer
MIN_TOP_CUSTOMERS = 1
# one order shows no repeat buying: a high-potential customer has ordered at least twice
POTENTIAL_MIN_ORDERS = 2
# with a net loss, this many squeeze signals are enough to make a big customer a profit squeezer
SQUEEZER_MIN_SIGNALS_AT_A_LOSS = 1
# returns of a one-off buyer are cited from 0.1% of what it bought, the least a percentage of the reasons shows
ONE_OFF_MIN_RETURN_RATE_CITED = 0.001


def top_count(customers: int, share: float) -> int:
    """How many customers a top share of the portfolio holds: `share` of them, rounded, and at least one."""
    return max(MIN_TOP_CUSTOMERS, round(customers * share))


def _ranks(frame: nw.DataFrame, has_volume: bool, has_clv: bool) -> nw.DataFrame:
    """Revenue, volume and forecast-value ranks, from the largest; equal values share the better rank."""

    def rank(column: str, known: bool) -> nw.Expr:
        if not known:
            return nw.lit(None, nw.Int64)
        return rank_key(column).rank(method="min", descending=True).cast(nw.Int64)

    return frame.with_columns(
        revenue_rank=rank("revenue", True),
        volume_rank=rank("volume", has_volume),
        clv_rank=rank("clv_12m", has_clv),
    )


def _at_least(cols: set[str], column: str, threshold: float) -> nw.Expr:
    """`column` at or above `threshold`; false where it is unknown or the table has no such column."""
    return (nw.col(column) >= threshold).fill_null(False) if column in cols else nw.lit(False)


@dataclass(frozen=True)
class Verdict:
    """A segment, whether a customer meets it, and the facts that tell why: each fact with the condition
    under which it is cited (True: always; False: never, its figures are unknown)."""

    segment: Segment
    met: nw.Expr
    facts: list[tuple[Reason, nw.Expr | bool]]


def assign_segments(frame: nw.DataFrame, median_order: float, settings: ValueSettings) -> nw.DataFrame:
    """Add the ranks, `squeeze_signals`, `segment` and `reason_codes` to a ranked customer table."""
    s = settings
    cols = set(frame.columns)
    n = frame.shape[0]
    has_cost = "net_profit" in cols
    has_volume = "volume" in cols
    has_clv = "p_alive" in cols and "clv_12m" in cols
    frame = _ranks(frame, has_volume, has_clv)
    cutoff = top_count(n, s.big_customer_top_share)
    big = nw.col("revenue_rank") <= cutoff
    if has_volume:
        big = big | (nw.col("volume_rank") <= cutoff)

    discount = _at_least(cols, "discount_depth", s.squeezer_min_discount)
    returns = _at_least(cols, "return_rate", s.squeezer_min_return_rate)
    paying = _at_least(cols, "payment_days", s.squeezer_min_payment_days)
    serving = _at_least(cols, "cost_to_serve_share", s.squeezer_min_cost_to_serve_share)
    signals = (
        discount.cast(nw.Int64) + returns.cast(nw.Int64) + paying.cast(nw.Int64) + serving.cast(nw.Int64)
    )
    frame = frame.with_columns(squeeze_signals=signals)

    one_off = (
        (nw.col("orders") <= s.one_off_max_orders)
        & (nw.col("largest_order_share") >= s.one_off_min_order_share).fill_null(False)
        & (nw.col("largest_order") >= s.one_off_min_order_multiple * median_order).fill_null(False)
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
    silent = nw.col("recency_days") >= s.lapsed_after_days
    gap_broken = nw.col("mean_gap_days").is_null() | (
        nw.col("recency_days") >= s.lapsed_gap_multiple * nw.col("mean_gap_days")
    )
    growing = (nw.col("revenue_trend") >= s.potential_min_growth).fill_null(False)
    unlikely_alive: nw.Expr | bool = False  # without a forecast neither is known, nor cited
    clv_top: nw.Expr | bool = False
    if has_clv:
        unlikely_alive = (nw.col("p_alive") < s.lapsed_max_p_alive).fill_null(False)
        clv_top = (nw.col("clv_rank") <= top_count(n, s.potential_clv_top_share)).fill_null(False)
        gap_broken = gap_broken | unlikely_alive
        growing = growing | clv_top
    lapsed = big & silent & gap_broken
    key = (
        (nw.col("abc_tier") == "A")
        & (nw.col("frequency_per_year") >= s.key_min_orders_per_year)
        & (nw.col("recency_days") <= s.key_max_recency_days)
        & margin_ok
    )
    potential = (
        (nw.col("recency_days") <= s.potential_max_recency_days)
        & (nw.col("frequency_per_year") >= s.potential_min_orders_per_year)
        & (nw.col("orders") >= POTENTIAL_MIN_ORDERS)
        & growing
        & margin_ok
    )
    # each verdict with the facts it is told by (a fact with a condition only where it holds), first met first
    verdicts = [
        Verdict(
            Segment.ONE_OFF_BULK,
            one_off,
            [
                (Reason.ORDERS, True),
                (Reason.LARGEST, True),
                (Reason.MULTIPLE, True),
                (Reason.RETURNED, nw.col("return_rate") >= ONE_OFF_MIN_RETURN_RATE_CITED),
            ],
        ),
        Verdict(
            Segment.PROFIT_SQUEEZER,
            squeezer,
            [
                (Reason.NET_PROFIT, True),
                (Reason.PAYMENT, paying),
                (Reason.DISCOUNT, discount),
                (Reason.RETURNS, returns),
                (Reason.COST_TO_SERVE, serving),
            ],
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
                (Reason.GAP, ~nw.col("mean_gap_days").is_null()),
                (Reason.BIG, True),
                (Reason.VOLUME, has_volume),
                (Reason.P_ALIVE, unlikely_alive),
            ],
        ),
        Verdict(
            Segment.KEY,
            key,
            [(Reason.SHARE, True), (Reason.FREQ, True), (Reason.RECENT, True), (Reason.MARGIN_OK, has_cost)],
        ),
        Verdict(
            Segment.POTENTIAL,
            potential,
            [
                (Reason.RECENT, True),
                (Reason.FREQ, True),
                (Reason.GROWTH, ~nw.col("revenue_trend").is_null()),
                (Reason.CLV, clv_top),
                (Reason.MARGIN_OK, has_cost),
            ],
        ),
        Verdict(Segment.REGULAR, nw.lit(True), [(Reason.REGULAR, True)]),
    ]
    return _judge(frame, verdicts)


def _judge(frame: nw.DataFrame, verdicts: list[Verdict]) -> nw.DataFrame:
    """Add `segment` (the first verdict met) and `reason_codes` (its facts that hold, in order).

    A customer's segment and codes follow from which verdict it met and which of that verdict's
    conditional facts hold: each customer gets a whole number saying both (the verdict's place in the
    low bits, one bit for each conditional fact above them), and each number found is turned into its
    segment and codes once, not once per customer."""
    first_met = nw.when(verdicts[0].met).then(nw.lit(0))
    for place, verdict in enumerate(verdicts[1:], start=1):
        first_met = first_met.when(verdict.met).then(nw.lit(place))
    frame = frame.with_columns(_verdict=first_met.cast(nw.Int64))  # the last verdict is always met
    conditional = [
        (place, code, condition)
        for place, verdict in enumerate(verdicts)
        for code, condition in verdict.facts
        if isinstance(condition, nw.Expr)
    ]
    place_bits = len(verdicts).bit_length()
    bits = {(place, code): bit for bit, (place, code, _) in enumerate(conditional, start=place_bits)}
    number = nw.col("_verdict")
    for place, code, condition in conditional:
        holds = ((nw.col("_verdict") == place) & condition).fill_null(False)
        number = number + holds.cast(nw.Int64) * (1 << bits[place, code])
    frame = frame.with_columns(_judged=number)
    found = frame.get_column("_judged").unique().to_list()
    if not found:  # no customers: empty columns of the types the verdicts have
        return frame.with_columns(
            segment=nw.lit(None, nw.String), reason_codes=nw.lit(None, nw.List(nw.String))
        ).drop("_verdict", "_judged")
    segments, codes = [], []
    for judged in found:
        place = judged & ((1 << place_bits) - 1)
        segments.append(verdicts[place].segment.value)
        codes.append(
            [
                code.value
                for code, condition in verdicts[place].facts
                if condition is True or ((place, code) in bits and judged >> bits[place, code] & 1)
            ]
        )
    judged_by = nw.col("_judged")
    return frame.with_columns(
        segment=judged_by.replace_strict(found, segments), reason_codes=judged_by.replace_strict(found, codes)
    ).drop("_verdict", "_judged")
