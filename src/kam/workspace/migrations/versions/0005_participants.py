"""Who took part in each interaction (the stakeholders of the account met, our users present, and by
name our people who are no user) and its notes; a note is a kind of interaction.

Revision ID: 0005_participants
Revises: 0004_analysis
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0005_participants"
down_revision: str | None = "0004_analysis"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON(none_as_null=True).with_variant(postgresql.JSONB(none_as_null=True), "postgresql")
KINDS = ("meeting", "call", "visit", "email", "other")
KIND_CHECK = "ck_interactions_interaction_kind"


def _kinds(*kinds: str) -> None:
    """Let the interactions' kind column hold exactly `kinds` (its CHECK constraint made again)."""
    allowed = sa.column("kind").in_(kinds)
    if op.get_bind().dialect.name == "sqlite":  # SQLite changes a constraint by copying the table
        with op.batch_alter_table("interactions", recreate="always") as batch:
            batch.drop_constraint(op.f(KIND_CHECK), type_="check")
            batch.create_check_constraint(op.f(KIND_CHECK), allowed)
    else:
        op.drop_constraint(op.f(KIND_CHECK), "interactions", type_="check")
        op.create_check_constraint(op.f(KIND_CHECK), "interactions", allowed)


def _participants(table: str, column: str, target: str) -> None:
    """A table of (interaction, participant) pairs, both sides deleted with their row."""
    op.create_table(
        table,
        sa.Column("interaction_id", sa.Integer(), nullable=False),
        sa.Column(column, sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["interaction_id"],
            ["interactions.id"],
            name=op.f(f"fk_{table}_interaction_id_interactions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("interaction_id", column, name=op.f(f"pk_{table}")),
    )
    op.create_index(op.f(f"ix_{table}_{column}"), table, [column])


def upgrade() -> None:
    with op.batch_alter_table("interactions") as batch:
        batch.add_column(sa.Column("notes", sa.Text(), nullable=True))
        batch.add_column(sa.Column("present_names", JSON, nullable=True))
    _kinds(*KINDS, "note")
    _participants("interaction_stakeholders", "stakeholder_id", "stakeholders")
    _participants("interaction_users", "user_id", "users")


def downgrade() -> None:
    op.drop_table("interaction_users")
    op.drop_table("interaction_stakeholders")
    op.execute("UPDATE interactions SET kind = 'other' WHERE kind = 'note'")
    _kinds(*KINDS)
    with op.batch_alter_table("interactions") as batch:
        batch.drop_column("present_names")
        batch.drop_column("notes")
