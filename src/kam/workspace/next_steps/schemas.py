"""Next steps in and out: `NextStepCreate`, `NextStepChanges` (and `NextStepUpdate`, which names the
version it is based on) are checked input, `NextStepPublic` the output."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from kam.workspace.fields import Code, Label, Notes, RecordId, Storable, Version

ME = "me"  # the assignee "me": the user asking
REQUIRED = ("what", "done")  # fields a change may not clear


class NextStepChanges(BaseModel):
    """A partial change: only the fields given are changed; an explicit None clears an optional field.
    `assignee` is a login (or a display name only one user has), or `me`."""

    model_config = ConfigDict(extra="forbid")

    what: Notes | None = None
    deal: RecordId | None = None
    interaction: RecordId | None = None
    assignee: Label | None = None
    due_on: dt.date | None = None
    done: bool | None = None

    @model_validator(mode="after")
    def _required_stay(self) -> NextStepChanges:
        for name in REQUIRED:
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(f"{name} cannot be cleared; give a new value")
        return self


class NextStepUpdate(NextStepChanges):
    """A change through the API: it names the version it is based on (a stale one is refused, 409)."""

    version: Version


class NextStepCreate(BaseModel):
    """A new next step of the account `account` (its code), on one of its deals or interactions if
    given; assigned to `assignee`, or to whoever creates it."""

    model_config = ConfigDict(extra="forbid")

    account: Code = Field(description="The account's code.")
    what: Notes = Field(description="What is to be done: 'visit again next Tuesday', 'quote next week'.")
    deal: RecordId | None = Field(default=None, description="A deal of the same account.")
    interaction: RecordId | None = Field(default=None, description="An interaction of the same account.")
    assignee: Label | None = Field(default=None, description="A login, or me (default: whoever creates it).")
    due_on: dt.date | None = None
    done: bool = False


class NextStepFilters(BaseModel):
    """Which next steps a list shows: all the fields given must match. `overdue=true&assignee=me` lists
    your overdue steps."""

    model_config = ConfigDict(extra="forbid")

    account: Code | None = Field(default=None, description="The account's code.")
    q: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200), Storable] | None = Field(
        default=None, description="Text in what is to be done, in any case."
    )
    deal: RecordId | None = None
    assignee: Label | None = Field(default=None, description="A login, or me.")
    done: bool | None = None
    overdue: bool | None = Field(
        default=None, description="Not done and due before today (UTC): true or false."
    )
    deleted: bool = Field(default=False, description="List the deleted next steps instead (to restore one).")


class NextStepPublic(BaseModel):
    """A next step as shown: `deal` and `interaction` are ids of live records of the same account,
    `assignee` a login; `overdue` says whether it is not done and due before today (UTC)."""

    model_config = ConfigDict(frozen=True)

    id: int
    account: str
    what: str
    deal: int | None
    interaction: int | None
    assignee: str | None
    due_on: dt.date | None
    done: bool
    overdue: bool
    version: int
    created_at: dt.datetime
    updated_at: dt.datetime
    deleted_at: dt.datetime | None
