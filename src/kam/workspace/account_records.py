"""What the features of records under an account (stakeholders, needs, deals, contracts, next steps) do
the same way: address a record by id within the actor's scope, name its account by code, link it to
another record of the same account (never itself, never in a loop), and get, delete, restore and read
the history of it. Scoping stays in the base repository: everything here starts from it.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

import sqlalchemy as sa
from pydantic import BaseModel
from sqlalchemy.orm import Session, joinedload
from sqlalchemy.sql.base import ExecutableOption

from kam.i18n import Joined, Notice
from kam.workspace.accounts.models import Account
from kam.workspace.accounts.repository import AccountRepository
from kam.workspace.audit.schemas import HistoryEntry
from kam.workspace.errors import AccountNotFound, DuplicateRecord, InvalidLink, RecordNotFound
from kam.workspace.listing import MAX_PER_PAGE, Page, PageRequest, Slice
from kam.workspace.records import Record
from kam.workspace.repository import ScopedRepository
from kam.workspace.service import history, require_version, restore, soft_delete
from kam.workspace.vocabulary import RecordKind

M = TypeVar("M", bound=Record)
P = TypeVar("P", bound=BaseModel)
K = TypeVar("K", bound=Hashable)
Clause = sa.ColumnElement[bool]
CHAIN_SHOWN = 10  # records of a loop named in its message


class AccountRecordRepository(ScopedRepository[M]):
    """Queries on a table of records under an account (the model is `Record, UnderAccount`), each
    loaded with its account."""

    def options(self) -> Sequence[ExecutableOption]:
        return (joinedload(self.model.account),)  # type: ignore[attr-defined]

    def in_account(self, account_id: int, *where: Clause, deleted: bool | None = False) -> list[M]:
        """The records of one account that meet `where` (live ones, unless `deleted` says)."""
        query = self.statement(deleted=deleted).where(
            self.model.account_id == account_id,  # type: ignore[attr-defined]
            *where,
        )
        return list(self.session.scalars(query.options(*self.options())).unique())

    def links(self, column: str, account_id: int) -> dict[int, int | None]:
        """record id -> the record its `column` names, for every record of the account, deleted ones
        too (a deleted record restored later must not close a loop): the graph for loop checks."""
        model: Any = self.model
        query = sa.select(model.id, getattr(model, column)).where(model.account_id == account_id)
        return {record_id: linked for record_id, linked in self.session.execute(query)}

    def key_taken(self, account_id: int, column: str, value: object, but: int | None = None) -> bool:
        """Whether a record of the account, live or deleted, has `value` in its key `column`."""
        model: Any = self.model
        query = sa.select(model.id).where(model.account_id == account_id, getattr(model, column) == value)
        if but is not None:
            query = query.where(model.id != but)
        return self.session.scalar(sa.select(query.exists())) is True


def require_account(session: Session, code: str, *, write: bool = True) -> Account:
    """The account `code` names among those the actor may change (`write`) or see."""
    account = AccountRepository(session).by_code(code, write=write)
    if account is None:
        raise AccountNotFound(code)
    return account


def account_clause(session: Session, model: Any, code: str | None) -> list[Clause]:
    """A list filter on the account's code: an account the actor may not see filters to nothing."""
    if code is None:
        return []
    account = AccountRepository(session).by_code(code)
    return [sa.false()] if account is None else [model.account_id == account.id]


def text_clause(columns: Iterable[Any], text: str | None) -> list[Clause]:
    """A list filter on text found in any of `columns`, in any case."""
    if not text:
        return []
    folded = text.casefold()
    return [sa.or_(*(sa.func.lower(c).contains(folded, autoescape=True) for c in columns))]


def require_record(
    repo: ScopedRepository[M],
    record_id: int,
    what: RecordKind,
    *,
    write: bool = False,
    deleted: bool | None = False,
) -> M:
    """The record `record_id` in the actor's scope; one out of scope is not found, like a missing one."""
    record = repo.get(record_id, write=write, deleted=deleted)
    if record is None:
        raise RecordNotFound(what, record_id)
    return record


def require_new_key(
    repo: AccountRecordRepository[M],
    account: Account,
    column: str,
    value: object,
    what: RecordKind,
    but: int | None,
) -> None:
    """Refuse a key (a stakeholder's name in the account) that another record of the account has."""
    if repo.key_taken(account.id, column, value, but):
        raise DuplicateRecord(what, str(value))


def linked_record(
    repo: ScopedRepository[M], account_id: int, target_id: int | None, field: str, what: RecordKind
) -> M | None:
    """The live record `target_id` of the same account that `field` links to; anything else is refused
    with the same words whether it does not exist, is deleted, is under another account or out of reach."""
    if target_id is None:
        return None
    model: Any = repo.model
    target = repo.one(model.id == target_id, model.account_id == account_id)
    if target is None:
        raise InvalidLink(
            Notice("ws_link_unknown", field=field, what=Notice(f"record_{what.value}"), id=target_id)
        )
    return target


def check_no_loop(
    graph: Mapping[K, K | None], record: K, target: K, field: str, name: Callable[[K], str]
) -> None:
    """Refuse linking `record` to `target` (field `field`) when it is `record` itself or when `target`'s
    chain leads back to `record`; the loop is named by `name` of each record on it."""
    loop = loop_through(graph, record, target)
    if loop:
        raise InvalidLink(Notice("ws_link_loop", field=field, chain=chain_words([record, *loop], name)))


def chain_words(chain: Sequence[K], name: Callable[[K], str]) -> Joined:
    """A chain of records as words, "王偉 → 李娜 → 王偉", cut after `CHAIN_SHOWN` records."""
    shown = [name(k) for k in chain[:CHAIN_SHOWN]]
    more = [Notice("loop_more", count=len(chain) - 1)] if len(chain) > CHAIN_SHOWN else []
    return Joined(" → ", [*shown, *more])


def loop_through(graph: Mapping[K, K | None], record: K, target: K) -> list[K]:
    """The chain from `target` back to `record` (just [record] when they are one), or [] when the
    chain of links from `target` never gets there."""
    chain: list[K] = []
    seen: set[K] = set()
    current: K | None = target
    while current is not None and current not in seen:
        chain.append(current)
        if current == record:
            return chain
        seen.add(current)
        current = graph.get(current)
    return []


def find_loops(graph: Mapping[K, K | None], starts: Iterable[K]) -> list[list[K]]:
    """Every loop reachable from `starts`, each as its records in link order; linear in the graph."""
    walked: dict[K, K] = {}
    loops: list[list[K]] = []
    for start in starts:
        path: list[K] = []
        current: K | None = start
        while current is not None and current not in walked:
            walked[current] = start
            path.append(current)
            current = graph.get(current)
        if current is not None and walked[current] == start:
            loops.append(path[path.index(current) :])
    return loops


def page_of(items: list[P], found: Slice[Any], request: PageRequest) -> Page[P]:
    """The page of `items` (the public form of what the repository `found` for `request`)."""
    return Page(
        items=items, total=found.total, page=request.page, per_page=request.per_page, has_more=found.has_more
    )


def every_page(list_page: Callable[[PageRequest], Page[P]]) -> list[P]:
    """Every item of a list, page after page (for the command line, which shows them all)."""
    found: list[P] = []
    page = 1
    while True:
        listed = list_page(PageRequest(page=page, per_page=MAX_PER_PAGE))
        found += listed.items
        if not listed.has_more:
            return found
        page += 1


def delete_record(
    repo: ScopedRepository[M], record_id: int, what: RecordKind, version: int | None, public: Callable[[M], P]
) -> P:
    """Hide the record from every list and get, until it is restored."""
    record = require_record(repo, record_id, what, write=True)
    require_version(record, version, what, record_id, public)
    soft_delete(repo, record)
    return public(record)


def restore_record(
    repo: ScopedRepository[M], record_id: int, what: RecordKind, version: int | None, public: Callable[[M], P]
) -> P:
    """Bring a deleted record back as it was; restoring a live one changes nothing."""
    record = require_record(repo, record_id, what, write=True, deleted=None)
    require_version(record, version, what, record_id, public)
    if record.deleted_at is not None:
        restore(repo, record)
    return public(record)


def record_history(
    repo: ScopedRepository[M], record_id: int, what: RecordKind, request: PageRequest | None
) -> Page[HistoryEntry]:
    """Every change of the record, oldest first (a deleted record's too, to see who deleted it)."""
    record = require_record(repo, record_id, what, deleted=None)
    return history(repo.session, record, request or PageRequest(per_page=MAX_PER_PAGE))
