"""Importing stakeholders from a file (`kam stakeholders import`): one row per person, matched to the
stored stakeholders by account and name; `reports_to` names another stakeholder of the same account, in
the file or already stored. All or nothing, every problem by row and column (kam.workspace.importing).

Columns the file has overwrite the stored values (a blank cell clears an optional one, and sets a
choice back to its default); columns it lacks leave stored values alone.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from kam.domain.decision_chain import DecisionRole, Function, PurchaseFactor, Stance
from kam.i18n import Notice
from kam.io.mapping import SYNONYMS
from kam.io.records import (
    CellKind,
    RecordColumns,
    RecordsTable,
    choice_labels,
    read_choice,
    read_list,
    read_yes_no,
)
from kam.workspace.importing import (
    ACCOUNT,
    Key,
    Problems,
    RecordsImported,
    link_loops,
    linked_keys,
    once_per_file,
    refuse_deleted,
    row_accounts,
    row_keys,
    summary,
    validated,
)
from kam.workspace.stakeholders.models import Stakeholder
from kam.workspace.stakeholders.repository import StakeholderRepository
from kam.workspace.stakeholders.schemas import StakeholderCreate
from kam.workspace.vocabulary import RecordKind

T = CellKind.TEXT
STAKEHOLDER_COLUMNS = RecordColumns(
    kinds={
        ACCOUNT: T,
        "name": T,
        "title": T,
        "function": T,
        "decision_role": T,
        "influence": CellKind.WHOLE,
        "stance": T,
        "coach": T,
        "reports_to": T,
        "preferences": T,
        "purchase_factors": T,
    },
    required=(ACCOUNT, "name"),
    synonyms={
        ACCOUNT: SYNONYMS[ACCOUNT],
        "name": ("stakeholder", "person", "contact", "fullname", "姓名", "聯絡人", "联系人", "人員", "人员"),
        "title": ("jobtitle", "position", "職稱", "职称", "職位", "职位", "職務", "职务"),
        "function": ("department", "職能", "职能", "部門", "部门"),
        "decision_role": ("role", "decisionrole", "角色", "決策角色", "决策角色"),
        "influence": ("影響力", "影响力"),
        "stance": ("attitude", "立場", "立场", "態度", "态度"),
        "coach": ("iscoach", "教練", "教练", "線人", "线人"),
        "reports_to": ("reportsto", "manager", "boss", "上級", "上级", "匯報對象", "汇报对象"),
        "preferences": ("notes", "偏好", "個人偏好", "个人偏好"),
        "purchase_factors": (
            "factors",
            "kpf",
            "kpfs",
            "keypurchasefactors",
            "關鍵採購因素",
            "关键采购因素",
            "採購因素",
            "采购因素",
        ),
    },
)
_CHOICES = {"function": Function, "decision_role": DecisionRole, "stance": Stance}
_PLAIN = ("name", "title", "influence", "preferences")
_STORED = ("title", "function", "decision_role", "influence", "stance", "coach", "preferences")


def import_stakeholders(session: Session, table: RecordsTable) -> RecordsImported:
    """Create or update the stakeholders of `table`, all or nothing (see the module's docstring)."""
    problems = Problems(table, fields={"account": ACCOUNT})
    accounts = row_accounts(session, problems)
    entries = [validated(problems, i, StakeholderCreate, _fields(row)) for i, row in enumerate(table.rows)]
    keys = row_keys(problems, accounts, "name")
    once_per_file(problems, keys, "name")
    repo = StakeholderRepository(session)
    stored = {(s.account_id, s.name): s for s in repo.of_accounts({a.id for a in accounts if a})}
    refuse_deleted(
        problems, keys, {k for k, s in stored.items() if s.deleted}, "name", RecordKind.STAKEHOLDER
    )
    known = {k for k in keys if k is not None} | {k for k, s in stored.items() if not s.deleted}
    unknown, itself = Notice("expect_known_stakeholder"), Notice("expect_other_stakeholder")
    targets = linked_keys(problems, keys, "reports_to", known, unknown, itself)
    if "reports_to" in table.columns:
        links = {k: None if s.reports_to is None else (k[0], s.reports_to.name) for k, s in stored.items()}
        link_loops(problems, keys, targets, links, "reports_to")
    problems.raise_any()

    records: dict[Key, Stakeholder] = dict(stored)
    created = 0
    for key, entry, account in zip(keys, entries, accounts, strict=True):
        assert key is not None and entry is not None and account is not None
        if key in records:
            _apply(records[key], entry, set(table.columns))
        else:  # a new stakeholder gets every field: the file's values, or their defaults
            records[key] = Stakeholder(account=account, name=entry.name)
            _apply(records[key], entry, set(_STORED) | {"purchase_factors"})
            session.add(records[key])
            created += 1
    if "reports_to" in table.columns:
        for key, target in zip(keys, targets, strict=True):
            assert key is not None
            records[key].reports_to = None if target is None else records[target]
    changed = [session.is_modified(stored[key]) for key in dict.fromkeys(keys) if key in stored]
    repo.flush()
    return summary(table, created, changed)


def _fields(row: dict[str, Any]) -> dict[str, Any]:
    """A row of the file as the fields of `StakeholderCreate` (blank cells left to the defaults)."""
    fields: dict[str, Any] = {"account": row.get(ACCOUNT)}
    fields |= {name: row[name] for name in _PLAIN if row.get(name) is not None}
    for name, enum in _CHOICES.items():
        if row.get(name) is not None:
            fields[name] = read_choice(row[name], choice_labels(enum))
    if row.get("coach") is not None:
        fields["coach"] = read_yes_no(row["coach"])
    if row.get("purchase_factors") is not None:
        factors = choice_labels(PurchaseFactor)
        fields["purchase_factors"] = [read_choice(f, factors) for f in read_list(row["purchase_factors"])]
    return fields


def _apply(record: Stakeholder, entry: StakeholderCreate, columns: set[str]) -> None:
    """Store the row's values on `record`, for the columns the file has."""
    for name in _STORED:
        if name in columns:
            setattr(record, name, getattr(entry, name))
    if "purchase_factors" in columns:
        record.purchase_factors = list(entry.purchase_factors) or None
