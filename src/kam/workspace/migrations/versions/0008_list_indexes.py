"""Indexes for the lists' default orders and filters: interactions by when they took place and by kind,
stakeholders by name, function and stance. Without them every page sorted all the records in the
caller's reach (benchmarks/api_speed.py, docs/api.md "Speed").

Revision ID: 0008_list_indexes
Revises: 0007_coach
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0008_list_indexes"
down_revision: str | None = "0007_coach"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXED = {"interactions": ("occurred_at", "kind"), "stakeholders": ("name", "function", "stance")}


def upgrade() -> None:
    for table, columns in INDEXED.items():
        for column in columns:
            op.create_index(op.f(f"ix_{table}_{column}"), table, [column])


def downgrade() -> None:
    for table, columns in INDEXED.items():
        for column in columns:
            op.drop_index(op.f(f"ix_{table}_{column}"), table_name=table)
