"""What an export holds: every record of a kind that the actor may see and that meets the list's
filters, read through the same list function as the API's list and the command line's (page after
page), one row per record. Nested values are flattened (`wallet_amount`), lists joined with "; ",
choices written as their codes and times in ISO 8601; the headings are the fields' names.

Scoping stays where it is for every list: in the repositories. An export can hold nothing the actor
could not list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

from pydantic import BaseModel
from sqlalchemy.orm import Session

from kam.workspace.account_records import every_page
from kam.workspace.listing import Page, PageRequest
from kam.workspace.vocabulary import ExportEntity

Cell = str | int | float | bool | None
LIST_SEPARATOR = "; "
LEFT_OUT = frozenset({"result", "settings"})  # a stored call's full analysis: JSON, not a cell


@dataclass(frozen=True)
class Exported:
    """The columns and the rows of an export."""

    columns: list[str]
    rows: list[dict[str, Cell]]


@dataclass(frozen=True)
class Source:
    """How a kind of record is listed: its filters and its list function (session, filters, request)."""

    filters: type[BaseModel]
    list: Callable[[Session, Any, PageRequest], Page[Any]]
    public: type[BaseModel]


def sources() -> dict[ExportEntity, Source]:
    """Each kind's filters and list function (imported here: each feature's service is loaded only
    when an export runs)."""
    from kam.workspace.accounts.schemas import AccountFilters, AccountPublic
    from kam.workspace.accounts.service import list_accounts
    from kam.workspace.contracts.schemas import ContractFilters, ContractPublic
    from kam.workspace.contracts.service import list_contracts
    from kam.workspace.deals.schemas import DealFilters, DealPublic
    from kam.workspace.deals.service import list_deals
    from kam.workspace.interactions.schemas import InteractionFilters, InteractionPublic
    from kam.workspace.interactions.service import find_interactions
    from kam.workspace.needs.schemas import NeedFilters, NeedPublic
    from kam.workspace.needs.service import list_needs
    from kam.workspace.next_steps.schemas import NextStepFilters, NextStepPublic
    from kam.workspace.next_steps.service import list_next_steps
    from kam.workspace.referrals.export import ReferralRow, referral_rows
    from kam.workspace.referrals.schemas import ReferralFilters
    from kam.workspace.stakeholders.schemas import StakeholderFilters, StakeholderPublic
    from kam.workspace.stakeholders.service import list_stakeholders

    return {
        ExportEntity.ACCOUNTS: Source(AccountFilters, list_accounts, AccountPublic),
        ExportEntity.STAKEHOLDERS: Source(StakeholderFilters, list_stakeholders, StakeholderPublic),
        ExportEntity.NEEDS: Source(NeedFilters, list_needs, NeedPublic),
        ExportEntity.DEALS: Source(DealFilters, list_deals, DealPublic),
        ExportEntity.NEXT_STEPS: Source(NextStepFilters, list_next_steps, NextStepPublic),
        ExportEntity.CONTRACTS: Source(ContractFilters, list_contracts, ContractPublic),
        ExportEntity.INTERACTIONS: Source(InteractionFilters, find_interactions, InteractionPublic),
        ExportEntity.REFERRALS: Source(ReferralFilters, referral_rows, ReferralRow),
    }


def export_records(session: Session, entity: ExportEntity, filters: BaseModel | None = None) -> Exported:
    """Every record of `entity` the session's actor may see that meets `filters`, as rows."""
    source = sources()[entity]
    chosen = filters if filters is not None else source.filters()
    items = every_page(lambda request: source.list(session, chosen, request))
    return Exported(list(_columns(source.public)), [flat_row(item) for item in items])


def _columns(model: type[BaseModel]) -> Iterable[str]:
    """The headings of a kind's rows: its fields, a nested record's as `field_subfield`."""
    for name, field in model.model_fields.items():
        nested = _model_of(field.annotation)
        if name in LEFT_OUT:
            continue
        if nested is None:
            yield name
        else:
            yield from (f"{name}_{sub}" for sub in _columns(nested))


def _model_of(annotation: Any) -> type[BaseModel] | None:
    """The record type a field holds (`WalletPublic | None` -> WalletPublic), if it holds one."""
    candidates = [annotation, *getattr(annotation, "__args__", ())]
    return next((c for c in candidates if isinstance(c, type) and issubclass(c, BaseModel)), None)


def flat_row(item: BaseModel) -> dict[str, Cell]:
    """One record as cells, keyed by `_columns`'s headings."""
    row: dict[str, Cell] = {}
    for name, field in type(item).model_fields.items():
        if name in LEFT_OUT:
            continue
        value = getattr(item, name)
        nested = _model_of(field.annotation)
        if nested is None:
            row[name] = cell(value)
        elif value is None:
            row |= dict.fromkeys(_columns_prefixed(nested, name))
        else:
            row |= {f"{name}_{k}": v for k, v in flat_row(value).items()}
    return row


def _columns_prefixed(model: type[BaseModel], prefix: str) -> list[str]:
    return [f"{prefix}_{name}" for name in _columns(model)]


def cell(value: object) -> Cell:
    """A value as a spreadsheet cell: text, a number, yes/no, or blank."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(str(cell(v)) for v in value if v is not None)
    if isinstance(value, Mapping):
        return None
    return str(value)
