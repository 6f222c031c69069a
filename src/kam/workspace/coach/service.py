"""The coach over the workspace: an account's records read through the scoped repositories, kam.coach's
rules run on them, the findings and talking points said in the reader's language. Each look keeps the
day's coverage score (one snapshot per account per day), so the change since an earlier day can be
shown. Services flush but never commit; `kam.workspace.db.session_scope` decides.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from kam.coach.coverage import ScorePart
from kam.coach.deal_coverage import DealCoverage
from kam.coach.findings import Finding
from kam.coach.review import AccountReview, review_account
from kam.coach.settings import CoachSettings
from kam.coach.talking import StakeholderBrief
from kam.i18n import Lang
from kam.render.coach import say_finding, say_part, say_point
from kam.workspace.account_records import require_account
from kam.workspace.accounts.models import Account
from kam.workspace.accounts.repository import AccountRepository
from kam.workspace.coach.facts import account_facts
from kam.workspace.coach.models import CoverageSnapshot
from kam.workspace.coach.repository import CoverageSnapshotRepository
from kam.workspace.coach.schemas import (
    AccountCoach,
    CoachPortfolio,
    CoverageRow,
    DealCoveragePublic,
    FindingPublic,
    PortfolioSort,
    ScoreDay,
    ScorePartPublic,
    StakeholderBriefPublic,
    TalkingPointPublic,
)
from kam.workspace.db import utcnow

HISTORY_SHOWN = 30  # the days of scores an account's coach shows, the latest


def review(
    session: Session, code: str, as_of: dt.date | None = None, settings: CoachSettings | None = None
) -> tuple[Account, AccountReview]:
    """The account `code` names (among those the actor may see) and the coach's review of it."""
    account = require_account(session, code, write=False)
    day = as_of or utcnow().date()
    return account, review_account(account_facts(session, [account])[0], day, settings)


def account_coach(
    session: Session,
    code: str,
    *,
    as_of: dt.date | None = None,
    settings: CoachSettings | None = None,
    lang: Lang | str = Lang.EN,
) -> AccountCoach:
    """The coach on one account, its score of the day kept."""
    account, found = review(session, code, as_of, settings)
    previous = keep_scores(session, [(account, found)])[account.id]
    history = CoverageSnapshotRepository(session).history(account.id, found.as_of, HISTORY_SHOWN)
    return AccountCoach(
        account=account.code,
        name=account.name,
        as_of=found.as_of,
        score=found.coverage.score,
        change=_change(found, previous),
        previous=_day(previous),
        parts=_parts(found.coverage.parts, lang),
        findings=_findings(found.findings, lang),
        talking_points=[_brief(b, lang) for b in found.briefs],
        history=[ScoreDay(day=s.day, score=s.score) for s in history],
        deals=[_deal(d, lang) for d in found.deals],
    )


def _parts(parts: Sequence[ScorePart], lang: Lang | str) -> list[ScorePartPublic]:
    return [
        ScorePartPublic(
            name=p.name.value, label=say_part(p, lang), earned=p.earned, weight=p.weight, points=p.points
        )
        for p in parts
    ]


def _findings(findings: Sequence[Finding], lang: Lang | str) -> list[FindingPublic]:
    return [FindingPublic(text=say_finding(f, lang), **f.to_dict()) for f in findings]


def _deal(d: DealCoverage, lang: Lang | str) -> DealCoveragePublic:
    return DealCoveragePublic(
        deal=int(d.deal.id),
        title=d.deal.title,
        stage=d.deal.stage,
        source=d.source.value,
        stakeholders=[int(p.id) for p in d.stakeholders],
        score=d.score,
        parts=[] if d.coverage is None else _parts(d.coverage.parts, lang),
        findings=_findings(d.findings, lang),
    )


def coach_portfolio(
    session: Session,
    sort: PortfolioSort = PortfolioSort.COVERAGE,
    *,
    as_of: dt.date | None = None,
    settings: CoachSettings | None = None,
) -> CoachPortfolio:
    """Every account the actor may see with its coverage score and its change, sorted: by `coverage`
    the lowest (the riskiest) first, `-coverage` the highest first, `change` the largest fall first
    (never computed before: last), `account` by code; ties by code. Each score of the day is kept."""
    day = as_of or utcnow().date()
    accounts = list(session.scalars(AccountRepository(session).readable_statement().order_by(Account.code)))
    reviews = [
        (a, review_account(f, day, settings))
        for a, f in zip(accounts, account_facts(session, accounts), strict=True)
    ]
    previous = keep_scores(session, reviews)
    rows = [
        CoverageRow(
            account=a.code,
            name=a.name,
            score=r.coverage.score,
            change=_change(r, previous[a.id]),
            previous=_day(previous[a.id]),
            findings=len(r.findings),
        )
        for a, r in reviews
    ]
    return CoachPortfolio(as_of=day, sort=sort, items=sorted(rows, key=_sort_key(sort)))


def _sort_key(sort: PortfolioSort) -> Callable[[CoverageRow], Any]:
    if sort is PortfolioSort.COVERAGE:
        return lambda r: (r.score, r.account)
    if sort is PortfolioSort.COVERAGE_DESC:
        return lambda r: (-r.score, r.account)
    if sort is PortfolioSort.CHANGE:
        return lambda r: (r.change is None, r.change or 0, r.account)
    return lambda r: r.account


def keep_scores(
    session: Session, reviews: Sequence[tuple[Account, AccountReview]]
) -> dict[int, CoverageSnapshot | None]:
    """Keep each account's score of the review's day (replacing an earlier one of the same day), and
    return each account's latest snapshot of an earlier day (None: none)."""
    repo = CoverageSnapshotRepository(session)
    if not reviews:
        return {}
    day = reviews[0][1].as_of
    ids = [a.id for a, _ in reviews]
    today = repo.on_day(ids, day)
    for account, found in reviews:
        parts = {p.name.value: p.points for p in found.coverage.parts}
        kept = today.get(account.id)
        if kept is None:
            _add(session, CoverageSnapshot(account=account, day=day, score=found.coverage.score, parts=parts))
        elif (kept.score, kept.parts) != (found.coverage.score, parts):
            kept.score, kept.parts = found.coverage.score, parts
    repo.flush()
    before = repo.latest_before(ids, day)
    return {i: before.get(i) for i in ids}


def _add(session: Session, snapshot: CoverageSnapshot) -> None:
    """Add a snapshot; when another session kept the same day's in the meantime, theirs stands."""
    try:
        with session.begin_nested():
            session.add(snapshot)
            session.flush()
    except sa.exc.IntegrityError:
        pass  # the savepoint is rolled back and the snapshot dropped


def _change(found: AccountReview, previous: CoverageSnapshot | None) -> int | None:
    return None if previous is None else found.coverage.score - previous.score


def _day(snapshot: CoverageSnapshot | None) -> ScoreDay | None:
    return None if snapshot is None else ScoreDay(day=snapshot.day, score=snapshot.score)


def _brief(b: StakeholderBrief, lang: Lang | str) -> StakeholderBriefPublic:
    return StakeholderBriefPublic(
        stakeholder=int(b.stakeholder.id),
        name=b.stakeholder.name,
        function=b.stakeholder.function,
        factors=list(b.factors),
        source=b.source.value,
        points=[
            TalkingPointPublic(
                kind=p.kind.value,
                text=say_point(p, lang),
                factor=p.factor,
                need=None if p.need is None else int(p.need),
                own=p.own,
            )
            for p in b.points
        ],
    )
