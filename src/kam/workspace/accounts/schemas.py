"""Accounts in and out: `AccountCreate` and `AccountUpdate` are checked input, `AccountPublic` the output."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from kam.io.customers import CustomerType, Ownership
from kam.workspace.accounts.models import Account

Code = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Label = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]


class AccountCreate(BaseModel):
    """A new account; `referred_by` is the code of the account that referred it."""

    model_config = ConfigDict(extra="forbid")

    code: Code = Field(description="The customer_id used in the transaction data.")
    name: Name
    type: CustomerType | None = None
    ownership: Ownership | None = None
    industry: Label | None = None
    since: dt.date | None = Field(default=None, description="Start of the relationship.")
    referred_by: Code | None = None
    owner: Label | None = Field(default=None, description="The salesperson who looks after the account.")


class AccountUpdate(BaseModel):
    """A partial change: only the fields given are changed; an explicit None clears an optional field."""

    model_config = ConfigDict(extra="forbid")

    name: Name | None = None
    type: CustomerType | None = None
    ownership: Ownership | None = None
    industry: Label | None = None
    since: dt.date | None = None
    referred_by: Code | None = None
    owner: Label | None = None

    @model_validator(mode="after")
    def _name_is_required(self) -> AccountUpdate:
        if "name" in self.model_fields_set and self.name is None:
            raise ValueError("name cannot be cleared; give a new name")
        return self


class ImportSummary(BaseModel):
    """What an import of a customers file did: accounts created, changed, and left as they were."""

    file: str
    created: int
    updated: int
    unchanged: int


class AccountPublic(BaseModel):
    """An account as shown to users and the API."""

    model_config = ConfigDict(frozen=True)

    id: int
    code: str
    name: str
    type: CustomerType | None
    ownership: Ownership | None
    industry: str | None
    since: dt.date | None
    referred_by: str | None
    owner: str | None
    created_at: dt.datetime
    updated_at: dt.datetime

    @classmethod
    def of(cls, account: Account) -> AccountPublic:
        """Needs `account.referred_by` loaded (the repository does)."""
        referrer = account.referred_by
        return cls(
            id=account.id,
            code=account.code,
            name=account.name,
            type=account.type,
            ownership=account.ownership,
            industry=account.industry,
            since=account.since,
            referred_by=None if referrer is None else referrer.code,
            owner=account.owner,
            created_at=account.created_at,
            updated_at=account.updated_at,
        )
