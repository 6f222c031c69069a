"""A small sales team on a workspace, for the access tests of the services and the API.

Teams: north (manager max, reps amy and ann), south (rep bob); ada is an admin in no team. Accounts:
A (amy's), N (ann's), B (bob's), M (max's), D (ada's) and U (nobody's).

From each role's side, `TARGETS` names an account it owns, one of a teammate's and one of another
team's; `VISIBLE` is every account each of them may see.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from kam.domain.users import Role
from kam.workspace.access import LOCAL_OPERATOR
from kam.workspace.accounts.schemas import AccountCreate
from kam.workspace.accounts.service import create_account
from kam.workspace.db import session_scope
from kam.workspace.tokens.schemas import TokenCreate
from kam.workspace.tokens.service import create_token
from kam.workspace.users.schemas import UserCreate
from kam.workspace.users.service import act_as_login, add_user

USERS = {
    "ada": (Role.ADMIN, []),
    "max": (Role.MANAGER, ["north"]),
    "amy": (Role.REP, ["north"]),
    "ann": (Role.REP, ["north"]),
    "bob": (Role.REP, ["south"]),
}
OWNERS = {"A": "amy", "N": "ann", "B": "bob", "M": "max", "D": "ada", "U": None}
ROLE_LOGIN = {"rep": "amy", "manager": "max", "admin": "ada"}
# each role's own account, a teammate's, and another team's
TARGETS = {
    "rep": {"own": "A", "team": "N", "other": "B"},
    "manager": {"own": "M", "team": "A", "other": "B"},
    "admin": {"own": "D", "team": "A", "other": "B"},
}
VISIBLE = {
    "rep": {"A"},
    "manager": {"A", "N", "M", "U"},  # the team's, their own, and the unowned ones (to assign them)
    "admin": set(OWNERS),
}


def build_team(engine: Engine) -> dict[str, str]:
    """The users and accounts above; a token for each user (login -> token)."""
    tokens = {}
    with session_scope(engine, LOCAL_OPERATOR) as session:
        for login, (role, teams) in USERS.items():
            add_user(session, UserCreate(login=login, role=role, teams=teams))
        for code, owner in OWNERS.items():
            create_account(session, AccountCreate(code=code, name=f"{code} Ltd", owner=owner))
        for login in USERS:
            tokens[login] = create_token(session, login, TokenCreate(name="tests")).token
    return tokens


@contextmanager
def acting(engine: Engine, login: str | None) -> Iterator[Session]:
    """A session (one transaction) for user `login`, or for the local operator."""
    with session_scope(engine, LOCAL_OPERATOR) as session:
        if login is not None:
            act_as_login(session, login)
        yield session
