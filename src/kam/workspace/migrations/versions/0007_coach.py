"""The key-account coach: one coverage score a day per account (`coverage_snapshots`), and what stored
calls propose to their accounts (`call_proposals`: candidate needs, speakers matched to stakeholders).

Revision ID: 0007_coach
Revises: 0006_web
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0007_coach"
down_revision: str | None = "0006_web"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON(none_as_null=True).with_variant(postgresql.JSONB(none_as_null=True), "postgresql")
NEED_KINDS = ("need", "want", "undecided")
PROPOSAL_KINDS = ("need", "speaker")
PROPOSAL_STATUSES = ("pending", "accepted", "rejected")


def _utc() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def _choice(table: str, name: str, *values: str) -> sa.Enum:
    return sa.Enum(
        *values, name=op.f(f"ck_{table}_{name}"), native_enum=False, create_constraint=True, length=32
    )


def _link(table: str, column: str, target: str, ondelete: str, *, nullable: bool = True) -> sa.Column[int]:
    return sa.Column(
        column,
        sa.Integer(),
        sa.ForeignKey(f"{target}.id", name=op.f(f"fk_{table}_{column}_{target}"), ondelete=ondelete),
        nullable=nullable,
    )


def _record(table: str) -> list[Any]:
    """The id, the account and the bookkeeping columns of a record under an account."""
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        _link(table, "account_id", "accounts", "CASCADE", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("updated_at", _utc(), nullable=False),
        _link(table, "created_by_id", "users", "SET NULL"),
        _link(table, "updated_by_id", "users", "SET NULL"),
        sa.Column("deleted_at", _utc(), nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "coverage_snapshots",
        *_record("coverage_snapshots"),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("score", sa.SmallInteger(), nullable=False),
        sa.Column("parts", JSON, nullable=False),
        sa.CheckConstraint("score BETWEEN 0 AND 100", name=op.f("ck_coverage_snapshots_score_range")),
        sa.UniqueConstraint("account_id", "day", name=op.f("uq_coverage_snapshots_account_id_day")),
    )
    op.create_index(op.f("ix_coverage_snapshots_account_id"), "coverage_snapshots", ["account_id"])
    op.create_table(
        "call_proposals",
        *_record("call_proposals"),
        _link("call_proposals", "interaction_id", "interactions", "CASCADE", nullable=False),
        sa.Column("kind", _choice("call_proposals", "proposal_kind", *PROPOSAL_KINDS), nullable=False),
        sa.Column("text", sa.String(length=500), nullable=False),
        sa.Column("speaker", sa.String(length=200), nullable=False),
        sa.Column("sentence", sa.Integer(), nullable=True),
        sa.Column("at_s", sa.Float(), nullable=True),
        sa.Column("need_kind", _choice("call_proposals", "need_kind", *NEED_KINDS), nullable=True),
        sa.Column("need_reasons", JSON, nullable=True),
        _link("call_proposals", "stakeholder_id", "stakeholders", "SET NULL"),
        sa.Column("status", _choice("call_proposals", "proposal_status", *PROPOSAL_STATUSES), nullable=False),
        _link("call_proposals", "need_id", "needs", "SET NULL"),
        sa.UniqueConstraint(
            "interaction_id", "kind", "text", name=op.f("uq_call_proposals_interaction_id_kind_text")
        ),
    )
    for column in ("account_id", "interaction_id", "stakeholder_id", "need_id"):
        op.create_index(op.f(f"ix_call_proposals_{column}"), "call_proposals", [column])


def downgrade() -> None:
    for table in ("call_proposals", "coverage_snapshots"):
        op.drop_table(table)
