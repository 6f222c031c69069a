"""Importing needs from a file (`kam needs import`): one row per need, matched to the stored needs by
account and statement; `said_by` names a stakeholder of the same account (stored), `parent` the
statement of another need of the same account (in the file or stored), so a five-whys chain is written
one row per level. All or nothing, every problem by row and column (kam.workspace.importing).

Columns the file has overwrite the stored values (a blank `kind` hands the verdict back to the
classifier); columns it lacks leave stored values alone. Each need is classified as it is stored.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from kam.coach.settings import CoachSettings
from kam.domain.needs import NeedDepth, NeedKind, NeedStatus
from kam.i18n import Notice
from kam.io.mapping import SYNONYMS
from kam.io.records import CellKind, RecordColumns, RecordsTable, choice_labels, read_choice
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
from kam.workspace.needs.models import Need
from kam.workspace.needs.repository import NeedRepository
from kam.workspace.needs.schemas import NeedCreate
from kam.workspace.needs.service import classify, confirm_today
from kam.workspace.stakeholders.repository import StakeholderRepository
from kam.workspace.vocabulary import RecordKind

T = CellKind.TEXT
NEED_COLUMNS = RecordColumns(
    kinds={
        ACCOUNT: T,
        "statement": T,
        "said_by": T,
        "depth": T,
        "parent": T,
        "kind": T,
        "status": T,
        "confirmed_on": CellKind.DATE,
    },
    required=(ACCOUNT, "statement"),
    synonyms={
        ACCOUNT: SYNONYMS[ACCOUNT],
        "statement": (
            "need",
            "requirement",
            "description",
            "需求",
            "需求描述",
            "內容",
            "内容",
            "陳述",
            "陈述",
        ),
        "said_by": ("saidby", "stakeholder", "speaker", "提出人", "提出者", "說話人", "说话人"),
        "depth": ("level", "層次", "层次", "深度"),
        "parent": ("parentneed", "why", "上層需求", "上层需求", "父需求"),
        "kind": ("needorwant", "類別", "类别", "需求類型", "需求类型"),
        "status": ("狀態", "状态"),
        "confirmed_on": ("confirmed", "confirmedon", "確認日期", "确认日期"),
    },
)
_CHOICES = {"depth": NeedDepth, "kind": NeedKind, "status": NeedStatus}
_STORED = ("depth", "status", "confirmed_on")


def import_needs(
    session: Session, table: RecordsTable, settings: CoachSettings | None = None
) -> RecordsImported:
    """Create or update the needs of `table`, all or nothing (see the module's docstring)."""
    columns = set(table.columns)
    problems = Problems(table, fields={"account": ACCOUNT})
    accounts = row_accounts(session, problems)
    entries = [validated(problems, i, NeedCreate, _fields(row)) for i, row in enumerate(table.rows)]
    keys = row_keys(problems, accounts, "statement")
    once_per_file(problems, keys, "statement")
    account_ids = {a.id for a in accounts if a is not None}
    repo = NeedRepository(session)
    stored = {(n.account_id, n.statement): n for n in repo.of_accounts(account_ids)}
    refuse_deleted(problems, keys, {k for k, n in stored.items() if n.deleted}, "statement", RecordKind.NEED)
    people = {
        (s.account_id, s.name): s
        for s in StakeholderRepository(session).of_accounts(account_ids)
        if not s.deleted
    }
    speakers = linked_keys(problems, keys, "said_by", set(people), Notice("expect_stored_stakeholder"))
    known = {k for k in keys if k is not None} | {k for k, n in stored.items() if not n.deleted}
    unknown, itself = Notice("expect_known_need"), Notice("expect_other_need")
    parents = linked_keys(problems, keys, "parent", known, unknown, itself)
    if "parent" in columns:
        links = {k: None if n.parent is None else (k[0], n.parent.statement) for k, n in stored.items()}
        link_loops(problems, keys, parents, links, "parent")
    problems.raise_any()

    records: dict[Key, Need] = dict(stored)
    created = 0
    for key, entry, account in zip(keys, entries, accounts, strict=True):
        assert key is not None and entry is not None and account is not None
        need = records.get(key)
        if need is None:
            need = records[key] = Need(account=account, statement=entry.statement, kind_overridden=False)
            _apply(need, entry, set(_STORED) | {"kind"}, settings)
            session.add(need)
            created += 1
        else:
            _apply(need, entry, columns, settings)
        if "confirmed_on" not in columns:
            confirm_today(need)
    for key, speaker, parent in zip(keys, speakers, parents, strict=True):
        assert key is not None
        if "said_by" in columns:
            records[key].said_by = None if speaker is None else people[speaker]
        if "parent" in columns:
            records[key].parent = None if parent is None else records[parent]
    changed = [session.is_modified(stored[key]) for key in dict.fromkeys(keys) if key in stored]
    repo.flush()
    return summary(table, created, changed)


def _fields(row: dict[str, Any]) -> dict[str, Any]:
    """A row of the file as the fields of `NeedCreate` (links are names, resolved on their own)."""
    fields: dict[str, Any] = {"account": row.get(ACCOUNT), "statement": row.get("statement")}
    if row.get("confirmed_on") is not None:
        fields["confirmed_on"] = row["confirmed_on"]
    for name, enum in _CHOICES.items():
        if row.get(name) is not None:
            fields[name] = read_choice(row[name], choice_labels(enum))
    return fields


def _apply(need: Need, entry: NeedCreate, columns: set[str], settings: CoachSettings | None) -> None:
    """Store the row's values on `need`, for the columns the file has, and classify it."""
    for name in _STORED:
        if name in columns:
            setattr(need, name, getattr(entry, name))
    if "kind" in columns:
        need.kind_overridden = entry.kind is not None
        need.kind = entry.kind or NeedKind.UNDECIDED
    classify(need, settings)
