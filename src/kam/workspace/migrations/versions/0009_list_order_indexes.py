"""Indexes that serve a list's filter and its default order at once: stakeholders of one function or
stance by name, interactions of one kind newest first. With only the filter's index, a page of
stakeholders of one function sorted every one of them (a seventh of all) to return 50; these let the
database read the page in order and stop (benchmarks/api_speed.py, docs/api.md "Speed"). They replace
the filter columns' own indexes, whose lookups they also serve.

Revision ID: 0009_list_order_indexes
Revises: 0008_list_indexes
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0009_list_order_indexes"
down_revision: str | None = "0008_list_indexes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, filter column, order column): the index (filter, order, id) replaces ix_<table>_<filter>
ORDERED = (
    ("stakeholders", "function", "name"),
    ("stakeholders", "stance", "name"),
    ("interactions", "kind", "occurred_at"),
)


def upgrade() -> None:
    for table, column, order in ORDERED:
        op.drop_index(op.f(f"ix_{table}_{column}"), table_name=table)
        op.create_index(op.f(f"ix_{table}_{column}_{order}"), table, [column, order, "id"])


def downgrade() -> None:
    for table, column, order in ORDERED:
        op.drop_index(op.f(f"ix_{table}_{column}_{order}"), table_name=table)
        op.create_index(op.f(f"ix_{table}_{column}"), table, [column])
