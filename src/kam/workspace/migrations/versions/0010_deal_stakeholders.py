"""The stakeholders involved in each deal (`deal_stakeholders`): whom the coach's coverage of an open
deal looks at.

Revision ID: 0010_deal_stakeholders
Revises: 0009_list_order_indexes
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_deal_stakeholders"
down_revision: str | None = "0009_list_order_indexes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "deal_stakeholders",
        sa.Column("deal_id", sa.Integer(), nullable=False),
        sa.Column("stakeholder_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["deal_id"], ["deals.id"], name=op.f("fk_deal_stakeholders_deal_id_deals"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["stakeholder_id"],
            ["stakeholders.id"],
            name=op.f("fk_deal_stakeholders_stakeholder_id_stakeholders"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("deal_id", "stakeholder_id", name=op.f("pk_deal_stakeholders")),
    )
    op.create_index(op.f("ix_deal_stakeholders_stakeholder_id"), "deal_stakeholders", ["stakeholder_id"])


def downgrade() -> None:
    op.drop_table("deal_stakeholders")
