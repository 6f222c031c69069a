"""Who brought whom (轉介紹, DOMAIN.md §3): each referrer is credited with the accounts it referred and
with their revenue and profit. Only what the reader may see counts: a referrer they may not see is not
listed, and an account they may not see is credited to nobody in their answer.

Revenue and profit (net profit) are the brought accounts' in the latest analysis stored in the workspace
(`kam accounts sync`), summed over those the reader may see and the analysis holds, with its date.
While no analysis is stored both are None, with a note that says why; the credit counts the accounts.

Services flush but never commit; this one only reads.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy.orm import Session

from kam.i18n import Lang, Notice, say
from kam.workspace.accounts.models import Account
from kam.workspace.accounts.repository import AccountRepository
from kam.workspace.analysis.queries import Money, latest_money, total
from kam.workspace.listing import PageRequest
from kam.workspace.referrals.schemas import ReferralCredit, ReferralCredits, ReferralFilters, ReferredAccount


def referral_credits(
    session: Session,
    filters: ReferralFilters | None = None,
    request: PageRequest | None = None,
    lang: Lang | str = Lang.EN,
) -> ReferralCredits:
    """One page of referrers (most accounts first, then by code), each with the accounts it brought."""
    filters, request = filters or ReferralFilters(), request or PageRequest()
    repo = AccountRepository(session)
    referred = session.scalars(
        repo.readable_statement().where(Account.referred_by_id.is_not(None)).order_by(Account.code)
    ).all()
    by_referrer: dict[int, list[Account]] = defaultdict(list)
    for account in referred:
        by_referrer[account.referred_by_id or 0].append(account)
    referrers = session.scalars(repo.readable_statement().where(Account.id.in_(sorted(by_referrer)))).all()
    if filters.referrer is not None:
        referrers = [r for r in referrers if r.code == filters.referrer]
    money = latest_money(session, [a.id for a in referred])
    credits = sorted(
        (_credit(referrer, by_referrer[referrer.id], money) for referrer in referrers),
        key=lambda c: (-c.accounts, c.referrer),
    )
    page = credits[request.offset : request.offset + request.per_page]
    return ReferralCredits(
        items=page,
        total=len(credits),
        page=request.page,
        per_page=request.per_page,
        analysis_as_of=money.as_of,
        note=say(Notice("referrals_no_analysis"), lang) if money.as_of is None else None,
    )


def _credit(referrer: Account, brought: list[Account], money: Money) -> ReferralCredit:
    known = [money.by_account[a.id] for a in brought if a.id in money.by_account]
    return ReferralCredit(
        referrer=referrer.code,
        name=referrer.name,
        accounts=len(brought),
        referred=[ReferredAccount(code=a.code, name=a.name, referred_on=a.referred_on) for a in brought],
        revenue=total(revenue for revenue, _ in known),
        profit=total(profit for _, profit in known),
    )
