"""Every query on deals, scoped to the session's actor by the base repository (a deal is under its
account); no rules here."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from sqlalchemy.orm import joinedload, selectinload
from sqlalchemy.sql.base import ExecutableOption

from kam.workspace.account_records import AccountRecordRepository
from kam.workspace.deals.models import Deal


class DealRepository(AccountRecordRepository[Deal]):
    """Queries on the `deals` table within one session."""

    model = Deal
    sortable: ClassVar = {
        name: name
        for name in (
            "id", "title", "value", "stage", "expected_close", "quoted_on", "created_at", "updated_at",
        )
    }  # fmt: skip
    default_sort = "title"

    def options(self) -> Sequence[ExecutableOption]:
        """The account of each deal in the same query, its needs and its stakeholders in one more each
        for the whole page."""
        return (joinedload(Deal.account), selectinload(Deal.needs), selectinload(Deal.stakeholders))

    def of_accounts(self, account_ids: set[int]) -> list[Deal]:
        """Every deal of these accounts, live and deleted, with its needs and stakeholders (for imports)."""
        if not account_ids:
            return []
        query = self.statement(deleted=None).where(Deal.account_id.in_(sorted(account_ids)))
        return list(self.session.scalars(query.options(*self.options())).unique())
