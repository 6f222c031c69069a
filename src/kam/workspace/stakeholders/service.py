"""Rules for stakeholders: each belongs to an account the actor may change, has a name unique in that
account, and reports to another live stakeholder of the same account, never in a loop (A reports to B
reports to A). Deletes are soft and restorable; each stakeholder has a history.

Services flush but never commit; `kam.workspace.db.session_scope` decides.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.orm import Session

from kam.workspace.account_records import (
    account_clause,
    check_no_loop,
    delete_record,
    linked_record,
    page_of,
    record_history,
    require_account,
    require_new_key,
    require_record,
    restore_record,
    text_clause,
)
from kam.workspace.audit.schemas import HistoryEntry
from kam.workspace.errors import DuplicateRecord
from kam.workspace.listing import Page, PageRequest
from kam.workspace.service import require_version
from kam.workspace.stakeholders.contacts import last_contacts
from kam.workspace.stakeholders.models import Stakeholder
from kam.workspace.stakeholders.repository import StakeholderRepository
from kam.workspace.stakeholders.schemas import (
    StakeholderChanges,
    StakeholderCreate,
    StakeholderFilters,
    StakeholderPublic,
)
from kam.workspace.vocabulary import RecordKind

WHAT = RecordKind.STAKEHOLDER
FIELDS = ("name", "title", "function", "decision_role", "influence", "stance", "coach", "preferences")


def list_stakeholders(
    session: Session, filters: StakeholderFilters | None = None, request: PageRequest | None = None
) -> Page[StakeholderPublic]:
    """One page of the stakeholders the actor may see that meet `filters`, by name unless `request` says."""
    filters, request = filters or StakeholderFilters(), request or PageRequest()
    repo = StakeholderRepository(session)
    found = repo.page(_where(session, filters), request, deleted=filters.deleted)
    return page_of(public_stakeholders(repo, found.records), found, request)


def get_stakeholder(session: Session, stakeholder_id: int) -> StakeholderPublic:
    repo = StakeholderRepository(session)
    return _public(repo, require_record(repo, stakeholder_id, WHAT))


def create_stakeholder(session: Session, data: StakeholderCreate) -> StakeholderPublic:
    """Add a stakeholder to an account the actor may change."""
    repo = StakeholderRepository(session)
    account = require_account(session, data.account)
    require_new_key(repo, account, "name", data.name, WHAT, None)
    stakeholder = Stakeholder(account=account, **data.model_dump(include=set(FIELDS)))
    stakeholder.purchase_factors = list(data.purchase_factors) or None
    stakeholder.reports_to = linked_record(repo, account.id, data.reports_to, "reports_to", WHAT)
    try:
        repo.add(stakeholder)
    except sa.exc.IntegrityError:  # another session added the same name since the check above
        raise DuplicateRecord(WHAT, data.name) from None
    return _public(repo, stakeholder)


def update_stakeholder(
    session: Session, stakeholder_id: int, data: StakeholderChanges, version: int | None = None
) -> StakeholderPublic:
    """Change the fields given in `data`, if `version` (when given) is still the stored one."""
    repo = StakeholderRepository(session)
    stakeholder = require_record(repo, stakeholder_id, WHAT, write=True)
    require_version(stakeholder, version, WHAT, stakeholder_id, lambda s: _public(repo, s))
    given = data.model_fields_set
    if "name" in given and data.name != stakeholder.name:
        require_new_key(repo, stakeholder.account, "name", data.name, WHAT, stakeholder.id)
    if "reports_to" in given:
        set_reports_to(repo, stakeholder, data.reports_to)
    with session.no_autoflush:  # one UPDATE (one new version) for the whole change
        for name in given & set(FIELDS):
            setattr(stakeholder, name, getattr(data, name))
        if "purchase_factors" in given:
            stakeholder.purchase_factors = list(data.purchase_factors or []) or None
    repo.flush()
    return _public(repo, stakeholder)


def set_reports_to(repo: StakeholderRepository, stakeholder: Stakeholder, target_id: int | None) -> None:
    """Make `stakeholder` report to the stakeholder `target_id` of the same account (None: to nobody);
    refused when that closes a loop, the loop named by the stakeholders' names."""
    target = linked_record(repo, stakeholder.account_id, target_id, "reports_to", WHAT)
    if target is not None:
        graph = repo.links("reports_to_id", stakeholder.account_id)
        names = repo.names(stakeholder.account_id)
        check_no_loop(graph, stakeholder.id, target.id, "reports_to", lambda i: names.get(i, str(i)))
    stakeholder.reports_to = target


def delete_stakeholder(
    session: Session, stakeholder_id: int, version: int | None = None
) -> StakeholderPublic:
    repo = StakeholderRepository(session)
    return delete_record(repo, stakeholder_id, WHAT, version, lambda s: _public(repo, s))


def restore_stakeholder(
    session: Session, stakeholder_id: int, version: int | None = None
) -> StakeholderPublic:
    repo = StakeholderRepository(session)
    return restore_record(repo, stakeholder_id, WHAT, version, lambda s: _public(repo, s))


def stakeholder_history(
    session: Session, stakeholder_id: int, request: PageRequest | None = None
) -> Page[HistoryEntry]:
    return record_history(StakeholderRepository(session), stakeholder_id, WHAT, request)


def public_stakeholders(
    repo: StakeholderRepository, stakeholders: Sequence[Stakeholder]
) -> list[StakeholderPublic]:
    """Stakeholders as shown, with the day each was last met (one query for all of them)."""
    contacts = last_contacts(repo.session, [s.id for s in stakeholders])
    return [_shown(s, contacts.get(s.id)) for s in stakeholders]


def _public(repo: StakeholderRepository, stakeholder: Stakeholder) -> StakeholderPublic:
    return public_stakeholders(repo, [stakeholder])[0]


def _shown(stakeholder: Stakeholder, last_contact: object) -> StakeholderPublic:
    manager = stakeholder.reports_to
    return StakeholderPublic.model_validate(
        {
            **{name: getattr(stakeholder, name) for name in ("id", *FIELDS)},
            "account": stakeholder.account.code,
            "reports_to": manager.id if manager is not None and manager.deleted_at is None else None,
            "purchase_factors": list(stakeholder.purchase_factors or []),
            "last_contact": last_contact,
            "version": stakeholder.version,
            "created_at": stakeholder.created_at,
            "updated_at": stakeholder.updated_at,
            "deleted_at": stakeholder.deleted_at,
        }
    )


def _where(session: Session, filters: StakeholderFilters) -> list[sa.ColumnElement[bool]]:
    where = account_clause(session, Stakeholder, filters.account)
    where += text_clause((Stakeholder.name, Stakeholder.title), filters.q)
    for name in ("function", "decision_role", "stance", "coach"):
        value = getattr(filters, name)
        if value is not None:
            where.append(getattr(Stakeholder, name) == value)
    return where
