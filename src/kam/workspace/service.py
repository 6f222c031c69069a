"""What every feature's service does the same way: check the version a change is based on, soft-delete
and restore, read a record's history, require an admin. Services flush but never commit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import BaseModel
from sqlalchemy.orm import Session

from kam.i18n import Notice
from kam.workspace.access import Actor, actor_of
from kam.workspace.accounts.repository import AccountRepository
from kam.workspace.audit.models import AuditEntry
from kam.workspace.audit.repository import AuditRepository
from kam.workspace.audit.schemas import HistoryEntry
from kam.workspace.audit.trail import SECRET
from kam.workspace.db import utcnow
from kam.workspace.errors import AccessDenied, StaleVersion
from kam.workspace.listing import Page, PageRequest, counted_page
from kam.workspace.records import Record
from kam.workspace.repository import ScopedRepository
from kam.workspace.users.repository import UserRepository
from kam.workspace.vocabulary import ActorKind, RecordKind

R = TypeVar("R", bound=Record)
P = TypeVar("P", bound=BaseModel)


def require_admin(session: Session) -> Actor:
    """The session's actor, who must be an admin (or the local operator)."""
    actor = actor_of(session)
    if not actor.is_admin:
        raise AccessDenied(Notice("ws_admins_only"))
    return actor


def require_version(
    record: R, given: int | None, what: RecordKind, key: object, public: Callable[[R], P]
) -> None:
    """Refuse a change based on another version than the stored one (None: the caller did not say, as
    on the command line, where a person acts on what they see now)."""
    if given is not None and given != record.version:
        raise StaleVersion(what, key, given, public(record))


def soft_delete(repo: ScopedRepository[R], record: R) -> None:
    """Hide `record` from every list and get, until it is restored; the audit records who and when."""
    record.deleted_at = utcnow()
    repo.flush()


def restore(repo: ScopedRepository[R], record: R) -> None:
    record.deleted_at = None
    repo.flush()


def history(session: Session, record: Record, request: PageRequest) -> Page[HistoryEntry]:
    """One page of `record`'s audit entries, oldest first; the caller has found `record` through its
    scoped repository, so whoever may read the record reads its history. A link to another record is
    shown by that record's key (an account's code, a user's login) and named by the link (`owner`, not
    `owner_id`); an account the reader may not see is shown as *** ."""
    table = record.__table__  # type: ignore[attr-defined]
    entries, total = AuditRepository(session).entries(table.name, record.id, request)
    links = {
        column.name: next(iter(column.foreign_keys)).column.table.name
        for column in table.columns
        if column.foreign_keys and column.name.endswith("_id")
    }
    keys = _link_keys(session, links, entries)
    logins = UserRepository(session).logins_of(e.actor_id for e in entries if e.actor_id is not None)
    items = []
    for e in entries:
        field, old, new = e.field, e.old_value, e.new_value
        if field is not None and field in links:
            shown = keys[links[field]]
            field, old, new = field.removesuffix("_id"), shown.get(old, old), shown.get(new, new)
        actor = None if e.actor_kind is ActorKind.LOCAL_OPERATOR else logins.get(e.actor_id or 0)
        items.append(
            HistoryEntry(
                at=e.at,
                actor_kind=e.actor_kind,
                actor=actor,
                action=e.action,
                field=field,
                old_value=old,
                new_value=new,
            )
        )
    return counted_page(items, total, request)


def _link_keys(
    session: Session, links: dict[str, str], entries: list[AuditEntry]
) -> dict[str, dict[int, Any]]:
    """For each linked table, the ids of the history as they are shown: accounts by code (*** when the
    reader may not see them), users by login; other tables' ids are shown as they are."""
    ids: dict[str, set[int]] = {name: set() for name in links.values()}
    for e in entries:
        if e.field in links:
            ids[links[e.field]].update(v for v in (e.old_value, e.new_value) if isinstance(v, int))
    codes = AccountRepository(session).codes_of(ids.get("accounts", set()))
    logins = UserRepository(session).logins_of(ids.get("users", set()))
    return {
        name: {i: codes.get(i, SECRET) for i in wanted}
        if name == "accounts"
        else {i: logins.get(i, i) for i in wanted}
        if name == "users"
        else {}
        for name, wanted in ids.items()
    }
