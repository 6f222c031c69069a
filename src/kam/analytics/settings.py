"""The thresholds behind every verdict: named, with a default and a one-line reason each."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

from kam.domain.dates import EARLIEST_DATE
from kam.io.options import STRAY_DATE_YEARS
from kam.setting_ranges import check_order


class ValueSettings(BaseModel):
    """Thresholds for `kam analyze`; printed in the report and overridable with --config. Each has its
    range (a NaN or an infinity is never a threshold), and tier A's share is not above tier B's."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    a_tier_profit_share: float = Field(
        0.80,
        gt=0,
        le=1,
        description="Customers making up this cumulative share of profit are tier A (the Pareto core).",
    )
    b_tier_profit_share: float = Field(
        0.95,
        gt=0,
        le=1,
        description="Up to this cumulative share of profit, tier B; beyond it tier C; loss makers are tier D.",
    )
    big_customer_top_share: float = Field(
        0.20, gt=0, le=1, description="A customer in this top share by revenue or by volume counts as big."
    )
    key_min_orders_per_year: float = Field(
        4.0, ge=0, description="A key account buys often: at least this many orders a year."
    )
    key_min_margin: float = Field(
        0.15,
        ge=0,
        le=1,
        description="A key account buys at a healthy gross margin, at least this (when cost is known).",
    )
    key_max_recency_days: int = Field(
        120, ge=0, description="A key account bought within this many days of the as-of date."
    )
    at_risk_min_drop: float = Field(
        0.20,
        gt=0,
        le=1,
        description="A key account is at risk when its revenue in the last 12 months fell at least this share below the 12 before...",
    )
    at_risk_min_gap_stretch: float = Field(
        0.50,
        gt=0,
        description="...or its orders in the last 12 months came at least this much further apart than in the 12 before (0.5: every 30 days became every 45)...",
    )
    at_risk_overdue_multiple: float = Field(
        2.0,
        ge=1,
        description="...or it has not ordered for this many times its usual gap between orders...",
    )
    at_risk_max_p_alive: float = Field(
        0.80,
        ge=0,
        le=1,
        description="...or, with a forecast, its probability of still buying (P(alive)) is below this.",
    )
    episode_days: int = Field(
        7,
        ge=1,
        description="Orders placed less than this many days after the first order of a purchase belong to it: one buying episode (a purchase invoiced or shipped in several orders).",
    )
    one_off_max_orders: int = Field(
        10, ge=1, description="One-off bulk buyers placed at most this many orders in all..."
    )
    one_off_max_episodes: int = Field(2, ge=1, description="...in at most this many buying episodes...")
    one_off_min_order_share: float = Field(
        0.80,
        gt=0,
        le=1,
        description="...with their largest purchase (buying episode) at least this share of everything they bought...",
    )
    one_off_min_order_multiple: float = Field(
        5.0,
        ge=1,
        description="...and that purchase at least this many times the median order of the portfolio.",
    )
    low_profit_max_net_margin: float = Field(
        0.05,
        ge=-1,
        le=1,
        description="A big repeat buyer whose net margin after cost to serve is below this brings volume, not profit.",
    )
    low_profit_min_orders: int = Field(
        3, ge=1, description="Low-profit volume buyers are repeat buyers: at least this many orders."
    )
    squeezer_min_discount: float = Field(
        0.15,
        gt=0,
        le=1,
        description="Discount depth (1 - amount / list amount) at or above this is a squeeze signal.",
    )
    squeezer_min_return_rate: float = Field(
        0.10, gt=0, le=1, description="Returns at or above this share of gross sales are a squeeze signal."
    )
    squeezer_min_payment_days: float = Field(
        90.0, gt=0, description="Paying on average this many days or later is a squeeze signal."
    )
    squeezer_min_cost_to_serve_share: float = Field(
        0.05,
        gt=0,
        description="Cost to serve (service, handling, financing) at or above this share of revenue is a squeeze signal.",
    )
    squeezer_min_signals: int = Field(
        2,
        ge=1,
        le=4,
        description="A profit squeezer shows at least this many squeeze signals (one is enough if net profit is negative).",
    )
    lapsed_after_days: int = Field(
        180, ge=1, description="A big customer with no order for this many days..."
    )
    lapsed_gap_multiple: float = Field(
        3.0,
        ge=1,
        description="...and for this many times its usual gap between buying episodes has lapsed...",
    )
    lapsed_max_p_alive: float = Field(
        0.30,
        ge=0,
        le=1,
        description="...or, with a CLV model, when its probability of still being active is below this...",
    )
    lapsed_min_episodes: int = Field(
        3,
        ge=2,
        description="...if it had an established buying pattern: at least this many buying episodes...",
    )
    lapsed_min_span_days: int = Field(
        90, ge=0, description="...over at least this many days from its first order to its last."
    )
    potential_max_recency_days: int = Field(
        90, ge=0, description="A high-potential customer bought within this many days..."
    )
    potential_min_orders_per_year: float = Field(
        4.0, ge=0, description="...buys at least this many orders a year, in two buying episodes or more..."
    )
    potential_min_margin: float = Field(
        0.15,
        ge=0,
        le=1,
        description="...at a gross margin of at least this (when cost is known), its revenue not falling, and it is growing:",
    )
    potential_min_growth: float = Field(
        0.50,
        ge=0,
        description="its revenue in the last 12 months grew at least this much on the 12 before...",
    )
    potential_min_forecast_rise: float = Field(
        0.50,
        ge=0,
        description="...or its forecast for the next 12 months is at least this much above what it bought in the last 12...",
    )
    potential_young_min_days: int = Field(
        60,
        ge=1,
        description="...or it is a young account (first order within the last 12 months), at least this many days old...",
    )
    potential_young_min_rise: float = Field(
        0.50,
        ge=0,
        description="...whose average order or number of orders grew at least this much from the first half of its time with us to the second...",
    )
    potential_max_wallet_share: float = Field(
        0.50,
        gt=0,
        le=1,
        description="...or it buys less than this share of its estimated annual demand (the customers table's wallet) from us.",
    )
    potential_max_accounts: int = Field(
        30,
        ge=1,
        description="The potential list keeps at most this many accounts, those with the largest expected uplift...",
    )
    potential_max_share: float = Field(
        0.05, gt=0, le=1, description="...and at most this share of all customers."
    )
    cost_of_capital: float = Field(
        0.08,
        ge=0,
        le=1,
        description="Yearly cost of capital used to price the financing of receivables (payment days).",
    )
    order_handling_cost: float = Field(
        0.0,
        ge=0,
        description="Cost to serve of each order (picking, shipping, invoicing), added to the yearly service cost.",
    )
    min_observation_days: int = Field(
        90,
        ge=1,
        description="Frequency per year divides by at least this many days of history, so new customers are not inflated.",
    )
    trend_window_days: int = Field(
        365, ge=1, description="The revenue trend compares the last this-many days with the same span before."
    )
    earliest_date: dt.date = Field(
        EARLIEST_DATE,
        description="A date before this is a data error (ERPs write a missing date as 1900-01-01 or 0001-01-01): a bad cell in the transactions and the customers table.",
    )
    stray_date_years: int = Field(
        STRAY_DATE_YEARS,
        ge=1,
        description="Transaction dates more than this many years before 99% of the lines are reported as likely typos (and kept).",
    )

    ORDERED: ClassVar[tuple[tuple[str, str], ...]] = (("a_tier_profit_share", "b_tier_profit_share"),)

    @model_validator(mode="after")
    def _tiers_in_order(self) -> ValueSettings:
        check_order(self)
        return self
