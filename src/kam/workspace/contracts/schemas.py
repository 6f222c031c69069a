"""Contracts in and out: `ContractCreate`, `ContractChanges` (and `ContractUpdate`, which names the
version it is based on) are checked input, `ContractPublic` the output."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationInfo, field_validator

from kam.workspace.contracts.models import YEARS
from kam.workspace.fields import Code, Currency, Money, Name, Storable, Version

Year = Annotated[int, Field(ge=YEARS[0], le=YEARS[1])]
Unit = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=16), Storable]
"""A unit of volume: t, kg, pcs, m3, 噸, 件."""


class ContractChanges(BaseModel):
    """A partial change: only the fields given are changed; an explicit None clears an optional field.
    A volume needs its unit and a value its currency (given or stored)."""

    model_config = ConfigDict(extra="forbid")

    year: Year | None = None
    product: Name | None = None
    volume: Money | None = None
    unit: Unit | None = None
    value: Money | None = None
    currency: Currency | None = None

    @field_validator("year", "product")
    @classmethod
    def _required_stay(cls, value: object, info: ValidationInfo) -> object:
        if value is None:
            raise ValueError(f"{info.field_name} cannot be cleared; give a new value")
        return value


class ContractUpdate(ContractChanges):
    """A change through the API: it names the version it is based on (a stale one is refused, 409)."""

    version: Version


class ContractCreate(BaseModel):
    """A new contract of the account `account` (its code) for a year and a product (or group); one per
    account, year and product."""

    model_config = ConfigDict(extra="forbid")

    account: Code = Field(description="The account's code.")
    year: Year
    product: Name = Field(description="The product or product group: 冷軋板, galvanised sheet.")
    volume: Money | None = None
    unit: Unit | None = Field(default=None, validate_default=True)
    value: Money | None = None
    currency: Currency | None = Field(default=None, validate_default=True)

    @field_validator("unit")
    @classmethod
    def _volume_has_a_unit(cls, unit: str | None, info: ValidationInfo) -> str | None:
        if unit is None and info.data.get("volume") is not None:
            raise ValueError("a volume needs its unit")
        return unit

    @field_validator("currency")
    @classmethod
    def _value_has_a_currency(cls, currency: str | None, info: ValidationInfo) -> str | None:
        if currency is None and info.data.get("value") is not None:
            raise ValueError("a value needs its currency")
        return currency


class ContractFilters(BaseModel):
    """Which contracts a list shows: all the fields given must match."""

    model_config = ConfigDict(extra="forbid")

    account: Code | None = Field(default=None, description="The account's code.")
    year: Year | None = None
    q: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200), Storable] | None = Field(
        default=None, description="Text in the product, in any case."
    )
    deleted: bool = Field(default=False, description="List the deleted contracts instead (to restore one).")


class ContractPublic(BaseModel):
    """A contract as shown."""

    model_config = ConfigDict(frozen=True)

    id: int
    account: str
    year: int
    product: str
    volume: float | None
    unit: str | None
    value: float | None
    currency: str | None
    version: int
    created_at: dt.datetime
    updated_at: dt.datetime
    deleted_at: dt.datetime | None
