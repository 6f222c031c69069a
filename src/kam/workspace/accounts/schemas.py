"""Accounts in and out: `AccountCreate`, `AccountChanges` (and `AccountUpdate`, which names the version
it is based on) are checked input, `AccountPublic` the output."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from kam.domain.segments import Segment
from kam.io.customers import CustomerType, Ownership
from kam.workspace.analysis.schemas import GroupValue
from kam.workspace.fields import Code, Label, Name, Storable, Version
from kam.workspace.vocabulary import WalletKind

Unit = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[A-Za-z][A-Za-z0-9²³/.]{0,15}$")]
MAX_COMPETITORS = 20
_WALLET_TEXT = re.compile(r"^\s*([0-9][0-9,_]*(?:\.[0-9]+)?)\s*(\S+)\s*$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")


class Wallet(BaseModel):
    """An account's estimated annual demand from all its suppliers: money (`unit` an ISO 4217 currency,
    three capital letters: CNY, TWD, USD) or a volume (any other unit: t, kg, pcs, m3). Also written as
    text, "1200000 CNY" or "5000 t"."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    amount: float = Field(ge=0, le=1e15)
    unit: Unit

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        if isinstance(value, str):
            match = _WALLET_TEXT.match(value)
            if match is None:
                raise ValueError("expected an amount and a unit, such as 5000 t or 1200000 CNY")
            return {"amount": match[1].replace(",", "").replace("_", ""), "unit": match[2]}
        return value

    @property
    def kind(self) -> WalletKind:
        return WalletKind.MONEY if _CURRENCY.match(self.unit) else WalletKind.VOLUME


def _unique(names: list[str] | None) -> list[str] | None:
    return None if names is None else list(dict.fromkeys(names))


class AccountChanges(BaseModel):
    """A partial change: only the fields given are changed; an explicit None (or an empty list) clears
    an optional field. `owner` is a user's login or display name (text that names no user is kept as
    the owner's name until such a user is added); `referred_by` and `parent` are account codes."""

    model_config = ConfigDict(extra="forbid")

    name: Name | None = None
    type: CustomerType | None = None
    ownership: Ownership | None = None
    industry: Label | None = None
    since: dt.date | None = None
    referred_by: Code | None = None
    referred_on: dt.date | None = None
    owner: Label | None = None
    parent: Code | None = None
    wallet: Wallet | None = None
    competitors: list[Label] | None = Field(default=None, max_length=MAX_COMPETITORS)

    _competitors = field_validator("competitors")(_unique)

    @model_validator(mode="after")
    def _name_is_required(self) -> AccountChanges:
        if "name" in self.model_fields_set and self.name is None:
            raise ValueError("name cannot be cleared; give a new name")
        return self


class AccountUpdate(AccountChanges):
    """A change through the API: it names the version it is based on (a stale one is refused, 409)."""

    version: Version


class AccountCreate(BaseModel):
    """A new account; `referred_by` and `parent` are codes of other accounts, `owner` a user's login or
    display name (a rep's new account is theirs)."""

    model_config = ConfigDict(extra="forbid")

    code: Code = Field(description="The customer_id used in the transaction data.")
    name: Name
    type: CustomerType | None = None
    ownership: Ownership | None = None
    industry: Label | None = None
    since: dt.date | None = Field(default=None, description="Start of the relationship.")
    referred_by: Code | None = None
    referred_on: dt.date | None = Field(default=None, description="When the referrer brought it.")
    owner: Label | None = Field(default=None, description="The user who looks after the account.")
    parent: Code | None = Field(default=None, description="The group this account belongs to.")
    wallet: Wallet | None = None
    competitors: list[Label] = Field(default_factory=list, max_length=MAX_COMPETITORS)

    _competitors = field_validator("competitors")(_unique)


class AccountFilters(BaseModel):
    """Which accounts a list shows: all the fields given must match."""

    model_config = ConfigDict(extra="forbid")

    q: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200), Storable] | None = Field(
        default=None, description="Text in the code or the name, in any case."
    )
    type: CustomerType | None = None
    ownership: Ownership | None = None
    industry: Label | None = None
    owner: Label | None = Field(default=None, description="The owner's login.")
    parent: Code | None = Field(default=None, description="The group's code: its subsidiaries.")
    team: Label | None = Field(default=None, description="A team's name: the accounts its members own.")
    segment: Segment | None = Field(
        default=None, description="Only accounts in this segment in the latest stored analysis."
    )
    deleted: bool = Field(default=False, description="List the deleted accounts instead (to restore one).")


class ImportSummary(BaseModel):
    """What an import of a customers file did: accounts created, changed, and left as they were; and the
    owners it named that are no user (kept as text until such a user is added)."""

    file: str
    created: int
    updated: int
    unchanged: int
    unmatched_owners: list[str] = Field(default_factory=list)


class WalletPublic(BaseModel):
    model_config = ConfigDict(frozen=True)

    amount: float
    unit: str
    kind: WalletKind


class AccountPublic(BaseModel):
    """An account as shown to users and the API. `owner` is the owning user's login; `owner_name` an
    owner given as text that matches no user yet. `referred_by` and `parent` are codes, shown only when
    the reader may see those accounts. `group`: a parent's value with its subsidiaries the reader may see
    (None for an account without one)."""

    model_config = ConfigDict(frozen=True)

    id: int
    code: str
    name: str
    type: CustomerType | None
    ownership: Ownership | None
    industry: str | None
    since: dt.date | None
    referred_by: str | None
    referred_on: dt.date | None
    owner: str | None
    owner_name: str | None
    parent: str | None
    wallet: WalletPublic | None
    competitors: list[str]
    group: GroupValue | None = None
    version: int
    created_at: dt.datetime
    updated_at: dt.datetime
    deleted_at: dt.datetime | None


class OwnerCount(BaseModel):
    """An owner of accounts and how many: a user (`login`) or a name that matches no user (`login` None)."""

    model_config = ConfigDict(frozen=True)

    login: str | None
    name: str
    accounts: int
