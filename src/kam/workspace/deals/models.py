"""The `deals` table, `deal_needs`, the needs each deal answers (DOMAIN.md §6), and `deal_stakeholders`,
the people of the account involved in it (§4: whose coverage the coach checks for the deal)."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kam.domain.deals import DealStage
from kam.workspace.accounts.models import Account
from kam.workspace.db import Base, enum_column
from kam.workspace.needs.models import Need
from kam.workspace.records import Record, UnderAccount
from kam.workspace.stakeholders.models import Stakeholder

deal_needs = sa.Table(
    "deal_needs",
    Base.metadata,
    sa.Column("deal_id", sa.ForeignKey("deals.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("need_id", sa.ForeignKey("needs.id", ondelete="CASCADE"), primary_key=True, index=True),
)

deal_stakeholders = sa.Table(
    "deal_stakeholders",
    Base.metadata,
    sa.Column("deal_id", sa.ForeignKey("deals.id", ondelete="CASCADE"), primary_key=True),
    sa.Column(
        "stakeholder_id", sa.ForeignKey("stakeholders.id", ondelete="CASCADE"), primary_key=True, index=True
    ),
)


class Deal(Record, UnderAccount, Base):
    """A deal with the account: its value in a currency, its stage, when it is expected to close, the
    needs of the same account it answers, the stakeholders of the account involved in it, and when a
    price was first quoted (`quoted_on`) and at which stage (`quoted_stage`): a quote before discovery
    ended is the fourth sales mistake. A title is unique within its account: it is how files name a
    deal."""

    __tablename__ = "deals"
    __table_args__ = (sa.UniqueConstraint("account_id", "title"),)

    title: Mapped[str] = mapped_column(sa.String(200))
    value: Mapped[float | None] = mapped_column(sa.Float)
    currency: Mapped[str | None] = mapped_column(sa.String(3))
    stage: Mapped[DealStage] = mapped_column(enum_column(DealStage, "deal_stage"))
    expected_close: Mapped[dt.date | None] = mapped_column(sa.Date)
    quoted_on: Mapped[dt.date | None] = mapped_column(sa.Date)
    quoted_stage: Mapped[DealStage | None] = mapped_column(enum_column(DealStage, "quoted_stage"))

    account: Mapped[Account] = relationship(lazy="raise")
    needs: Mapped[list[Need]] = relationship(secondary=deal_needs, lazy="raise", order_by=Need.id)
    stakeholders: Mapped[list[Stakeholder]] = relationship(
        secondary=deal_stakeholders, lazy="raise", order_by=Stakeholder.id
    )
