"""Reading the stored analyses, scoped to the reader: an account's latest analysis and its history, the
accounts whose segment changed since a day, and the money of the latest analysis (for referrals and
groups). An account the reader may not see is never read, so it never appears, nor in a total or a sum.

"Latest" is the analysis with the latest as-of date: for one account, its own latest analysis; for sums
over several accounts (a referrer's, a group's), the latest analysis stored, so that one date is summed.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session, aliased

from kam.domain.languages import Lang
from kam.domain.segments import Segment
from kam.workspace.accounts.models import Account
from kam.workspace.accounts.repository import AccountRepository
from kam.workspace.analysis.models import AccountAnalysis, AnalysisRun
from kam.workspace.analysis.reasons import say_reasons
from kam.workspace.analysis.repository import (
    AccountAnalysisRepository,
    AnalysisRunRepository,
)
from kam.workspace.analysis.schemas import (
    AccountAnalysisHistory,
    AccountAnalysisPublic,
    AnalysisSnapshot,
    Forecast,
    GroupValue,
    Metrics,
    SegmentChange,
    SegmentChangeFilters,
)
from kam.workspace.errors import AccountNotFound
from kam.workspace.listing import Page, PageRequest, counted_page


def account_analysis(session: Session, code: str, lang: Lang | str = Lang.EN) -> AccountAnalysisHistory:
    """The account's latest analysis, its reasons in `lang`, and every analysis of it, oldest first."""
    account = AccountRepository(session).by_code(code)
    if account is None:
        raise AccountNotFound(code)
    snapshots = AccountAnalysisRepository(session).of_account(account.id)
    history, previous = [], None
    for snapshot in snapshots:
        history.append(
            AnalysisSnapshot(
                as_of=snapshot.as_of,
                segment=snapshot.segment,
                previous_segment=previous,
                changed=previous is not None and previous != snapshot.segment,
                at_risk=snapshot.at_risk,
                tier=snapshot.tier,
                revenue=snapshot.revenue,
                net_profit=snapshot.net_profit,
            )
        )
        previous = snapshot.segment
    latest = _public(account, snapshots[-1], lang) if snapshots else None
    return AccountAnalysisHistory(account=account.code, latest=latest, history=history)


def _public(account: Account, snapshot: AccountAnalysis, lang: Lang | str) -> AccountAnalysisPublic:
    run = snapshot.run
    return AccountAnalysisPublic(
        account=account.code,
        as_of=snapshot.as_of,
        segment=snapshot.segment,
        at_risk=snapshot.at_risk,
        tier=snapshot.tier,
        reasons=say_reasons(snapshot, run, lang),
        reason_values=dict(snapshot.reason_values or {}),
        metrics=Metrics.model_validate(snapshot, from_attributes=True),
        forecast=Forecast.model_validate(snapshot, from_attributes=True),
        basis=run.basis,
        currency=run.currency,
    )


def segment_changes(
    session: Session, filters: SegmentChangeFilters, request: PageRequest | None = None
) -> Page[SegmentChange]:
    """The accounts the reader may see whose segment in their latest analysis (dated after `since`)
    differs from the one in their last analysis on or before `since` (an account in no analysis then has
    nothing to change from), filtered by the segments from and to; by account code. Found by the
    database, which returns only the page of accounts that moved (not every analysis of every account)."""
    request = request or PageRequest()
    moved, now, was = _moved(session, filters.since)
    if filters.from_segment is not None:
        moved = moved.where(was.segment == filters.from_segment)
    if filters.to_segment is not None:
        moved = moved.where(now.segment == filters.to_segment)
    page = session.execute(
        moved.add_columns(sa.func.count().over().label("total"))
        .offset(request.offset)
        .limit(request.per_page)
    ).all()
    total = page[0].total if page else 0
    if not page and request.offset:  # past the last page: the count alone
        total = session.scalar(sa.select(sa.func.count()).select_from(moved.subquery())) or 0
    items = _changes(session, [(row[0], row[2], row[3]) for row in page])
    return counted_page(items, total, request)


def segment_change_lists(
    session: Session, since: dt.date, kinds: Sequence[tuple[Segment | None, Segment | None]], shown: int
) -> list[tuple[list[SegmentChange], int]]:
    """For each (from segment, to segment) of `kinds`, the first `shown` changes since `since` (as
    `segment_changes` lists them) and how many there are: the changes read once for all the lists."""
    moved, _, _ = _moved(session, since)
    rows = session.execute(moved).all()
    picked = [
        [r for r in rows if (was is None or r[2] == was) and (now is None or r[1] == now)]
        for was, now in kinds
    ]
    first = list({r[0]: (r[0], r[2], r[3]) for p in picked for r in p[:shown]}.values())
    by_id = {m[0]: change for m, change in zip(first, _changes(session, first), strict=True)}
    return [([by_id[r[0]] for r in p[:shown]], len(p)) for p in picked]


def _moved(session: Session, since: dt.date) -> tuple[Any, Any, Any]:
    """The moves since `since`: (latest analysis id, its segment, the segment then, its date), by code;
    and the two aliases of the analyses (now, then) to filter on. Each account's latest analysis (none
    later) and its last on or before `since` (none between) are found through the (account, as-of)
    index, never by grouping every analysis."""
    now = AccountAnalysis
    was, later = (
        aliased(AccountAnalysis, name="was_analysis"),
        aliased(AccountAnalysis, name="later_analysis"),
    )
    live = later.deleted_at.is_(None)
    newer = sa.select(later.id).where(later.account_id == now.account_id, later.as_of > now.as_of, live)
    between = sa.select(later.id).where(
        later.account_id == was.account_id, later.as_of > was.as_of, later.as_of <= since, live
    )
    moved = (
        AccountAnalysisRepository(session)
        .readable_statement()
        .with_only_columns(now.id, now.segment, was.segment, was.as_of)
        .join(was, sa.and_(was.account_id == now.account_id, was.as_of <= since, was.deleted_at.is_(None)))
        .join(Account, Account.id == now.account_id)
        .where(now.as_of > since, now.segment != was.segment, ~newer.exists(), ~between.exists())
        .order_by(Account.code)
    )
    return moved, now, was


def _changes(session: Session, moves: Sequence[tuple[int, Segment, dt.date]]) -> list[SegmentChange]:
    """Each (latest analysis id, segment then, date then) as a change, in their order."""
    found = {s.id: s for s in AccountAnalysisRepository(session).by_ids(m[0] for m in moves)}
    return [
        SegmentChange(
            account=found[i].account.code,
            name=found[i].account.name,
            from_segment=was,
            from_as_of=then,
            to_segment=found[i].segment,
            to_as_of=found[i].as_of,
            at_risk=found[i].at_risk,
            revenue=found[i].revenue,
            net_profit=found[i].net_profit,
        )
        for i, was, then in moves
    ]


@dataclass(frozen=True)
class Money:
    """The revenue and net profit of accounts in the latest analysis (None: not in it), and its date."""

    as_of: dt.date | None
    by_account: dict[int, tuple[float | None, float | None]]


def latest_money(session: Session, account_ids: Iterable[int]) -> Money:
    """Revenue and net profit of these accounts (those the reader may see) in the latest analysis."""
    run = AnalysisRunRepository(session).latest()
    if run is None:
        return Money(None, {})
    found = AccountAnalysisRepository(session).of_run(run.id, account_ids)
    return Money(run.as_of, {i: (s.revenue, s.net_profit) for i, s in found.items()})


def total(values: Iterable[float | None]) -> float | None:
    """The sum of the known values; None when none is known."""
    known = [v for v in values if v is not None]
    return sum(known) if known else None


def group_values(session: Session, accounts: Sequence[Account]) -> dict[int, GroupValue]:
    """account id -> the group's value, for the accounts among `accounts` that have a subsidiary the
    reader may see: their revenue and net profit with their subsidiaries' at every level."""
    repo = AccountRepository(session)
    ids = [a.id for a in accounts]
    parents: set[int | None] = set()
    for i in range(0, len(ids), 500):
        query = repo.readable_statement().where(Account.parent_id.in_(ids[i : i + 500]))
        parents.update(session.scalars(query.with_only_columns(Account.parent_id)))
    if not parents:
        return {}
    children: dict[int, list[int]] = defaultdict(list)
    for account_id, parent_id in repo.links("parent_id").items():
        if parent_id is not None:
            children[parent_id].append(account_id)
    below = {p: _descendants(p, children) for p in parents if p is not None}
    visible = repo.readable_ids(i for found in below.values() for i in found)
    codes = repo.codes_of(visible)
    money = latest_money(session, [*below, *visible])
    values = {}
    for parent, found in below.items():
        members = [parent, *sorted(i for i in found if i in visible)]
        known = [money.by_account[i] for i in members if i in money.by_account]
        values[parent] = GroupValue(
            accounts=len(members),
            subsidiaries=sorted(codes[i] for i in members[1:]),
            revenue=total(r for r, _ in known),
            net_profit=total(p for _, p in known),
            as_of=money.as_of if known else None,
        )
    return values


def _descendants(parent: int, children: dict[int, list[int]]) -> set[int]:
    found: set[int] = set()
    todo = list(children.get(parent, ()))
    while todo:
        child = todo.pop()
        if child not in found and child != parent:
            found.add(child)
            todo += children.get(child, ())
    return found


def latest_in_segment(segment: Segment) -> sa.Select[Any]:
    """The ids of the accounts in `segment` in the latest stored analysis (a subquery for a filter; the
    caller's own query scopes the accounts)."""
    latest = sa.select(sa.func.max(AnalysisRun.as_of)).scalar_subquery()
    return sa.select(AccountAnalysis.account_id).where(
        AccountAnalysis.as_of == latest, AccountAnalysis.segment == segment
    )
