"""Who a next step is assigned to: an active user, named by login (or by a display name only one user
has) or as `me`, who may see the step's account, so that the step never lands with someone who cannot
read it. Users are looked up past the actor's scope, as accounts' owners are: the name is the caller's
own, and only whether it fits is told."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from kam.i18n import Notice
from kam.workspace.access import Actor, actor_of
from kam.workspace.accounts.models import Account
from kam.workspace.errors import InvalidChoice
from kam.workspace.repository import account_scope
from kam.workspace.users.models import User, team_members
from kam.workspace.users.repository import UserRepository

ME = "me"


def assignee(session: Session, account: Account, name: str | None) -> User | None:
    """The user `name` names for a step on `account` (None: nobody); refused (422) when it names no
    active user, several, or one who may not see the account."""
    if name is None:
        return None
    users = UserRepository(session)
    if name == ME:
        me = actor_of(session).user_id
        if me is None:
            raise InvalidChoice(Notice("ws_me_without_user"))
        found = [u for u in [users.get(me)] if u is not None]
    else:
        found = users.named(name)
    if len(found) != 1:
        raise InvalidChoice(Notice("ws_assignee_unknown", name=name))
    user = found[0]
    if not may_see(session, user, account):
        raise InvalidChoice(Notice("ws_assignee_out_of_reach", name=name, code=account.code))
    return user


def may_see(session: Session, user: User, account: Account) -> bool:
    """Whether `user` may see `account` (the base repository's rule, applied to them)."""
    teams = session.scalars(sa.select(team_members.c.team_id).where(team_members.c.user_id == user.id))
    actor = Actor(user_id=user.id, login=user.login, role=user.role, team_ids=frozenset(teams))
    clause = account_scope(actor)
    query = sa.select(Account.id).where(Account.id == account.id)
    if clause is not None:
        query = query.where(clause)
    return session.scalar(sa.select(query.exists())) is True


def assignee_clause(session: Session, name: str | None) -> list[sa.ColumnElement[bool]]:
    """A list filter on the assignee: a login, or `me` (the local operator, who is no user, has none)."""
    from kam.workspace.next_steps.models import NextStep

    if name is None:
        return []
    if name == ME:
        me = actor_of(session).user_id
        return [sa.false()] if me is None else [NextStep.assignee_id == me]
    return [NextStep.assignee_id.in_(sa.select(User.id).where(User.login == name))]
