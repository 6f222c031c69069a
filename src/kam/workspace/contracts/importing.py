"""Importing contracts from a file (`kam contracts import`): one row per account, year and product (or
product group), matched to the stored contracts by those three, so the volumes of 24 years can be
loaded at once and loaded again without change. All or nothing, every problem by row and column
(kam.workspace.importing). Columns the file has overwrite the stored values; columns it lacks leave
stored values alone. A volume needs its unit and a value its currency, given in the row or stored.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from kam.i18n import Notice
from kam.io.mapping import SYNONYMS
from kam.io.records import CellKind, RecordColumns, RecordsTable
from kam.workspace.contracts.models import Contract
from kam.workspace.contracts.repository import ContractRepository
from kam.workspace.contracts.schemas import ContractCreate
from kam.workspace.importing import (
    ACCOUNT,
    Problems,
    RecordsImported,
    once_per_file,
    row_accounts,
    summary,
    validated,
)

T = CellKind.TEXT
CONTRACT_COLUMNS = RecordColumns(
    kinds={
        ACCOUNT: T,
        "year": CellKind.WHOLE,
        "product": T,
        "volume": CellKind.NUMBER,
        "unit": T,
        "value": CellKind.NUMBER,
        "currency": T,
    },
    required=(ACCOUNT, "year", "product"),
    synonyms={
        ACCOUNT: SYNONYMS[ACCOUNT],
        "year": ("contractyear", "年度", "年份", "合同年度", "合約年度"),
        "product": ("productgroup", "item", "產品", "产品", "品名", "產品類別", "产品类别"),
        "volume": ("quantity", "qty", "tons", "合同量", "合約量", "數量", "数量", "噸數", "吨数"),
        "unit": ("uom", "單位", "单位"),
        "value": ("amount", "contractvalue", "金額", "金额", "合同金額", "合同金额", "合約金額"),
        "currency": ("curr", "幣別", "币别", "幣種", "币种"),
    },
)
Key = tuple[int, int, str]
_STORED = ("volume", "unit", "value", "currency")


def import_contracts(session: Session, table: RecordsTable) -> RecordsImported:
    """Create or update the contracts of `table`, all or nothing (see the module's docstring)."""
    columns = set(table.columns)
    problems = Problems(table, fields={"account": ACCOUNT})
    accounts = row_accounts(session, problems)
    keys: list[Key | None] = [
        (a.id, row["year"], row["product"])
        if a is not None and row.get("year") and row.get("product")
        else None
        for a, row in zip(accounts, table.rows, strict=True)
    ]
    repo = ContractRepository(session)
    stored = {(c.account_id, c.year, c.product): c for c in repo.of_accounts({a.id for a in accounts if a})}
    entries = [
        validated(problems, i, ContractCreate, _fields(row, stored.get(key) if key else None, columns))
        for i, (row, key) in enumerate(zip(table.rows, keys, strict=True))
    ]
    once_per_file(problems, keys, "product")
    for index, key in enumerate(keys):
        if key is not None and key in stored and stored[key].deleted:
            expected = Notice("expect_not_deleted", what=Notice("record_contract"))
            problems.add(index, "product", key[2], expected)
    problems.raise_any()

    created = 0
    for key, entry, account in zip(keys, entries, accounts, strict=True):
        assert key is not None and entry is not None and account is not None
        contract = stored.get(key)
        if contract is None:
            contract = Contract(account=account, year=entry.year, product=entry.product)
            _apply(contract, entry, set(_STORED))
            session.add(contract)
            created += 1
        else:
            _apply(contract, entry, columns)
    changed = [session.is_modified(stored[key]) for key in dict.fromkeys(keys) if key in stored]
    repo.flush()
    return summary(table, created, changed)


def _fields(row: dict[str, Any], stored: Contract | None, columns: set[str]) -> dict[str, Any]:
    """A row of the file as the fields of `ContractCreate`; the columns the file lacks hold the stored
    contract's values, so that a volume is checked with the unit it will have."""
    fields: dict[str, Any] = {
        "account": row.get(ACCOUNT),
        "year": row.get("year"),
        "product": row.get("product"),
    }
    for name in _STORED:
        value = row.get(name) if name in columns or stored is None else getattr(stored, name)
        if value is not None:
            fields[name] = value
    return fields


def _apply(contract: Contract, entry: ContractCreate, columns: set[str]) -> None:
    for name in _STORED:
        if name in columns:
            setattr(contract, name, getattr(entry, name))
