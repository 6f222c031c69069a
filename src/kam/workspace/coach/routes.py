"""The coach's endpoints: /api/v1/accounts/{code}/coach for one account, /api/v1/coach for the
portfolio sorted by coverage score."""

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from kam.api.dependencies import SessionDep
from kam.api.errors import RESPONSES
from kam.api.language import accepted_language
from kam.workspace.accounts.routes import CodePath
from kam.workspace.coach import service
from kam.workspace.coach.schemas import AccountCoach, CoachPortfolio, PortfolioQuery

router = APIRouter(tags=["coach"], responses=RESPONSES)


@router.get("/accounts/{code}/coach", response_model=AccountCoach, summary="The coach on an account")
def account_coach(session: SessionDep, request: Request, code: CodePath) -> Any:
    """Decision-chain coverage (findings and the 0-100 score with its parts and its change), talking
    points per stakeholder, shallow why-chains and quotes too early, in the Accept-Language."""
    lang = accepted_language(request.headers.get("accept-language"))
    return service.account_coach(session, code, lang=lang)


@router.get("/coach", response_model=CoachPortfolio, summary="Coverage scores of the portfolio")
def coach_portfolio(session: SessionDep, query: Annotated[PortfolioQuery, Query()]) -> Any:
    """Every account the user may see with its coverage score and its change, sorted."""
    return service.coach_portfolio(session, query.sort)
