"""Deals in and out: `DealCreate`, `DealChanges` (and `DealUpdate`, which names the version it is based
on) are checked input, `DealPublic` the output."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from kam.domain.deals import DealStage
from kam.workspace.fields import Code, Currency, Money, Name, RecordId, Storable, Version

MAX_NEEDS = 100  # needs one deal may answer
MAX_STAKEHOLDERS = 100  # stakeholders involved in one deal
REQUIRED = ("title", "stage")  # fields a change may not clear


def _unique(ids: list[int] | None) -> list[int] | None:
    return None if ids is None else list(dict.fromkeys(ids))


class DealChanges(BaseModel):
    """A partial change: only the fields given are changed; an explicit None clears an optional field.
    `needs` replaces the needs the deal answers (ids of needs of the same account), `stakeholders` the
    people involved in it (ids of stakeholders of the same account). Giving `quoted_on`
    records a quote: the first one takes the deal's stage before this change as `quoted_stage`, unless
    that is given too; `quoted_on: null` clears both. A value needs its currency (given or stored)."""

    model_config = ConfigDict(extra="forbid")

    title: Name | None = None
    value: Money | None = None
    currency: Currency | None = None
    stage: DealStage | None = None
    expected_close: dt.date | None = None
    needs: list[RecordId] | None = Field(default=None, max_length=MAX_NEEDS)
    stakeholders: list[RecordId] | None = Field(default=None, max_length=MAX_STAKEHOLDERS)
    quoted_on: dt.date | None = None
    quoted_stage: DealStage | None = None

    _needs = field_validator("needs", "stakeholders")(_unique)

    @model_validator(mode="after")
    def _required_stay(self) -> DealChanges:
        for name in REQUIRED:
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(f"{name} cannot be cleared; give a new value")
        return self


class DealUpdate(DealChanges):
    """A change through the API: it names the version it is based on (a stale one is refused, 409)."""

    version: Version


class DealCreate(BaseModel):
    """A new deal of the account `account` (its code); the title is unique in the account. A deal
    created with `quoted_on` was quoted at its `stage`, unless `quoted_stage` says."""

    model_config = ConfigDict(extra="forbid")

    account: Code = Field(description="The account's code.")
    title: Name
    value: Money | None = None
    currency: Currency | None = Field(default=None, validate_default=True)
    stage: DealStage = DealStage.PROSPECTING
    expected_close: dt.date | None = None
    needs: list[RecordId] = Field(default_factory=list, max_length=MAX_NEEDS, description="Needs it answers.")
    stakeholders: list[RecordId] = Field(
        default_factory=list,
        max_length=MAX_STAKEHOLDERS,
        description="Stakeholders of the same account involved in the deal.",
    )
    quoted_on: dt.date | None = Field(default=None, description="When a price was first quoted.")
    quoted_stage: DealStage | None = Field(default=None, description="The stage at that quote.")

    _needs = field_validator("needs", "stakeholders")(_unique)

    @field_validator("currency")
    @classmethod
    def _value_has_a_currency(cls, currency: str | None, info: ValidationInfo) -> str | None:
        if currency is None and info.data.get("value") is not None:
            raise ValueError("a value needs its currency")
        return currency

    @field_validator("quoted_stage")
    @classmethod
    def _quote_has_a_day(cls, stage: DealStage | None, info: ValidationInfo) -> DealStage | None:
        if stage is not None and info.data.get("quoted_on") is None:
            raise ValueError("a stage at the quote needs the day of the quote (quoted_on)")
        return stage


class DealFilters(BaseModel):
    """Which deals a list shows: all the fields given must match."""

    model_config = ConfigDict(extra="forbid")

    account: Code | None = Field(default=None, description="The account's code.")
    q: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200), Storable] | None = Field(
        default=None, description="Text in the title, in any case."
    )
    stage: DealStage | None = None
    open: bool | None = Field(default=None, description="Open deals (true) or won and lost ones (false).")
    quoted: bool | None = Field(default=None, description="Deals with a quote (true) or without (false).")
    need: RecordId | None = Field(default=None, description="The deals that answer this need.")
    deleted: bool = Field(default=False, description="List the deleted deals instead (to restore one).")


class DealPublic(BaseModel):
    """A deal as shown; `needs` are the ids of the live needs it answers, `stakeholders` those of the live
    stakeholders involved in it."""

    model_config = ConfigDict(frozen=True)

    id: int
    account: str
    title: str
    value: float | None
    currency: str | None
    stage: DealStage
    expected_close: dt.date | None
    needs: list[int]
    stakeholders: list[int]
    quoted_on: dt.date | None
    quoted_stage: DealStage | None
    version: int
    created_at: dt.datetime
    updated_at: dt.datetime
    deleted_at: dt.datetime | None
