"""The `accounts` table: one row per customer, keyed by the code used in the transaction data."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kam.io.customers import CustomerType, Ownership
from kam.workspace.db import Base, enum_column
from kam.workspace.records import Record
from kam.workspace.users.models import User

JSON = sa.JSON(none_as_null=True).with_variant(JSONB(none_as_null=True), "postgresql")


class Account(Record, Base):
    """A customer account; `code` is the customer_id of the transaction and customers files.

    `owner_id` is the user who looks after it (who may see it: see kam.workspace.repository);
    `owner_name` keeps an owner written as text (`accounts add --owner`, an imported `owner` column) that
    matches no user yet, until a user with that login or display name is added. `parent_id` puts the
    account in a group (a company buying under several codes); `referred_on` is the day its referrer
    brought it (轉介紹); `wallet_amount` and `wallet_unit` are its
    estimated annual demand from all suppliers (money in a currency, or a volume), `competitors` the
    suppliers of the rest.
    """

    __tablename__ = "accounts"

    code: Mapped[str] = mapped_column(sa.String(64), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    type: Mapped[CustomerType | None] = mapped_column(enum_column(CustomerType, "customer_type"))
    ownership: Mapped[Ownership | None] = mapped_column(enum_column(Ownership, "ownership"))
    industry: Mapped[str | None] = mapped_column(sa.String(100))
    since: Mapped[dt.date | None] = mapped_column(sa.Date)
    referred_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("accounts.id", ondelete="SET NULL"), index=True
    )
    referred_on: Mapped[dt.date | None] = mapped_column(sa.Date)
    owner_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"), index=True)
    owner_name: Mapped[str | None] = mapped_column(sa.String(100))
    parent_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("accounts.id", ondelete="SET NULL"), index=True
    )
    wallet_amount: Mapped[float | None] = mapped_column(sa.Float)
    wallet_unit: Mapped[str | None] = mapped_column(sa.String(16))
    competitors: Mapped[list[str] | None] = mapped_column(JSON)

    # read-only views of the links, set through their columns (`kam.workspace.accounts.links.set_link`):
    # writing a self-referential relationship makes SQLAlchemy insert accounts one row at a time
    referred_by: Mapped[Account | None] = relationship(
        remote_side="Account.id", foreign_keys=[referred_by_id], lazy="raise", viewonly=True
    )
    parent: Mapped[Account | None] = relationship(
        remote_side="Account.id", foreign_keys=[parent_id], lazy="raise", viewonly=True
    )
    owner: Mapped[User | None] = relationship(foreign_keys=[owner_id], lazy="raise")

    def audit_account_id(self) -> int | None:
        return self.id
