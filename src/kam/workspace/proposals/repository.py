"""Queries on `call_proposals` within one session, scoped like every record under an account."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

import sqlalchemy as sa
from sqlalchemy.orm import joinedload
from sqlalchemy.sql.base import ExecutableOption

from kam.domain.proposals import ProposalKind
from kam.workspace.account_records import AccountRecordRepository
from kam.workspace.interactions.models import Interaction
from kam.workspace.proposals.models import CallProposal


class ProposalRepository(AccountRecordRepository[CallProposal]):
    model = CallProposal
    sortable: ClassVar = {"id": "id"}
    default_sort = "id"

    def options(self) -> Sequence[ExecutableOption]:
        """The account, the call and the matched stakeholder of each proposal, in the same query."""
        return (
            joinedload(CallProposal.account),
            joinedload(CallProposal.interaction),
            joinedload(CallProposal.stakeholder),
        )

    def of_account(self, account_id: int) -> list[CallProposal]:
        """The live proposals of the account's live calls, the latest call first, then in call order."""
        query = (
            self.readable_statement()
            .join(Interaction, Interaction.id == CallProposal.interaction_id)
            .where(CallProposal.account_id == account_id, Interaction.deleted_at.is_(None))
            .options(*self.options())
            .order_by(
                Interaction.occurred_at.desc(),
                Interaction.id,
                CallProposal.kind.desc(),  # the speakers first
                CallProposal.sentence,
                CallProposal.id,
            )
        )
        return list(self.session.scalars(query).unique())

    def proposed(self, interaction_id: int) -> set[tuple[ProposalKind, str]]:
        """What the call has proposed already (any status, deleted ones too): kind and text."""
        query = sa.select(CallProposal.kind, CallProposal.text).where(
            CallProposal.interaction_id == interaction_id
        )
        return {(kind, text) for kind, text in self.session.execute(query)}

    def speaker_decision(self, interaction_id: int, speaker: str) -> CallProposal | None:
        """The call's proposal that this speaker is a stakeholder, if any."""
        return self.one(
            CallProposal.interaction_id == interaction_id,
            CallProposal.kind == ProposalKind.SPEAKER,
            CallProposal.speaker == speaker,
        )
