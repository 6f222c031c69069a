"""Every query on needs, scoped to the session's actor by the base repository (a need is under its
account); no rules here."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

import sqlalchemy as sa
from sqlalchemy.orm import joinedload
from sqlalchemy.sql.base import ExecutableOption

from kam.workspace.account_records import AccountRecordRepository
from kam.workspace.needs.models import Need


class NeedRepository(AccountRecordRepository[Need]):
    """Queries on the `needs` table within one session."""

    model = Need
    sortable: ClassVar = {
        name: name
        for name in ("id", "statement", "depth", "kind", "status", "confirmed_on", "created_at", "updated_at")
    }
    default_sort = "id"

    def options(self) -> Sequence[ExecutableOption]:
        """The account, the speaker, the parent need and the interaction of each need, in one query."""
        return (
            joinedload(Need.account),
            joinedload(Need.said_by),
            joinedload(Need.parent),
            joinedload(Need.interaction),
        )

    def statements(self, account_id: int) -> dict[int, str]:
        """need id -> statement, for every need of the account (deleted ones too): a loop's words."""
        query = sa.select(Need.id, Need.statement).where(Need.account_id == account_id)
        return {need_id: statement for need_id, statement in self.session.execute(query)}

    def of_accounts(self, account_ids: set[int]) -> list[Need]:
        """Every need of these accounts, live and deleted, with its links (for imports)."""
        if not account_ids:
            return []
        query = self.statement(deleted=None).where(Need.account_id.in_(sorted(account_ids)))
        return list(self.session.scalars(query.options(*self.options())).unique())
