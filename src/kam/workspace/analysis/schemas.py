"""The analysis on the accounts, out: a sync's summary, an account's latest analysis with its history,
the segment changes since a date, and a group's value; and the filters of the changes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from kam.domain.segments import Segment


class SyncSummary(BaseModel):
    """What `kam accounts sync` stored: the analysis's date and accounts; the accounts it created (the
    workspace lacked them; unowned), the analyses added, replaced and left as they were (the same
    folder synced again changes nothing), the deleted accounts left without it, and how many accounts
    changed segment since their analysis before."""

    model_config = ConfigDict(frozen=True)

    folder: str
    as_of: dt.date
    accounts: int
    created_accounts: list[str]
    skipped_deleted: list[str]
    added: int
    updated: int
    unchanged: int
    segment_changes: int


class ReasonPublic(BaseModel):
    """A reason of the verdict: its code and its sentence in the reader's language."""

    model_config = ConfigDict(frozen=True)

    code: str
    text: str


class Metrics(BaseModel):
    """The key figures of an account in an analysis (as of its date; margins and the trend as fractions,
    recency in days, frequency in orders a year)."""

    model_config = ConfigDict(frozen=True)

    revenue: float | None
    gross_profit: float | None
    net_profit: float | None
    gross_margin: float | None
    net_margin: float | None
    orders: int | None
    frequency_per_year: float | None
    recency_days: float | None
    revenue_trend: float | None
    revenue_last_12m: float | None


class Forecast(BaseModel):
    """The forecast: the expected value of the next 12 months (customer lifetime value), the forecast
    revenue, and the probability the customer is still buying (None when the model did not run)."""

    model_config = ConfigDict(frozen=True)

    expected_value: float | None
    forecast_revenue_12m: float | None
    p_alive: float | None


class AccountAnalysisPublic(BaseModel):
    """What one analysis found on an account, its reasons said in the reader's language; `reason_values`
    are the figures the reasons cite, as the analysis wrote them."""

    model_config = ConfigDict(frozen=True)

    account: str
    as_of: dt.date
    segment: Segment
    at_risk: bool | None
    tier: str | None
    reasons: list[ReasonPublic]
    reason_values: dict[str, Any]
    metrics: Metrics
    forecast: Forecast
    basis: str
    currency: str | None


class AnalysisSnapshot(BaseModel):
    """An account's verdict in one analysis, for its history (`changed`: its segment differs from the
    analysis before; the first one is not a change)."""

    model_config = ConfigDict(frozen=True)

    as_of: dt.date
    segment: Segment
    previous_segment: Segment | None
    changed: bool
    at_risk: bool | None
    tier: str | None
    revenue: float | None
    net_profit: float | None


class AccountAnalysisHistory(BaseModel):
    """An account's latest analysis (None while none is stored) and every analysis of it, oldest first."""

    model_config = ConfigDict(frozen=True)

    account: str
    latest: AccountAnalysisPublic | None
    history: list[AnalysisSnapshot]


class SegmentChangeFilters(BaseModel):
    """Which segment changes to list: the accounts whose segment in their latest analysis differs from
    the one in their last analysis on or before `since`."""

    model_config = ConfigDict(extra="forbid")

    since: dt.date = Field(description="Compare with the accounts' analysis on or before this day.")
    from_segment: Segment | None = Field(default=None, description="Only accounts that were in this segment.")
    to_segment: Segment | None = Field(default=None, description="Only accounts now in this segment.")


class SegmentChange(BaseModel):
    """An account whose segment changed: from its analysis on or before the day asked to its latest."""

    model_config = ConfigDict(frozen=True)

    account: str
    name: str
    from_segment: Segment
    from_as_of: dt.date
    to_segment: Segment
    to_as_of: dt.date
    at_risk: bool | None
    revenue: float | None
    net_profit: float | None


class GroupValue(BaseModel):
    """A group's value: the revenue and net profit of the parent and its subsidiaries (at every level)
    summed from the latest analysis, over the accounts the reader may see (`accounts` of them; None
    while no analysis is stored or none of them is in it)."""

    model_config = ConfigDict(frozen=True)

    accounts: int
    subsidiaries: list[str]
    revenue: float | None
    net_profit: float | None
    as_of: dt.date | None
