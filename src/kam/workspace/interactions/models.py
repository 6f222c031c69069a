"""The `interactions` and `call_analyses` tables: what happened with an account, and how the call went;
`interaction_stakeholders` and `interaction_users`, who took part in each interaction."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kam.calls.models import Language, Stage
from kam.domain.interactions import InteractionKind
from kam.workspace.accounts.models import Account
from kam.workspace.db import Base, UtcDateTime, enum_column, utcnow
from kam.workspace.records import Record, UnderAccount
from kam.workspace.stakeholders.models import Stakeholder
from kam.workspace.users.models import User

JSON = sa.JSON().with_variant(JSONB(), "postgresql")
NULLABLE_JSON = sa.JSON(none_as_null=True).with_variant(JSONB(none_as_null=True), "postgresql")

interaction_stakeholders = sa.Table(
    "interaction_stakeholders",
    Base.metadata,
    sa.Column("interaction_id", sa.ForeignKey("interactions.id", ondelete="CASCADE"), primary_key=True),
    sa.Column(
        "stakeholder_id", sa.ForeignKey("stakeholders.id", ondelete="CASCADE"), primary_key=True, index=True
    ),
)
interaction_users = sa.Table(
    "interaction_users",
    Base.metadata,
    sa.Column("interaction_id", sa.ForeignKey("interactions.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("user_id", sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Interaction(Record, UnderAccount, Base):
    """One contact with an account; a transcript is identified by its SHA-256 so re-analysis updates it.
    Who took part: `stakeholders` of the same account met, our `users` present, and `present_names`, our
    people present who are no user of the workspace (a salesperson named in a stored call); `notes` in
    words."""

    __tablename__ = "interactions"
    __table_args__ = (
        sa.UniqueConstraint("account_id", "transcript_sha256"),
        # a list of one kind, read in its default order (newest first)
        sa.Index("ix_interactions_kind_occurred_at", "kind", "occurred_at", "id"),
    )

    kind: Mapped[InteractionKind] = mapped_column(enum_column(InteractionKind, "interaction_kind"))
    occurred_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, index=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    stage: Mapped[Stage | None] = mapped_column(enum_column(Stage, "deal_stage"))
    source_file: Mapped[str | None] = mapped_column(sa.String(255))
    transcript_sha256: Mapped[str | None] = mapped_column(sa.String(64))
    notes: Mapped[str | None] = mapped_column(sa.Text)
    present_names: Mapped[list[str] | None] = mapped_column(NULLABLE_JSON)

    account: Mapped[Account] = relationship(lazy="raise")
    stakeholders: Mapped[list[Stakeholder]] = relationship(
        secondary=interaction_stakeholders, lazy="raise", order_by=Stakeholder.id
    )
    users: Mapped[list[User]] = relationship(secondary=interaction_users, lazy="raise", order_by=User.id)
    analysis: Mapped[CallAnalysisRecord | None] = relationship(
        back_populates="interaction", lazy="raise", cascade="all, delete-orphan", passive_deletes=True
    )


class CallAnalysisRecord(Record, Base):
    """The analysis of an interaction's transcript: headline numbers as columns, the full result as JSON."""

    __tablename__ = "call_analyses"

    interaction_id: Mapped[int] = mapped_column(
        sa.ForeignKey("interactions.id", ondelete="CASCADE"), unique=True
    )
    language: Mapped[Language] = mapped_column(enum_column(Language, "call_language"))
    duration_s: Mapped[float] = mapped_column(sa.Float)
    customer_share: Mapped[float | None] = mapped_column(sa.Float)
    customer_to_sales: Mapped[float | None] = mapped_column(sa.Float)
    questions_total: Mapped[int] = mapped_column(sa.Integer)
    questions_open: Mapped[int] = mapped_column(sa.Integer)
    questions_closed: Mapped[int] = mapped_column(sa.Integer)
    why_chain_depth: Mapped[int] = mapped_column(sa.Integer)
    pitch_first_at_s: Mapped[float | None] = mapped_column(sa.Float)
    price_first_mention_at_s: Mapped[float | None] = mapped_column(sa.Float)
    flags: Mapped[list[str]] = mapped_column(JSON)
    result: Mapped[dict[str, Any]] = mapped_column(JSON)
    settings: Mapped[dict[str, Any]] = mapped_column(JSON)
    analysed_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=utcnow)

    interaction: Mapped[Interaction] = relationship(back_populates="analysis", lazy="raise")
