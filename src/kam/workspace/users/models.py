"""The `users`, `teams` and `team_members` tables."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kam.domain.users import Role
from kam.workspace.db import Base, enum_column
from kam.workspace.records import Record

team_members = sa.Table(
    "team_members",
    Base.metadata,
    sa.Column("team_id", sa.ForeignKey("teams.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("user_id", sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class User(Record, Base):
    """A person who signs in: `login` is how commands and the audit name them, `display_name` how pages
    do. Users are deactivated, never deleted, so the audit can always name who did what."""

    __tablename__ = "users"
    audit_secret = frozenset({"password_hash"})

    login: Mapped[str] = mapped_column(sa.String(64), unique=True)
    display_name: Mapped[str] = mapped_column(sa.String(200))
    role: Mapped[Role] = mapped_column(enum_column(Role, "role"))
    active: Mapped[bool] = mapped_column(sa.Boolean, default=True)
    password_hash: Mapped[str | None] = mapped_column(sa.String(255))
    language: Mapped[str | None] = mapped_column(sa.String(16))  # a Lang the pages speak; None: the browser's

    teams: Mapped[list[Team]] = relationship(
        secondary=team_members, lazy="raise", order_by="Team.name", back_populates="members"
    )


class Team(Record, Base):
    """A group of users; a manager sees the accounts of every member of their teams."""

    __tablename__ = "teams"
    audit_ignored = frozenset({"members"})  # recorded once, as the `teams` of each user

    name: Mapped[str] = mapped_column(sa.String(100), unique=True)

    members: Mapped[list[User]] = relationship(
        secondary=team_members, lazy="raise", order_by="User.login", back_populates="teams"
    )
