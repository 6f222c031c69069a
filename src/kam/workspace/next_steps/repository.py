"""Every query on next steps, scoped to the session's actor by the base repository (a next step is
under its account); no rules here."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from sqlalchemy.orm import joinedload
from sqlalchemy.sql.base import ExecutableOption

from kam.workspace.account_records import AccountRecordRepository
from kam.workspace.next_steps.models import NextStep


class NextStepRepository(AccountRecordRepository[NextStep]):
    """Queries on the `next_steps` table within one session."""

    model = NextStep
    sortable: ClassVar = {name: name for name in ("id", "due_on", "done", "created_at", "updated_at")}
    default_sort = "id"

    def options(self) -> Sequence[ExecutableOption]:
        """The account, deal, interaction and assignee of each step, in the same query."""
        return (
            joinedload(NextStep.account),
            joinedload(NextStep.deal),
            joinedload(NextStep.interaction),
            joinedload(NextStep.assignee),
        )
