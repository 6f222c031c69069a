"""Reading the audit trail. Entries are not records of their own: whoever may read a record may read its
history, so the caller (`kam.workspace.service.history`) first finds the record through its scoped
repository, and only then asks for its entries here."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from kam.workspace.audit.models import AuditEntry
from kam.workspace.listing import PageRequest


class AuditRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def entries(self, table: str, record_id: int, request: PageRequest) -> tuple[list[AuditEntry], int]:
        """One page of a record's entries, oldest first, and how many it has in all."""
        where = (AuditEntry.table_name == table, AuditEntry.record_id == record_id)
        total = self.session.scalar(sa.select(sa.func.count()).where(*where)) or 0
        query = (
            sa.select(AuditEntry)
            .where(*where)
            .order_by(AuditEntry.at, AuditEntry.id)
            .offset(request.offset)
            .limit(request.per_page)
        )
        return list(self.session.scalars(query)), total
