"""Stakeholders in and out: `StakeholderCreate`, `StakeholderChanges` (and `StakeholderUpdate`, which
names the version it is based on) are checked input, `StakeholderPublic` the output."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from kam.domain.decision_chain import DecisionRole, Function, PurchaseFactor, Stance
from kam.workspace.fields import Code, Name, Notes, RecordId, Storable, Version
from kam.workspace.stakeholders.models import INFLUENCE

Influence = Annotated[
    int, Field(ge=INFLUENCE[0], le=INFLUENCE[1], description="From 1 (little) to 5 (decisive).")
]
MAX_FACTORS = len(PurchaseFactor)
REQUIRED = ("name", "function", "stance", "coach")  # fields a change may not clear


def _unique(factors: list[PurchaseFactor] | None) -> list[PurchaseFactor] | None:
    return None if factors is None else list(dict.fromkeys(factors))


class StakeholderChanges(BaseModel):
    """A partial change: only the fields given are changed; an explicit None clears an optional field.
    `reports_to` is the id of another stakeholder of the same account."""

    model_config = ConfigDict(extra="forbid")

    name: Name | None = None
    title: Name | None = None
    function: Function | None = None
    decision_role: DecisionRole | None = None
    influence: Influence | None = None
    stance: Stance | None = None
    coach: bool | None = None
    reports_to: RecordId | None = None
    preferences: Notes | None = None
    purchase_factors: list[PurchaseFactor] | None = Field(default=None, max_length=MAX_FACTORS)

    _factors = field_validator("purchase_factors")(_unique)

    @model_validator(mode="after")
    def _required_stay(self) -> StakeholderChanges:
        for name in REQUIRED:
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(f"{name} cannot be cleared; give a new value")
        return self


class StakeholderUpdate(StakeholderChanges):
    """A change through the API: it names the version it is based on (a stale one is refused, 409)."""

    version: Version


class StakeholderCreate(BaseModel):
    """A new stakeholder of the account `account` (its code); the name is unique in the account."""

    model_config = ConfigDict(extra="forbid")

    account: Code = Field(description="The account's code.")
    name: Name
    title: Name | None = None
    function: Function = Function.OTHER
    decision_role: DecisionRole | None = None
    influence: Influence | None = None
    stance: Stance = Stance.UNKNOWN
    coach: bool = Field(
        default=False, description="Our coach (教練) at the account: tells us the real needs."
    )
    reports_to: RecordId | None = Field(default=None, description="Another stakeholder of the account.")
    preferences: Notes | None = Field(default=None, description="What they care about, in words.")
    purchase_factors: list[PurchaseFactor] = Field(default_factory=list, max_length=MAX_FACTORS)

    _factors = field_validator("purchase_factors")(_unique)


class StakeholderFilters(BaseModel):
    """Which stakeholders a list shows: all the fields given must match."""

    model_config = ConfigDict(extra="forbid")

    account: Code | None = Field(default=None, description="The account's code.")
    q: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200), Storable] | None = Field(
        default=None, description="Text in the name or the title, in any case."
    )
    function: Function | None = None
    decision_role: DecisionRole | None = None
    stance: Stance | None = None
    coach: bool | None = None
    deleted: bool = Field(
        default=False, description="List the deleted stakeholders instead (to restore one)."
    )


class StakeholderPublic(BaseModel):
    """A stakeholder as shown. `reports_to` is the id of a live stakeholder of the same account;
    `last_contact` the day of the latest interaction where they said a recorded need (None: none yet)."""

    model_config = ConfigDict(frozen=True)

    id: int
    account: str
    name: str
    title: str | None
    function: Function
    decision_role: DecisionRole | None
    influence: int | None
    stance: Stance
    coach: bool
    reports_to: int | None
    preferences: str | None
    purchase_factors: list[PurchaseFactor]
    last_contact: dt.date | None
    version: int
    created_at: dt.datetime
    updated_at: dt.datetime
    deleted_at: dt.datetime | None
