"""The `accounts` table: one row per customer, keyed by the code used in the transaction data."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kam.io.customers import CustomerType, Ownership
from kam.workspace.db import Base, UtcDateTime, enum_column, utcnow


class Account(Base):
    """A customer account; `code` is the customer_id of the transaction and customers files."""

    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(64), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    type: Mapped[CustomerType | None] = mapped_column(enum_column(CustomerType, "customer_type"))
    ownership: Mapped[Ownership | None] = mapped_column(enum_column(Ownership, "ownership"))
    industry: Mapped[str | None] = mapped_column(sa.String(100))
    since: Mapped[dt.date | None] = mapped_column(sa.Date)
    referred_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("accounts.id", ondelete="SET NULL"), index=True
    )
    owner: Mapped[str | None] = mapped_column(sa.String(100))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)

    referred_by: Mapped[Account | None] = relationship(remote_side=[id], lazy="raise")
