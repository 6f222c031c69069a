"""The team service: users, teams, API tokens and the audit trail; every table gets the record columns
(version, who and when, soft delete); accounts get an owner user, a parent, a wallet and competitors.

Today's free-text owners are kept as `owner_name`: no user exists yet to match them, and `kam users add`
matches them (by login or display name) as users are added.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON(none_as_null=True).with_variant(postgresql.JSONB(none_as_null=True), "postgresql")
TABLES = ("accounts", "interactions", "call_analyses")  # the tables that existed before


def _utc() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def _choice(table: str, name: str, *values: str) -> sa.Enum:
    return sa.Enum(
        *values, name=op.f(f"ck_{table}_{name}"), native_enum=False, create_constraint=True, length=32
    )


def _by(table: str, column: str) -> sa.Column[int]:
    return sa.Column(
        column,
        sa.Integer(),
        sa.ForeignKey("users.id", name=op.f(f"fk_{table}_{column}_users"), ondelete="SET NULL"),
        nullable=True,
    )


def _record_columns(table: str) -> list[sa.Column[Any]]:
    """The bookkeeping columns of a record (kam.workspace.records.Record), for a new table."""
    return [
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("updated_at", _utc(), nullable=False),
        _by(table, "created_by_id"),
        _by(table, "updated_by_id"),
        sa.Column("deleted_at", _utc(), nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("login", sa.String(length=64), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column("role", _choice("users", "role", "rep", "manager", "admin"), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=True),
        *_record_columns("users"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("login", name=op.f("uq_users_login")),
    )
    op.create_table(
        "teams",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        *_record_columns("teams"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_teams")),
        sa.UniqueConstraint("name", name=op.f("uq_teams_name")),
    )
    op.create_table(
        "team_members",
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["team_id"], ["teams.id"], name=op.f("fk_team_members_team_id_teams"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_team_members_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("team_id", "user_id", name=op.f("pk_team_members")),
    )
    op.create_index(op.f("ix_team_members_user_id"), "team_members", ["user_id"])
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("last_used_at", _utc(), nullable=True),
        sa.Column("revoked_at", _utc(), nullable=True),
        *_record_columns("api_tokens"),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_api_tokens_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_api_tokens_token_hash")),
    )
    op.create_index(op.f("ix_api_tokens_user_id"), "api_tokens", ["user_id"])
    op.create_table(
        "audit_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", _utc(), nullable=False),
        sa.Column(
            "actor_kind", _choice("audit_entries", "actor_kind", "user", "local_operator"), nullable=False
        ),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column(
            "action",
            _choice("audit_entries", "audit_action", "create", "update", "delete", "restore", "purge"),
            nullable=False,
        ),
        sa.Column("table_name", sa.String(length=64), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("field", sa.String(length=64), nullable=True),
        sa.Column("old_value", JSON, nullable=True),
        sa.Column("new_value", JSON, nullable=True),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["users.id"], name=op.f("fk_audit_entries_actor_id_users"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entries")),
    )
    op.create_index(op.f("ix_audit_entries_account_id"), "audit_entries", ["account_id"])
    op.create_index("ix_audit_entries_table_name_record_id", "audit_entries", ["table_name", "record_id"])

    _add_record_columns()
    with op.batch_alter_table("accounts") as batch:
        batch.alter_column("owner", new_column_name="owner_name", existing_type=sa.String(length=100))
        batch.add_column(sa.Column("owner_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("parent_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("wallet_amount", sa.Float(), nullable=True))
        batch.add_column(sa.Column("wallet_unit", sa.String(length=16), nullable=True))
        batch.add_column(sa.Column("competitors", JSON, nullable=True))
        batch.create_foreign_key(
            op.f("fk_accounts_owner_id_users"), "users", ["owner_id"], ["id"], ondelete="SET NULL"
        )
        batch.create_foreign_key(
            op.f("fk_accounts_parent_id_accounts"), "accounts", ["parent_id"], ["id"], ondelete="SET NULL"
        )
        batch.create_index(op.f("ix_accounts_owner_id"), ["owner_id"])
        batch.create_index(op.f("ix_accounts_parent_id"), ["parent_id"])


def _add_record_columns() -> None:
    """The record columns on the tables that had rows: added empty, filled (version 1, times from what
    the row knew), then made required."""
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("version", sa.Integer(), nullable=True))
            if table != "accounts":
                batch.add_column(sa.Column("updated_at", _utc(), nullable=True))
            if table == "call_analyses":
                batch.add_column(sa.Column("created_at", _utc(), nullable=True))
            batch.add_column(sa.Column("created_by_id", sa.Integer(), nullable=True))
            batch.add_column(sa.Column("updated_by_id", sa.Integer(), nullable=True))
            batch.add_column(sa.Column("deleted_at", _utc(), nullable=True))
    op.execute("UPDATE accounts SET version = 1")
    op.execute("UPDATE interactions SET version = 1, updated_at = created_at")
    op.execute("UPDATE call_analyses SET version = 1, created_at = analysed_at, updated_at = analysed_at")
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.alter_column("version", existing_type=sa.Integer(), nullable=False)
            batch.alter_column("created_at", existing_type=_utc(), nullable=False)
            batch.alter_column("updated_at", existing_type=_utc(), nullable=False)
            for column in ("created_by_id", "updated_by_id"):
                batch.create_foreign_key(
                    op.f(f"fk_{table}_{column}_users"), "users", [column], ["id"], ondelete="SET NULL"
                )


def downgrade() -> None:
    with op.batch_alter_table("accounts") as batch:
        batch.drop_index(op.f("ix_accounts_parent_id"))
        batch.drop_index(op.f("ix_accounts_owner_id"))
        batch.drop_constraint(op.f("fk_accounts_parent_id_accounts"), type_="foreignkey")
        batch.drop_constraint(op.f("fk_accounts_owner_id_users"), type_="foreignkey")
        for column in ("competitors", "wallet_unit", "wallet_amount", "parent_id", "owner_id"):
            batch.drop_column(column)
        batch.alter_column("owner_name", new_column_name="owner", existing_type=sa.String(length=100))
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            for column in ("created_by_id", "updated_by_id"):
                batch.drop_constraint(op.f(f"fk_{table}_{column}_users"), type_="foreignkey")
            dropped = ["version", "created_by_id", "updated_by_id", "deleted_at"]
            if table != "accounts":
                dropped.append("updated_at")
            if table == "call_analyses":
                dropped.append("created_at")
            for column in dropped:
                batch.drop_column(column)
    op.drop_index("ix_audit_entries_table_name_record_id", table_name="audit_entries")
    op.drop_index(op.f("ix_audit_entries_account_id"), table_name="audit_entries")
    op.drop_table("audit_entries")
    op.drop_index(op.f("ix_api_tokens_user_id"), table_name="api_tokens")
    op.drop_table("api_tokens")
    op.drop_index(op.f("ix_team_members_user_id"), table_name="team_members")
    op.drop_table("team_members")
    op.drop_table("teams")
    op.drop_table("users")
