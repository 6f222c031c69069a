"""Users and teams in and out: `UserCreate`/`UserUpdate`/`TeamCreate` in, `UserPublic`/`TeamPublic` out."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, SecretStr, StringConstraints

from kam.domain.languages import Lang
from kam.domain.users import Role
from kam.workspace.fields import Label, Name, Version
from kam.workspace.users.models import Team, User

Login = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64, pattern=r"^\S+$")
]
DisplayName = Name
TeamName = Label


class UserCreate(BaseModel):
    """A new user; `display_name` defaults to the login, `teams` are created when new."""

    model_config = ConfigDict(extra="forbid")

    login: Login
    display_name: DisplayName | None = None
    role: Role
    teams: list[TeamName] = Field(default_factory=list, max_length=50)
    password: SecretStr | None = Field(default=None, description="Optional; never shown again.")


class UserChanges(BaseModel):
    """A change of a user: only the fields given are changed; `teams` replaces the user's teams."""

    model_config = ConfigDict(extra="forbid")

    display_name: DisplayName | None = None
    role: Role | None = None
    teams: list[TeamName] | None = Field(default=None, max_length=50)
    active: bool | None = None


class UserUpdate(UserChanges):
    """A change through the API: it names the version it is based on (a stale one is refused, 409)."""

    version: Version


class UserPublic(BaseModel):
    """A user as shown to admins (and to the user themselves): never the password or its hash."""

    model_config = ConfigDict(frozen=True)

    id: int
    login: str
    display_name: str
    role: Role
    teams: list[str]
    active: bool
    version: int
    created_at: dt.datetime
    updated_at: dt.datetime
    language: Lang | None = None

    @classmethod
    def of(cls, user: User) -> UserPublic:
        """Needs `user.teams` loaded (the repository does)."""
        return cls(
            id=user.id,
            login=user.login,
            display_name=user.display_name,
            role=user.role,
            teams=[team.name for team in user.teams],
            active=user.active,
            version=user.version,
            created_at=user.created_at,
            updated_at=user.updated_at,
            language=None if user.language is None else Lang(user.language),
        )


class UserAdded(BaseModel):
    """A new user, and the accounts whose free-text owner turned out to be them."""

    user: UserPublic
    matched_accounts: list[str]


class TeamCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: TeamName


class TeamPublic(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: int
    name: str
    members: list[str]
    version: int

    @classmethod
    def of(cls, team: Team) -> TeamPublic:
        """Needs `team.members` loaded (the repository does)."""
        return cls(id=team.id, name=team.name, members=[u.login for u in team.members], version=team.version)
