"""Every query on contracts, scoped to the session's actor by the base repository (a contract is under
its account); no rules here."""

from __future__ import annotations

from typing import ClassVar

import sqlalchemy as sa

from kam.workspace.account_records import AccountRecordRepository
from kam.workspace.contracts.models import Contract


class ContractRepository(AccountRecordRepository[Contract]):
    """Queries on the `contracts` table within one session."""

    model = Contract
    sortable: ClassVar = {
        name: name for name in ("id", "year", "product", "volume", "value", "created_at", "updated_at")
    }
    default_sort = "year"

    def key_taken_by(self, account_id: int, year: int, product: str, but: int | None) -> bool:
        """Whether a contract of the account, live or deleted, is for this year and product."""
        query = sa.select(Contract.id).where(
            Contract.account_id == account_id, Contract.year == year, Contract.product == product
        )
        if but is not None:
            query = query.where(Contract.id != but)
        return self.session.scalar(sa.select(query.exists())) is True

    def of_accounts(self, account_ids: set[int]) -> list[Contract]:
        """Every contract of these accounts, live and deleted (for imports)."""
        if not account_ids:
            return []
        query = self.statement(deleted=None).where(Contract.account_id.in_(sorted(account_ids)))
        return list(self.session.scalars(query.options(*self.options())).unique())
