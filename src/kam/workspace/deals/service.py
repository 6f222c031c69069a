"""Rules for deals: each belongs to an account the actor may change, has a title unique in that
account, a value only with its currency, answers needs of the same account and involves stakeholders of
the same account. A quote is recorded
with its day: the first one keeps the stage the deal was at (unless it is given), so that a price
quoted before discovery ended can be found. Deletes are soft and restorable; each deal has a history.

Services flush but never commit; `kam.workspace.db.session_scope` decides.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.orm import Session

from kam.domain.deals import DealStage
from kam.i18n import Notice
from kam.workspace.account_records import (
    account_clause,
    delete_record,
    page_of,
    record_history,
    require_account,
    require_new_key,
    require_record,
    restore_record,
    text_clause,
)
from kam.workspace.audit.schemas import HistoryEntry
from kam.workspace.deals.models import Deal, deal_needs
from kam.workspace.deals.repository import DealRepository
from kam.workspace.deals.schemas import DealChanges, DealCreate, DealFilters, DealPublic
from kam.workspace.errors import DuplicateRecord, InvalidInput, InvalidLink
from kam.workspace.listing import Page, PageRequest
from kam.workspace.needs.models import Need
from kam.workspace.needs.repository import NeedRepository
from kam.workspace.service import require_version
from kam.workspace.stakeholders.models import Stakeholder
from kam.workspace.stakeholders.repository import StakeholderRepository
from kam.workspace.vocabulary import RecordKind

WHAT = RecordKind.DEAL
FIELDS = ("title", "value", "currency", "stage", "expected_close")  # stored as given
OPEN = [stage for stage in DealStage if stage.is_open]


def list_deals(
    session: Session, filters: DealFilters | None = None, request: PageRequest | None = None
) -> Page[DealPublic]:
    """One page of the deals the actor may see that meet `filters`, by title unless `request` says."""
    filters, request = filters or DealFilters(), request or PageRequest()
    repo = DealRepository(session)
    found = repo.page(_where(session, filters), request, deleted=filters.deleted)
    return page_of([public_deal(d) for d in found.records], found, request)


def get_deal(session: Session, deal_id: int) -> DealPublic:
    return public_deal(require_record(DealRepository(session), deal_id, WHAT))


def create_deal(session: Session, data: DealCreate) -> DealPublic:
    """Add a deal to an account the actor may change."""
    repo = DealRepository(session)
    account = require_account(session, data.account)
    require_new_key(repo, account, "title", data.title, WHAT, None)
    deal = Deal(account=account, **data.model_dump(include=set(FIELDS)))
    deal.needs = answered_needs(session, account.id, data.needs)
    deal.stakeholders = involved_stakeholders(session, account.id, data.stakeholders)
    deal.quoted_on = data.quoted_on
    deal.quoted_stage = None if data.quoted_on is None else data.quoted_stage or data.stage
    try:
        repo.add(deal)
    except sa.exc.IntegrityError:  # another session added the same title since the check above
        raise DuplicateRecord(WHAT, data.title) from None
    return public_deal(deal)


def update_deal(session: Session, deal_id: int, data: DealChanges, version: int | None = None) -> DealPublic:
    """Change the fields given in `data`, if `version` (when given) is still the stored one."""
    repo = DealRepository(session)
    deal = require_record(repo, deal_id, WHAT, write=True)
    require_version(deal, version, WHAT, deal_id, public_deal)
    given = data.model_fields_set
    if "title" in given and data.title != deal.title:
        require_new_key(repo, deal.account, "title", data.title, WHAT, deal.id)
    needs = answered_needs(session, deal.account_id, data.needs or []) if "needs" in given else None
    people = (
        involved_stakeholders(session, deal.account_id, data.stakeholders or [])
        if "stakeholders" in given
        else None
    )
    stage_before = deal.stage
    with session.no_autoflush:  # one UPDATE (one new version) for the whole change
        for name in given & set(FIELDS):
            setattr(deal, name, getattr(data, name))
        if needs is not None:
            deal.needs = needs
        if people is not None:
            deal.stakeholders = people
        record_quote(deal, data, stage_before)
    if deal.value is not None and deal.currency is None:
        raise InvalidInput(Notice("ws_value_needs_currency"))
    repo.flush()
    return public_deal(deal)


def record_quote(deal: Deal, data: DealChanges, stage_before: DealStage) -> None:
    """The quote fields of a change: a first quote keeps the stage the deal was at before the change
    (unless `quoted_stage` is given); a later one only moves the day; None clears both."""
    given = data.model_fields_set
    if "quoted_on" in given:
        if data.quoted_on is None:
            deal.quoted_stage = None
        elif deal.quoted_on is None and "quoted_stage" not in given:
            deal.quoted_stage = stage_before
        deal.quoted_on = data.quoted_on
    if "quoted_stage" in given:
        if deal.quoted_on is None and data.quoted_stage is not None:
            raise InvalidInput(Notice("ws_quote_stage_without_quote"))
        if deal.quoted_on is not None:
            deal.quoted_stage = data.quoted_stage


def answered_needs(session: Session, account_id: int, need_ids: Sequence[int]) -> list[Need]:
    """The live needs of the account with these ids, in the order given; any other id is refused."""
    if not need_ids:
        return []
    found = {n.id: n for n in NeedRepository(session).in_account(account_id, Need.id.in_(sorted(need_ids)))}
    for need_id in need_ids:
        if need_id not in found:
            what = Notice(f"record_{RecordKind.NEED.value}")
            raise InvalidLink(Notice("ws_link_unknown", field="needs", what=what, id=need_id))
    return [found[i] for i in need_ids]


def involved_stakeholders(session: Session, account_id: int, ids: Sequence[int]) -> list[Stakeholder]:
    """The live stakeholders of the account with these ids, in the order given; any other id is refused."""
    if not ids:
        return []
    repo = StakeholderRepository(session)
    found = {s.id: s for s in repo.in_account(account_id, Stakeholder.id.in_(sorted(ids)))}
    for stakeholder_id in ids:
        if stakeholder_id not in found:
            what = Notice(f"record_{RecordKind.STAKEHOLDER.value}")
            raise InvalidLink(Notice("ws_link_unknown", field="stakeholders", what=what, id=stakeholder_id))
    return [found[i] for i in ids]


def delete_deal(session: Session, deal_id: int, version: int | None = None) -> DealPublic:
    return delete_record(DealRepository(session), deal_id, WHAT, version, public_deal)


def restore_deal(session: Session, deal_id: int, version: int | None = None) -> DealPublic:
    return restore_record(DealRepository(session), deal_id, WHAT, version, public_deal)


def deal_history(session: Session, deal_id: int, request: PageRequest | None = None) -> Page[HistoryEntry]:
    return record_history(DealRepository(session), deal_id, WHAT, request)


def public_deal(deal: Deal) -> DealPublic:
    """A deal as shown: the needs it answers and the stakeholders involved in it that are live."""
    return DealPublic.model_validate(
        {
            **{name: getattr(deal, name) for name in ("id", *FIELDS, "quoted_on", "quoted_stage")},
            "account": deal.account.code,
            "needs": sorted(n.id for n in deal.needs if n.deleted_at is None),
            "stakeholders": sorted(s.id for s in deal.stakeholders if s.deleted_at is None),
            "version": deal.version,
            "created_at": deal.created_at,
            "updated_at": deal.updated_at,
            "deleted_at": deal.deleted_at,
        }
    )


def _where(session: Session, filters: DealFilters) -> list[sa.ColumnElement[bool]]:
    where = account_clause(session, Deal, filters.account)
    where += text_clause((Deal.title,), filters.q)
    if filters.stage is not None:
        where.append(Deal.stage == filters.stage)
    if filters.open is not None:
        where.append(Deal.stage.in_(OPEN) if filters.open else Deal.stage.not_in(OPEN))
    if filters.quoted is not None:
        where.append(Deal.quoted_on.is_not(None) if filters.quoted else Deal.quoted_on.is_(None))
    if filters.need is not None:
        answering = sa.select(deal_needs.c.deal_id).where(deal_needs.c.need_id == filters.need)
        where.append(Deal.id.in_(answering))
    return where
