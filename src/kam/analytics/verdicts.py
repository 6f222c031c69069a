"""One segment per customer (key, potential, fake kinds, lapsed, regular) with its reasons in numbers.

Fake verdicts beat `key`: a big customer who is one-off, thin-margin or squeezing is not a key account;
a big customer who stopped buying is `lapsed`. Reasons are built with string expressions, not row loops.
"""

from __future__ import annotations

import re
from enum import StrEnum

import narwhals as nw

from kam.analytics.portfolio import RANK_DECIMALS, rank_key
from kam.analytics.settings import ValueSettings
from kam.i18n import Lang, ntext, text


class Segment(StrEnum):
    KEY = "key"
    POTENTIAL = "potential"
    ONE_OFF_BULK = "one_off_bulk"
    LOW_PROFIT_VOLUME = "low_profit_volume"
    PROFIT_SQUEEZER = "profit_squeezer"
    LAPSED = "lapsed"
    REGULAR = "regular"


FAKE_SEGMENTS = (Segment.ONE_OFF_BULK, Segment.LOW_PROFIT_VOLUME, Segment.PROFIT_SQUEEZER)
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def settled(expr: nw.Expr) -> nw.Expr:
    """A value as the reasons write it: first at a fixed precision, as ranks see it (sums of many lines
    differ in their last bits between engines and runs, and 307326.49999999994 and 307326.50000000006
    would be written 307326 and 307327), then rounded as shown."""
    return expr.round(RANK_DECIMALS)


def pct(expr: nw.Expr) -> nw.Expr:
    return nw.concat_str([settled(expr * 100).round(1).cast(nw.String), nw.lit("%")])


def money(expr: nw.Expr) -> nw.Expr:
    return whole(expr)


def num(expr: nw.Expr, digits: int = 1) -> nw.Expr:
    return settled(expr).round(digits).cast(nw.String)


INTEGER_LIMIT = 9e18  # below 2**63: whole numbers this large are written as integers


def whole(expr: nw.Expr) -> nw.Expr:
    """A number rounded to a whole one and written without '.0'; beyond the 64-bit integers (an order of
    1e19) it is written as a float (1e+19), not cast to an integer, which would fail."""
    rounded = settled(expr).round(0)
    fits = rounded.abs() < INTEGER_LIMIT
    integer = nw.when(fits).then(rounded).otherwise(0.0).cast(nw.Int64).cast(nw.String)
    return nw.when(fits).then(integer).otherwise(rounded.cast(nw.String))


def lit_pct(value: float) -> nw.Expr:
    return nw.lit(f"{value * 100:g}%")


def sentence(key: str, lang: Lang, **values: nw.Expr | str) -> nw.Expr:
    """Fill a catalog template with per-customer expressions (or fixed strings)."""
    return _filled(text(key, lang), values)


def counted(key: str, lang: Lang, count: nw.Expr, **values: nw.Expr | str) -> nw.Expr:
    """A sentence with plural forms in each row's form for `count` ("1 order", "2 orders"); kam's
    languages have at most two forms, one and other."""
    one, other = (_filled(ntext(key, n, lang), values) for n in (1, 2))
    return nw.when(count == 1).then(one).otherwise(other)


def _filled(template: str, values: dict[str, nw.Expr | str]) -> nw.Expr:
    parts: list[nw.Expr] = []
    position = 0
    for match in _PLACEHOLDER.finditer(template):
        if match.start() > position:
            parts.append(nw.lit(template[position : match.start()]))
        value = values[match.group(1)]
        parts.append(nw.lit(value) if isinstance(value, str) else value)
        position = match.end()
    if position < len(template):
        parts.append(nw.lit(template[position:]))
    return nw.concat_str(parts)


def _when(condition: nw.Expr, value: nw.Expr) -> nw.Expr:
    return nw.when(condition).then(value)


def _join(parts: list[nw.Expr]) -> nw.Expr:
    return nw.concat_str(parts, separator="; ", ignore_nulls=True)


def assign_segments(
    frame: nw.DataFrame, basis: str, median_order: float, settings: ValueSettings, lang: Lang
) -> nw.DataFrame:
    """Add `segment` and `reasons` (and the squeeze-signal count) to a ranked customer table."""
    s = settings
    cols = set(frame.columns)
    n = frame.shape[0]
    has_cost = "net_profit" in cols
    has_volume = "volume" in cols
    has_clv = "p_alive" in cols and "clv_12m" in cols
    frame = frame.with_columns(
        revenue_rank=rank_key("revenue").rank(method="min", descending=True).cast(nw.Int64),
        volume_rank=(
            rank_key("volume").rank(method="min", descending=True).cast(nw.Int64)
            if has_volume
            else nw.lit(None, nw.Int64)
        ),
        clv_rank=(
            rank_key("clv_12m").rank(method="min", descending=True).cast(nw.Int64)
            if has_clv
            else nw.lit(None, nw.Int64)
        ),
    )
    cutoff = max(1, round(n * s.big_customer_top_share))
    big = nw.col("revenue_rank") <= cutoff
    if has_volume:
        big = big | (nw.col("volume_rank") <= cutoff)

    discount = (
        (nw.col("discount_depth") >= s.squeezer_min_discount).fill_null(False)
        if "discount_depth" in cols
        else nw.lit(False)
    )
    returns = (nw.col("return_rate") >= s.squeezer_min_return_rate).fill_null(False)
    paying = (
        (nw.col("payment_days") >= s.squeezer_min_payment_days).fill_null(False)
        if "payment_days" in cols
        else nw.lit(False)
    )
    serving = (
        (nw.col("cost_to_serve_share") >= s.squeezer_min_cost_to_serve_share).fill_null(False)
        if has_cost
        else nw.lit(False)
    )
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
            | ((nw.col("net_profit") < 0) & (nw.col("squeeze_signals") >= 1))
        )
        low_profit = (
            big
            & (nw.col("orders") >= s.low_profit_min_orders)
            & (nw.col("net_margin") < s.low_profit_max_net_margin).fill_null(True)
        )
        margin_ok = (nw.col("gross_margin") >= s.key_min_margin).fill_null(False)
    else:
        squeezer = low_profit = nw.lit(False)
        margin_ok = nw.lit(True)
    silent = nw.col("recency_days") >= s.lapsed_after_days
    gap_broken = nw.col("mean_gap_days").is_null() | (
        nw.col("recency_days") >= s.lapsed_gap_multiple * nw.col("mean_gap_days")
    )
    unlikely_alive = (nw.col("p_alive") < s.lapsed_max_p_alive).fill_null(False) if has_clv else nw.lit(False)
    clv_top = (
        (nw.col("clv_rank") <= max(1, round(n * s.potential_clv_top_share))).fill_null(False)
        if has_clv
        else nw.lit(False)
    )
    if has_clv:
        gap_broken = gap_broken | unlikely_alive
    lapsed = big & silent & gap_broken
    key = (
        (nw.col("abc_tier") == "A")
        & (nw.col("frequency_per_year") >= s.key_min_orders_per_year)
        & (nw.col("recency_days") <= s.key_max_recency_days)
        & margin_ok
    )
    growing = (nw.col("revenue_trend") >= s.potential_min_growth).fill_null(False)
    if has_clv:
        growing = growing | clv_top
    potential = (
        (nw.col("recency_days") <= s.potential_max_recency_days)
        & (nw.col("frequency_per_year") >= s.potential_min_orders_per_year)
        & (nw.col("orders") >= 2)
        & growing
        & margin_ok
    )
    segment = (
        nw.when(one_off)
        .then(nw.lit(Segment.ONE_OFF_BULK.value))
        .when(squeezer)
        .then(nw.lit(Segment.PROFIT_SQUEEZER.value))
        .when(low_profit)
        .then(nw.lit(Segment.LOW_PROFIT_VOLUME.value))
        .when(lapsed)
        .then(nw.lit(Segment.LAPSED.value))
        .when(key)
        .then(nw.lit(Segment.KEY.value))
        .when(potential)
        .then(nw.lit(Segment.POTENTIAL.value))
        .otherwise(nw.lit(Segment.REGULAR.value))
    )
    frame = frame.with_columns(segment=segment).with_row_index("_position")
    reasons = _reasons(
        frame,
        basis,
        median_order,
        s,
        lang,
        n,
        has_cost,
        has_clv,
        {
            "discount": discount,
            "returns": returns,
            "paying": paying,
            "serving": serving,
            "unlikely_alive": unlikely_alive,
            "clv_top": clv_top,
        },
    )
    # each segment's sentences are formatted on its own rows only (most customers are regular)
    parts = [
        part.with_columns(reasons=reasons.get(Segment(seg), reasons[Segment.REGULAR]))
        for seg in frame.get_column("segment").unique().to_list()
        if (part := frame.filter(nw.col("segment") == seg)).shape[0]
    ]
    if not parts:
        return frame.with_columns(reasons=nw.lit(None, nw.String)).drop("_position")
    return nw.concat(parts).sort("_position").drop("_position")


def _reasons(
    frame: nw.DataFrame,
    basis: str,
    median_order: float,
    s: ValueSettings,
    lang: Lang,
    n: int,
    has_cost: bool,
    has_clv: bool,
    signals: dict[str, nw.Expr],
) -> dict[Segment, nw.Expr]:
    """The reasons sentence of each segment, as an expression over that segment's rows."""
    cols = set(frame.columns)
    basis_label = text(f"basis.{basis}", lang)
    recency = whole(nw.col("recency_days"))
    share = sentence(
        "r.share",
        lang,
        share=pct(nw.col("profit_share")),
        basis=basis_label,
        rank=nw.col("rank").cast(nw.String),
        tier=nw.col("abc_tier"),
    )
    margin = (
        sentence("r.margin_ok", lang, gm=pct(nw.col("gross_margin")), thr=lit_pct(s.key_min_margin))
        if has_cost
        else None
    )
    key_parts = [
        share,
        sentence("r.freq", lang, opy=num(nw.col("frequency_per_year")), thr=f"{s.key_min_orders_per_year:g}"),
        sentence("r.recent", lang, recency=recency),
    ]
    one_off_parts = [
        counted("r.orders", lang, nw.col("orders"), orders=nw.col("orders").cast(nw.String)),
        sentence(
            "r.largest", lang, largest=money(nw.col("largest_order")), los=pct(nw.col("largest_order_share"))
        ),
        sentence(
            "r.multiple",
            lang,
            multiple=num(nw.col("largest_order") / max(median_order, 1e-9)),
            median=f"{median_order:,.0f}",
        ),
        _when(nw.col("return_rate") >= 0.001, sentence("r.returned", lang, rr=pct(nw.col("return_rate")))),
    ]
    big_parts = [
        sentence(
            "r.big",
            lang,
            revenue=money(nw.col("revenue")),
            rrank=nw.col("revenue_rank").cast(nw.String),
            n=str(n),
        )
    ]
    if "volume" in cols:
        big_parts.append(
            sentence(
                "r.volume",
                lang,
                volume=whole(nw.col("volume")),
                vrank=nw.col("volume_rank").cast(nw.String),
                n=str(n),
            )
        )
    squeeze_parts: list[nw.Expr] = []
    low_parts: list[nw.Expr] = []
    if has_cost:
        squeeze_parts = [
            sentence(
                "r.net_profit", lang, np=money(nw.col("net_profit")), cts=money(nw.col("cost_to_serve"))
            ),
            _when(
                signals["returns"],
                sentence(
                    "r.returns", lang, rr=pct(nw.col("return_rate")), thr=lit_pct(s.squeezer_min_return_rate)
                ),
            ),
            _when(
                signals["serving"],
                sentence(
                    "r.cts_share",
                    lang,
                    share=pct(nw.col("cost_to_serve_share")),
                    thr=lit_pct(s.squeezer_min_cost_to_serve_share),
                ),
            ),
        ]
        if "discount_depth" in cols:
            squeeze_parts.insert(
                1,
                _when(
                    signals["discount"],
                    sentence(
                        "r.discount",
                        lang,
                        d=pct(nw.col("discount_depth")),
                        thr=lit_pct(s.squeezer_min_discount),
                    ),
                ),
            )
        if "payment_days" in cols:
            squeeze_parts.insert(
                1,
                _when(
                    signals["paying"],
                    sentence(
                        "r.payment",
                        lang,
                        days=whole(nw.col("payment_days")),
                        thr=f"{s.squeezer_min_payment_days:g}",
                    ),
                ),
            )
        low_parts = [
            *big_parts,
            sentence(
                "r.thin",
                lang,
                nm=pct(nw.col("net_margin")),
                orders=nw.col("orders").cast(nw.String),
                thr=lit_pct(s.low_profit_max_net_margin),
            ),
        ]
    lapsed_parts = [
        sentence("r.silent", lang, recency=recency, thr=str(s.lapsed_after_days)),
        _when(
            ~nw.col("mean_gap_days").is_null(), sentence("r.gap", lang, gap=whole(nw.col("mean_gap_days")))
        ),
        *big_parts,
    ]
    potential_parts = [
        sentence("r.recent", lang, recency=recency),
        sentence("r.freq", lang, opy=num(nw.col("frequency_per_year")), thr=f"{s.key_min_orders_per_year:g}"),
        _when(
            ~nw.col("revenue_trend").is_null(),
            sentence(
                "r.growth",
                lang,
                trend=nw.concat_str(
                    [
                        nw.when(nw.col("revenue_trend") >= 0).then(nw.lit("+")).otherwise(nw.lit("")),
                        pct(nw.col("revenue_trend")),
                    ]
                ),
            ),
        ),
    ]
    if has_clv:
        lapsed_parts.append(
            _when(
                signals["unlikely_alive"],
                sentence("r.p_alive", lang, p=num(nw.col("p_alive"), 2), thr=f"{s.lapsed_max_p_alive:g}"),
            )
        )
        potential_parts.append(
            _when(
                signals["clv_top"],
                sentence("r.clv", lang, clv=money(nw.col("clv_12m")), thr=lit_pct(s.potential_clv_top_share)),
            )
        )
    if margin is not None:
        key_parts.append(margin)
        potential_parts.append(margin)
    regular = sentence(
        "r.regular",
        lang,
        share=pct(nw.col("profit_share")),
        basis=basis_label,
        orders=nw.col("orders").cast(nw.String),
        recency=recency,
    )
    by_segment = {
        Segment.REGULAR: regular,
        Segment.KEY: _join(key_parts),
        Segment.ONE_OFF_BULK: _join(one_off_parts),
        Segment.PROFIT_SQUEEZER: _join(squeeze_parts) if squeeze_parts else None,
        Segment.LOW_PROFIT_VOLUME: _join(low_parts) if low_parts else None,
        Segment.LAPSED: _join(lapsed_parts),
        Segment.POTENTIAL: _join(potential_parts),
    }
    return {seg: reason for seg, reason in by_segment.items() if reason is not None}
