"""Every query on interactions and their call analyses; relationships are loaded explicitly (no N+1)."""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.orm import Session, joinedload, selectinload

from kam.workspace.interactions.models import Interaction

_LOADED = (joinedload(Interaction.account), selectinload(Interaction.analysis))


class InteractionRepository:
    """Queries on the `interactions` table within one session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def get_by_transcript(self, account_id: int, sha256: str) -> Interaction | None:
        """The interaction holding this transcript for this account, with account and analysis loaded."""
        query = (
            sa.select(Interaction)
            .options(*_LOADED)
            .where(Interaction.account_id == account_id, Interaction.transcript_sha256 == sha256)
        )
        return self.session.scalars(query).one_or_none()

    def list_recent(self, account_id: int | None = None) -> Sequence[Interaction]:
        """Interactions, newest first, each with its account and analysis: two queries however many rows."""
        query = sa.select(Interaction).options(*_LOADED)
        if account_id is not None:
            query = query.where(Interaction.account_id == account_id)
        query = query.order_by(Interaction.occurred_at.desc(), Interaction.id.desc())
        return self.session.scalars(query).all()

    def get(self, interaction_id: int) -> Interaction | None:
        query = sa.select(Interaction).options(*_LOADED).where(Interaction.id == interaction_id)
        return self.session.scalars(query).one_or_none()

    def add(self, interaction: Interaction) -> None:
        self.session.add(interaction)
        self.session.flush()
