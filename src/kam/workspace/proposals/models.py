"""The `call_proposals` table: what a stored call found for its account, waiting for the salesperson."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kam.domain.needs import NeedKind
from kam.domain.proposals import ProposalKind, ProposalStatus
from kam.workspace.accounts.models import Account
from kam.workspace.db import Base, enum_column
from kam.workspace.interactions.models import Interaction
from kam.workspace.needs.models import Need
from kam.workspace.records import Record, UnderAccount
from kam.workspace.stakeholders.models import Stakeholder

JSON = sa.JSON(none_as_null=True).with_variant(JSONB(none_as_null=True), "postgresql")


class CallProposal(Record, UnderAccount, Base):
    """One thing a stored call proposes: a candidate need (`text` is the customer's statement, with its
    place: `sentence`, the sentence's number in the call, and `at_s`, seconds into it; `need_kind` and
    its reasons are the classifier's) or a speaker matched to a stakeholder (`text` is the speaker's
    name as the transcript writes it). `stakeholder` is the matched stakeholder (for a need, its
    speaker's); `need` is the need made when it was accepted. Storing the call again proposes nothing
    twice (`text` is unique per call and kind)."""

    __tablename__ = "call_proposals"
    __table_args__ = (sa.UniqueConstraint("interaction_id", "kind", "text"),)

    interaction_id: Mapped[int] = mapped_column(
        sa.ForeignKey("interactions.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[ProposalKind] = mapped_column(enum_column(ProposalKind, "proposal_kind"))
    text: Mapped[str] = mapped_column(sa.String(500))
    speaker: Mapped[str] = mapped_column(sa.String(200))
    sentence: Mapped[int | None] = mapped_column(sa.Integer)
    at_s: Mapped[float | None] = mapped_column(sa.Float)
    need_kind: Mapped[NeedKind | None] = mapped_column(enum_column(NeedKind, "need_kind"))
    need_reasons: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    stakeholder_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("stakeholders.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[ProposalStatus] = mapped_column(enum_column(ProposalStatus, "proposal_status"))
    need_id: Mapped[int | None] = mapped_column(sa.ForeignKey("needs.id", ondelete="SET NULL"), index=True)

    account: Mapped[Account] = relationship(lazy="raise")
    interaction: Mapped[Interaction] = relationship(lazy="raise")
    stakeholder: Mapped[Stakeholder | None] = relationship(lazy="raise")
    need: Mapped[Need | None] = relationship(lazy="raise")
