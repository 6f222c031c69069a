"""The one base repository: every query of a workspace table is scoped here to what the session's actor
may see or change, and nowhere else (services and endpoints never filter by hand).

Who sees what (`scope_clause`):
- an admin (and the local operator) every record;
- a manager the accounts owned by the members of their teams, their own, and the unowned ones (so that
  they can assign them);
- a rep the accounts they own;
and each of them every record under an account they see (`UnderAccount`: a record with an
`account_id`), while that account is not deleted. Users see themselves, their own tokens and their own
teams; the admins' lists of users and teams are admin-only in the services.

An analysis run (its date, basis and settings; no account's figures) is read by everyone and written by
admins only. Changing is allowed on the same records as seeing otherwise; a change must also leave the
record within the actor's reach (`require_writable`): a rep cannot give an account away, nor create one for somebody
else. A record outside the scope is never loaded, counted or named: to the actor it does not exist.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, Generic, TypeVar

import sqlalchemy as sa
from sqlalchemy.orm import Session
from sqlalchemy.sql.base import ExecutableOption

from kam.domain.users import Role
from kam.i18n import Notice
from kam.workspace.access import Actor, actor_of
from kam.workspace.accounts.models import Account
from kam.workspace.analysis.models import AnalysisRun
from kam.workspace.errors import AccessDenied, InvalidChoice
from kam.workspace.listing import PageRequest, Slice
from kam.workspace.records import Record, UnderAccount
from kam.workspace.tokens.models import ApiToken
from kam.workspace.users.models import Team, User, team_members

M = TypeVar("M", bound=Record)
Clause = sa.ColumnElement[bool]


def account_scope(actor: Actor) -> Clause | None:
    """Which accounts `actor` may see and change; None: all of them."""
    if actor.role is Role.ADMIN:
        return None
    if actor.user_id is None:  # no user: owns nothing (never the unowned accounts, owner_id IS NULL)
        return sa.false()
    if actor.role is Role.REP:
        return Account.owner_id == actor.user_id
    members = sa.select(team_members.c.user_id).where(team_members.c.team_id.in_(sorted(actor.team_ids)))
    return sa.or_(
        Account.owner_id.is_(None), Account.owner_id == actor.user_id, Account.owner_id.in_(members)
    )


def scope_clause(
    model: type[Record], actor: Actor, *, write: bool = False, counting: bool = False
) -> Clause | None:
    """The condition on `model`'s rows that `actor` may see (`write`: change); None when unrestricted.
    Seeing and changing have the same scope today; `write` is where they would part. `counting`: the
    same rows, said so that the database gathers them by account (the faster way to count them all)."""
    if model is Account:
        return account_scope(actor)
    if issubclass(model, UnderAccount):
        accounts = account_scope(actor)
        if accounts is None:  # every live account: said as "not under a deleted one", which lets the
            # database scan the table in the list's order instead of looking up every account's records
            return model.account_id.not_in(sa.select(Account.id).where(Account.deleted_at.is_not(None)))
        if counting:
            return model.account_id.in_(sa.select(Account.id).where(Account.deleted_at.is_(None), accounts))
        # a record at a time ("its account is live and in scope"), which lets the database read the
        # table in the list's order and stop at the page's end rather than gather and sort all of them
        live = sa.exists().where(Account.id == model.account_id, Account.deleted_at.is_(None), accounts)
        return live.correlate_except(Account)
    if actor.role is Role.ADMIN:
        return None
    if model is AnalysisRun:  # names no account: everyone reads it; only admins sync analyses
        return sa.false() if write else None
    if model is User:
        return User.id == actor.user_id
    if model is ApiToken:
        return ApiToken.user_id == actor.user_id
    if model is Team:
        return Team.id.in_(sorted(actor.team_ids))
    raise TypeError(f"{model.__name__} declares no access rule: make it UnderAccount or add its rule here")


class ScopedRepository(Generic[M]):
    """Queries on one table within one session, each scoped to the session's actor.

    A feature's repository names its `model`, the relationships it loads (`options`), and the fields a
    list may be sorted by (`sortable`, with `default_sort`); everything it selects starts from
    `readable_statement` or `writable_statement`.
    """

    model: type[M]
    sortable: ClassVar[Mapping[str, str]] = {
        "id": "id",
        "created_at": "created_at",
        "updated_at": "updated_at",
    }
    default_sort: ClassVar[str] = "id"

    def __init__(self, session: Session) -> None:
        self.session = session
        self.actor = actor_of(session)

    def options(self) -> Sequence[ExecutableOption]:
        """Relationships to load with every record (no lazy loads: relationships raise)."""
        return ()

    def statement(
        self, *, write: bool = False, deleted: bool | None = False, counting: bool = False
    ) -> sa.Select[M]:
        """The records in the actor's scope: live ones (`deleted` False), deleted ones (True) or both
        (`counting`: see `scope_clause`)."""
        query = sa.select(self.model)
        if deleted is not None:
            column = self.model.deleted_at
            query = query.where(column.is_not(None) if deleted else column.is_(None))
        clause = scope_clause(self.model, self.actor, write=write, counting=counting)
        return query if clause is None else query.where(clause)

    def readable_statement(self, *, deleted: bool | None = False) -> sa.Select[M]:
        return self.statement(write=False, deleted=deleted)

    def writable_statement(self, *, deleted: bool | None = False) -> sa.Select[M]:
        return self.statement(write=True, deleted=deleted)

    def one(self, *where: Clause, write: bool = False, deleted: bool | None = False) -> M | None:
        """The one record meeting `where` in the actor's scope, with its relationships; None if none."""
        query = self.statement(write=write, deleted=deleted).where(*where).options(*self.options())
        return self.session.scalars(query).unique().one_or_none()

    def get(self, record_id: int, *, write: bool = False, deleted: bool | None = False) -> M | None:
        return self.one(self.model.id == record_id, write=write, deleted=deleted)

    def page(self, where: Sequence[Clause], request: PageRequest, *, deleted: bool = False) -> Slice[M]:
        """One page of the records meeting `where` in the actor's scope: it reads one record more than
        the page holds to know whether more follow, and counts them all only when `request.total` asks."""
        query = self.readable_statement(deleted=deleted).where(*where)
        total = None
        if request.total:
            counted = self.statement(deleted=deleted, counting=True).where(*where)
            total = self.session.scalar(sa.select(sa.func.count()).select_from(counted.subquery())) or 0
        ordered = query.options(*self.options()).order_by(*self.order(request.sort))
        window = ordered.offset(request.offset).limit(request.per_page + 1)
        rows = list(self.session.scalars(window).unique().all())
        return Slice(rows[: request.per_page], len(rows) > request.per_page, total)

    def order(self, sort: str | None) -> list[sa.ColumnElement[Any]]:
        """ORDER BY for `sort` (a sortable field, or -field for descending), the id breaking ties."""
        sort = sort or self.default_sort
        name = sort.removeprefix("-")
        if name not in self.sortable:
            choices = ", ".join(sorted(self.sortable))
            raise InvalidChoice(Notice("ws_bad_sort", sort=sort, choices=choices))
        column = getattr(self.model, self.sortable[name])
        first = column.desc() if sort.startswith("-") else column.asc()
        return [first] if name == "id" else [first, self.model.id.asc()]

    def add(self, record: M) -> M:
        self.session.add(record)
        self.flush()
        return record

    def flush(self) -> None:
        """Write the pending changes (a row changed by another session since it was read fails with
        SQLAlchemy's StaleDataError: its version moved)."""
        self.session.flush()

    def require_writable(self, record: M) -> None:
        """Refuse a change that leaves `record` outside what the actor may change (a rep giving an
        account away, or creating one for somebody else); the session then rolls back."""
        self.flush()
        query = self.writable_statement(deleted=None).where(self.model.id == record.id)
        if self.session.scalar(sa.select(query.exists())) is not True:
            raise AccessDenied(Notice("ws_out_of_reach"))
