"""What moved since an earlier analysis: the first question of a monthly or quarterly review (DOMAIN.md §7).

Two analyses' accounts are compared customer by customer: the moves between segments (from -> to, with
how many customers made each), and the accounts a manager must look at, each with the figures that
changed: those that left `key`, the new fake key accounts, the newly lapsed, and the key accounts newly
at risk. A customer new since the earlier analysis moves from no segment; one no longer in the data moves
to none.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from kam.domain.segments import FAKE_SEGMENTS, Segment

KEY = Segment.KEY.value
FAKES = frozenset(segment.value for segment in FAKE_SEGMENTS)
# the figures each list shows, before and now, where they changed
FIGURES = {
    "left_key": (
        "abc_tier",
        "profit_share",
        "revenue_last_12m",
        "revenue_trend",
        "frequency_per_year",
        "recency_days",
        "gross_margin",
    ),
    "new_fakes": (
        "revenue",
        "orders",
        "episodes",
        "largest_episode_share",
        "net_profit",
        "net_margin",
        "squeeze_signals",
    ),
    "newly_lapsed": ("recency_days", "revenue_last_12m", "p_alive"),
    "newly_at_risk": (
        "revenue_last_12m",
        "revenue_trend",
        "orders_last_12m",
        "recency_days",
        "p_alive",
    ),
}
LISTS = tuple(FIGURES)
SAME_DIGITS = 6  # figures equal at this many significant digits have not changed
_ORDER = "_order"


@dataclass(frozen=True)
class Move:
    """How many customers moved from one segment to another (None: not in that analysis)."""

    before: str | None
    now: str | None
    count: int


@dataclass(frozen=True)
class Figure:
    """One figure of an account, before and now (None: unknown, or the customer was not there)."""

    name: str
    before: Any
    now: Any


@dataclass(frozen=True)
class Changed:
    """An account on one of the lists, its segments before and now, and the figures that changed."""

    customer_id: str
    name: str | None
    before: str | None
    now: str | None
    figures: list[Figure]


@dataclass(frozen=True)
class Changes:
    """What moved between the earlier analysis (as of `previous_as_of`) and this one."""

    previous_as_of: dt.date
    moves: list[Move]
    lists: dict[str, list[Changed]] = field(default_factory=dict)
    at_risk_known: bool = True  # the earlier analysis flagged key accounts at risk (kam before that did not)

    def to_dict(self) -> dict[str, Any]:
        """As summary.json holds it."""
        return {
            "previous_as_of": self.previous_as_of.isoformat(),
            "moves": [{"from": m.before, "to": m.now, "count": m.count} for m in self.moves],
            **{
                name: [
                    {
                        "customer_id": c.customer_id,
                        "name": c.name,
                        "from": c.before,
                        "to": c.now,
                        "figures": {f.name: [f.before, f.now] for f in c.figures},
                    }
                    for c in changed
                ]
                for name, changed in self.lists.items()
            },
            "at_risk_known": self.at_risk_known,
        }


def _same(before: Any, now: Any) -> bool:
    """Equal, numbers at SAME_DIGITS significant digits (a figure read back from accounts.csv)."""
    if isinstance(before, int | float) and isinstance(now, int | float):
        return math.isclose(before, now, rel_tol=10**-SAME_DIGITS, abs_tol=10**-SAME_DIGITS)
    return bool(before == now)


def _figures(row: dict[str, Any], names: tuple[str, ...]) -> list[Figure]:
    """The figures of `names` that both analyses hold and that changed (all of them for a new customer)."""
    shown = []
    for name in names:
        now, before = row.get(name), row.get(f"{name}_before")
        if before is None and now is None:
            continue
        if row["segment_before"] is not None and _same(before, now):
            continue
        shown.append(Figure(name, before, now))
    return shown


def compare(previous: pl.DataFrame, current: pl.DataFrame, previous_as_of: dt.date) -> Changes:
    """The changes from `previous` to `current` accounts (customer_id, segment, the figures, and at_risk
    where known); each list in the order of the current accounts (by value)."""
    wanted = {"segment", "at_risk", *(c for names in FIGURES.values() for c in names)}
    earlier = previous.select(
        pl.col("customer_id").cast(pl.String),
        *(pl.col(c).alias(f"{c}_before") for c in previous.columns if c in wanted),
    )
    now = current.select(
        [c for c in current.columns if c in wanted or c in ("customer_id", "name")]
    ).with_row_index(_ORDER)
    joined = now.join(earlier, on="customer_id", how="full", coalesce=True).sort(_ORDER, nulls_last=True)
    if "segment" not in joined.columns:  # no current accounts at all
        joined = joined.with_columns(segment=pl.lit(None, pl.String))
    was, is_now = pl.col("segment_before"), pl.col("segment")
    counts = joined.filter(is_now.ne_missing(was)).group_by("segment_before", "segment").len()
    counts = counts.sort(
        ["len", "segment_before", "segment"], descending=[True, False, False], nulls_last=True
    )
    moves = [Move(before, after, int(n)) for before, after, n in counts.iter_rows()]
    at_risk_known = "at_risk_before" in joined.columns
    conditions = {
        "left_key": (was == KEY) & is_now.ne_missing(pl.lit(KEY)),
        "new_fakes": is_now.is_in(FAKES) & ~was.is_in(FAKES).fill_null(False),
        "newly_lapsed": (is_now == Segment.LAPSED.value) & was.ne_missing(pl.lit(Segment.LAPSED.value)),
    }
    if at_risk_known and "at_risk" in joined.columns:
        was_at_risk = pl.col("at_risk_before").fill_null(False)
        conditions["newly_at_risk"] = pl.col("at_risk").fill_null(False) & ~was_at_risk
    lists = {}
    for name, condition in conditions.items():
        lists[name] = [
            Changed(
                str(row["customer_id"]),
                row.get("name"),
                row["segment_before"],
                row["segment"],
                _figures(row, FIGURES[name]),
            )
            for row in joined.filter(condition.fill_null(False)).iter_rows(named=True)
        ]
    return Changes(previous_as_of, moves, lists, at_risk_known)
