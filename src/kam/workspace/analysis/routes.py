"""The analysis's endpoints: /api/v1/segment-changes and /api/v1/accounts/{code}/analysis."""

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from kam.api.dependencies import SessionDep
from kam.api.errors import RESPONSES
from kam.api.language import accepted_language
from kam.workspace.accounts.routes import CodePath
from kam.workspace.analysis import queries
from kam.workspace.analysis.schemas import AccountAnalysisHistory, SegmentChange, SegmentChangeFilters
from kam.workspace.listing import Page, PageRequest

router = APIRouter(tags=["analysis"], responses=RESPONSES)


class SegmentChangeQuery(SegmentChangeFilters, PageRequest):
    """The filters and the page of a list of segment changes."""


@router.get(
    "/segment-changes",
    response_model=Page[SegmentChange],
    summary="Accounts whose segment changed since a day (from and to a segment)",
)
def segment_changes(session: SessionDep, query: Annotated[SegmentChangeQuery, Query()]) -> Any:
    return queries.segment_changes(session, query, query)


@router.get(
    "/accounts/{code}/analysis",
    response_model=AccountAnalysisHistory,
    summary="An account's latest analysis, its reasons in the reader's language, and its history",
)
def account_analysis(session: SessionDep, request: Request, code: CodePath) -> Any:
    lang = accepted_language(request.headers.get("accept-language"))
    return queries.account_analysis(session, code, lang)
