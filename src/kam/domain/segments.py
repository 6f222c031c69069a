"""The verdict on each customer (DOMAIN.md §1-2) and the facts behind it, as codes.

The rules (kam.analytics.verdicts) give each customer a segment and its reason codes; the edges
(kam.render.reasons) say the codes in the reader's language, with the figures each one cites.
"""

from __future__ import annotations

from enum import StrEnum


class Segment(StrEnum):
    """What kind of customer this is: a key account, one with high potential, one of the three fake key
    accounts (假大戶), one that has lapsed, or a regular customer."""

    KEY = "key"
    POTENTIAL = "potential"
    ONE_OFF_BULK = "one_off_bulk"
    LOW_PROFIT_VOLUME = "low_profit_volume"
    PROFIT_SQUEEZER = "profit_squeezer"
    LAPSED = "lapsed"
    REGULAR = "regular"


# the fake key accounts: big customers that must not be treated as key
FAKE_SEGMENTS = (Segment.ONE_OFF_BULK, Segment.LOW_PROFIT_VOLUME, Segment.PROFIT_SQUEEZER)


class Reason(StrEnum):
    """A fact behind a verdict; the columns and settings it cites are in kam.render.reasons."""

    SHARE = "share"  # its share of the basis, rank and tier
    FREQ = "freq"  # orders a year, against key_min_orders_per_year
    MARGIN_OK = "margin_ok"  # gross margin, at least key_min_margin
    RECENT = "recent"  # days since the last order
    SHRINKING = "shrinking"  # at risk: revenue in the last 12 months against the 12 before
    SLOWER = "slower"  # at risk: orders further apart in the last 12 months than in the 12 before
    OVERDUE = "overdue"  # at risk: days without an order against its usual gap
    FADING = "fading"  # at risk: probability still buying, below at_risk_max_p_alive
    ORDERS = "orders"  # orders in all
    EPISODES = "episodes"  # its orders were fewer buying episodes (purchases)
    LARGEST = "largest"  # the largest purchase and its share of all it bought
    MULTIPLE = "multiple"  # the largest purchase against the portfolio's median order
    RETURNED = "returned"  # the share of it that was returned
    NET_PROFIT = "net_profit"  # net profit after the cost to serve
    PAYMENT = "payment"  # payment days, at least squeezer_min_payment_days
    DISCOUNT = "discount"  # discount depth, at least squeezer_min_discount
    RETURNS = "returns"  # return rate, at least squeezer_min_return_rate
    COST_TO_SERVE = "cts_share"  # cost to serve's share of revenue, at least squeezer_min_cost_to_serve_share
    BIG = "big"  # revenue and its rank among all customers
    VOLUME = "volume"  # volume and its rank among all customers
    THIN = "thin"  # net margin, below low_profit_max_net_margin, over its orders
    SILENT = "silent"  # days without an order, at least lapsed_after_days
    GAP = "gap"  # its buying episodes, over how many days, and their usual gap
    P_ALIVE = "p_alive"  # probability still active, below lapsed_max_p_alive
    GROWTH = "growth"  # revenue trend on the 12 months before
    FORECAST = "forecast"  # the forecast of the next 12 months against the last 12
    YOUNG_BIGGER = "young_bigger"  # a young account's average order, first half against second
    YOUNG_MORE = "young_more"  # a young account's orders, first half against second
    WALLET = "wallet"  # the share of its estimated annual demand it buys from us
    UPLIFT = "uplift"  # its rank by expected uplift among the potential accounts, and the uplift
    PACE = "pace"  # orders a year, without a threshold
    MARGIN = "margin"  # gross margin, without a threshold
    REGULAR = "regular"  # its share, orders and recency: no other verdict's criteria met
    CUT = "cut"  # would be high potential, but ranks beyond the length of the list
