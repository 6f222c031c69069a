"""Decision-chain coverage for each open deal (決策鏈, DOMAIN.md §4): the account's rules
(kam.coach.coverage) run on the people involved in the deal. Those are the stakeholders named on it;
when none is named, those who stated the needs it answers; when there are none either, the deal gets a
finding that nobody is linked to it rather than a score made up from nobody.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from kam.coach.coverage import Coverage, assess_coverage
from kam.coach.facts import AccountFacts, DealFacts, StakeholderFacts
from kam.coach.findings import Finding, FindingCode
from kam.coach.settings import CoachSettings


class InvolvedFrom(StrEnum):
    """Where a deal's involved stakeholders come from: named on the deal, the people who stated the needs
    it answers, or nowhere (nobody linked)."""

    NAMED = "named"
    NEEDS = "needs"
    NONE = "none"


@dataclass(frozen=True)
class DealCoverage:
    """The coverage of one open deal: who is involved and from where, the coverage of those people (None:
    nobody is linked to the deal) and the findings (the coverage's, or that nobody is linked)."""

    deal: DealFacts
    source: InvolvedFrom
    stakeholders: tuple[StakeholderFacts, ...]
    coverage: Coverage | None
    findings: tuple[Finding, ...]

    @property
    def score(self) -> int | None:
        return None if self.coverage is None else self.coverage.score


def involved(deal: DealFacts, account: AccountFacts) -> tuple[InvolvedFrom, tuple[StakeholderFacts, ...]]:
    """The account's (live) stakeholders involved in `deal`, and where they come from."""
    people = {p.id: p for p in account.stakeholders}
    named = [people[i] for i in dict.fromkeys(deal.stakeholders) if i in people]
    if named:
        return InvolvedFrom.NAMED, tuple(named)
    said_by = {n.id: n.stakeholder for n in account.needs}
    speakers = dict.fromkeys(s for n in deal.needs if (s := said_by.get(n)) is not None and s in people)
    if speakers:
        return InvolvedFrom.NEEDS, tuple(people[s] for s in speakers)
    return InvolvedFrom.NONE, ()


def deal_coverage(
    deal: DealFacts, account: AccountFacts, as_of: dt.date, settings: CoachSettings | None = None
) -> DealCoverage:
    """The coverage of one deal of `account` as of a day."""
    source, people = involved(deal, account)
    if not people:
        nobody = Finding(FindingCode.DEAL_NO_STAKEHOLDER, {"deal": deal.title}, deal.id)
        return DealCoverage(deal, source, (), None, (nobody,))
    coverage = assess_coverage(people, as_of, settings)
    return DealCoverage(deal, source, people, coverage, coverage.findings)


def open_deals_coverage(
    account: AccountFacts, as_of: dt.date, settings: CoachSettings | None = None
) -> tuple[DealCoverage, ...]:
    """The coverage of each open deal of the account (stages before won and lost), in the account's order."""
    return tuple(deal_coverage(d, account, as_of, settings) for d in account.deals if d.stage.is_open)
