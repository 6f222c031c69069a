"""The `coverage_snapshots` table: an account's decision-chain coverage score, one row a day, so the
portfolio can show how each score moved."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kam.workspace.accounts.models import Account
from kam.workspace.db import Base
from kam.workspace.records import Record, UnderAccount

JSON = sa.JSON(none_as_null=True).with_variant(JSONB(none_as_null=True), "postgresql")


class CoverageSnapshot(Record, UnderAccount, Base):
    """The coverage score (0-100) an account had on a day, with its parts (name -> points earned),
    written whenever the coach looks at the account; a later look the same day replaces it."""

    __tablename__ = "coverage_snapshots"
    __table_args__ = (
        sa.UniqueConstraint("account_id", "day"),
        sa.CheckConstraint("score BETWEEN 0 AND 100", name="score_range"),
    )
    audit_ignored = frozenset({"score", "parts"})  # derived from the records, whose changes are audited

    day: Mapped[dt.date] = mapped_column(sa.Date)
    score: Mapped[int] = mapped_column(sa.SmallInteger)
    parts: Mapped[dict[str, Any]] = mapped_column(JSON)

    account: Mapped[Account] = relationship(lazy="raise")
