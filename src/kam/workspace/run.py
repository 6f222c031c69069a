"""The functions behind the workspace commands: open the workspace, run one service in one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from kam.calls.models import Stage
from kam.calls.run import CallsRun, run_calls_analyze
from kam.calls.settings import CallSettings
from kam.calls.trend import CallTrend, StoredCall, call_trend
from kam.i18n import Notice
from kam.workspace.accounts.schemas import AccountCreate, AccountPublic, ImportSummary
from kam.workspace.accounts.service import create_account, get_account, import_accounts, list_accounts
from kam.workspace.db import display_url, session_scope
from kam.workspace.errors import WorkspaceError, parse_input
from kam.workspace.interactions.schemas import InteractionCreate, InteractionPublic
from kam.workspace.interactions.service import list_interactions, record_call_analysis
from kam.workspace.migrate import UpgradeResult, open_workspace, upgrade
from kam.workspace.vocabulary import InteractionKind


@dataclass(frozen=True)
class AccountDetail:
    """An account and its interactions, newest first."""

    account: AccountPublic
    interactions: list[InteractionPublic]


@dataclass(frozen=True)
class StoredCalls:
    """Where call analyses were stored, on which account, and how many were new or updated."""

    where: str
    account: str
    created: int
    updated: int


def run_workspace_init(url: str) -> UpgradeResult:
    return upgrade(url)


def run_accounts_add(url: str, data: AccountCreate) -> AccountPublic:
    with open_workspace(url) as engine, session_scope(engine) as session:
        return create_account(session, data)


def run_accounts_import(url: str, path: Path, mapping: Mapping[str, str] | None = None) -> ImportSummary:
    with open_workspace(url) as engine, session_scope(engine) as session:
        return import_accounts(session, path, mapping=mapping)


def run_accounts_list(url: str) -> list[AccountPublic]:
    with open_workspace(url) as engine, session_scope(engine) as session:
        return list_accounts(session)


def run_accounts_show(url: str, code: str) -> AccountDetail:
    with open_workspace(url) as engine, session_scope(engine) as session:
        return AccountDetail(get_account(session, code), list_interactions(session, code))


def run_interactions_list(url: str, account: str | None = None) -> list[InteractionPublic]:
    with open_workspace(url) as engine, session_scope(engine) as session:
        return list_interactions(session, account)


def run_store_calls(
    url: str,
    account: str,
    run: CallsRun,
    *,
    kind: InteractionKind = InteractionKind.CALL,
    stage: Stage | None = None,
    at: dt.datetime | None = None,
    settings: CallSettings,
) -> StoredCalls:
    """Record every analysed call as an interaction of `account`, in one transaction: all or nothing.

    A call happened `at`, or else when its file was last modified.
    """
    if run.errors:
        raise WorkspaceError(Notice("ws_not_stored", count=len(run.errors)))
    created = updated = 0
    with open_workspace(url) as engine, session_scope(engine) as session:
        for analysis, sha256 in zip(run.results, run.sha256, strict=True):
            path = Path(analysis.file)
            fields = {
                "kind": kind,
                "occurred_at": at or _modified_at(path),
                "title": path.name[:200],
                "stage": stage,
                "source_file": path.name[:255],
                "transcript_sha256": sha256,
            }
            data = parse_input(InteractionCreate, fields)
            recorded = record_call_analysis(session, account, data, analysis, settings)
            created += recorded.created
            updated += not recorded.created
    return StoredCalls(display_url(url), account, created, updated)


def run_calls_analyze_and_store(
    url: str,
    account: str,
    files: Sequence[Path],
    *,
    sales: Sequence[str] = (),
    products: Sequence[str] = (),
    catalog: Path | None = None,
    stage: Stage = Stage.DISCOVERY,
    kind: InteractionKind = InteractionKind.CALL,
    at: dt.datetime | None = None,
    settings: CallSettings,
) -> tuple[CallsRun, StoredCalls | None]:
    """`kam calls analyze --store`: check the account first, analyse every file, and store the calls
    only if every file could be analysed (None otherwise)."""
    with open_workspace(url) as engine, session_scope(engine) as session:
        get_account(session, account)
    run = run_calls_analyze(
        files, sales=sales, products=products, catalog=catalog, stage=stage, settings=settings
    )
    if run.errors:
        return run, None
    return run, run_store_calls(url, account, run, kind=kind, stage=stage, at=at, settings=settings)


def _modified_at(path: Path) -> dt.datetime:
    try:
        return dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC)
    except OSError as exc:
        raise WorkspaceError(Notice("ws_no_modified_time", file=path, reason=exc.strerror)) from None


def run_calls_trend(url: str, sales: str, settings: CallSettings) -> CallTrend:
    """`kam calls trend`: the stored call analyses, read through the interactions service (nothing is
    written), and the trend of the calls `sales` took part in."""
    with open_workspace(url) as engine, session_scope(engine) as session:
        found = list_interactions(session)
    stored = [
        StoredCall(i.occurred_at, i.analysis.result, i.account_code, i.title)
        for i in found
        if i.analysis is not None
    ]
    return call_trend(stored, sales, settings)
