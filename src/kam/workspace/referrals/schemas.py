"""Referral credits out: each referrer with the accounts it brought and their revenue and profit."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from kam.workspace.fields import Code


class ReferralFilters(BaseModel):
    """Which referrers the credits show."""

    model_config = ConfigDict(extra="forbid")

    referrer: Code | None = Field(default=None, description="Only this referrer (its code).")


class ReferredAccount(BaseModel):
    """An account a referrer brought, and when."""

    model_config = ConfigDict(frozen=True)

    code: str
    name: str
    referred_on: dt.date | None


class ReferralCredit(BaseModel):
    """A referrer credited with the accounts it brought (those the reader may see) and their revenue
    and net profit summed from the latest stored analysis (None while no analysis is stored, or when
    none of them is in it)."""

    model_config = ConfigDict(frozen=True)

    referrer: str
    name: str
    accounts: int
    referred: list[ReferredAccount]
    revenue: float | None
    profit: float | None


class ReferralCredits(BaseModel):
    """One page of referrers, most accounts brought first, the number of referrers in all, the day of
    the analysis the money comes from, and a note when there is none."""

    model_config = ConfigDict(frozen=True)

    items: list[ReferralCredit]
    total: int
    page: int
    per_page: int
    analysis_as_of: dt.date | None
    note: str | None
