"""The `next_steps` table: tasks on an account (下一步), so that "visit again next Tuesday, quote next
week" is not lost."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kam.workspace.accounts.models import Account
from kam.workspace.db import Base
from kam.workspace.deals.models import Deal
from kam.workspace.interactions.models import Interaction
from kam.workspace.records import Record, UnderAccount
from kam.workspace.users.models import User


class NextStep(Record, UnderAccount, Base):
    """A task on the account, optionally on one of its deals or interactions: what is to be done, who
    is to do it (a user who may see the account), by when, and whether it is done. A step not done
    after its day is overdue."""

    __tablename__ = "next_steps"

    what: Mapped[str] = mapped_column(sa.Text)
    deal_id: Mapped[int | None] = mapped_column(sa.ForeignKey("deals.id", ondelete="SET NULL"), index=True)
    interaction_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("interactions.id", ondelete="SET NULL"), index=True
    )
    assignee_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    due_on: Mapped[dt.date | None] = mapped_column(sa.Date)
    done: Mapped[bool] = mapped_column(sa.Boolean)

    account: Mapped[Account] = relationship(lazy="raise")
    deal: Mapped[Deal | None] = relationship(lazy="raise")
    interaction: Mapped[Interaction | None] = relationship(lazy="raise")
    assignee: Mapped[User | None] = relationship(foreign_keys=[assignee_id], lazy="raise")
