"""Importing deals from a file (`kam deals import`): one row per deal, matched to the stored deals by
account and title; `needs` lists the statements of stored needs of the same account that the deal
answers, separated by `|` or line breaks (a statement may hold commas and semicolons), and
`stakeholders` the names of stored stakeholders of the same account involved in it, separated the same
way. All or nothing, every problem by row and column (kam.workspace.importing).

Columns the file has overwrite the stored values; columns it lacks leave stored values alone. A value
needs its currency and a `quoted_stage` its `quoted_on`, in the row or stored; a quote without its
stage takes the deal's stage when it is first recorded.
"""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy.orm import Session

from kam.domain.deals import DealStage
from kam.i18n import Notice
from kam.io.mapping import SYNONYMS
from kam.io.records import CellKind, RecordColumns, RecordsTable, choice_labels, read_choice, read_list
from kam.workspace.deals.models import Deal
from kam.workspace.deals.repository import DealRepository
from kam.workspace.deals.schemas import DealCreate
from kam.workspace.importing import (
    ACCOUNT,
    Key,
    Problems,
    RecordsImported,
    once_per_file,
    refuse_deleted,
    row_accounts,
    row_keys,
    summary,
    validated,
)
from kam.workspace.needs.models import Need
from kam.workspace.needs.repository import NeedRepository
from kam.workspace.stakeholders.models import Stakeholder
from kam.workspace.stakeholders.repository import StakeholderRepository
from kam.workspace.vocabulary import RecordKind

T_Linked = TypeVar("T_Linked", Need, Stakeholder)

T = CellKind.TEXT
DEAL_COLUMNS = RecordColumns(
    kinds={
        ACCOUNT: T,
        "title": T,
        "value": CellKind.NUMBER,
        "currency": T,
        "stage": T,
        "expected_close": CellKind.DATE,
        "needs": T,
        "stakeholders": T,
        "quoted_on": CellKind.DATE,
        "quoted_stage": T,
    },
    required=(ACCOUNT, "title"),
    synonyms={
        ACCOUNT: SYNONYMS[ACCOUNT],
        "title": ("deal", "opportunity", "name", "商機", "商机", "項目", "项目", "案名"),
        "value": ("amount", "dealvalue", "金額", "金额", "預估金額", "预估金额"),
        "currency": ("curr", "幣別", "币别", "幣種", "币种"),
        "stage": ("dealstage", "階段", "阶段"),
        "expected_close": ("closedate", "expectedclose", "預計成交", "预计成交", "預計成交日", "预计成交日"),
        "needs": ("answers", "需求", "對應需求", "对应需求"),
        "stakeholders": ("involved", "people", "contacts", "關係人", "关系人", "參與人", "参与人"),
        "quoted_on": ("quoted", "quotedate", "首次報價", "首次报价", "報價日期", "报价日期"),
        "quoted_stage": ("quotestage", "報價階段", "报价阶段"),
    },
)
NEED_SEPARATORS = "|\n"  # between the needs, and the stakeholders, of one cell
_STORED = ("value", "currency", "stage", "expected_close")


def import_deals(session: Session, table: RecordsTable) -> RecordsImported:
    """Create or update the deals of `table`, all or nothing (see the module's docstring)."""
    columns = set(table.columns)
    problems = Problems(table, fields={"account": ACCOUNT})
    accounts = row_accounts(session, problems)
    keys = row_keys(problems, accounts, "title")
    account_ids = {a.id for a in accounts if a is not None}
    repo = DealRepository(session)
    stored = {(d.account_id, d.title): d for d in repo.of_accounts(account_ids)}
    entries = [
        validated(problems, i, DealCreate, _fields(row, stored.get(key) if key else None, columns))
        for i, (row, key) in enumerate(zip(table.rows, keys, strict=True))
    ]
    once_per_file(problems, keys, "title")
    refuse_deleted(problems, keys, {k for k, d in stored.items() if d.deleted}, "title", RecordKind.DEAL)
    known = {
        (n.account_id, n.statement): n
        for n in NeedRepository(session).of_accounts(account_ids)
        if not n.deleted
    }
    answered = [_linked(problems, i, key, "needs", known) for i, key in enumerate(keys)]
    people = {
        (p.account_id, p.name): p
        for p in StakeholderRepository(session).of_accounts(account_ids)
        if not p.deleted
    }
    involved = [_linked(problems, i, key, "stakeholders", people) for i, key in enumerate(keys)]
    problems.raise_any()

    records: dict[Key, Deal] = dict(stored)
    created = 0
    for key, entry, account, needs, named in zip(keys, entries, accounts, answered, involved, strict=True):
        assert key is not None and entry is not None and account is not None
        deal = records.get(key)
        if deal is None:
            deal = records[key] = Deal(account=account, title=entry.title)
            deal.needs, deal.stakeholders, deal.quoted_on, deal.quoted_stage = [], [], None, None
            _apply(deal, entry, set(_STORED) | {"quoted_on", "quoted_stage"})
            session.add(deal)
            created += 1
        else:
            _apply(deal, entry, columns)
        if "needs" in columns:
            deal.needs = needs
        if "stakeholders" in columns:
            deal.stakeholders = named
    changed = [session.is_modified(stored[key]) for key in dict.fromkeys(keys) if key in stored]
    repo.flush()
    return summary(table, created, changed)


def _fields(row: dict[str, Any], stored: Deal | None, columns: set[str]) -> dict[str, Any]:
    """A row of the file as the fields of `DealCreate` (needs and stakeholders are named, resolved on
    their own);
    the columns the file lacks hold the stored deal's values, so that a value is checked with the
    currency it will have and a quote's stage with its day."""
    fields: dict[str, Any] = {"account": row.get(ACCOUNT), "title": row.get("title")}
    for name in ("value", "currency", "expected_close", "quoted_on", "stage", "quoted_stage"):
        value = row.get(name) if name in columns or stored is None else getattr(stored, name)
        if value is not None and name in ("stage", "quoted_stage") and name in columns:
            value = read_choice(value, choice_labels(DealStage))
        if value is not None:
            fields[name] = value
    return fields


EXPECTED = {"needs": "expect_stored_need", "stakeholders": "expect_stored_stakeholder"}


def _linked(
    problems: Problems, index: int, key: Key | None, column: str, known: dict[Key, T_Linked]
) -> list[T_Linked]:
    """The stored records of the row's account that its `column` cell names (need statements or
    stakeholder names); each other one is a problem at that column."""
    said = read_list(problems.table.rows[index].get(column), NEED_SEPARATORS)
    if key is None:
        return []
    found = []
    for name in dict.fromkeys(said):
        record = known.get((key[0], name))
        if record is None:
            problems.add(index, column, name, Notice(EXPECTED[column]))
        else:
            found.append(record)
    return found


def _apply(deal: Deal, entry: DealCreate, columns: set[str]) -> None:
    """Store the row's values on `deal`, for the columns the file has; a quote without its stage
    takes the deal's (once: a later import keeps it)."""
    for name in _STORED:
        if name in columns:
            setattr(deal, name, getattr(entry, name))
    if "quoted_on" in columns:
        deal.quoted_on = entry.quoted_on
    if "quoted_stage" in columns and entry.quoted_stage is not None:
        deal.quoted_stage = entry.quoted_stage
    if deal.quoted_on is None:
        deal.quoted_stage = None
    elif deal.quoted_stage is None:
        deal.quoted_stage = deal.stage
