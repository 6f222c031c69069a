"""Storing an analysis on the accounts (`kam accounts sync`): one run per as-of date, one row per account
and as-of date, the accounts the workspace lacks created unowned.

The analysis covers every customer, so only an admin (or the local operator) stores one: a manager or a
rep would write on accounts outside their reach. Syncing is idempotent: an analysis already stored as
given changes nothing (no new version, no audit row); one of the same date with other figures replaces
the stored one, field by field. A deleted account keeps its code but gets no analysis while deleted (the
summary names it). The whole sync is one transaction: `session_scope` commits it or rolls it back.

Services flush but never commit.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy.orm import Session

from kam.i18n import Notice
from kam.io.customers import CustomerType, Ownership
from kam.report.analysis_folder import AnalysedAccount, AnalysisFolder, AnalysisFolderError
from kam.workspace.access import actor_of
from kam.workspace.accounts.models import Account
from kam.workspace.accounts.repository import AccountRepository
from kam.workspace.analysis.models import AccountAnalysis, AnalysisRun
from kam.workspace.analysis.repository import (
    AccountAnalysisRepository,
    AnalysisRunRepository,
    latest_per_account,
)
from kam.workspace.analysis.schemas import SyncSummary
from kam.workspace.errors import AccessDenied

CODE_LENGTH, NAME_LENGTH, LABEL_LENGTH = 64, 200, 100  # the accounts table's limits
_CHUNK = 500
_RENAMED = {"clv_12m": "expected_value"}  # the analysis's column -> the stored field


def sync_analysis(session: Session, analysis: AnalysisFolder) -> SyncSummary:
    """Store `analysis` on the accounts; what was created, added, replaced and left as it was."""
    if not actor_of(session).is_admin:
        raise AccessDenied(Notice("sync_admins_only"))
    accounts = _accounts(session, analysis.accounts)
    created = [a.code for a in analysis.accounts if accounts[a.code].id is None]
    session.flush()
    run = _run(session, analysis)
    snapshots = AccountAnalysisRepository(session)
    stored = snapshots.on(analysis.as_of, write=True)
    before = latest_per_account(snapshots.segments(before=analysis.as_of))
    added = updated = unchanged = moved = 0
    deleted: list[str] = []
    for analysed in analysis.accounts:
        account = accounts[analysed.code]
        if account.deleted_at is not None:
            deleted.append(account.code)
            continue
        values = _values(analysed, run)
        previous = before.get(account.id)
        moved += previous is not None and previous[1] != analysed.segment
        existing = stored.get(account.id)
        if existing is None:
            session.add(AccountAnalysis(account_id=account.id, as_of=analysis.as_of, **values))
            added += 1
        elif _update(existing, values):
            updated += 1
        else:
            unchanged += 1
    session.flush()
    return SyncSummary(
        folder=str(analysis.folder),
        as_of=analysis.as_of,
        accounts=len(analysis.accounts),
        created_accounts=sorted(created),
        skipped_deleted=sorted(deleted),
        added=added,
        updated=updated,
        unchanged=unchanged,
        segment_changes=moved,
    )


def _accounts(session: Session, analysed: Iterable[AnalysedAccount]) -> dict[str, Account]:
    """code -> the account (live or deleted) of each analysed customer; those the workspace lacks are
    added, unowned, with the name, type, ownership and industry the analysis read (id None until
    flushed)."""
    repo = AccountRepository(session)
    rows = list(analysed)
    codes = [a.code for a in rows]
    found: dict[str, Account] = {}
    for i in range(0, len(codes), _CHUNK):
        query = repo.statement(write=True, deleted=None).where(Account.code.in_(codes[i : i + _CHUNK]))
        found.update((a.code, a) for a in session.scalars(query))
    for row in rows:
        if row.code in found:
            continue
        if len(row.code) > CODE_LENGTH or not row.code.strip():
            raise AnalysisFolderError(Notice("sync_bad_code", code=row.code[:80], limit=CODE_LENGTH))
        account = Account(
            code=row.code,
            name=(row.name or row.code)[:NAME_LENGTH],
            type=_choice(CustomerType, row.type),
            ownership=_choice(Ownership, row.ownership),
            industry=None if row.industry is None else row.industry[:LABEL_LENGTH],
        )
        session.add(account)
        found[row.code] = account
    return found


def _choice(enum: type[CustomerType] | type[Ownership], value: str | None) -> Any:
    try:
        return None if value is None else enum(value)
    except ValueError:
        return None


def _run(session: Session, analysis: AnalysisFolder) -> AnalysisRun:
    values = {
        "source": analysis.source[:500],
        "written_at": analysis.written_at[:40],
        "basis": analysis.basis,
        "customers": analysis.customers,
        "median_order": analysis.median_order,
        "currency": analysis.currency,
        "settings": analysis.settings,
    }
    repo = AnalysisRunRepository(session)
    run = repo.by_as_of(analysis.as_of, write=True)
    if run is None:
        return repo.add(AnalysisRun(as_of=analysis.as_of, **values))
    _update(run, values)
    repo.flush()
    return run


def _values(analysed: AnalysedAccount, run: AnalysisRun) -> dict[str, Any]:
    figures = {_RENAMED.get(name, name): value for name, value in analysed.metrics.items()}
    return {
        "run_id": run.id,
        "segment": analysed.segment,
        "at_risk": analysed.at_risk,
        "tier": analysed.tier,
        "reason_codes": analysed.reason_codes,
        "reason_values": analysed.reason_values,
        **figures,
    }


def _update(record: AnalysisRun | AccountAnalysis, values: dict[str, Any]) -> bool:
    """Set the fields whose values differ; whether any did."""
    changed = False
    for name, value in values.items():
        if getattr(record, name) != value:
            setattr(record, name, value)
            changed = True
    return changed
