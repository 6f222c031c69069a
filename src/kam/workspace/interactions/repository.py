"""Every query on interactions and their call analyses, scoped by the base repository (an interaction is
under its account); relationships are loaded explicitly (no N+1)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from sqlalchemy.orm import joinedload, selectinload
from sqlalchemy.sql.base import ExecutableOption

from kam.workspace.interactions.models import Interaction
from kam.workspace.repository import ScopedRepository


class InteractionRepository(ScopedRepository[Interaction]):
    """Queries on the `interactions` table within one session."""

    model = Interaction
    sortable: ClassVar = {
        name: name for name in ("id", "occurred_at", "kind", "title", "created_at", "updated_at")
    }
    default_sort = "-occurred_at"

    def options(self) -> Sequence[ExecutableOption]:
        """The account, the participants and the analysis: one query each, however many interactions."""
        return (
            joinedload(Interaction.account),
            selectinload(Interaction.analysis),
            selectinload(Interaction.stakeholders),
            selectinload(Interaction.users),
        )

    def by_transcript(self, account_id: int, sha256: str) -> Interaction | None:
        """The interaction holding this transcript for this account, live or deleted (there is one at
        most: the pair is unique), with account and analysis loaded."""
        return self.one(
            Interaction.account_id == account_id,
            Interaction.transcript_sha256 == sha256,
            write=True,
            deleted=None,
        )

    def list_recent(self, account_id: int | None = None) -> Sequence[Interaction]:
        """Interactions, newest first, each with its account and analysis: two queries however many rows."""
        query = self.readable_statement().options(*self.options())
        if account_id is not None:
            query = query.where(Interaction.account_id == account_id)
        query = query.order_by(Interaction.occurred_at.desc(), Interaction.id.desc())
        return self.session.scalars(query).unique().all()
