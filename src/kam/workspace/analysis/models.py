"""The `analysis_runs` and `account_analyses` tables: each analysis synced into the workspace (one per
as-of date), and what it found on each account (one row per account and as-of date: the history).

An account's row is a snapshot of the analysis, never edited by hand: the audit trail records its
verdict (segment, risk, tier) and leaves its figures out (`audit_ignored`), which the row itself keeps.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kam.domain.segments import Segment
from kam.workspace.accounts.models import Account
from kam.workspace.db import Base, enum_column
from kam.workspace.records import Record, UnderAccount

JSON = sa.JSON(none_as_null=True).with_variant(JSONB(none_as_null=True), "postgresql")
FIGURES = (
    "revenue",
    "gross_profit",
    "net_profit",
    "gross_margin",
    "net_margin",
    "orders",
    "frequency_per_year",
    "recency_days",
    "revenue_trend",
    "revenue_last_12m",
    "expected_value",
    "forecast_revenue_12m",
    "p_alive",
)


class AnalysisRun(Record, Base):
    """One analysis synced into the workspace: its date (one analysis per date: a later sync of the same
    date replaces it), its source, and what its reasons cite beyond each account (the basis of ranks and
    shares, the median order, the number of customers, the verdicts' settings). It names no account."""

    __tablename__ = "analysis_runs"

    as_of: Mapped[dt.date] = mapped_column(sa.Date, unique=True)
    source: Mapped[str] = mapped_column(sa.String(500))
    written_at: Mapped[str] = mapped_column(sa.String(40))
    basis: Mapped[str] = mapped_column(sa.String(32))
    customers: Mapped[int] = mapped_column(sa.Integer)
    median_order: Mapped[float] = mapped_column(sa.Float)
    currency: Mapped[str | None] = mapped_column(sa.String(8))
    settings: Mapped[dict[str, Any]] = mapped_column(JSON)


class AccountAnalysis(Record, UnderAccount, Base):
    """What one analysis found on one account: segment, at risk, ABC tier, the reason codes and the
    values they cite (said in each reader's language when shown), the key figures and the forecast
    (`expected_value`: the 12-month customer lifetime value; `p_alive` when the model ran)."""

    __tablename__ = "account_analyses"
    __table_args__ = (sa.UniqueConstraint("account_id", "as_of"),)
    audit_ignored: ClassVar[frozenset[str]] = frozenset({"reason_codes", "reason_values", *FIGURES})

    run_id: Mapped[int] = mapped_column(sa.ForeignKey("analysis_runs.id", ondelete="CASCADE"), index=True)
    as_of: Mapped[dt.date] = mapped_column(sa.Date, index=True)
    segment: Mapped[Segment] = mapped_column(enum_column(Segment, "segment"))
    at_risk: Mapped[bool | None] = mapped_column(sa.Boolean)
    tier: Mapped[str | None] = mapped_column(sa.String(8))
    reason_codes: Mapped[list[str]] = mapped_column(JSON)
    reason_values: Mapped[dict[str, Any]] = mapped_column(JSON)
    revenue: Mapped[float | None] = mapped_column(sa.Float)
    gross_profit: Mapped[float | None] = mapped_column(sa.Float)
    net_profit: Mapped[float | None] = mapped_column(sa.Float)
    gross_margin: Mapped[float | None] = mapped_column(sa.Float)
    net_margin: Mapped[float | None] = mapped_column(sa.Float)
    orders: Mapped[int | None] = mapped_column(sa.Integer)
    frequency_per_year: Mapped[float | None] = mapped_column(sa.Float)
    recency_days: Mapped[float | None] = mapped_column(sa.Float)
    revenue_trend: Mapped[float | None] = mapped_column(sa.Float)
    revenue_last_12m: Mapped[float | None] = mapped_column(sa.Float)
    expected_value: Mapped[float | None] = mapped_column(sa.Float)
    forecast_revenue_12m: Mapped[float | None] = mapped_column(sa.Float)
    p_alive: Mapped[float | None] = mapped_column(sa.Float)

    account: Mapped[Account] = relationship(lazy="raise")
    run: Mapped[AnalysisRun] = relationship(lazy="raise")
