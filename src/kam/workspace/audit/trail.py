"""The audit trail, in one place: every flush of a workspace session stamps the records it writes with
their actor and time, and writes one `audit_entries` row per changed field (create, update, delete,
restore; `purge` for a row removed outright). Nothing else writes the trail, and no service has to
remember to: a change made through the ORM is recorded whoever makes it.

Before the flush (`_before_flush`) the old values are still at hand; after it (`_after_flush`) new
records have their ids and foreign keys set through relationships have their values, so the rows are
written then, on the flush's own connection and transaction: a change and its audit rows are committed
or rolled back together.
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

import sqlalchemy as sa
from sqlalchemy.orm import Mapper, Session, UOWTransaction
from sqlalchemy.orm.attributes import NO_VALUE, set_committed_value
from sqlalchemy.orm.exc import StaleDataError

from kam.workspace.access import Actor, actor_of
from kam.workspace.audit.models import AuditEntry
from kam.workspace.db import WorkspaceSession, utcnow
from kam.workspace.records import BOOKKEEPING, Record
from kam.workspace.vocabulary import ActorKind, AuditAction

_PENDING = "kam.audit.pending"
AUDIT = cast(sa.Table, AuditEntry.__table__)
SECRET = "***"  # what the trail writes for a secret's value (a password hash, a token hash)


@dataclass
class _Change:
    action: AuditAction
    record: Record
    old: dict[str, Any]  # field -> value before the change (empty for a create)


@functools.cache
def _fields(mapper: Mapper[Any]) -> tuple[str, ...]:
    """The record's own columns (not the bookkeeping ones), by attribute name."""
    ignored = BOOKKEEPING | mapper.class_.audit_ignored
    return tuple(prop.key for prop in mapper.column_attrs if prop.key not in ignored)


@functools.cache
def _collections(mapper: Mapper[Any]) -> tuple[str, ...]:
    """Many-to-many relationships (a user's teams), recorded as the sorted ids of their members."""
    ignored = mapper.class_.audit_ignored
    return tuple(r.key for r in mapper.relationships if r.secondary is not None and r.key not in ignored)


def _old_values(session: Session, record: Record) -> dict[str, Any]:
    """The value before the change of every field changed in `record` (foreign keys set through a
    relationship included: their column still holds the old value until the flush). A value that was
    not loaded when it was replaced (an expired record) is read from the row, which still has it."""
    state = sa.inspect(record)
    mapper = state.mapper
    old: dict[str, Any] = {}
    unread: list[str] = []
    for key in _fields(mapper):
        history = state.attrs[key].history
        if history.has_changes():
            old[key] = history.deleted[0] if history.deleted else None
            if not history.deleted:
                unread.append(key)
    if unread:
        table = mapper.local_table
        columns = [mapper.get_property(key).columns[0] for key in unread]
        row = session.connection().execute(sa.select(*columns).where(table.c.id == record.id)).one()
        old |= dict(zip(unread, row, strict=True))
    for relation in mapper.relationships:
        many_to_one = relation.secondary is None and relation.direction.name == "MANYTOONE"
        if many_to_one and state.attrs[relation.key].history.has_changes():
            for column in relation.local_columns:
                key = mapper.get_property_by_column(column).key
                if key in _fields(mapper):
                    old.setdefault(key, state.dict.get(key))
    for key in _collections(mapper):
        history = state.attrs[key].history
        if history.has_changes():
            old[key] = sorted(m.id for m in (*history.unchanged, *history.deleted))
    deleted = state.attrs["deleted_at"].history
    if deleted.has_changes():
        old["deleted_at"] = deleted.deleted[0] if deleted.deleted else None
    return old


def _new_value(record: Record, key: str) -> Any:
    state = sa.inspect(record)
    if key in _collections(state.mapper):
        return sorted(m.id for m in state.dict.get(key, ()))
    value = state.dict.get(key, NO_VALUE)
    return None if value is NO_VALUE else value


def _before_flush(session: Session, _context: UOWTransaction, _instances: object) -> None:
    now = utcnow()
    pending: list[_Change] = []
    for record in session.new:
        if isinstance(record, Record):
            actor = actor_of(session)
            record.created_by_id = record.updated_by_id = actor.user_id
            record.created_at = record.updated_at = now
            pending.append(_Change(AuditAction.CREATE, record, {}))
    for record in session.dirty:
        if not isinstance(record, Record) or not session.is_modified(record):
            continue
        old = _old_values(session, record)
        if not old:  # only bookkeeping moved (a token's last use)
            continue
        record.updated_by_id = actor_of(session).user_id
        record.updated_at = now
        pending.append(_Change(_action(record, old), record, old))
    for record in session.deleted:
        if isinstance(record, Record):
            actor_of(session)
            pending.append(_Change(AuditAction.PURGE, record, {}))
    session.info[_PENDING] = (now, pending)


def _action(record: Record, old: dict[str, Any]) -> AuditAction:
    if "deleted_at" in old and (old["deleted_at"] is None) != (record.deleted_at is None):
        return AuditAction.RESTORE if record.deleted_at is None else AuditAction.DELETE
    return AuditAction.UPDATE


def _after_flush(session: Session, _context: UOWTransaction) -> None:
    at, pending = session.info.pop(_PENDING, (None, []))
    if not pending:
        return
    actor = actor_of(session)
    rows = [row for change in pending for row in _rows(change, actor, at)]
    if rows:
        session.connection().execute(sa.insert(AUDIT), rows)


def _rows(
    change: _Change, actor: Actor, at: dt.datetime, new_values: dict[str, Any] | None = None
) -> list[dict[str, Any]]:
    """The audit rows of one change: one per field whose value moved (new values read from the record,
    or given)."""
    record = change.record
    mapper = sa.inspect(record).mapper
    base = {
        "at": at,
        "actor_kind": ActorKind.LOCAL_OPERATOR if actor.is_local_operator else ActorKind.USER,
        "actor_id": actor.user_id,
        "action": change.action,
        "table_name": mapper.local_table.name,
        "record_id": record.id,
        "account_id": record.audit_account_id(),
    }
    if change.action is AuditAction.PURGE:
        return [base | {"field": None, "old_value": None, "new_value": None}]
    created = change.action is AuditAction.CREATE
    olds = dict.fromkeys([*_fields(mapper), *_collections(mapper)]) if created else change.old
    rows = []
    for key, old in olds.items():
        new = _new_value(record, key) if new_values is None else new_values[key]
        if old == new or (created and new in (None, [])):
            continue
        secret = key in record.audit_secret
        rows.append(base | {"field": key, "old_value": _plain(old, secret), "new_value": _plain(new, secret)})
    return rows


def update_rows(session: Session, changes: Sequence[tuple[Record, dict[str, Any]]]) -> None:
    """Change many records of one table at once, each with the same fields, in one batched UPDATE, and
    record it as a flush would be recorded: one audit row per changed field, the version moved, who and
    when stamped, a row changed meanwhile refused (StaleDataError). For bulk changes the ORM would write
    one statement per row (it never batches UPDATEs of versioned rows). The records are left holding
    their new values, with nothing pending."""
    if not changes:
        return
    session.flush()
    actor, now = actor_of(session), utcnow()
    table = cast(sa.Table, sa.inspect(changes[0][0]).mapper.local_table)
    keys = sorted(changes[0][1])
    values: dict[str, Any] = {key: sa.bindparam(f"v_{key}", type_=table.c[key].type) for key in keys}
    values |= {
        "version": sa.bindparam("b_next"),
        "updated_at": sa.bindparam("b_at", type_=table.c.updated_at.type),
        "updated_by_id": sa.bindparam("b_by"),
    }
    where = (table.c.id == sa.bindparam("b_id"), table.c.version == sa.bindparam("b_version"))
    statement = sa.update(table).where(*where).values(values)
    params = [
        {"b_id": r.id, "b_version": r.version, "b_next": r.version + 1, "b_at": now, "b_by": actor.user_id}
        | {f"v_{key}": new[key] for key in keys}
        for r, new in changes
    ]
    connection = session.connection()
    if connection.execute(statement, params).rowcount != len(params):
        raise StaleDataError(f"{table.name}: a row changed since it was read")
    rows = []
    for record, new in changes:
        state = sa.inspect(record)
        old = {key: state.dict.get(key) for key in keys}
        rows += _rows(_Change(AuditAction.UPDATE, record, old), actor, now, new)
        for key, value in {
            **new,
            "version": record.version + 1,
            "updated_at": now,
            "updated_by_id": actor.user_id,
        }.items():
            set_committed_value(record, key, value)
    if rows:
        connection.execute(sa.insert(AUDIT), rows)


def _plain(value: Any, secret: bool = False) -> Any:
    """A value as JSON keeps it: choices as their codes, dates as ISO text; a secret as a mark only."""
    if value is None:
        return None
    if secret:
        return SECRET
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


sa.event.listen(WorkspaceSession, "before_flush", _before_flush)
sa.event.listen(WorkspaceSession, "after_flush", _after_flush)
