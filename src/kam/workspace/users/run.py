"""The functions behind `kam users ...` and `kam tokens ...`: one service in one transaction each."""

from __future__ import annotations

from kam.workspace.run import workspace_session
from kam.workspace.tokens.schemas import TokenCreate, TokenCreated, TokenPublic
from kam.workspace.tokens.service import create_token, list_tokens, revoke_token
from kam.workspace.users.schemas import UserAdded, UserChanges, UserCreate, UserPublic
from kam.workspace.users.service import add_user, get_user, list_users, update_user


def run_users_add(url: str, data: UserCreate, as_login: str | None = None) -> UserAdded:
    with workspace_session(url, as_login) as session:
        return add_user(session, data)


def run_users_update(url: str, login: str, data: UserChanges, as_login: str | None = None) -> UserPublic:
    with workspace_session(url, as_login) as session:
        return update_user(session, login, data)


def run_users_list(url: str, as_login: str | None = None) -> list[UserPublic]:
    with workspace_session(url, as_login) as session:
        return list_users(session).items


def run_users_show(url: str, login: str, as_login: str | None = None) -> UserPublic:
    with workspace_session(url, as_login) as session:
        return get_user(session, login)


def run_tokens_create(url: str, login: str, data: TokenCreate, as_login: str | None = None) -> TokenCreated:
    with workspace_session(url, as_login) as session:
        return create_token(session, login, data)


def run_tokens_list(url: str, as_login: str | None = None) -> list[TokenPublic]:
    with workspace_session(url, as_login) as session:
        return list_tokens(session)


def run_tokens_revoke(url: str, token_id: int, as_login: str | None = None) -> TokenPublic:
    with workspace_session(url, as_login) as session:
        return revoke_token(session, token_id)
