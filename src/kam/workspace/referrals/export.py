"""Referrals as rows for an export: one row per account a referrer brought (among those the reader may
see), read from the same credits as the API's list."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict
from sqlalchemy.orm import Session

from kam.workspace.listing import MAX_PER_PAGE, Page, PageRequest, counted_page
from kam.workspace.referrals.schemas import ReferralCredit, ReferralFilters
from kam.workspace.referrals.service import referral_credits


class ReferralRow(BaseModel):
    """An account and the referrer that brought it, and when."""

    model_config = ConfigDict(frozen=True)

    referrer: str
    referrer_name: str
    account: str
    account_name: str
    referred_on: dt.date | None


def referral_rows(session: Session, filters: ReferralFilters, request: PageRequest) -> Page[ReferralRow]:
    """One page of referral rows; the page is cut from every credit (a referrer's accounts stay in one
    list, so the rows are made from all of them first)."""
    credits: list[ReferralCredit] = []
    page = 1
    while True:
        listed = referral_credits(session, filters, PageRequest(page=page, per_page=MAX_PER_PAGE))
        credits += listed.items
        if len(credits) >= listed.total or not listed.items:
            break
        page += 1
    rows = [
        ReferralRow(
            referrer=credit.referrer,
            referrer_name=credit.name,
            account=referred.code,
            account_name=referred.name,
            referred_on=referred.referred_on,
        )
        for credit in credits
        for referred in credit.referred
    ]
    return counted_page(rows[request.offset : request.offset + request.per_page], len(rows), request)
