"""Needs in and out: `NeedCreate`, `NeedChanges` (and `NeedUpdate`, which names the version it is based
on) are checked input, `NeedPublic` the output."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from kam.domain.needs import NeedDepth, NeedKind, NeedStatus
from kam.workspace.fields import Code, RecordId, Statement, Storable, Version

REQUIRED = ("statement", "depth", "status")  # fields a change may not clear


class NeedChanges(BaseModel):
    """A partial change: only the fields given are changed; an explicit None clears an optional field.
    Giving `kind` overrides the classifier's verdict; giving `kind: null` hands it back to the classifier.
    `said_by`, `parent` and `interaction` are ids of records of the same account."""

    model_config = ConfigDict(extra="forbid")

    statement: Statement | None = None
    said_by: RecordId | None = None
    depth: NeedDepth | None = None
    parent: RecordId | None = None
    kind: NeedKind | None = None
    status: NeedStatus | None = None
    confirmed_on: dt.date | None = None
    interaction: RecordId | None = None

    @model_validator(mode="after")
    def _required_stay(self) -> NeedChanges:
        for name in REQUIRED:
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(f"{name} cannot be cleared; give a new value")
        return self


class NeedUpdate(NeedChanges):
    """A change through the API: it names the version it is based on (a stale one is refused, 409)."""

    version: Version


class NeedCreate(BaseModel):
    """A new need of the account `account` (its code); the statement is unique in the account."""

    model_config = ConfigDict(extra="forbid")

    account: Code = Field(description="The account's code.")
    statement: Statement = Field(description="What the customer said, or what asking why found.")
    said_by: RecordId | None = Field(default=None, description="The stakeholder who said it.")
    depth: NeedDepth = NeedDepth.STATED
    parent: RecordId | None = Field(default=None, description="The need this one answers 'why' about.")
    kind: NeedKind | None = Field(default=None, description="Override the classifier (None: classify).")
    status: NeedStatus = NeedStatus.OPEN
    confirmed_on: dt.date | None = Field(default=None, description="When the customer confirmed it.")
    interaction: RecordId | None = Field(default=None, description="The interaction it came from.")


class NeedFilters(BaseModel):
    """Which needs a list shows: all the fields given must match."""

    model_config = ConfigDict(extra="forbid")

    account: Code | None = Field(default=None, description="The account's code.")
    q: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200), Storable] | None = Field(
        default=None, description="Text in the statement, in any case."
    )
    said_by: RecordId | None = None
    depth: NeedDepth | None = None
    kind: NeedKind | None = None
    status: NeedStatus | None = None
    parent: RecordId | None = Field(default=None, description="The needs found by asking why about this one.")
    deleted: bool = Field(default=False, description="List the deleted needs instead (to restore one).")


class KindReason(BaseModel):
    """One reason of the classifier: a kind of evidence (`code`) and its values (the words found)."""

    model_config = ConfigDict(frozen=True)

    code: str
    values: dict[str, Any]


class NeedPublic(BaseModel):
    """A need as shown. `said_by`, `parent` and `interaction` are ids of live records of the same
    account; `kind_confidence` and `kind_reasons` are the classifier's, also when a user overrode its
    verdict (`kind_overridden`)."""

    model_config = ConfigDict(frozen=True)

    id: int
    account: str
    statement: str
    said_by: int | None
    depth: NeedDepth
    parent: int | None
    kind: NeedKind
    kind_overridden: bool
    kind_confidence: float
    kind_reasons: list[KindReason]
    status: NeedStatus
    confirmed_on: dt.date | None
    interaction: int | None
    version: int
    created_at: dt.datetime
    updated_at: dt.datetime
    deleted_at: dt.datetime | None
