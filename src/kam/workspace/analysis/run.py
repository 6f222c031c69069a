"""The functions behind `kam accounts sync|changes|analysis`: each in one transaction."""

from __future__ import annotations

from pathlib import Path

from kam.i18n import Lang
from kam.report.analysis_folder import read_analysis_folder
from kam.workspace.analysis.queries import account_analysis, segment_changes
from kam.workspace.analysis.schemas import (
    AccountAnalysisHistory,
    SegmentChange,
    SegmentChangeFilters,
    SyncSummary,
)
from kam.workspace.analysis.service import sync_analysis
from kam.workspace.listing import MAX_PER_PAGE, PageRequest
from kam.workspace.run import workspace_session


def run_accounts_sync(url: str, folder: Path, as_login: str | None = None) -> SyncSummary:
    """Store the analysis `kam analyze` wrote into `folder` on the accounts, all or nothing. The folder
    is read and checked before the workspace is opened."""
    analysis = read_analysis_folder(folder)
    with workspace_session(url, as_login) as session:
        return sync_analysis(session, analysis)


def run_segment_changes(
    url: str, filters: SegmentChangeFilters, as_login: str | None = None
) -> list[SegmentChange]:
    """Every account the user may see whose segment changed since `filters.since` (page after page)."""
    found: list[SegmentChange] = []
    with workspace_session(url, as_login) as session:
        page = 1
        while True:
            listed = segment_changes(session, filters, PageRequest(page=page, per_page=MAX_PER_PAGE))
            found += listed.items
            if not listed.has_more:
                return found
            page += 1


def run_account_analysis(
    url: str, code: str, as_login: str | None = None, lang: Lang | str = Lang.EN
) -> AccountAnalysisHistory:
    with workspace_session(url, as_login) as session:
        return account_analysis(session, code, lang)
