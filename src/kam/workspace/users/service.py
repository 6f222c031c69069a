"""Rules for users and teams: only admins add and change them; logins and team names are unique; a new
user (or a new display name) claims the accounts whose free-text owner names them.

Services flush but never commit; `kam.workspace.db.session_scope` decides.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from kam.domain.languages import Lang
from kam.i18n import Notice
from kam.workspace.access import Actor, act_as, actor_of
from kam.workspace.accounts.service import claim_owner_names
from kam.workspace.errors import AccessDenied, DuplicateRecord, RecordNotFound
from kam.workspace.listing import Page, PageRequest
from kam.workspace.service import require_admin, require_version
from kam.workspace.users.models import Team, User
from kam.workspace.users.passwords import hash_password
from kam.workspace.users.repository import TeamRepository, UserRepository
from kam.workspace.users.schemas import (
    TeamCreate,
    TeamPublic,
    UserAdded,
    UserChanges,
    UserCreate,
    UserPublic,
)
from kam.workspace.vocabulary import RecordKind


def add_user(session: Session, data: UserCreate) -> UserAdded:
    """Add a user (admins only) in the given teams, creating the teams that are new; the accounts whose
    free-text owner is the new login or display name become theirs."""
    require_admin(session)
    repo = UserRepository(session)
    if repo.by_login(data.login) is not None:
        raise DuplicateRecord(RecordKind.USER, data.login)
    password = None if data.password is None else data.password.get_secret_value()
    user = User(
        login=data.login,
        display_name=data.display_name or data.login,
        role=data.role,
        active=True,
        password_hash=None if password is None else hash_password(password),
    )
    user.teams = _teams(session, data.teams)
    try:
        repo.add(user)
    except sa.exc.IntegrityError:  # another session added the same login since the check above
        raise DuplicateRecord(RecordKind.USER, data.login) from None
    matched = claim_owner_names(session, user)
    return UserAdded(user=UserPublic.of(user), matched_accounts=matched)


def update_user(session: Session, login: str, data: UserChanges, version: int | None = None) -> UserPublic:
    """Change a user's name, role, teams or whether they are active (admins only), if `version` (when
    given) is still the stored one."""
    require_admin(session)
    repo = UserRepository(session)
    user = repo.by_login(login, write=True)
    if user is None:
        raise RecordNotFound(RecordKind.USER, login)
    require_version(user, version, RecordKind.USER, login, UserPublic.of)
    given = data.model_fields_set
    for name in ("display_name", "role", "active"):
        value = getattr(data, name)
        if name in given and value is not None:
            setattr(user, name, value)
    if "teams" in given and data.teams is not None:
        user.teams = _teams(session, data.teams)
    repo.flush()
    if "display_name" in given:
        claim_owner_names(session, user)
    return UserPublic.of(user)


def get_user(session: Session, login: str) -> UserPublic:
    user = UserRepository(session).by_login(login)
    if user is None:
        raise RecordNotFound(RecordKind.USER, login)
    return UserPublic.of(user)


def current_user(session: Session) -> UserPublic:
    """The user the session acts for (the local operator is no user)."""
    actor = actor_of(session)
    user = None if actor.user_id is None else UserRepository(session).get(actor.user_id)
    if user is None:
        raise RecordNotFound(RecordKind.USER, actor.login)
    return UserPublic.of(user)


def list_users(session: Session, request: PageRequest | None = None) -> Page[UserPublic]:
    """Users by login: every user for an admin, only themselves for anyone else."""
    request = request or PageRequest(per_page=500)
    found = UserRepository(session).page([], request)
    return Page(
        items=[UserPublic.of(u) for u in found.records],
        total=found.total,
        page=request.page,
        per_page=request.per_page,
        has_more=found.has_more,
    )


def add_team(session: Session, data: TeamCreate) -> TeamPublic:
    require_admin(session)
    repo = TeamRepository(session)
    if repo.by_names([data.name]):
        raise DuplicateRecord(RecordKind.TEAM, data.name)
    team = Team(name=data.name)
    team.members = []
    try:
        repo.add(team)
    except sa.exc.IntegrityError:
        raise DuplicateRecord(RecordKind.TEAM, data.name) from None
    return TeamPublic.of(team)


def list_teams(session: Session, request: PageRequest | None = None) -> Page[TeamPublic]:
    """Teams by name: every team for an admin, their own for anyone else."""
    request = request or PageRequest(per_page=500)
    found = TeamRepository(session).page([], request)
    return Page(
        items=[TeamPublic.of(t) for t in found.records],
        total=found.total,
        page=request.page,
        per_page=request.per_page,
        has_more=found.has_more,
    )


def actor_for(user: User) -> Actor:
    """The actor a user is: their id, login, role and teams (`user.teams` loaded)."""
    return Actor(
        user_id=user.id, login=user.login, role=user.role, team_ids=frozenset(t.id for t in user.teams)
    )


def act_as_login(session: Session, login: str) -> Actor:
    """Make the active user `login` the actor of the rest of the session (`--as LOGIN` on the command
    line, by the local operator who opened it)."""
    user = UserRepository(session).by_login(login)
    if user is None:
        raise RecordNotFound(RecordKind.USER, login)
    if not user.active:
        raise AccessDenied(Notice("ws_user_inactive", login=login))
    actor = actor_for(user)
    act_as(session, actor)
    return actor


def _teams(session: Session, names: list[str]) -> list[Team]:
    """The teams with these names, in the order given, creating those that do not exist yet."""
    repo = TeamRepository(session)
    known = repo.by_names(names)
    teams: list[Team] = []
    for name in dict.fromkeys(names):
        team = known.get(name)
        if team is None:
            team = Team(name=name)
            team.members = []
            repo.add(team)
        teams.append(team)
    return teams


def set_language(session: Session, lang: Lang) -> UserPublic:
    """Remember the language the acting user reads the pages in (anyone may choose their own)."""
    actor = actor_of(session)
    user = None if actor.user_id is None else UserRepository(session).get(actor.user_id, write=True)
    if user is None:
        raise RecordNotFound(RecordKind.USER, actor.login)
    user.language = lang.value
    UserRepository(session).flush()
    return UserPublic.of(user)
