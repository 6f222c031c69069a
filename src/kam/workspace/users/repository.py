"""Every query on users and teams, scoped by the base repository (an admin sees every user, anyone else
only themselves and their own teams)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

import sqlalchemy as sa
from sqlalchemy.orm import selectinload
from sqlalchemy.sql.base import ExecutableOption

from kam.workspace.repository import ScopedRepository
from kam.workspace.users.models import Team, User


class UserRepository(ScopedRepository[User]):
    model = User
    sortable: ClassVar = {"id": "id", "login": "login", "display_name": "display_name", "role": "role"}
    default_sort = "login"

    def options(self) -> Sequence[ExecutableOption]:
        return (selectinload(User.teams),)

    def by_login(self, login: str, *, write: bool = False) -> User | None:
        return self.one(User.login == login, write=write)

    def named(self, name: str) -> list[User]:
        """Every user whose login is `name`, or else whose display name is `name` (ignoring case and
        spaces around it), whoever the actor is: this resolves a name the caller gave (an account's
        owner) and is never listed. Deactivated users are left out."""
        wanted = name.strip()
        live = sa.select(User).where(User.deleted_at.is_(None), User.active.is_(True))
        by_login = self.session.scalars(live.where(User.login == wanted)).all()
        if by_login:
            return list(by_login)
        folded = wanted.casefold()
        return [u for u in self.session.scalars(live) if u.display_name.strip().casefold() == folded]

    def all_names(self) -> list[tuple[int, str, str]]:
        """(id, login, display name) of every active user, whoever the actor is (see `named`)."""
        query = sa.select(User.id, User.login, User.display_name).where(
            User.deleted_at.is_(None), User.active.is_(True)
        )
        return [(i, login, name) for i, login, name in self.session.execute(query)]

    def logins_of(self, ids: Iterable[int]) -> dict[int, str]:
        """user id -> login, whoever the actor is: the names that history rows and owners show."""
        wanted = sorted(set(ids))
        if not wanted:
            return {}
        rows = self.session.execute(sa.select(User.id, User.login).where(User.id.in_(wanted)))
        return {user_id: login for user_id, login in rows}


class TeamRepository(ScopedRepository[Team]):
    model = Team
    sortable: ClassVar = {"id": "id", "name": "name"}
    default_sort = "name"

    def options(self) -> Sequence[ExecutableOption]:
        return (selectinload(Team.members),)

    def by_names(self, names: Iterable[str]) -> dict[str, Team]:
        wanted = sorted(set(names))
        if not wanted:
            return {}
        return {
            team.name: team
            for team in self.session.scalars(
                self.readable_statement().where(Team.name.in_(wanted)).options(*self.options())
            )
        }
