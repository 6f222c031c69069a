"""What stored calls propose: /api/v1/accounts/{code}/proposals, and accepting or rejecting one."""

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from kam.api.dependencies import SessionDep
from kam.api.errors import RESPONSES
from kam.api.language import accepted_language
from kam.api.resources import RecordIdPath
from kam.workspace.accounts.routes import CodePath
from kam.workspace.proposals import service
from kam.workspace.proposals.schemas import ProposalFilters, ProposalPublic

router = APIRouter(tags=["proposals"], responses=RESPONSES)


@router.get(
    "/accounts/{code}/proposals", response_model=list[ProposalPublic], summary="What the calls proposed"
)
def list_proposals(
    session: SessionDep, request: Request, code: CodePath, query: Annotated[ProposalFilters, Query()]
) -> Any:
    lang = accepted_language(request.headers.get("accept-language"))
    return service.list_proposals(session, code, query, lang)


@router.post("/proposals/{key}/accept", response_model=ProposalPublic, summary="Accept a proposal")
def accept_proposal(session: SessionDep, request: Request, key: RecordIdPath) -> Any:
    """A need is created (as through POST /needs); a speaker is taken as the stakeholder matched."""
    lang = accepted_language(request.headers.get("accept-language"))
    return service.accept_proposal(session, key, lang=lang)


@router.post("/proposals/{key}/reject", response_model=ProposalPublic, summary="Reject a proposal")
def reject_proposal(session: SessionDep, request: Request, key: RecordIdPath) -> Any:
    lang = accepted_language(request.headers.get("accept-language"))
    return service.reject_proposal(session, key, lang)
