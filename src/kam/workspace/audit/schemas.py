"""A record's history as shown to users and the API: one entry per changed field, oldest first."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict

from kam.workspace.vocabulary import ActorKind, AuditAction


class HistoryEntry(BaseModel):
    """Who (`actor`: a login, or None for the local operator, as `actor_kind` says) did what to which
    field, when, from what to what (a secret's values are shown as ***)."""

    model_config = ConfigDict(frozen=True)

    at: dt.datetime
    actor_kind: ActorKind
    actor: str | None
    action: AuditAction
    field: str | None
    old_value: Any
    new_value: Any
