"""The referrals' endpoint: /api/v1/referrals, each referrer credited with the accounts it brought."""

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from kam.api.dependencies import SessionDep
from kam.api.errors import RESPONSES
from kam.api.language import accepted_language
from kam.api.resources import export_route
from kam.workspace.listing import PageRequest
from kam.workspace.referrals import service
from kam.workspace.referrals.schemas import ReferralCredits, ReferralFilters
from kam.workspace.vocabulary import ExportEntity

router = APIRouter(tags=["referrals"], responses=RESPONSES)


class ReferralQuery(ReferralFilters, PageRequest):
    """The filters and the page of a list of referral credits."""


@router.get("/referrals", response_model=ReferralCredits, summary="Referrers and the accounts they brought")
def referral_credits(session: SessionDep, request: Request, query: Annotated[ReferralQuery, Query()]) -> Any:
    lang = accepted_language(request.headers.get("accept-language"))
    return service.referral_credits(session, query, query, lang)


router.add_api_route(
    **{
        **export_route(ExportEntity.REFERRALS, ReferralFilters, "referral"),
        "path": "/referrals/export",
        "summary": "Export the referrals (one row per account brought) as CSV or Excel",
    }
)
