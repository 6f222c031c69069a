"""Rules for contracts: each belongs to an account the actor may change, is one per account, year and
product, and keeps a volume only with its unit and a value only with its currency. Deletes are soft
and restorable; each contract has a history.

Services flush but never commit; `kam.workspace.db.session_scope` decides.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from kam.i18n import Notice
from kam.workspace.account_records import (
    account_clause,
    delete_record,
    page_of,
    record_history,
    require_account,
    require_record,
    restore_record,
    text_clause,
)
from kam.workspace.accounts.models import Account
from kam.workspace.audit.schemas import HistoryEntry
from kam.workspace.contracts.models import Contract
from kam.workspace.contracts.repository import ContractRepository
from kam.workspace.contracts.schemas import ContractChanges, ContractCreate, ContractFilters, ContractPublic
from kam.workspace.errors import DuplicateRecord, InvalidInput
from kam.workspace.listing import Page, PageRequest
from kam.workspace.service import require_version
from kam.workspace.vocabulary import RecordKind

WHAT = RecordKind.CONTRACT
FIELDS = ("year", "product", "volume", "unit", "value", "currency")  # stored as given


def list_contracts(
    session: Session, filters: ContractFilters | None = None, request: PageRequest | None = None
) -> Page[ContractPublic]:
    """One page of the contracts the actor may see that meet `filters`, by year unless `request` says."""
    filters, request = filters or ContractFilters(), request or PageRequest()
    repo = ContractRepository(session)
    found = repo.page(_where(session, filters), request, deleted=filters.deleted)
    return page_of([public_contract(c) for c in found.records], found, request)


def get_contract(session: Session, contract_id: int) -> ContractPublic:
    return public_contract(require_record(ContractRepository(session), contract_id, WHAT))


def create_contract(session: Session, data: ContractCreate) -> ContractPublic:
    """Add a contract to an account the actor may change."""
    repo = ContractRepository(session)
    account = require_account(session, data.account)
    _require_new_key(repo, account, data.year, data.product, None)
    contract = Contract(account=account, **data.model_dump(include=set(FIELDS)))
    try:
        repo.add(contract)
    except sa.exc.IntegrityError:  # another session added the same year and product since the check
        raise DuplicateRecord(WHAT, _key(data.year, data.product)) from None
    return public_contract(contract)


def update_contract(
    session: Session, contract_id: int, data: ContractChanges, version: int | None = None
) -> ContractPublic:
    """Change the fields given in `data`, if `version` (when given) is still the stored one."""
    repo = ContractRepository(session)
    contract = require_record(repo, contract_id, WHAT, write=True)
    require_version(contract, version, WHAT, contract_id, public_contract)
    given = data.model_fields_set
    year = data.year if data.year is not None else contract.year
    product = data.product if data.product is not None else contract.product
    if (year, product) != (contract.year, contract.product):
        _require_new_key(repo, contract.account, year, product, contract.id)
    with session.no_autoflush:  # one UPDATE (one new version) for the whole change
        for name in given & set(FIELDS):
            setattr(contract, name, getattr(data, name))
    require_units(contract)
    repo.flush()
    return public_contract(contract)


def require_units(contract: Contract) -> None:
    """A volume needs its unit and a value its currency."""
    if contract.volume is not None and contract.unit is None:
        raise InvalidInput(Notice("ws_volume_needs_unit"))
    if contract.value is not None and contract.currency is None:
        raise InvalidInput(Notice("ws_value_needs_currency"))


def delete_contract(session: Session, contract_id: int, version: int | None = None) -> ContractPublic:
    return delete_record(ContractRepository(session), contract_id, WHAT, version, public_contract)


def restore_contract(session: Session, contract_id: int, version: int | None = None) -> ContractPublic:
    return restore_record(ContractRepository(session), contract_id, WHAT, version, public_contract)


def contract_history(
    session: Session, contract_id: int, request: PageRequest | None = None
) -> Page[HistoryEntry]:
    return record_history(ContractRepository(session), contract_id, WHAT, request)


def public_contract(contract: Contract) -> ContractPublic:
    return ContractPublic.model_validate(
        {
            **{name: getattr(contract, name) for name in ("id", *FIELDS)},
            "account": contract.account.code,
            "version": contract.version,
            "created_at": contract.created_at,
            "updated_at": contract.updated_at,
            "deleted_at": contract.deleted_at,
        }
    )


def _require_new_key(
    repo: ContractRepository, account: Account, year: int, product: str, but: int | None
) -> None:
    if repo.key_taken_by(account.id, year, product, but):
        raise DuplicateRecord(WHAT, _key(year, product))


def _key(year: int, product: str) -> str:
    """A contract's key as a message names it (its account is the caller's): "2025 冷軋板"."""
    return f"{year} {product}"


def _where(session: Session, filters: ContractFilters) -> list[sa.ColumnElement[bool]]:
    where = account_clause(session, Contract, filters.account)
    where += text_clause((Contract.product,), filters.q)
    if filters.year is not None:
        where.append(Contract.year == filters.year)
    return where
