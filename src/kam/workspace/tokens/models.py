"""The `api_tokens` table: one row per token a user was given; the token itself is never stored."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kam.workspace.db import Base, UtcDateTime
from kam.workspace.records import Record
from kam.workspace.users.models import User


class ApiToken(Record, Base):
    """A bearer token of a user: its SHA-256 (see kam.workspace.tokens.service), a name saying what it is
    for, when it was last used and when it was revoked."""

    __tablename__ = "api_tokens"
    audit_secret = frozenset({"token_hash"})
    audit_ignored = frozenset({"last_used_at"})

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(sa.String(100))
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    last_used_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)

    user: Mapped[User] = relationship(lazy="raise", foreign_keys=[user_id])
