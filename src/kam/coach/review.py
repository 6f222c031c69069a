"""An account as a coach sees it: decision-chain coverage and its score, what to say to each stakeholder,
how deep the five whys went, and the quotes that came too early; one call, one result, for the account
page, the API and the account plan alike."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kam.coach.coverage import Coverage, assess_coverage
from kam.coach.deal_coverage import DealCoverage, open_deals_coverage
from kam.coach.facts import AccountFacts
from kam.coach.findings import Finding
from kam.coach.quotes import early_quotes_in_calls, quote_gate
from kam.coach.settings import CoachSettings
from kam.coach.talking import StakeholderBrief, briefs
from kam.coach.whys import shallow_whys


@dataclass(frozen=True)
class AccountReview:
    """Everything the coach says of one account as of a day; `findings` lists the coverage findings,
    then the shallow why-chains, the deals quoted too early and the calls that quoted before discovery;
    `deals` the coverage of each open deal, with its own findings."""

    account: AccountFacts
    as_of: dt.date
    coverage: Coverage
    briefs: tuple[StakeholderBrief, ...]
    findings: tuple[Finding, ...]
    deals: tuple[DealCoverage, ...] = ()


def review_account(
    account: AccountFacts, as_of: dt.date, settings: CoachSettings | None = None
) -> AccountReview:
    s = settings or CoachSettings()
    coverage = assess_coverage(account.stakeholders, as_of, s)
    findings = (
        *coverage.findings,
        *shallow_whys(account.needs, s),
        *quote_gate(account.deals, account.needs, s),
        *early_quotes_in_calls(account.interactions),
    )
    talking = briefs(account.stakeholders, account.needs, s)
    return AccountReview(account, as_of, coverage, talking, findings, open_deals_coverage(account, as_of, s))
