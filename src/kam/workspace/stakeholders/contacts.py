"""When each stakeholder was last met: the day of the latest interaction where they said a need that
is recorded (the need names the interaction it came from). Interactions do not list their participants
yet; when they do, those count too."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy.orm import Session


def last_contacts(session: Session, stakeholder_ids: Sequence[int]) -> dict[int, dt.date]:
    """stakeholder id -> the day of their latest interaction; a stakeholder never met is left out."""
    return {}
