"""Rules for interactions: each belongs to an existing account; a transcript is stored once per account.

Services flush but never commit; `kam.workspace.db.session_scope` decides.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from kam.calls.models import CallAnalysis
from kam.calls.settings import CallSettings
from kam.i18n import Notice
from kam.workspace.access import actor_of
from kam.workspace.account_records import (
    account_clause,
    delete_record,
    page_of,
    record_history,
    require_record,
    restore_record,
    text_clause,
)
from kam.workspace.accounts.models import Account
from kam.workspace.accounts.repository import AccountRepository
from kam.workspace.audit.schemas import HistoryEntry
from kam.workspace.db import utcnow
from kam.workspace.errors import AccountNotFound, InvalidInput
from kam.workspace.interactions.models import (
    CallAnalysisRecord,
    Interaction,
    interaction_stakeholders,
    interaction_users,
)
from kam.workspace.interactions.participants import met_stakeholders, present_users, sales_participants
from kam.workspace.interactions.repository import InteractionRepository
from kam.workspace.interactions.schemas import (
    InteractionChanges,
    InteractionCreate,
    InteractionFilters,
    InteractionNew,
    InteractionPublic,
    RecordedCall,
)
from kam.workspace.listing import Page, PageRequest
from kam.workspace.service import require_version, restore
from kam.workspace.users.models import User
from kam.workspace.vocabulary import RecordKind

WHAT = RecordKind.INTERACTION
FIELDS = ("kind", "occurred_at", "title", "stage", "notes", "source_file", "transcript_sha256")
CHANGEABLE = ("kind", "occurred_at", "title", "stage", "notes")
CLEARABLE = ("stage", "notes")
STORED_CALL = ("kind", "occurred_at", "title", "stage", "source_file", "transcript_sha256")
ME = "me"


def create_interaction(session: Session, account_code: str, data: InteractionCreate) -> InteractionPublic:
    """Add an interaction without a call analysis (a visit, an email, a meeting without transcript), with
    the stakeholders met and our people present."""
    account = _account(session, account_code)
    interaction = Interaction(account=account, **data.model_dump(include=set(FIELDS)))
    interaction.analysis = None
    _set_participants(session, interaction, account, data.stakeholders, data.present, data.present_names)
    InteractionRepository(session).add(interaction)
    return InteractionPublic.of(interaction)


def add_interaction(session: Session, data: InteractionNew) -> InteractionPublic:
    """`create_interaction` for the account that `data` names (the API's and `kam interactions add`'s)."""
    return create_interaction(session, data.account, data)


def get_interaction(session: Session, interaction_id: int) -> InteractionPublic:
    return InteractionPublic.of(require_record(InteractionRepository(session), interaction_id, WHAT))


def update_interaction(
    session: Session, interaction_id: int, data: InteractionChanges, version: int | None = None
) -> InteractionPublic:
    """Change the fields given in `data`, if `version` (when given) is still the stored one; a list of
    participants given replaces the stored one."""
    repo = InteractionRepository(session)
    interaction = require_record(repo, interaction_id, WHAT, write=True)
    require_version(interaction, version, WHAT, interaction_id, InteractionPublic.of)
    given = data.model_fields_set
    for name in given & set(CHANGEABLE):
        if getattr(data, name) is None and name not in CLEARABLE:
            raise InvalidInput(Notice("ws_cannot_clear", field=name))
    account = interaction.account
    stakeholders = (
        met_stakeholders(session, account, data.stakeholders or []) if "stakeholders" in given else None
    )
    users = present_users(session, account, data.present or []) if "present" in given else None
    with session.no_autoflush:  # one UPDATE (one new version) for the whole change
        for name in given & set(CHANGEABLE):
            setattr(interaction, name, getattr(data, name))
        if stakeholders is not None:
            interaction.stakeholders = stakeholders
        if users is not None:
            interaction.users = users
        if "present_names" in given:
            interaction.present_names = list(data.present_names or []) or None
    repo.flush()
    return InteractionPublic.of(interaction)


def delete_interaction(
    session: Session, interaction_id: int, version: int | None = None
) -> InteractionPublic:
    return delete_record(InteractionRepository(session), interaction_id, WHAT, version, InteractionPublic.of)


def restore_interaction(
    session: Session, interaction_id: int, version: int | None = None
) -> InteractionPublic:
    return restore_record(InteractionRepository(session), interaction_id, WHAT, version, InteractionPublic.of)


def interaction_history(
    session: Session, interaction_id: int, request: PageRequest | None = None
) -> Page[HistoryEntry]:
    return record_history(InteractionRepository(session), interaction_id, WHAT, request)


def find_interactions(
    session: Session, filters: InteractionFilters | None = None, request: PageRequest | None = None
) -> Page[InteractionPublic]:
    """One page of the interactions the actor may see that meet `filters`, newest first unless `request`
    says."""
    filters, request = filters or InteractionFilters(), request or PageRequest()
    repo = InteractionRepository(session)
    found = repo.page(_where(session, filters), request, deleted=filters.deleted)
    return page_of([InteractionPublic.of(i) for i in found.records], found, request)


def _set_participants(
    session: Session,
    interaction: Interaction,
    account: Account,
    stakeholders: list[int],
    present: list[str],
    present_names: list[str],
) -> None:
    interaction.stakeholders = met_stakeholders(session, account, stakeholders)
    interaction.users = present_users(session, account, present)
    interaction.present_names = list(present_names) or None


def _where(session: Session, filters: InteractionFilters) -> list[sa.ColumnElement[bool]]:
    where = account_clause(session, Interaction, filters.account)
    where += text_clause((Interaction.title, Interaction.notes), filters.q)
    if filters.kind is not None:
        where.append(Interaction.kind == filters.kind)
    if filters.since is not None:
        where.append(Interaction.occurred_at >= _start_of(filters.since))
    if filters.until is not None:
        where.append(Interaction.occurred_at < _start_of(filters.until + dt.timedelta(days=1)))
    if filters.stakeholder is not None:
        met = sa.select(interaction_stakeholders.c.interaction_id).where(
            interaction_stakeholders.c.stakeholder_id == filters.stakeholder
        )
        where.append(Interaction.id.in_(met))
    if filters.present is not None:
        where.append(Interaction.id.in_(_present(session, filters.present)))
    return where


def _present(session: Session, name: str) -> sa.Select[tuple[int]]:
    """The interactions user `name` (a login, or me) was present at."""
    query = sa.select(interaction_users.c.interaction_id)
    if name == ME:
        me = actor_of(session).user_id
        return query.where(sa.false()) if me is None else query.where(interaction_users.c.user_id == me)
    return query.where(interaction_users.c.user_id.in_(sa.select(User.id).where(User.login == name)))


def _start_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)


def record_call_analysis(
    session: Session,
    account_code: str,
    data: InteractionCreate,
    analysis: CallAnalysis,
    settings: CallSettings,
    sales: Sequence[str] = (),
) -> RecordedCall:
    """Store a call analysis on the account's interaction for this transcript, creating it the first
    time; analysing the same transcript again updates that interaction and its analysis. The `sales`
    speakers take part: as the users they name (who may see the account), else by name; storing again
    adds them to who took part and keeps the rest (and the notes). A transcript whose interaction was
    deleted is stored by restoring that interaction and updating it: storing a call asks for it to be
    in the workspace, and the account and transcript name one interaction only (the audit records the
    restore)."""
    if data.transcript_sha256 is None:
        raise InvalidInput(Notice("ws_needs_sha256"))
    account = _account(session, account_code)
    repo = InteractionRepository(session)
    interaction = repo.by_transcript(account.id, data.transcript_sha256)
    if interaction is not None and interaction.deleted_at is not None:
        restore(repo, interaction)
    fields = _analysis_fields(analysis, settings)
    users, names = sales_participants(session, account, sales)
    created = interaction is None
    stored = data.model_dump(include=set(STORED_CALL))
    if interaction is None:
        interaction = Interaction(account=account, **stored)
        interaction.stakeholders = met_stakeholders(session, account, data.stakeholders)
        interaction.users = users
        interaction.present_names = names or None
        interaction.analysis = CallAnalysisRecord(**fields)
        repo.add(interaction)
    else:
        for name, value in stored.items():
            setattr(interaction, name, value)
        interaction.users = list({u.id: u for u in [*interaction.users, *users]}.values())
        interaction.present_names = list(dict.fromkeys([*(interaction.present_names or []), *names])) or None
        if interaction.analysis is None:
            interaction.analysis = CallAnalysisRecord(**fields)
        else:
            for name, value in fields.items():
                setattr(interaction.analysis, name, value)
        session.flush()
    return RecordedCall(interaction=InteractionPublic.of(interaction), created=created)


def list_interactions(session: Session, account_code: str | None = None) -> list[InteractionPublic]:
    """Interactions newest first (of one account if a code is given), each with its analysis."""
    account_id = None if account_code is None else _account(session, account_code, write=False).id
    return [InteractionPublic.of(i) for i in InteractionRepository(session).list_recent(account_id)]


def _account(session: Session, code: str, *, write: bool = True) -> Account:
    """The account `code` names, among those the actor may change (or, with `write` False, see)."""
    account = AccountRepository(session).by_code(code, write=write)
    if account is None:
        raise AccountNotFound(code)
    return account


def _analysis_fields(analysis: CallAnalysis, settings: CallSettings) -> dict[str, Any]:
    """Columns of `call_analyses`; headline numbers are taken from `to_dict()` so they match `result`."""
    result = analysis.to_dict()
    talk, questions = result["talk"], result["questions"]
    return {
        "language": analysis.language,
        "duration_s": result["duration_s"],
        "customer_share": talk["customer_share"],
        "customer_to_sales": talk["customer_to_sales"],
        "questions_total": questions["total"],
        "questions_open": questions["open"],
        "questions_closed": questions["closed"],
        "why_chain_depth": result["why_chain_depth"],
        "pitch_first_at_s": result["pitch"]["first_at_s"],
        "price_first_mention_at_s": result["price"]["first_mention_at_s"],
        "flags": result["flags"],
        "result": result,
        "settings": settings.model_dump(mode="json"),
        "analysed_at": utcnow(),
    }
