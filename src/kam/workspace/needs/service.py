"""Rules for needs: each belongs to an account the actor may change, has a statement unique in that
account, is said by a stakeholder of the same account, came from an interaction of the same account,
and answers 'why' about another need of the same account, never in a loop. Its kind (need, want or
undecided) is classified from the statement whenever the statement is written, unless a user
overrode it. A need confirmed without a date is confirmed today. Deletes are soft and restorable; each
need has a history.

Services flush but never commit; `kam.workspace.db.session_scope` decides.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from kam.coach.classify import classify_statement
from kam.coach.settings import CoachSettings
from kam.domain.needs import NeedKind, NeedStatus
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
from kam.workspace.db import utcnow
from kam.workspace.errors import DuplicateRecord
from kam.workspace.interactions.repository import InteractionRepository
from kam.workspace.listing import Page, PageRequest
from kam.workspace.needs.models import Need
from kam.workspace.needs.repository import NeedRepository
from kam.workspace.needs.schemas import NeedChanges, NeedCreate, NeedFilters, NeedPublic
from kam.workspace.records import Record
from kam.workspace.service import require_version
from kam.workspace.stakeholders.repository import StakeholderRepository
from kam.workspace.vocabulary import RecordKind

WHAT = RecordKind.NEED
FIELDS = ("statement", "depth", "status", "confirmed_on")  # stored as given


def list_needs(
    session: Session, filters: NeedFilters | None = None, request: PageRequest | None = None
) -> Page[NeedPublic]:
    """One page of the needs the actor may see that meet `filters`, oldest first unless `request` says."""
    filters, request = filters or NeedFilters(), request or PageRequest()
    repo = NeedRepository(session)
    found = repo.page(_where(session, filters), request, deleted=filters.deleted)
    return page_of([public_need(n) for n in found.records], found, request)


def get_need(session: Session, need_id: int) -> NeedPublic:
    return public_need(require_record(NeedRepository(session), need_id, WHAT))


def create_need(session: Session, data: NeedCreate, settings: CoachSettings | None = None) -> NeedPublic:
    """Add a need to an account the actor may change, classified as a need or a want unless `kind`
    says (then it is the user's verdict, kept until they hand it back)."""
    repo = NeedRepository(session)
    account = require_account(session, data.account)
    require_new_key(repo, account, "statement", data.statement, WHAT, None)
    need = Need(account=account, **data.model_dump(include=set(FIELDS)))
    need.kind_overridden = data.kind is not None
    need.kind = data.kind or NeedKind.UNDECIDED
    classify(need, settings)
    confirm_today(need)
    need.said_by = linked_record(
        StakeholderRepository(session), account.id, data.said_by, "said_by", RecordKind.STAKEHOLDER
    )
    need.parent = linked_record(repo, account.id, data.parent, "parent", WHAT)
    need.interaction = linked_record(
        InteractionRepository(session), account.id, data.interaction, "interaction", RecordKind.INTERACTION
    )
    try:
        repo.add(need)
    except sa.exc.IntegrityError:  # another session added the same statement since the check above
        raise DuplicateRecord(WHAT, data.statement) from None
    return public_need(need)


def update_need(
    session: Session,
    need_id: int,
    data: NeedChanges,
    version: int | None = None,
    settings: CoachSettings | None = None,
) -> NeedPublic:
    """Change the fields given in `data`, if `version` (when given) is still the stored one."""
    repo = NeedRepository(session)
    need = require_record(repo, need_id, WHAT, write=True)
    require_version(need, version, WHAT, need_id, public_need)
    given = data.model_fields_set
    if "statement" in given and data.statement != need.statement:
        require_new_key(repo, need.account, "statement", data.statement, WHAT, need.id)
    said_by = linked_record(
        StakeholderRepository(session), need.account_id, data.said_by, "said_by", RecordKind.STAKEHOLDER
    )
    interaction = linked_record(
        InteractionRepository(session),
        need.account_id,
        data.interaction,
        "interaction",
        RecordKind.INTERACTION,
    )
    if "parent" in given:
        set_parent(repo, need, data.parent)
    with session.no_autoflush:  # one UPDATE (one new version) for the whole change
        for name in given & set(FIELDS):
            setattr(need, name, getattr(data, name))
        if "said_by" in given:
            need.said_by = said_by
        if "interaction" in given:
            need.interaction = interaction
        if "kind" in given:
            need.kind_overridden = data.kind is not None
            need.kind = data.kind or need.kind
        if given & {"statement", "kind"}:
            classify(need, settings)
        if "status" in given and "confirmed_on" not in given:
            confirm_today(need)
    repo.flush()
    return public_need(need)


def set_parent(repo: NeedRepository, need: Need, target_id: int | None) -> None:
    """Make `need` an answer to 'why' about need `target_id` of the same account (None: a need of its
    own); refused when that closes a loop, the loop named by the needs' statements."""
    target = linked_record(repo, need.account_id, target_id, "parent", WHAT)
    if target is not None:
        graph = repo.links("parent_id", need.account_id)
        statements = repo.statements(need.account_id)
        check_no_loop(graph, need.id, target.id, "parent", lambda i: statements.get(i, str(i)))
    need.parent = target


def classify(need: Need, settings: CoachSettings | None = None) -> None:
    """Classify the need's statement (kam.coach.classify): the verdict becomes its kind unless a user
    overrode it; the confidence and reasons are kept either way."""
    result = classify_statement(need.statement, settings)
    need.kind_confidence = result.confidence
    need.kind_reasons = [reason.to_dict() for reason in result.reasons]
    if not need.kind_overridden:
        need.kind = result.kind


def confirm_today(need: Need) -> None:
    """A need confirmed without a day was confirmed today (UTC)."""
    if need.status is NeedStatus.CONFIRMED and need.confirmed_on is None:
        need.confirmed_on = utcnow().date()


def delete_need(session: Session, need_id: int, version: int | None = None) -> NeedPublic:
    return delete_record(NeedRepository(session), need_id, WHAT, version, public_need)


def restore_need(session: Session, need_id: int, version: int | None = None) -> NeedPublic:
    return restore_record(NeedRepository(session), need_id, WHAT, version, public_need)


def need_history(session: Session, need_id: int, request: PageRequest | None = None) -> Page[HistoryEntry]:
    return record_history(NeedRepository(session), need_id, WHAT, request)


def public_need(need: Need) -> NeedPublic:
    """A need as shown: its links only to live records."""
    return NeedPublic.model_validate(
        {
            **{name: getattr(need, name) for name in ("id", *FIELDS, "kind", "kind_overridden")},
            "account": need.account.code,
            "said_by": _live_id(need.said_by),
            "parent": _live_id(need.parent),
            "interaction": _live_id(need.interaction),
            "kind_confidence": need.kind_confidence,
            "kind_reasons": list(need.kind_reasons),
            "version": need.version,
            "created_at": need.created_at,
            "updated_at": need.updated_at,
            "deleted_at": need.deleted_at,
        }
    )


def _live_id(record: Record | None) -> int | None:
    return None if record is None or record.deleted_at is not None else record.id


def _where(session: Session, filters: NeedFilters) -> list[sa.ColumnElement[bool]]:
    where = account_clause(session, Need, filters.account)
    where += text_clause((Need.statement,), filters.q)
    for name, column in (("said_by", "said_by_id"), ("parent", "parent_id")):
        value = getattr(filters, name)
        if value is not None:
            where.append(getattr(Need, column) == value)
    for name in ("depth", "kind", "status"):
        value = getattr(filters, name)
        if value is not None:
            where.append(getattr(Need, name) == value)
    return where
