"""The `contracts` table: what each account contracts for a year, by product or product group (年度合同量,
DOMAIN.md §3): the annual contract volume history the article's supplier keeps over 24 years."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kam.workspace.accounts.models import Account
from kam.workspace.db import Base
from kam.workspace.records import Record, UnderAccount

YEARS = (1900, 2200)  # the years a contract may be for


class Contract(Record, UnderAccount, Base):
    """An account's contract for one year and one product (or product group): its volume in a unit
    (t, pcs, 噸) and its value in a currency. One per account, year and product: the record's key."""

    __tablename__ = "contracts"
    __table_args__ = (
        sa.UniqueConstraint("account_id", "year", "product"),
        sa.CheckConstraint(f"year BETWEEN {YEARS[0]} AND {YEARS[1]}", name="year_range"),
    )

    year: Mapped[int] = mapped_column(sa.Integer)
    product: Mapped[str] = mapped_column(sa.String(200))
    volume: Mapped[float | None] = mapped_column(sa.Float)
    unit: Mapped[str | None] = mapped_column(sa.String(16))
    value: Mapped[float | None] = mapped_column(sa.Float)
    currency: Mapped[str | None] = mapped_column(sa.String(3))

    account: Mapped[Account] = relationship(lazy="raise")
