"""Initial workspace: accounts, their interactions, and call analyses.

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def _utc() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def _choice(table: str, name: str, *values: str) -> sa.Enum:
    """A fixed choice as VARCHAR(32) with a CHECK constraint named as the models' naming convention does."""
    return sa.Enum(
        *values, name=op.f(f"ck_{table}_{name}"), native_enum=False, create_constraint=True, length=32
    )


def upgrade() -> None:
    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "type",
            _choice("accounts", "customer_type", "end_user", "distributor", "dealer", "wholesaler", "agent"),
            nullable=True,
        ),
        sa.Column(
            "ownership",
            _choice("accounts", "ownership", "state", "collective", "private", "foreign"),
            nullable=True,
        ),
        sa.Column("industry", sa.String(length=100), nullable=True),
        sa.Column("since", sa.Date(), nullable=True),
        sa.Column("referred_by_id", sa.Integer(), nullable=True),
        sa.Column("owner", sa.String(length=100), nullable=True),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("updated_at", _utc(), nullable=False),
        sa.ForeignKeyConstraint(
            ["referred_by_id"],
            ["accounts.id"],
            name=op.f("fk_accounts_referred_by_id_accounts"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_accounts")),
        sa.UniqueConstraint("code", name=op.f("uq_accounts_code")),
    )
    op.create_index(op.f("ix_accounts_referred_by_id"), "accounts", ["referred_by_id"])

    op.create_table(
        "interactions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            _choice("interactions", "interaction_kind", "meeting", "call", "visit", "email", "other"),
            nullable=False,
        ),
        sa.Column("occurred_at", _utc(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column(
            "stage",
            _choice(
                "interactions",
                "deal_stage",
                "discovery",
                "qualification",
                "proposal",
                "negotiation",
                "closing",
            ),
            nullable=True,
        ),
        sa.Column("source_file", sa.String(length=255), nullable=True),
        sa.Column("transcript_sha256", sa.String(length=64), nullable=True),
        sa.Column("created_at", _utc(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_interactions_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interactions")),
        sa.UniqueConstraint(
            "account_id", "transcript_sha256", name=op.f("uq_interactions_account_id_transcript_sha256")
        ),
    )
    op.create_index(op.f("ix_interactions_account_id"), "interactions", ["account_id"])

    op.create_table(
        "call_analyses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("interaction_id", sa.Integer(), nullable=False),
        sa.Column(
            "language",
            _choice("call_analyses", "call_language", "en", "zh-Hant", "zh-Hans", "mixed"),
            nullable=False,
        ),
        sa.Column("duration_s", sa.Float(), nullable=False),
        sa.Column("customer_share", sa.Float(), nullable=True),
        sa.Column("customer_to_sales", sa.Float(), nullable=True),
        sa.Column("questions_total", sa.Integer(), nullable=False),
        sa.Column("questions_open", sa.Integer(), nullable=False),
        sa.Column("questions_closed", sa.Integer(), nullable=False),
        sa.Column("why_chain_depth", sa.Integer(), nullable=False),
        sa.Column("pitch_first_at_s", sa.Float(), nullable=True),
        sa.Column("price_first_mention_at_s", sa.Float(), nullable=True),
        sa.Column("flags", JSON, nullable=False),
        sa.Column("result", JSON, nullable=False),
        sa.Column("settings", JSON, nullable=False),
        sa.Column("analysed_at", _utc(), nullable=False),
        sa.ForeignKeyConstraint(
            ["interaction_id"],
            ["interactions.id"],
            name=op.f("fk_call_analyses_interaction_id_interactions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_call_analyses")),
        sa.UniqueConstraint("interaction_id", name=op.f("uq_call_analyses_interaction_id")),
    )


def downgrade() -> None:
    op.drop_table("call_analyses")
    op.drop_index(op.f("ix_interactions_account_id"), table_name="interactions")
    op.drop_table("interactions")
    op.drop_index(op.f("ix_accounts_referred_by_id"), table_name="accounts")
    op.drop_table("accounts")
