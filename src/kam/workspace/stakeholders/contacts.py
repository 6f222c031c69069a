"""When each stakeholder was last met: the day (UTC) of the latest interaction where they said a need
that is recorded (the need names the interaction it came from). Interactions do not list their
participants yet; when they do, those count too."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.orm import Session

from kam.workspace.interactions.models import Interaction
from kam.workspace.needs.models import Need


def last_contacts(session: Session, stakeholder_ids: Sequence[int]) -> dict[int, dt.date]:
    """stakeholder id -> the day of their latest interaction; a stakeholder never met is left out.
    Only live needs and interactions count; the stakeholders were found through their scoped
    repository, and their needs and interactions are under the same accounts."""
    if not stakeholder_ids:
        return {}
    query = (
        sa.select(Need.said_by_id, sa.func.max(Interaction.occurred_at))
        .join(Interaction, Interaction.id == Need.interaction_id)
        .where(
            Need.said_by_id.in_(sorted(set(stakeholder_ids))),
            Need.deleted_at.is_(None),
            Interaction.deleted_at.is_(None),
        )
        .group_by(Need.said_by_id)
    )
    return {  # MAX keeps the column's type: a time in UTC on both databases
        stakeholder: latest.date()
        for stakeholder, latest in session.execute(query)
        if stakeholder is not None and latest is not None
    }
