"""The analysis on the accounts: each analysis synced from `kam analyze`'s output (`analysis_runs`, one
per as-of date) and what it found on each account (`account_analyses`, one row per account and as-of
date: segment, at risk, tier, reason codes and their values, key figures and the forecast).

Revision ID: 0004_analysis
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0004_analysis"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON(none_as_null=True).with_variant(postgresql.JSONB(none_as_null=True), "postgresql")
SEGMENTS = ("key", "potential", "one_off_bulk", "low_profit_volume", "profit_squeezer", "lapsed", "regular")
FIGURES = ("revenue", "gross_profit", "net_profit", "gross_margin", "net_margin")
MORE_FIGURES = ("frequency_per_year", "recency_days", "revenue_trend", "revenue_last_12m", "expected_value",
                "forecast_revenue_12m", "p_alive")  # fmt: skip


def _utc() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def _link(table: str, column: str, target: str, ondelete: str, *, nullable: bool = True) -> sa.Column[int]:
    return sa.Column(
        column,
        sa.Integer(),
        sa.ForeignKey(f"{target}.id", name=op.f(f"fk_{table}_{column}_{target}"), ondelete=ondelete),
        nullable=nullable,
    )


def _record_columns(table: str) -> list[sa.Column[Any]]:
    """The bookkeeping columns of a record (kam.workspace.records.Record)."""
    return [
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("updated_at", _utc(), nullable=False),
        _link(table, "created_by_id", "users", "SET NULL"),
        _link(table, "updated_by_id", "users", "SET NULL"),
        sa.Column("deleted_at", _utc(), nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "analysis_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("source", sa.String(length=500), nullable=False),
        sa.Column("written_at", sa.String(length=40), nullable=False),
        sa.Column("basis", sa.String(length=32), nullable=False),
        sa.Column("customers", sa.Integer(), nullable=False),
        sa.Column("median_order", sa.Float(), nullable=False),
        sa.Column("currency", sa.String(length=8), nullable=True),
        sa.Column("settings", JSON, nullable=False),
        *_record_columns("analysis_runs"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_analysis_runs")),
        sa.UniqueConstraint("as_of", name=op.f("uq_analysis_runs_as_of")),
    )
    segment = sa.Enum(
        *SEGMENTS,
        name=op.f("ck_account_analyses_segment"),
        native_enum=False,
        create_constraint=True,
        length=32,
    )
    op.create_table(
        "account_analyses",
        sa.Column("id", sa.Integer(), nullable=False),
        _link("account_analyses", "account_id", "accounts", "CASCADE", nullable=False),
        _link("account_analyses", "run_id", "analysis_runs", "CASCADE", nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("segment", segment, nullable=False),
        sa.Column("at_risk", sa.Boolean(), nullable=True),
        sa.Column("tier", sa.String(length=8), nullable=True),
        sa.Column("reason_codes", JSON, nullable=False),
        sa.Column("reason_values", JSON, nullable=False),
        *(sa.Column(name, sa.Float(), nullable=True) for name in FIGURES),
        sa.Column("orders", sa.Integer(), nullable=True),
        *(sa.Column(name, sa.Float(), nullable=True) for name in MORE_FIGURES),
        *_record_columns("account_analyses"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account_analyses")),
        sa.UniqueConstraint("account_id", "as_of", name=op.f("uq_account_analyses_account_id_as_of")),
    )
    for column in ("account_id", "run_id", "as_of"):
        op.create_index(op.f(f"ix_account_analyses_{column}"), "account_analyses", [column])


def downgrade() -> None:
    op.drop_table("account_analyses")
    op.drop_table("analysis_runs")
