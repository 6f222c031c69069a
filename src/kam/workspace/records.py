"""What every workspace table has: an id, a version for optimistic locking, who made and changed the
record and when, and a soft-delete mark; and what a record under an account declares to be scoped to it.

    class Stakeholder(Record, UnderAccount, Base):
        __tablename__ = "stakeholders"
        ...

is all a new feature's model needs: the base repository (`kam.workspace.repository`) shows it only to
whoever may see its account, and the audit trail (`kam.workspace.audit.trail`) records its changes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from kam.workspace.db import UtcDateTime, utcnow

BOOKKEEPING = frozenset(
    {"id", "version", "created_at", "updated_at", "created_by_id", "updated_by_id", "deleted_at"}
)


class Record:
    """A workspace record: `version` is SQLAlchemy's version counter (an UPDATE names the version it read,
    and fails when another session changed the row since), `deleted_at` hides the record from every
    list and get until it is restored. `created_by_id`/`updated_by_id` are set from the session's actor
    (None for the local operator); the audit trail keeps the full story."""

    # columns whose values the audit trail never writes down (it records that they changed)
    audit_secret: ClassVar[frozenset[str]] = frozenset()
    # columns whose changes are bookkeeping, not the record's story (a token's last use)
    audit_ignored: ClassVar[frozenset[str]] = frozenset()

    # the id first and the bookkeeping last in each table (sort_order), the record's own columns between
    id: Mapped[int] = mapped_column(primary_key=True, sort_order=-2)
    version: Mapped[int] = mapped_column(sa.Integer, sort_order=1)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow, sort_order=1)
    updated_at: Mapped[dt.datetime] = mapped_column(
        UtcDateTime, default=utcnow, onupdate=utcnow, sort_order=1
    )
    created_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), sort_order=1
    )
    updated_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), sort_order=1
    )
    deleted_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, sort_order=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]

    @property
    def deleted(self) -> bool:
        return self.deleted_at is not None

    def audit_account_id(self) -> int | None:
        """The account this record belongs to, written on its audit rows (None: no account)."""
        return None


class UnderAccount:
    """A record that belongs to an account: whoever may see (or change) the account may see (or change)
    it, and it is hidden while its account is deleted."""

    account_id: Mapped[int] = mapped_column(
        sa.ForeignKey("accounts.id", ondelete="CASCADE"), index=True, sort_order=-1
    )

    def audit_account_id(self) -> int | None:
        return self.account_id
