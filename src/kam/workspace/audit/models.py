"""The `audit_entries` table: one row per changed field of a record, never changed or deleted by kam."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from kam.workspace.db import Base, UtcDateTime, enum_column
from kam.workspace.vocabulary import ActorKind, AuditAction

JSON = sa.JSON(none_as_null=True).with_variant(JSONB(none_as_null=True), "postgresql")


class AuditEntry(Base):
    """Who changed which field of which record, when, from what to what. Values are JSON (dates as ISO
    text, choices as their codes); a secret's values are never written. `account_id` is the account the
    record belongs to, so an account's whole story can be read at once."""

    __tablename__ = "audit_entries"
    __table_args__ = (sa.Index("ix_audit_entries_table_name_record_id", "table_name", "record_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    actor_kind: Mapped[ActorKind] = mapped_column(enum_column(ActorKind, "actor_kind"))
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    action: Mapped[AuditAction] = mapped_column(enum_column(AuditAction, "audit_action"))
    table_name: Mapped[str] = mapped_column(sa.String(64))
    record_id: Mapped[int] = mapped_column(sa.Integer)
    account_id: Mapped[int | None] = mapped_column(sa.Integer, index=True)
    field: Mapped[str | None] = mapped_column(sa.String(64))
    old_value: Mapped[Any] = mapped_column(JSON, nullable=True)
    new_value: Mapped[Any] = mapped_column(JSON, nullable=True)
