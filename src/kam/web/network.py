"""The referral network page: who brought whom (a graph), and the value each referrer brought in (the
revenue and net profit of the accounts it brought, from the latest stored analysis). Read through the
workspace's referral credits, so only the accounts the reader may see appear, in the graph and the sums."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from kam.domain.languages import Lang
from kam.i18n import text
from kam.web.auth import Reader, reader
from kam.web.templating import render
from kam.web.work import unit_of_work
from kam.workspace.listing import MAX_PER_PAGE, PageRequest
from kam.workspace.referrals.schemas import ReferralCredits
from kam.workspace.referrals.service import referral_credits

router = APIRouter(include_in_schema=False)
REFERRER, BROUGHT = "#1a7f37", "#1f6feb"


@dataclass(frozen=True)
class ReferralNetwork:
    """The referrers (most accounts brought first) and the graph's data: nodes and referrer -> brought
    links; a referrer is drawn larger the more revenue it brought."""

    credits: ReferralCredits
    graph: dict[str, Any]


def referral_network(session: Session, lang: Lang) -> ReferralNetwork:
    credits = referral_credits(session, request=PageRequest(per_page=MAX_PER_PAGE), lang=lang)
    most = max((c.revenue or 0.0 for c in credits.items), default=0.0) or 1.0
    nodes: dict[str, dict[str, Any]] = {}
    links = []
    for credit in credits.items:
        tip = text("web.network.tip", lang, name=credit.name, accounts=credit.accounts)
        nodes[credit.referrer] = {
            "id": credit.referrer,
            "name": credit.name,
            "tip": tip,
            "symbolSize": 14 + 26 * max(credit.revenue or 0.0, 0.0) / most,
            "itemStyle": {"color": REFERRER},
        }
        for brought in credit.referred:
            nodes.setdefault(
                brought.code,
                {
                    "id": brought.code,
                    "name": brought.name,
                    "tip": brought.name,
                    "symbolSize": 10,
                    "itemStyle": {"color": BROUGHT},
                },
            )
            links.append({"source": credit.referrer, "target": brought.code})
    return ReferralNetwork(credits, {"nodes": list(nodes.values()), "links": links})


@router.get("/referrals")
def network_page(request: Request, who: Annotated[Reader, Depends(reader)]) -> Response:
    with unit_of_work(request, who.actor) as session:
        network = referral_network(session, who.viewer.lang)
    return render(request, "network.html", who.viewer, network=network)
