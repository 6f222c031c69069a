"""The `stakeholders` table: the people of an account's decision chain (決策鏈, DOMAIN.md §4)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kam.domain.decision_chain import DecisionRole, Function, PurchaseFactor, Stance
from kam.workspace.accounts.models import Account
from kam.workspace.db import Base, enum_column
from kam.workspace.records import Record, UnderAccount

JSON = sa.JSON(none_as_null=True).with_variant(JSONB(none_as_null=True), "postgresql")
INFLUENCE = (1, 5)  # influence is rated from 1 (little) to 5 (decisive)


class Stakeholder(Record, UnderAccount, Base):
    """A person at the account who takes part in a purchase: their function, their part in the decision,
    how much they weigh (`influence` 1-5), how they stand towards us, whether they are our coach (教練,
    who tells us the real needs), whom they report to (another stakeholder of the same account, never
    in a loop), and what they care about (`preferences` in words, `purchase_factors` from the list).
    A name is unique within its account: it is how files name a stakeholder."""

    __tablename__ = "stakeholders"
    __table_args__ = (
        sa.UniqueConstraint("account_id", "name"),
        sa.CheckConstraint(f"influence BETWEEN {INFLUENCE[0]} AND {INFLUENCE[1]}", name="influence_range"),
        # a list of one function or stance, read in its default order (name, then id)
        sa.Index("ix_stakeholders_function_name", "function", "name", "id"),
        sa.Index("ix_stakeholders_stance_name", "stance", "name", "id"),
    )

    name: Mapped[str] = mapped_column(sa.String(200), index=True)
    title: Mapped[str | None] = mapped_column(sa.String(200))
    function: Mapped[Function] = mapped_column(enum_column(Function, "function"))
    decision_role: Mapped[DecisionRole | None] = mapped_column(enum_column(DecisionRole, "decision_role"))
    influence: Mapped[int | None] = mapped_column(sa.SmallInteger)
    stance: Mapped[Stance] = mapped_column(enum_column(Stance, "stance"))
    coach: Mapped[bool] = mapped_column(sa.Boolean)
    reports_to_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("stakeholders.id", ondelete="SET NULL"), index=True
    )
    preferences: Mapped[str | None] = mapped_column(sa.Text)
    purchase_factors: Mapped[list[PurchaseFactor] | None] = mapped_column(JSON)

    account: Mapped[Account] = relationship(lazy="raise")
    reports_to: Mapped[Stakeholder | None] = relationship(
        remote_side="Stakeholder.id", foreign_keys=[reports_to_id], lazy="raise"
    )
