"""Every query on API tokens: scoped listing (an admin sees every token, a user their own), and the one
unscoped lookup, `authenticate`, which runs before anyone is known."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import ClassVar

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.orm import joinedload
from sqlalchemy.sql.base import ExecutableOption

from kam.workspace.access import Actor
from kam.workspace.repository import ScopedRepository
from kam.workspace.tokens.models import ApiToken
from kam.workspace.users.models import User, team_members


class TokenRepository(ScopedRepository[ApiToken]):
    model = ApiToken
    sortable: ClassVar = {"id": "id", "created_at": "created_at", "last_used_at": "last_used_at"}

    def options(self) -> Sequence[ExecutableOption]:
        return (joinedload(ApiToken.user),)


def actor_of_token(connection: Connection, token_hash: str) -> tuple[Actor, int, dt.datetime | None] | None:
    """The actor a token stands for (its user, active, with their teams), the token's id and its last
    use; None for a token that is unknown or revoked, or whose user is deactivated."""
    row = connection.execute(
        sa.select(ApiToken.id, ApiToken.last_used_at, User.id, User.login, User.role)
        .join(User, User.id == ApiToken.user_id)
        .where(
            ApiToken.token_hash == token_hash,
            ApiToken.revoked_at.is_(None),
            ApiToken.deleted_at.is_(None),
            User.active.is_(True),
            User.deleted_at.is_(None),
        )
    ).one_or_none()
    if row is None:
        return None
    token_id, last_used, user_id, login, role = row
    teams = connection.scalars(sa.select(team_members.c.team_id).where(team_members.c.user_id == user_id))
    return Actor(user_id=user_id, login=login, role=role, team_ids=frozenset(teams)), token_id, last_used


def touch_token(connection: Connection, token_id: int, now: dt.datetime) -> None:
    connection.execute(sa.update(ApiToken).where(ApiToken.id == token_id).values(last_used_at=now))
