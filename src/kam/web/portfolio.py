"""The portfolio page: the accounts the reader may see, filtered and sorted, each one a link to its page.

Its data comes from one function (`portfolio`), on the workspace's services; the latest stored analysis
of the accounts the reader may see (segments, reasons, the Pareto and whale curves, the moves since the
previous analysis: kam.workspace.analysis.portfolio) comes in at `stored_analysis`, and while none is
stored the page says so."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from pydantic import ValidationError
from sqlalchemy.orm import Session

from kam.domain.customers import CustomerType, Ownership
from kam.domain.languages import Lang
from kam.domain.segments import FAKE_SEGMENTS, Segment
from kam.i18n import text
from kam.render.report_data import SEGMENT_COLORS
from kam.web.auth import Reader, reader
from kam.web.templating import render
from kam.web.work import unit_of_work
from kam.workspace.accounts.schemas import AccountFilters, AccountPublic, OwnerCount
from kam.workspace.accounts.service import account_owners, list_accounts
from kam.workspace.analysis.portfolio import PortfolioAnalysis, portfolio_analysis
from kam.workspace.listing import Page, PageRequest
from kam.workspace.users.service import list_teams

router = APIRouter(include_in_schema=False)

SORTS = ("code", "name", "type", "ownership", "industry", "since")
PER_PAGE = 100
LISTED = 25  # the entries of each list of the analysis the page shows (the table filters to the rest)


@dataclass(frozen=True)
class Portfolio:
    """What the portfolio page shows: one page of accounts, the filters as given (and any that could not
    be used), the choices of the owner and team filters, and the stored analysis (None until there is)."""

    accounts: Page[AccountPublic]
    filters: dict[str, str]
    sort: str
    owners: list[OwnerCount]
    teams: list[str]
    analysis: PortfolioAnalysis | None
    bad_filters: list[str]

    def sort_link(self, field: str) -> str:
        """The page sorted by `field`, or by it descending when it is already sorted by it."""
        sort = f"-{field}" if self.sort == field else field
        return "/portfolio?" + urlencode({**{k: v for k, v in self.filters.items() if v}, "sort": sort})

    def segment_link(self, segment: str) -> str:
        """The accounts of `segment`, the other filters kept."""
        given = {k: v for k, v in self.filters.items() if v and k != "segment"}
        return "/portfolio?" + urlencode({**given, "segment": segment, "sort": self.sort})

    def page_link(self, page: int) -> str:
        """This page of the accounts, as filtered and sorted."""
        given = {k: v for k, v in self.filters.items() if v}
        return "/portfolio?" + urlencode({**given, "sort": self.sort, "page": page})

    @property
    def pages(self) -> int:
        return max(1, -(-(self.accounts.total or 0) // self.accounts.per_page))  # asked with total=True

    def charts(self) -> dict[str, Any]:
        """The charts' data: the curves, the scatter by segment, the segments' names and colours."""
        if self.analysis is None:
            return {}
        a = self.analysis
        return {"pareto": a.pareto, "whale": a.whale, "scatter": a.scatter, "colours": SEGMENT_COLORS}


def stored_analysis(
    session: Session, accounts: list[AccountPublic], lang: Lang | str = Lang.EN
) -> PortfolioAnalysis | None:
    """The latest stored analysis of the accounts the reader may see, with the segments of `accounts`
    (the page's rows); None while none is stored, and the page says so rather than making one up."""
    return portfolio_analysis(session, lang, LISTED, [a.code for a in accounts])


def portfolio(
    session: Session, given: dict[str, str], sort: str, page: int, lang: Lang | str = Lang.EN
) -> Portfolio:
    """The portfolio as `given` filters it (type, ownership, industry, owner, team, segment, q), sorted by
    `sort` (a field, or -field for descending), in `lang`."""
    filters, bad = _filters(given)
    field = sort.removeprefix("-")
    sort = sort if field in SORTS else "code"
    accounts = list_accounts(
        session, filters, PageRequest(page=page, per_page=PER_PAGE, sort=sort, total=True)
    )
    return Portfolio(
        accounts=accounts,
        filters=given,
        sort=sort,
        owners=account_owners(session),
        teams=[team.name for team in list_teams(session).items],
        analysis=stored_analysis(session, accounts.items, lang),
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
    segment: str = "",
    q: str = "",
    sort: str = "code",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    given = {
        "type": type,
        "ownership": ownership,
        "industry": industry,
        "owner": owner,
        "team": team,
        "segment": segment,
        "q": q,
    }
    with unit_of_work(request, who.actor) as session:
        shown = portfolio(session, given, sort, page, who.viewer.lang)
    return render(
        request,
        "portfolio.html",
        who.viewer,
        portfolio=shown,
        types=list(CustomerType),
        ownerships=list(Ownership),
        segments=list(Segment),
        segment_names={s.value: text(f"segment.{s.value}", who.viewer.lang) for s in Segment},
        fake_segments=FAKE_SEGMENTS,
        colours=SEGMENT_COLORS,
        sorts=SORTS,
    )
