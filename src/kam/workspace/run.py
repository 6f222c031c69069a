"""The functions behind the workspace commands: open the workspace, run one service in one transaction."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from kam.calls.batch import CallsRun
from kam.calls.models import Stage
from kam.calls.settings import CallSettings
from kam.calls.trend import CallTrend, StoredCall, call_trend
from kam.domain.dates import EARLIEST_DATE
from kam.domain.interactions import InteractionKind
from kam.hints import Hint, HintKey
from kam.i18n import Notice
from kam.workspace.access import LOCAL_OPERATOR
from kam.workspace.accounts.importing import import_accounts
from kam.workspace.accounts.schemas import (
    AccountChanges,
    AccountCreate,
    AccountFilters,
    AccountPublic,
    ImportSummary,
    OwnerCount,
)
from kam.workspace.accounts.service import (
    account_history,
    account_owners,
    all_accounts,
    create_account,
    delete_account,
    get_account,
    restore_account,
    update_account,
)
from kam.workspace.audit.schemas import HistoryEntry
from kam.workspace.db import display_url, session_scope
from kam.workspace.errors import WorkspaceError, parse_input
from kam.workspace.interactions.schemas import InteractionCreate, InteractionPublic
from kam.workspace.interactions.service import list_interactions, record_call_analysis
from kam.workspace.migrate import UpgradeResult, open_workspace, upgrade
from kam.workspace.users.service import act_as_login


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
    proposed: int = 0  # candidate needs and speaker matches the calls proposed to the account


@contextlib.contextmanager
def workspace_session(url: str, as_login: str | None = None) -> Iterator[Session]:
    """One transaction on the workspace at `url`, for user `as_login` (their scope, their name in the
    audit), or for the local operator: whoever runs kam on the database itself, with an admin's rights."""
    with open_workspace(url) as engine, session_scope(engine, LOCAL_OPERATOR) as session:
        if as_login is not None:
            act_as_login(session, as_login)
        yield session


def run_workspace_init(url: str) -> UpgradeResult:
    return upgrade(url)


def run_accounts_add(url: str, data: AccountCreate, as_login: str | None = None) -> AccountPublic:
    with workspace_session(url, as_login) as session:
        return create_account(session, data)


def run_accounts_import(
    url: str, path: Path, mapping: Mapping[str, str] | None = None, as_login: str | None = None
) -> ImportSummary:
    """Read the customers file (with the workspace's extra columns) and import it, all or nothing."""
    from kam.io.customers import read_customers  # polars: only when a file is imported
    from kam.io.mapping import ACCOUNT_COLUMNS

    with workspace_session(url, as_login) as session:
        table = read_customers(path, mapping=mapping, columns=ACCOUNT_COLUMNS)
        return import_accounts(session, table)


def run_accounts_list(
    url: str, as_login: str | None = None, filters: AccountFilters | None = None
) -> list[AccountPublic]:
    with workspace_session(url, as_login) as session:
        return all_accounts(session, filters)


def run_accounts_show(url: str, code: str, as_login: str | None = None) -> AccountDetail:
    with workspace_session(url, as_login) as session:
        return AccountDetail(get_account(session, code), list_interactions(session, code))


def run_accounts_update(
    url: str, code: str, data: AccountChanges, as_login: str | None = None
) -> AccountPublic:
    with workspace_session(url, as_login) as session:
        return update_account(session, code, data)


def run_accounts_delete(url: str, code: str, as_login: str | None = None) -> AccountPublic:
    with workspace_session(url, as_login) as session:
        return delete_account(session, code)


def run_accounts_restore(url: str, code: str, as_login: str | None = None) -> AccountPublic:
    with workspace_session(url, as_login) as session:
        return restore_account(session, code)


def run_accounts_history(url: str, code: str, as_login: str | None = None) -> list[HistoryEntry]:
    with workspace_session(url, as_login) as session:
        return account_history(session, code).items


def run_accounts_owners(url: str, as_login: str | None = None) -> list[OwnerCount]:
    with workspace_session(url, as_login) as session:
        return account_owners(session)


def run_interactions_list(
    url: str, account: str | None = None, as_login: str | None = None
) -> list[InteractionPublic]:
    with workspace_session(url, as_login) as session:
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
    sales: Sequence[str] = (),
    as_login: str | None = None,
) -> StoredCalls:
    """Record every analysed call as an interaction of `account`, in one transaction: all or nothing,
    with the `sales` speakers as our people present (kam.workspace.interactions.service).

    A call happened `at`, or else when its transcript's header says (`run.recorded`); never when its
    file was last modified. A call that says no time, or an implausible one, stops them all.
    """
    if run.errors:
        raise WorkspaceError(Notice("ws_not_stored", count=len(run.errors)))
    with workspace_session(url, as_login) as session:
        stored = store_calls(
            session, account, run, kind=kind, stage=stage, at=at, settings=settings, sales=sales
        )
    return StoredCalls(display_url(url), account, stored.created, stored.updated, stored.proposed)


@dataclass(frozen=True)
class CallsStored:
    """What storing analysed calls did: how many were new or updated, what they proposed, and the
    interaction each call was stored on (in the order of the run's results)."""

    created: int
    updated: int
    proposed: int
    interactions: tuple[int, ...]


def store_calls(
    session: Session,
    account: str,
    run: CallsRun,
    *,
    kind: InteractionKind = InteractionKind.CALL,
    stage: Stage | None = None,
    at: dt.datetime | None = None,
    settings: CallSettings,
    sales: Sequence[str] = (),
) -> CallsStored:
    """Record every analysed call of `run` as an interaction of `account` in `session` (the caller's
    transaction), with what each proposes to the account. A call happened `at`, or else when its
    transcript's header says; never when its file was last modified."""
    from kam.workspace.interactions.repository import InteractionRepository
    from kam.workspace.proposals.service import propose_from_call

    recorded = run.recorded or (None,) * len(run.results)
    times = [
        at or call_time(analysis.file, said) for analysis, said in zip(run.results, recorded, strict=True)
    ]
    created = updated = proposed = 0
    ids: list[int] = []
    transcripts = run.transcripts or (None,) * len(run.results)
    for analysis, sha256, when, transcript in zip(run.results, run.sha256, times, transcripts, strict=True):
        path = Path(analysis.file)
        fields = {
            "kind": kind,
            "occurred_at": when,
            "title": path.name[:200],
            "stage": stage,
            "source_file": path.name[:255],
            "transcript_sha256": sha256,
        }
        data = parse_input(InteractionCreate, fields)
        recorded_call = record_call_analysis(session, account, data, analysis, settings, sales)
        created += recorded_call.created
        updated += not recorded_call.created
        ids.append(recorded_call.interaction.id)
        interaction = InteractionRepository(session).get(recorded_call.interaction.id, write=True)
        if transcript is not None and interaction is not None:
            proposed += propose_from_call(session, interaction, analysis, transcript, settings)
    return CallsStored(created, updated, proposed, tuple(ids))


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
    as_login: str | None = None,
) -> tuple[CallsRun, StoredCalls | None]:
    """`kam calls analyze --store`: check the account first, analyse every file, and store the calls
    only if every file could be analysed (None otherwise). The use case reads the files; the calls
    core takes their bytes."""
    from kam.usecases.calls import run_calls_analyze

    with workspace_session(url, as_login) as session:
        get_account(session, account)
    run = run_calls_analyze(
        files, sales=sales, products=products, catalog=catalog, stage=stage, settings=settings
    )
    if run.errors:
        return run, None
    return run, run_store_calls(
        url, account, run, kind=kind, stage=stage, at=at, settings=settings, sales=sales, as_login=as_login
    )


def call_time(file: str, said: dt.datetime | None) -> dt.datetime:
    """When the call in `file` took place, as its transcript `said` (a time without a zone is local
    time, as a time given without one); refused when it says none or an implausible one."""
    if said is None:
        raise WorkspaceError(
            Notice("ws_call_time_unknown", file=file), hint=Hint(HintKey.OPTION, option="at")
        )
    moment = said if said.tzinfo is not None else said.astimezone()
    today = dt.date.today()
    if not EARLIEST_DATE <= moment.date() <= today + dt.timedelta(days=1):
        raise WorkspaceError(
            Notice(
                "ws_call_time_implausible",
                file=file,
                value=said.isoformat(),
                earliest=EARLIEST_DATE,
                today=today,
            ),
            hint=Hint(HintKey.OPTION, option="at"),
        )
    return moment


def run_calls_trend(url: str, sales: str, settings: CallSettings) -> CallTrend:
    """`kam calls trend`: the stored call analyses, read through the interactions service (nothing is
    written) as the local operator (every account), and the trend of the calls `sales` took part in."""
    with workspace_session(url) as session:
        found = list_interactions(session)
    stored = [
        StoredCall(i.occurred_at, i.analysis.result, i.account_code, i.title)
        for i in found
        if i.analysis is not None
    ]
    return call_trend(stored, sales, settings)
