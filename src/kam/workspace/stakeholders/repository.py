"""Every query on stakeholders, scoped to the session's actor by the base repository (a stakeholder is
under its account); no rules here."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

import sqlalchemy as sa
from sqlalchemy.orm import joinedload
from sqlalchemy.sql.base import ExecutableOption

from kam.workspace.account_records import AccountRecordRepository
from kam.workspace.stakeholders.models import Stakeholder


class StakeholderRepository(AccountRecordRepository[Stakeholder]):
    """Queries on the `stakeholders` table within one session."""

    model = Stakeholder
    sortable: ClassVar = {
        name: name
        for name in (
            "id",
            "name",
            "function",
            "decision_role",
            "influence",
            "stance",
            "created_at",
            "updated_at",
        )
    }
    default_sort = "name"

    def options(self) -> Sequence[ExecutableOption]:
        """The account and the manager of each stakeholder, in the same query."""
        return (joinedload(Stakeholder.account), joinedload(Stakeholder.reports_to))

    def named(self, account_id: int, names: Sequence[str]) -> dict[str, Stakeholder]:
        """The live stakeholders of the account with these names, by name."""
        found = self.in_account(account_id, Stakeholder.name.in_(sorted(set(names))))
        return {s.name: s for s in found}

    def names(self, account_id: int) -> dict[int, str]:
        """stakeholder id -> name, for every stakeholder of the account (deleted ones too): the words
        of a loop's message."""
        query = sa.select(Stakeholder.id, Stakeholder.name).where(Stakeholder.account_id == account_id)
        return {stakeholder_id: name for stakeholder_id, name in self.session.execute(query)}

    def of_accounts(self, account_ids: set[int]) -> list[Stakeholder]:
        """Every stakeholder of these accounts, live and deleted, each with its manager (for imports)."""
        if not account_ids:
            return []
        query = self.statement(deleted=None).where(Stakeholder.account_id.in_(sorted(account_ids)))
        return list(self.session.scalars(query.options(*self.options())).unique())
