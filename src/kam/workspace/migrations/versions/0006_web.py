"""The language each user reads the web pages in (`users.language`: en, zh-Hant or zh-Hans; NULL until
they choose one, when the browser's Accept-Language decides).

Revision ID: 0006_web
Revises: 0005_participants
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_web"
down_revision: str | None = "0005_participants"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("language", sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("language")
