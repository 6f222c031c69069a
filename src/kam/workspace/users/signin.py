"""Signing in with a login and a password (the web pages), and finding the actor of a signed-in user on
each later request. Both run in a short read-only transaction of their own, before the request's session
(which needs the actor) is opened, as bearer tokens do (kam.workspace.tokens.service.authenticate)."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from kam.domain.languages import Lang
from kam.domain.users import Role
from kam.workspace.access import Actor
from kam.workspace.users.models import User, team_members
from kam.workspace.users.passwords import MAX_LENGTH, hash_password, verify_password

_UNKNOWN_USER_HASH = hash_password("no such user: this hash only keeps the time of a failure even")


@dataclass(frozen=True)
class SignedIn:
    """Who signed in, with the language they chose for the pages (None: not chosen yet)."""

    actor: Actor
    display_name: str
    language: Lang | None


def sign_in(engine: Engine, login: str, password: str) -> SignedIn | None:
    """The active user `login` if `password` is theirs, else None; an unknown login costs the same
    argon2 verification as a known one, so the time taken does not tell which logins exist."""
    if not login or len(login) > 64 or len(password) > MAX_LENGTH:
        return None
    with engine.connect() as connection:
        row = connection.execute(_live_users().where(User.login == login)).one_or_none()
        if row is None:
            verify_password(_UNKNOWN_USER_HASH, password)
            return None
        if not verify_password(row.password_hash, password):
            return None
        return _signed_in(connection, row)


def signed_in_user(engine: Engine, user_id: int) -> SignedIn | None:
    """The user of a session cookie, while they are still active; None once deactivated."""
    with engine.connect() as connection:
        row = connection.execute(_live_users().where(User.id == user_id)).one_or_none()
        return None if row is None else _signed_in(connection, row)


def _live_users() -> sa.Select[int, str, str, Role, str | None, str | None]:
    return sa.select(
        User.id, User.login, User.display_name, User.role, User.password_hash, User.language
    ).where(User.active.is_(True), User.deleted_at.is_(None))


def _signed_in(connection: Connection, row: sa.Row[int, str, str, Role, str | None, str | None]) -> SignedIn:
    teams = connection.scalars(sa.select(team_members.c.team_id).where(team_members.c.user_id == row.id))
    actor = Actor(user_id=row.id, login=row.login, role=row.role, team_ids=frozenset(teams))
    language = Lang(row.language) if row.language in {lang.value for lang in Lang} else None
    return SignedIn(actor=actor, display_name=row.display_name, language=language)
