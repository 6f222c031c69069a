"""The coach's facts (kam.coach.facts) read from the workspace: an account's stakeholders (with the day
each was last met), needs, deals (with the stakeholders named on each) and stored calls, for one account
or a whole portfolio at once (a few queries, however many accounts). Every record is read through its
scoped repository."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.orm import Session

from kam.coach.facts import AccountFacts, DealFacts, InteractionFacts, NeedFacts, StakeholderFacts
from kam.domain.decision_chain import PurchaseFactor
from kam.domain.proposals import ProposalKind, ProposalStatus
from kam.workspace.accounts.models import Account
from kam.workspace.deals.models import Deal
from kam.workspace.deals.repository import DealRepository
from kam.workspace.interactions.models import Interaction
from kam.workspace.interactions.repository import InteractionRepository
from kam.workspace.needs.models import Need
from kam.workspace.needs.repository import NeedRepository
from kam.workspace.proposals.models import CallProposal
from kam.workspace.records import Record
from kam.workspace.repository import ScopedRepository
from kam.workspace.stakeholders.contacts import last_contacts
from kam.workspace.stakeholders.models import Stakeholder
from kam.workspace.stakeholders.repository import StakeholderRepository

M = TypeVar("M", bound=Record)


def account_facts(session: Session, accounts: Sequence[Account]) -> list[AccountFacts]:
    """The facts of each account (found through the account repository, so within the actor's scope),
    in the order given."""
    ids = sorted({a.id for a in accounts})
    if not ids:
        return []
    people = _live(StakeholderRepository(session), ids)
    met = _last_met(session, [p.id for p in people])
    needs = _live(NeedRepository(session), ids)
    live_needs = {n.id for n in needs}
    deals = _live(DealRepository(session), ids)
    calls = _live(InteractionRepository(session), ids)
    return [
        AccountFacts(
            code=a.code,
            name=a.name,
            stakeholders=tuple(_person(p, met.get(p.id)) for p in people if p.account_id == a.id),
            needs=tuple(_need(n) for n in needs if n.account_id == a.id),
            deals=tuple(_deal(d, live_needs) for d in deals if d.account_id == a.id),
            interactions=tuple(_call(c) for c in calls if c.account_id == a.id),
        )
        for a in accounts
    ]


def _live(repo: ScopedRepository[M], ids: list[int]) -> list[M]:
    """The live records of these accounts in the actor's scope, with what the repository loads."""
    model: Any = repo.model
    query = repo.readable_statement().where(model.account_id.in_(ids)).options(*repo.options())
    return list(repo.session.scalars(query.order_by(model.id)).unique())


def _last_met(session: Session, stakeholder_ids: list[int]) -> dict[int, dt.date]:
    """The day each stakeholder was last met: an interaction where they said a recorded need, or a
    stored call where the salesperson accepted them as a speaker."""
    met = last_contacts(session, stakeholder_ids)
    if not stakeholder_ids:
        return met
    query = (
        sa.select(CallProposal.stakeholder_id, sa.func.max(Interaction.occurred_at))
        .join(Interaction, Interaction.id == CallProposal.interaction_id)
        .where(
            CallProposal.stakeholder_id.in_(sorted(set(stakeholder_ids))),
            CallProposal.kind == ProposalKind.SPEAKER,
            CallProposal.status == ProposalStatus.ACCEPTED,
            CallProposal.deleted_at.is_(None),
            Interaction.deleted_at.is_(None),
        )
        .group_by(CallProposal.stakeholder_id)
    )
    for stakeholder, latest in session.execute(query):
        if stakeholder is not None and latest is not None:
            met[stakeholder] = max(met.get(stakeholder, latest.date()), latest.date())
    return met


def _person(p: Stakeholder, last_met: dt.date | None) -> StakeholderFacts:
    preferences = tuple(line.strip() for line in (p.preferences or "").splitlines() if line.strip())
    return StakeholderFacts(
        id=str(p.id),
        name=p.name,
        function=p.function,
        role=p.decision_role,
        influence=p.influence,
        stance=p.stance,
        coach=p.coach,
        last_met=last_met,
        factors=tuple(PurchaseFactor(f) for f in p.purchase_factors or ()),
        preferences=preferences,
    )


def _need(n: Need) -> NeedFacts:
    return NeedFacts(
        id=str(n.id),
        statement=n.statement,
        account=str(n.account_id),
        stakeholder=None if n.said_by_id is None else str(n.said_by_id),
        depth=n.depth,
        parent=None if n.parent_id is None else str(n.parent_id),
        kind=n.kind,
        status=n.status,
        confirmed_on=n.confirmed_on,
    )


def _deal(d: Deal, live_needs: set[int]) -> DealFacts:
    return DealFacts(
        id=str(d.id),
        title=d.title,
        stage=d.stage,
        needs=tuple(str(n.id) for n in d.needs if n.id in live_needs),
        quoted_on=d.quoted_on,
        quoted_stage=d.quoted_stage,
        stakeholders=tuple(str(p.id) for p in d.stakeholders if p.deleted_at is None),
    )


def _call(c: Interaction) -> InteractionFacts:
    analysis = c.analysis
    price = (analysis.result or {}).get("price", {}) if analysis is not None else {}
    return InteractionFacts(
        id=str(c.id),
        title=c.title,
        occurred_on=c.occurred_at.date(),
        stage=None if c.stage is None else str(c.stage),
        flags=tuple(analysis.flags) if analysis is not None else (),
        first_sales_quote_at_s=price.get("first_sales_quote_at_s"),
        questions=analysis.questions_total if analysis is not None else 0,
    )
