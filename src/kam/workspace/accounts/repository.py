"""Every query on accounts, scoped to the session's actor by the base repository; no rules here.

Three lookups read past the scope, each for a reason and never to show a record: whether a code is
taken at all (codes are unique across the workspace), the referral and group graphs (a loop through an
account the actor cannot see is still a loop), and the free-text owners a new user claims (an admin's
task)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

import sqlalchemy as sa
from sqlalchemy.orm import joinedload
from sqlalchemy.sql.base import ExecutableOption

from kam.workspace.accounts.models import Account
from kam.workspace.repository import ScopedRepository
from kam.workspace.users.models import User

_CHUNK = 500  # values per IN list: far below SQLite's and PostgreSQL's parameter limits


def _chunks(values: Iterable[str | int]) -> Iterable[list[str | int]]:
    wanted = sorted(set(values), key=str)
    for i in range(0, len(wanted), _CHUNK):
        yield wanted[i : i + _CHUNK]


class AccountRepository(ScopedRepository[Account]):
    """Queries on the `accounts` table within one session."""

    model = Account
    sortable: ClassVar = {
        name: name
        for name in (
            "id",
            "code",
            "name",
            "type",
            "ownership",
            "industry",
            "since",
            "created_at",
            "updated_at",
        )
    }
    default_sort = "code"

    def options(self) -> Sequence[ExecutableOption]:
        """The referrer, the parent and the owner of each account, in the same query."""
        return (joinedload(Account.referred_by), joinedload(Account.parent), joinedload(Account.owner))

    def by_code(self, code: str, *, write: bool = False, deleted: bool | None = False) -> Account | None:
        return self.one(Account.code == code, write=write, deleted=deleted)

    def by_codes(self, codes: Iterable[str], *, write: bool = False) -> dict[str, Account]:
        """Live accounts in the actor's scope by code; the others are left out."""
        found: dict[str, Account] = {}
        for chunk in _chunks(codes):
            query = self.statement(write=write).where(Account.code.in_(chunk)).options(*self.options())
            found.update((a.code, a) for a in self.session.scalars(query).unique())
        return found

    def readable_ids(self, ids: Iterable[int | None]) -> set[int]:
        """Which of these account ids the actor may see (live ones)."""
        seen: set[int] = set()
        for chunk in _chunks(i for i in ids if i is not None):
            query = self.readable_statement().where(Account.id.in_(chunk)).with_only_columns(Account.id)
            seen.update(self.session.scalars(query))
        return seen

    def taken_codes(self, codes: Iterable[str]) -> set[str]:
        """Which of these codes any account has, live or deleted, seen by the actor or not: a code is
        unique in the workspace (the caller names these codes; nothing else is told)."""
        taken: set[str] = set()
        for chunk in _chunks(codes):
            taken.update(self.session.scalars(sa.select(Account.code).where(Account.code.in_(chunk))))
        return taken

    def links(self, column: str) -> dict[int, int | None]:
        """account id -> its referrer (`referred_by_id`) or group (`parent_id`) for every account: the
        whole graph, for loop checks."""
        rows = self.session.execute(sa.select(Account.id, getattr(Account, column)))
        return {account_id: linked for account_id, linked in rows}

    def codes_of(self, ids: Iterable[int]) -> dict[int, str]:
        """account id -> code for the ids the actor may see."""
        readable = self.readable_ids(ids)
        rows = self.session.execute(
            sa.select(Account.id, Account.code).where(Account.id.in_(sorted(readable)))
        )
        return {account_id: code for account_id, code in rows}

    def named_owners(self) -> list[Account]:
        """Live accounts with no owner user but an owner's name, in every scope (for a new user to claim:
        only admins add users)."""
        query = sa.select(Account).where(
            Account.deleted_at.is_(None), Account.owner_id.is_(None), Account.owner_name.is_not(None)
        )
        return list(self.session.scalars(query))

    def owner_counts(self) -> list[tuple[str | None, str, int]]:
        """(login, name, accounts) of each owner of the live accounts in the actor's scope: users by
        login and display name, and names that match no user (login None)."""
        scoped = self.readable_statement().subquery()
        query = (
            sa.select(User.login, sa.func.coalesce(User.display_name, scoped.c.owner_name), sa.func.count())
            .select_from(scoped)
            .outerjoin(User, User.id == scoped.c.owner_id)
            .where(sa.or_(scoped.c.owner_id.is_not(None), scoped.c.owner_name.is_not(None)))
            .group_by(User.login, User.display_name, scoped.c.owner_name)
        )
        return [(login, name, count) for login, name, count in self.session.execute(query)]
