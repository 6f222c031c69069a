"""The records under an account that a key-account team keeps: stakeholders (the decision chain),
needs (the iceberg, with its five-whys chains), deals (with the needs they answer and their first
quote), next steps and contracts (annual volumes and values by product); and the day of each referral,
on the account it brought (`accounts.referred_on`).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON(none_as_null=True).with_variant(postgresql.JSONB(none_as_null=True), "postgresql")


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


def _under_account(table: str) -> list[Any]:
    """The id and the account of a record under an account (kam.workspace.records.UnderAccount)."""
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        _link(table, "account_id", "accounts", "CASCADE", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
    ]


FUNCTIONS = ("finance", "technical", "user_department", "operations_maintenance", "procurement",
             "executive", "other")  # fmt: skip
DECISION_ROLES = ("decision_maker", "economic_buyer", "technical_buyer", "user_buyer", "influencer",
                  "gatekeeper")  # fmt: skip
STANCES = ("supporter", "neutral", "opponent", "unknown")
NEED_DEPTHS = ("stated", "underlying", "root")
NEED_KINDS = ("need", "want", "undecided")
NEED_STATUSES = ("open", "confirmed", "addressed")
DEAL_STAGES = ("prospecting", "discovery", "solution", "proposal", "negotiation", "closing", "won", "lost")


def upgrade() -> None:
    with op.batch_alter_table("accounts") as batch:
        batch.add_column(sa.Column("referred_on", sa.Date(), nullable=True))
    op.create_table(
        "stakeholders",
        *_under_account("stakeholders"),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=True),
        sa.Column("function", _choice("stakeholders", "function", *FUNCTIONS), nullable=False),
        sa.Column("decision_role", _choice("stakeholders", "decision_role", *DECISION_ROLES), nullable=True),
        sa.Column("influence", sa.SmallInteger(), nullable=True),
        sa.Column("stance", _choice("stakeholders", "stance", *STANCES), nullable=False),
        sa.Column("coach", sa.Boolean(), nullable=False),
        _link("stakeholders", "reports_to_id", "stakeholders", "SET NULL"),
        sa.Column("preferences", sa.Text(), nullable=True),
        sa.Column("purchase_factors", JSON, nullable=True),
        *_record_columns("stakeholders"),
        sa.CheckConstraint("influence BETWEEN 1 AND 5", name=op.f("ck_stakeholders_influence_range")),
        sa.UniqueConstraint("account_id", "name", name=op.f("uq_stakeholders_account_id_name")),
    )
    op.create_index(op.f("ix_stakeholders_account_id"), "stakeholders", ["account_id"])
    op.create_index(op.f("ix_stakeholders_reports_to_id"), "stakeholders", ["reports_to_id"])
    op.create_table(
        "needs",
        *_under_account("needs"),
        sa.Column("statement", sa.String(length=500), nullable=False),
        _link("needs", "said_by_id", "stakeholders", "SET NULL"),
        sa.Column("depth", _choice("needs", "need_depth", *NEED_DEPTHS), nullable=False),
        _link("needs", "parent_id", "needs", "SET NULL"),
        sa.Column("kind", _choice("needs", "need_kind", *NEED_KINDS), nullable=False),
        sa.Column("kind_overridden", sa.Boolean(), nullable=False),
        sa.Column("kind_confidence", sa.Float(), nullable=False),
        sa.Column("kind_reasons", JSON, nullable=False),
        sa.Column("status", _choice("needs", "need_status", *NEED_STATUSES), nullable=False),
        sa.Column("confirmed_on", sa.Date(), nullable=True),
        _link("needs", "interaction_id", "interactions", "SET NULL"),
        *_record_columns("needs"),
        sa.UniqueConstraint("account_id", "statement", name=op.f("uq_needs_account_id_statement")),
    )
    for column in ("account_id", "said_by_id", "parent_id", "interaction_id"):
        op.create_index(op.f(f"ix_needs_{column}"), "needs", [column])
    op.create_table(
        "deals",
        *_under_account("deals"),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column("stage", _choice("deals", "deal_stage", *DEAL_STAGES), nullable=False),
        sa.Column("expected_close", sa.Date(), nullable=True),
        sa.Column("quoted_on", sa.Date(), nullable=True),
        sa.Column("quoted_stage", _choice("deals", "quoted_stage", *DEAL_STAGES), nullable=True),
        *_record_columns("deals"),
        sa.UniqueConstraint("account_id", "title", name=op.f("uq_deals_account_id_title")),
    )
    op.create_index(op.f("ix_deals_account_id"), "deals", ["account_id"])
    op.create_table(
        "deal_needs",
        sa.Column("deal_id", sa.Integer(), nullable=False),
        sa.Column("need_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["deal_id"], ["deals.id"], name=op.f("fk_deal_needs_deal_id_deals"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["need_id"], ["needs.id"], name=op.f("fk_deal_needs_need_id_needs"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("deal_id", "need_id", name=op.f("pk_deal_needs")),
    )
    op.create_index(op.f("ix_deal_needs_need_id"), "deal_needs", ["need_id"])
    op.create_table(
        "next_steps",
        *_under_account("next_steps"),
        sa.Column("what", sa.Text(), nullable=False),
        _link("next_steps", "deal_id", "deals", "SET NULL"),
        _link("next_steps", "interaction_id", "interactions", "SET NULL"),
        _link("next_steps", "assignee_id", "users", "SET NULL"),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("done", sa.Boolean(), nullable=False),
        *_record_columns("next_steps"),
    )
    for column in ("account_id", "deal_id", "interaction_id", "assignee_id"):
        op.create_index(op.f(f"ix_next_steps_{column}"), "next_steps", [column])
    op.create_table(
        "contracts",
        *_under_account("contracts"),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("product", sa.String(length=200), nullable=False),
        sa.Column("volume", sa.Float(), nullable=True),
        sa.Column("unit", sa.String(length=16), nullable=True),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=True),
        *_record_columns("contracts"),
        sa.CheckConstraint("year BETWEEN 1900 AND 2200", name=op.f("ck_contracts_year_range")),
        sa.UniqueConstraint(
            "account_id", "year", "product", name=op.f("uq_contracts_account_id_year_product")
        ),
    )
    op.create_index(op.f("ix_contracts_account_id"), "contracts", ["account_id"])


def downgrade() -> None:
    for table in ("contracts", "next_steps", "deal_needs", "deals", "needs", "stakeholders"):
        op.drop_table(table)
    with op.batch_alter_table("accounts") as batch:
        batch.drop_column("referred_on")
