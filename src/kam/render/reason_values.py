"""What each reason code says: the figures of the customer and the thresholds its sentence cites,
written one way for each kind of number (kam.render.reasons fills the catalog's sentences with them).

A code with a count is a Counted message, said in the plural form of its number; a value inside a
sentence may be one too ("45 days").
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import narwhals as nw

from kam.analytics.potential import listed_count
from kam.analytics.settings import ValueSettings
from kam.domain.languages import Lang
from kam.domain.segments import Reason
from kam.i18n import text
from kam.i18n.formats import NumberFormat, number_format
from kam.render.numbers import count, num, pct, setting, setting_pct, settled, signed_pct, whole
from kam.render.reason_numbers import Counted, Largest, Value

if TYPE_CHECKING:
    from kam.analytics.pipeline import Analysis

MEDIAN_FLOOR = 1e-9  # a median order of 0 (a portfolio of returns) is divided by this instead
# every column a reason cites (kam.render.report narrows the accounts to these and the ones it shows)
CITED = (
    "profit_share",
    "rank",
    "abc_tier",
    "frequency_per_year",
    "gross_margin",
    "recency_days",
    "orders",
    "return_rate",
    "net_profit",
    "cost_to_serve",
    "payment_days",
    "discount_depth",
    "cost_to_serve_share",
    "revenue",
    "revenue_rank",
    "volume",
    "volume_rank",
    "net_margin",
    "mean_gap_days",
    "p_alive",
    "revenue_trend",
    "revenue_last_12m",
    "revenue_prev_12m",
    "orders_last_12m",
    "orders_prev_12m",
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
    "forecast_revenue_12m",
    "expected_uplift",
    "potential_rank",
)


@dataclass(frozen=True)
class ReasonContext:
    """What the reasons cite beyond a customer's own row: the basis of the ranks, the portfolio's median
    order and number of customers, and the thresholds the verdicts used."""

    basis: str
    median_order: float
    customers: int
    settings: ValueSettings

    @classmethod
    def of(cls, analysis: Analysis) -> ReasonContext:
        return cls(analysis.basis, analysis.median_order, analysis.figures.customers, analysis.settings)

    @property
    def list_length(self) -> int:
        """The length the potential list is kept to."""
        return listed_count(self.customers, self.settings)


def _days(column: str | nw.Expr, f: NumberFormat, big: Largest) -> tuple[nw.Expr, nw.Expr]:
    """A number of days as written, and the whole number that picks its plural form."""
    if isinstance(column, str):
        days, largest = nw.col(column), big(column)
    else:
        days, largest = column, math.inf
    return whole(days, f, largest), settled(days).round(0)


def _count_days(days: str | nw.Expr, f: NumberFormat, big: Largest) -> Counted:
    """A number of days with its word ("1 day", "45 days"), inside another sentence."""
    written, number = _days(days, f, big)
    return Counted("r.count_days", number, {"days": written})


def _demand(columns: list[str], f: NumberFormat, big: Largest) -> nw.Expr:
    """A customer's estimated annual demand as its reason cites it: the wallet in money, or else the
    wallet in volume with its unit."""
    money = whole(nw.col("wallet"), f, big("wallet")) if "wallet" in columns else None
    volume = None
    if "wallet_volume" in columns:
        volume = whole(nw.col("wallet_volume"), f, big("wallet_volume"))
        if "wallet_unit" in columns:
            unit = nw.concat_str([nw.lit(" "), nw.col("wallet_unit")]).fill_null("")
            volume = nw.concat_str([volume, unit])
    if money is not None and volume is not None:
        return nw.when(nw.col("wallet") > 0).then(money).otherwise(volume)
    return money if money is not None else volume if volume is not None else nw.lit(None, nw.String)


def saying(
    code: Reason, c: ReasonContext, lang: Lang, columns: list[str], big: Largest
) -> dict[str, Value] | Counted:
    """The values of one code's sentence, or the sentence as a Counted message when it counts something;
    every number in the language's one format (`big`: the largest magnitude of a column, which tells how
    far its figures are grouped)."""
    f = number_format(lang)
    if code in POTENTIAL_CODES:
        return _potential(code, columns, f, big)
    s = c.settings
    window = s.trend_window_days
    match code:
        case Reason.SHRINKING:
            return {
                "last": whole(nw.col("revenue_last_12m"), f, big("revenue_last_12m")),
                "prev": whole(nw.col("revenue_prev_12m"), f, big("revenue_prev_12m")),
                "trend": signed_pct(nw.col("revenue_trend"), f, big("revenue_trend")),
                "thr": setting_pct(s.at_risk_min_drop, f),
            }
        case Reason.SLOWER:
            return {
                "now": _count_days(nw.lit(float(window)) / nw.col("orders_last_12m"), f, big),
                "before": _count_days(nw.lit(float(window)) / nw.col("orders_prev_12m"), f, big),
                "thr": setting_pct(s.at_risk_min_gap_stretch, f),
            }
        case Reason.OVERDUE:
            return {
                "recency": _count_days("recency_days", f, big),
                "multiple": num(nw.col("recency_days") / nw.col("mean_gap_days"), f),
                "gap": _count_days("mean_gap_days", f, big),
                "thr": setting(s.at_risk_overdue_multiple, f),
            }
        case Reason.FADING:
            return {
                "p": num(nw.col("p_alive"), f, 2, big("p_alive")),
                "thr": setting(s.at_risk_max_p_alive, f),
            }
        case Reason.EPISODES:
            values: dict[str, Value] = {
                "episodes": count(nw.col("episodes"), f, big("episodes")),
                "days": _count_days(nw.lit(float(s.episode_days)), f, big),
            }
            return Counted("r.episodes", nw.col("episodes"), values)
        case Reason.GAP:
            values = {
                "episodes": count(nw.col("episodes"), f, big("episodes")),
                "span": _count_days(nw.col("episode_gap_days") * (nw.col("episodes") - 1), f, big),
                "gap": _count_days("episode_gap_days", f, big),
            }
            return Counted("r.gap", nw.col("episodes"), values)
        case Reason.CUT:
            return {
                "rank": count(nw.col("potential_rank"), f, big("potential_rank")),
                "limit": f.write(str(c.list_length)),
            }
    return _told(code, c, lang, f, big)


POTENTIAL_CODES = frozenset(
    {
        Reason.FORECAST,
        Reason.YOUNG_BIGGER,
        Reason.YOUNG_MORE,
        Reason.WALLET,
        Reason.UPLIFT,
        Reason.PACE,
        Reason.MARGIN,
    }
)


def _potential(code: Reason, columns: list[str], f: NumberFormat, big: Largest) -> dict[str, Value] | Counted:
    """The values of a high-potential account's sentences: none cites a key account's threshold."""
    match code:
        case Reason.FORECAST:
            return {
                "forecast": whole(nw.col("forecast_revenue_12m"), f, big("forecast_revenue_12m")),
                "rise": signed_pct(nw.col("forecast_revenue_12m") / nw.col("revenue_last_12m") - 1.0, f),
                "last": whole(nw.col("revenue_last_12m"), f, big("revenue_last_12m")),
            }
        case Reason.YOUNG_BIGGER:
            return {
                "early": whole(nw.col("first_half_average"), f, big("first_half_average")),
                "late": whole(nw.col("second_half_average"), f, big("second_half_average")),
            }
        case Reason.YOUNG_MORE:
            values: dict[str, Value] = {
                "early": count(nw.col("first_half_orders"), f, big("first_half_orders")),
                "late": count(nw.col("second_half_orders"), f, big("second_half_orders")),
            }
            return Counted("r.young_more", nw.col("second_half_orders"), values)
        case Reason.WALLET:
            return {
                "share": pct(nw.col("wallet_share"), f, big("wallet_share")),
                "demand": _demand(columns, f, big),
            }
        case Reason.UPLIFT:
            return {
                "rank": count(nw.col("potential_rank"), f, big("potential_rank")),
                "uplift": whole(nw.col("expected_uplift"), f, big("expected_uplift")),
            }
        case Reason.PACE:
            return {"opy": num(nw.col("frequency_per_year"), f, largest=big("frequency_per_year"))}
        case _:  # Reason.MARGIN
            return {"gm": pct(nw.col("gross_margin"), f, big("gross_margin"))}


def _told(
    code: Reason, c: ReasonContext, lang: Lang, f: NumberFormat, big: Largest
) -> dict[str, Value] | Counted:
    """The values of the sentences of the key accounts and fake and lapsed customers."""
    s = c.settings
    match code:
        case Reason.SHARE:
            return {
                "share": pct(nw.col("profit_share"), f, big("profit_share")),
                "basis": text(f"basis.{c.basis}", lang),
                "rank": count(nw.col("rank"), f, big("rank")),
                "tier": nw.col("abc_tier"),
            }
        case Reason.FREQ:  # orders a year always show a decimal: no plural form to pick
            return {
                "opy": num(nw.col("frequency_per_year"), f, largest=big("frequency_per_year")),
                "thr": setting(s.key_min_orders_per_year, f),
            }
        case Reason.MARGIN_OK:
            return {
                "gm": pct(nw.col("gross_margin"), f, big("gross_margin")),
                "thr": setting_pct(s.key_min_margin, f),
            }
        case Reason.RECENT:
            recency, recency_n = _days("recency_days", f, big)
            return Counted("r.recent", recency_n, {"recency": recency})
        case Reason.ORDERS:
            return Counted(
                "r.orders", nw.col("orders"), {"orders": count(nw.col("orders"), f, big("orders"))}
            )
        case Reason.LARGEST:
            return {
                "largest": whole(nw.col("largest_episode"), f, big("largest_episode")),
                "los": pct(nw.col("largest_episode_share"), f, big("largest_episode_share")),
            }
        case Reason.MULTIPLE:
            median = max(c.median_order, MEDIAN_FLOOR)
            return {
                "multiple": num(
                    nw.col("largest_episode") / median, f, largest=big("largest_episode") / median
                ),
                "median": whole(nw.lit(c.median_order), f, c.median_order),
            }
        case Reason.RETURNED:
            return {"rr": pct(nw.col("return_rate"), f, big("return_rate"))}
        case Reason.NET_PROFIT:
            return {
                "np": whole(nw.col("net_profit"), f, big("net_profit")),
                "cts": whole(nw.col("cost_to_serve"), f, big("cost_to_serve")),
            }
        case Reason.PAYMENT:
            days, days_n = _days("payment_days", f, big)
            return Counted(
                "r.payment", days_n, {"days": days, "thr": setting(s.squeezer_min_payment_days, f)}
            )
        case Reason.DISCOUNT:
            return {
                "d": pct(nw.col("discount_depth"), f, big("discount_depth")),
                "thr": setting_pct(s.squeezer_min_discount, f),
            }
        case Reason.RETURNS:
            return {
                "rr": pct(nw.col("return_rate"), f, big("return_rate")),
                "thr": setting_pct(s.squeezer_min_return_rate, f),
            }
        case Reason.COST_TO_SERVE:
            return {
                "share": pct(nw.col("cost_to_serve_share"), f, big("cost_to_serve_share")),
                "thr": setting_pct(s.squeezer_min_cost_to_serve_share, f),
            }
        case Reason.BIG:
            return {
                "revenue": whole(nw.col("revenue"), f, big("revenue")),
                "rrank": count(nw.col("revenue_rank"), f, big("revenue_rank")),
                "n": f.write(str(c.customers)),
            }
        case Reason.VOLUME:
            return {
                "volume": whole(nw.col("volume"), f, big("volume")),
                "vrank": count(nw.col("volume_rank"), f, big("volume_rank")),
                "n": f.write(str(c.customers)),
            }
        case Reason.THIN:
            values: dict[str, Value] = {
                "nm": pct(nw.col("net_margin"), f, big("net_margin")),
                "orders": count(nw.col("orders"), f, big("orders")),
                "thr": setting_pct(s.low_profit_max_net_margin, f),
            }
            return Counted("r.thin", nw.col("orders"), values)
        case Reason.SILENT:
            recency, recency_n = _days("recency_days", f, big)
            return Counted(
                "r.silent", recency_n, {"recency": recency, "thr": setting(s.lapsed_after_days, f)}
            )
        case Reason.P_ALIVE:
            return {
                "p": num(nw.col("p_alive"), f, 2, big("p_alive")),
                "thr": setting(s.lapsed_max_p_alive, f),
            }
        case Reason.GROWTH:
            return {"trend": signed_pct(nw.col("revenue_trend"), f, big("revenue_trend"))}
        case _:  # Reason.REGULAR
            recency, recency_n = _days("recency_days", f, big)
            return {
                "share": pct(nw.col("profit_share"), f, big("profit_share")),
                "basis": text(f"basis.{c.basis}", lang),
                "orders": Counted(
                    "r.count_orders", nw.col("orders"), {"orders": count(nw.col("orders"), f, big("orders"))}
                ),
                "recency": Counted("r.count_days", recency_n, {"days": recency}),
            }
