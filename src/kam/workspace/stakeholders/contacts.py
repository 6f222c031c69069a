"""When each stakeholder was last met: the day (UTC) of the latest live interaction they took part in
(its participants name them), or where they said a need that is recorded (the need names the
interaction it came from), whichever is later."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.orm import Session

from kam.workspace.interactions.models import Interaction, interaction_stakeholders
from kam.workspace.needs.models import Need


def last_contacts(session: Session, stakeholder_ids: Sequence[int]) -> dict[int, dt.date]:
    """stakeholder id -> the day of their latest interaction; a stakeholder never met is left out.
    Only live needs and interactions count; the stakeholders were found through their scoped
    repository, and their needs and interactions are under the same accounts."""
    if not stakeholder_ids:
        return {}
    wanted = sorted(set(stakeholder_ids))
    through_needs = (
        sa.select(Need.said_by_id.label("stakeholder"), Interaction.occurred_at.label("at"))
        .join(Interaction, Interaction.id == Need.interaction_id)
        .where(Need.said_by_id.in_(wanted), Need.deleted_at.is_(None), Interaction.deleted_at.is_(None))
    )
    took_part = (
        sa.select(interaction_stakeholders.c.stakeholder_id.label("stakeholder"), Interaction.occurred_at)
        .join(Interaction, Interaction.id == interaction_stakeholders.c.interaction_id)
        .where(interaction_stakeholders.c.stakeholder_id.in_(wanted), Interaction.deleted_at.is_(None))
    )
    met = sa.union_all(through_needs, took_part).subquery()
    query = sa.select(met.c.stakeholder, sa.func.max(met.c.at)).group_by(met.c.stakeholder)
    return {  # MAX keeps the column's type: a time in UTC on both databases
        stakeholder: _utc(latest).date()
        for stakeholder, latest in session.execute(query)
        if stakeholder is not None and latest is not None
    }


def _utc(moment: dt.datetime | str) -> dt.datetime:
    """A time from the union (SQLite may hand it back as its stored text)."""
    if isinstance(moment, str):
        moment = dt.datetime.fromisoformat(moment)
    return moment if moment.tzinfo is None else moment.astimezone(dt.UTC)
