"""The portfolio page: the accounts the reader may see, filtered and sorted, each one a link to its page.

Its data comes from one function (`portfolio`), on the workspace's services; the analysis of the
portfolio (segments, reasons, the Pareto and whale curves, the moves since the previous analysis) is to
plug in at `stored_analysis`, and the page shows it once that function returns one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from pydantic import ValidationError
from sqlalchemy.orm import Session

from kam.domain.customers import CustomerType, Ownership
from kam.web.auth import Reader, reader
from kam.web.templating import render
from kam.web.work import unit_of_work
from kam.workspace.accounts.schemas import AccountFilters, AccountPublic, OwnerCount
from kam.workspace.accounts.service import account_owners, list_accounts
from kam.workspace.listing import Page, PageRequest
from kam.workspace.users.service import list_teams

router = APIRouter(include_in_schema=False)

SORTS = ("code", "name", "type", "ownership", "industry", "since")
PER_PAGE = 100


@dataclass(frozen=True)
class Portfolio:
    """What the portfolio page shows: one page of accounts, the filters as given (and any that could not
    be used), the choices of the owner and team filters, and the stored analysis (None until there is)."""

    accounts: Page[AccountPublic]
    filters: dict[str, str]
    sort: str
    owners: list[OwnerCount]
    teams: list[str]
    analysis: Any | None
    bad_filters: list[str]

    def sort_link(self, field: str) -> str:
        """The page sorted by `field`, or by it descending when it is already sorted by it."""
        sort = f"-{field}" if self.sort == field else field
        return "/portfolio?" + urlencode({**{k: v for k, v in self.filters.items() if v}, "sort": sort})


def stored_analysis(session: Session, accounts: list[AccountPublic]) -> Any | None:
    """The latest stored analysis of these accounts (segment, reasons, the curves, the moves): where the
    analysis stored in the workspace plugs into the page. The workspace stores none yet: None, and the
    page says so rather than showing made-up segments."""
    return None


def portfolio(session: Session, given: dict[str, str], sort: str, page: int) -> Portfolio:
    """The portfolio as `given` filters it (type, ownership, industry, owner, team, q), sorted by `sort`
    (a field, or -field for descending)."""
    filters, bad = _filters(given)
    field = sort.removeprefix("-")
    sort = sort if field in SORTS else "code"
    accounts = list_accounts(session, filters, PageRequest(page=page, per_page=PER_PAGE, sort=sort))
    return Portfolio(
        accounts=accounts,
        filters=given,
        sort=sort,
        owners=account_owners(session),
        teams=[team.name for team in list_teams(session).items],
        analysis=stored_analysis(session, accounts.items),
        bad_filters=bad,
    )


def _filters(given: dict[str, str]) -> tuple[AccountFilters, list[str]]:
    """The filters that are valid; the names of those that are not (the page marks them)."""
    kept = {name: value for name, value in given.items() if value}
    bad: list[str] = []
    while True:
        try:
            return AccountFilters.model_validate(kept), bad
        except ValidationError as exc:
            names = {str(error["loc"][0]) for error in exc.errors() if error.get("loc")}
            if not names & kept.keys():
                return AccountFilters(), sorted(kept)
            bad += sorted(names & kept.keys())
            kept = {name: value for name, value in kept.items() if name not in names}


@router.get("/portfolio")
def portfolio_page(
    request: Request,
    who: Annotated[Reader, Depends(reader)],
    type: str = "",
    ownership: str = "",
    industry: str = "",
    owner: str = "",
    team: str = "",
    q: str = "",
    sort: str = "code",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    given = {"type": type, "ownership": ownership, "industry": industry, "owner": owner, "team": team, "q": q}
    with unit_of_work(request, who.actor) as session:
        shown = portfolio(session, given, sort, page)
    return render(
        request,
        "portfolio.html",
        who.viewer,
        portfolio=shown,
        types=list(CustomerType),
        ownerships=list(Ownership),
        sorts=SORTS,
    )
