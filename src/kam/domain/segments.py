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
    ORDERS = "orders"  # orders in all
    LARGEST = "largest"  # the largest order and its share of all it bought
    MULTIPLE = "multiple"  # the largest order against the portfolio's median order
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
    GAP = "gap"  # its usual gap between orders
    P_ALIVE = "p_alive"  # probability still active, below lapsed_max_p_alive
    GROWTH = "growth"  # revenue trend on the 12 months before
    CLV = "clv"  # forecast 12-month value, in the potential_clv_top_share
    REGULAR = "regular"  # its share, orders and recency: no other verdict's criteria met
