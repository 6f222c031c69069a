"""The `needs` table: what each account needs, from the stated tip of the iceberg down to its root
(需求冰山 and the five whys, DOMAIN.md §5)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kam.domain.needs import NeedDepth, NeedKind, NeedStatus
from kam.workspace.accounts.models import Account
from kam.workspace.db import Base, enum_column
from kam.workspace.interactions.models import Interaction
from kam.workspace.records import Record, UnderAccount
from kam.workspace.stakeholders.models import Stakeholder

JSON = sa.JSON(none_as_null=True).with_variant(JSONB(none_as_null=True), "postgresql")


class Need(Record, UnderAccount, Base):
    """A need of the account, as a customer stated it or as asking 'why' found it: who said it (a
    stakeholder of the account), how deep it lies, the need it was asked 'why' about (`parent`: a
    five-whys chain is the path from a stated need down to its root, never a loop), whether it is a
    need or a want (`kind`, from kam's classifier unless a user overrode it: `kind_overridden`; the
    classifier's confidence and reasons are kept either way), where it stands, and the interaction it
    came from. A statement is unique within its account: it is how files name a need."""

    __tablename__ = "needs"
    __table_args__ = (sa.UniqueConstraint("account_id", "statement"),)

    statement: Mapped[str] = mapped_column(sa.String(500))
    said_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("stakeholders.id", ondelete="SET NULL"), index=True
    )
    depth: Mapped[NeedDepth] = mapped_column(enum_column(NeedDepth, "need_depth"))
    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("needs.id", ondelete="SET NULL"), index=True)
    kind: Mapped[NeedKind] = mapped_column(enum_column(NeedKind, "need_kind"))
    kind_overridden: Mapped[bool] = mapped_column(sa.Boolean)
    kind_confidence: Mapped[float] = mapped_column(sa.Float)
    kind_reasons: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    status: Mapped[NeedStatus] = mapped_column(enum_column(NeedStatus, "need_status"))
    confirmed_on: Mapped[dt.date | None] = mapped_column(sa.Date)
    interaction_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("interactions.id", ondelete="SET NULL"), index=True
    )

    account: Mapped[Account] = relationship(lazy="raise")
    said_by: Mapped[Stakeholder | None] = relationship(lazy="raise")
    parent: Mapped[Need | None] = relationship(remote_side="Need.id", foreign_keys=[parent_id], lazy="raise")
    interaction: Mapped[Interaction | None] = relationship(lazy="raise")
