"""What a stored call proposes, as shown: `ProposalPublic`, and the filter of a list."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from kam.domain.needs import NeedKind
from kam.domain.proposals import ProposalKind, ProposalStatus


class ProposalReason(BaseModel):
    """A reason of the classifier: its code, its values (the words found) and its sentence."""

    model_config = ConfigDict(frozen=True)

    code: str
    values: dict[str, Any]
    text: str


class ProposalPublic(BaseModel):
    """A proposal of a stored call (`interaction`, its id, and `call`, its title): a candidate need
    (`text` the customer's statement, `sentence` and `at_s` its place in the call, `need_kind` and
    `reasons` the classifier's verdict) or a speaker (`text`, the label) matched to a stakeholder
    (`stakeholder`, `stakeholder_name`; for a need, its speaker's). `need` is the need made when it was
    accepted."""

    model_config = ConfigDict(frozen=True)

    id: int
    account: str
    interaction: int
    call: str
    occurred_at: dt.datetime
    kind: ProposalKind
    text: str
    speaker: str
    sentence: int | None
    at_s: float | None
    need_kind: NeedKind | None
    reasons: list[ProposalReason]
    stakeholder: int | None
    stakeholder_name: str | None
    status: ProposalStatus
    need: int | None
    version: int


class ProposalFilters(BaseModel):
    """Which proposals a list shows."""

    model_config = ConfigDict(extra="forbid")

    status: ProposalStatus | None = Field(default=None, description="Only those of this status.")
