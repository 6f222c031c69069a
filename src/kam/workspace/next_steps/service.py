"""Rules for next steps: each belongs to an account the actor may change, optionally on a deal or an
interaction of the same account, assigned to a user who may see the account (by default whoever
creates it). A step not done after its day is overdue: `overdue=true&assignee=me` is a user's list of
late work. Deletes are soft and restorable; each step has a history.

Services flush but never commit; `kam.workspace.db.session_scope` decides.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Session

from kam.workspace.access import actor_of
from kam.workspace.account_records import (
    account_clause,
    delete_record,
    linked_record,
    page_of,
    record_history,
    require_account,
    require_record,
    restore_record,
    text_clause,
)
from kam.workspace.audit.schemas import HistoryEntry
from kam.workspace.db import utcnow
from kam.workspace.deals.repository import DealRepository
from kam.workspace.interactions.repository import InteractionRepository
from kam.workspace.listing import Page, PageRequest
from kam.workspace.next_steps.assignees import assignee, assignee_clause
from kam.workspace.next_steps.models import NextStep
from kam.workspace.next_steps.repository import NextStepRepository
from kam.workspace.next_steps.schemas import NextStepChanges, NextStepCreate, NextStepFilters, NextStepPublic
from kam.workspace.service import require_version
from kam.workspace.users.repository import UserRepository
from kam.workspace.vocabulary import RecordKind

WHAT = RecordKind.NEXT_STEP
FIELDS = ("what", "due_on", "done")  # stored as given


def list_next_steps(
    session: Session, filters: NextStepFilters | None = None, request: PageRequest | None = None
) -> Page[NextStepPublic]:
    """One page of the next steps the actor may see that meet `filters`, oldest first unless `request`
    says."""
    filters, request = filters or NextStepFilters(), request or PageRequest()
    repo = NextStepRepository(session)
    found = repo.page(_where(session, filters), request, deleted=filters.deleted)
    today = _today()
    return page_of([public_next_step(s, today) for s in found.records], found, request)


def get_next_step(session: Session, step_id: int) -> NextStepPublic:
    return public_next_step(require_record(NextStepRepository(session), step_id, WHAT))


def create_next_step(session: Session, data: NextStepCreate) -> NextStepPublic:
    """Add a next step to an account the actor may change."""
    repo = NextStepRepository(session)
    account = require_account(session, data.account)
    step = NextStep(account=account, **data.model_dump(include=set(FIELDS)))
    step.deal = linked_record(DealRepository(session), account.id, data.deal, "deal", RecordKind.DEAL)
    step.interaction = linked_record(
        InteractionRepository(session), account.id, data.interaction, "interaction", RecordKind.INTERACTION
    )
    me = actor_of(session).user_id
    if data.assignee is not None:
        step.assignee = assignee(session, account, data.assignee)
    else:
        step.assignee = None if me is None else UserRepository(session).get(me)
    repo.add(step)
    return public_next_step(step)


def update_next_step(
    session: Session, step_id: int, data: NextStepChanges, version: int | None = None
) -> NextStepPublic:
    """Change the fields given in `data`, if `version` (when given) is still the stored one."""
    repo = NextStepRepository(session)
    step = require_record(repo, step_id, WHAT, write=True)
    require_version(step, version, WHAT, step_id, public_next_step)
    given = data.model_fields_set
    deal = linked_record(DealRepository(session), step.account_id, data.deal, "deal", RecordKind.DEAL)
    interaction = linked_record(
        InteractionRepository(session),
        step.account_id,
        data.interaction,
        "interaction",
        RecordKind.INTERACTION,
    )
    user = assignee(session, step.account, data.assignee) if "assignee" in given else None
    with session.no_autoflush:  # one UPDATE (one new version) for the whole change
        for name in given & set(FIELDS):
            setattr(step, name, getattr(data, name))
        if "deal" in given:
            step.deal = deal
        if "interaction" in given:
            step.interaction = interaction
        if "assignee" in given:
            step.assignee = user
    repo.flush()
    return public_next_step(step)


def delete_next_step(session: Session, step_id: int, version: int | None = None) -> NextStepPublic:
    return delete_record(NextStepRepository(session), step_id, WHAT, version, public_next_step)


def restore_next_step(session: Session, step_id: int, version: int | None = None) -> NextStepPublic:
    return restore_record(NextStepRepository(session), step_id, WHAT, version, public_next_step)


def next_step_history(
    session: Session, step_id: int, request: PageRequest | None = None
) -> Page[HistoryEntry]:
    return record_history(NextStepRepository(session), step_id, WHAT, request)


def public_next_step(step: NextStep, today: dt.date | None = None) -> NextStepPublic:
    """A step as shown: links only to live records, the assignee by login, and whether it is overdue."""
    deal, interaction, user = step.deal, step.interaction, step.assignee
    overdue = not step.done and step.due_on is not None and step.due_on < (today or _today())
    return NextStepPublic(
        id=step.id,
        account=step.account.code,
        what=step.what,
        deal=deal.id if deal is not None and deal.deleted_at is None else None,
        interaction=interaction.id if interaction is not None and interaction.deleted_at is None else None,
        assignee=None if user is None else user.login,
        due_on=step.due_on,
        done=step.done,
        overdue=overdue,
        version=step.version,
        created_at=step.created_at,
        updated_at=step.updated_at,
        deleted_at=step.deleted_at,
    )


def _today() -> dt.date:
    """Today in UTC: a step due yesterday is overdue, everywhere at once."""
    return utcnow().date()


def _where(session: Session, filters: NextStepFilters) -> list[sa.ColumnElement[bool]]:
    where = account_clause(session, NextStep, filters.account)
    where += text_clause((NextStep.what,), filters.q)
    where += assignee_clause(session, filters.assignee)
    if filters.deal is not None:
        where.append(NextStep.deal_id == filters.deal)
    if filters.done is not None:
        where.append(NextStep.done == filters.done)
    if filters.overdue is not None:  # a step with no day is never late
        late = sa.and_(NextStep.done == sa.false(), NextStep.due_on.is_not(None), NextStep.due_on < _today())
        where.append(late if filters.overdue else sa.not_(late))
    return where
