"""The account page: its profile, contract volume by year, referrals made and received, the decision
chain as an org chart (with its stakeholders editable in place, kam.web.stakeholder_forms), the needs
iceberg, deals, next steps, interactions and the record's history; all from one function (`account_view`)
on the workspace's services, so an account out of the reader's reach is the same 404 as a missing one."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from kam.domain.languages import Lang
from kam.web.account_insight import account_insight
from kam.web.auth import Reader, reader
from kam.web.chain import chain_chart
from kam.web.templating import render
from kam.web.work import unit_of_work
from kam.workspace.accounts.schemas import AccountPublic
from kam.workspace.accounts.service import account_history, get_account
from kam.workspace.audit.schemas import HistoryEntry
from kam.workspace.contracts.schemas import ContractFilters, ContractPublic
from kam.workspace.contracts.service import list_contracts
from kam.workspace.deals.schemas import DealFilters, DealPublic
from kam.workspace.deals.service import list_deals
from kam.workspace.interactions.schemas import InteractionPublic
from kam.workspace.interactions.service import list_interactions
from kam.workspace.listing import MAX_PER_PAGE, PageRequest
from kam.workspace.needs.schemas import NeedFilters, NeedPublic
from kam.workspace.needs.service import list_needs
from kam.workspace.next_steps.schemas import NextStepFilters, NextStepPublic
from kam.workspace.next_steps.service import list_next_steps
from kam.workspace.referrals.schemas import ReferralFilters, ReferredAccount
from kam.workspace.referrals.service import referral_credits
from kam.workspace.stakeholders.schemas import StakeholderFilters, StakeholderPublic
from kam.workspace.stakeholders.service import list_stakeholders

router = APIRouter(include_in_schema=False)
ALL = PageRequest(per_page=MAX_PER_PAGE)
HISTORY = 100  # the latest changes the page lists
CodePath = Annotated[str, Path(min_length=1, max_length=64)]


@dataclass(frozen=True)
class NeedBranch:
    """A need and the needs found by asking why about it (its five-whys chain, one level down)."""

    need: NeedPublic
    below: list[NeedBranch]


@dataclass(frozen=True)
class AccountView:
    account: AccountPublic
    contracts: list[ContractPublic]
    volume_chart: dict[str, Any]
    referred: list[ReferredAccount]
    stakeholders: list[StakeholderPublic]
    chain: dict[str, Any]
    iceberg: list[NeedBranch]
    deals: list[DealPublic]
    next_steps: list[NextStepPublic]
    interactions: list[InteractionPublic]
    history: list[HistoryEntry]


def account_view(session: Session, code: str, lang: Lang) -> AccountView:
    """Everything the account page shows, as the reader may see it (AccountNotFound: 404 otherwise)."""
    account = get_account(session, code)
    contracts = list_contracts(session, ContractFilters(account=code), ALL).items
    credits = referral_credits(session, ReferralFilters(referrer=code), lang=lang).items
    stakeholders = list_stakeholders(session, StakeholderFilters(account=code), ALL).items
    needs = list_needs(session, NeedFilters(account=code), ALL).items
    history = account_history(session, code, PageRequest(per_page=HISTORY)).items
    return AccountView(
        account=account,
        contracts=contracts,
        volume_chart=volume_by_year(contracts),
        referred=credits[0].referred if credits else [],
        stakeholders=stakeholders,
        chain=chain_chart(account.name, stakeholders, lang),
        iceberg=iceberg(needs),
        deals=list_deals(session, DealFilters(account=code), ALL).items,
        next_steps=list_next_steps(session, NextStepFilters(account=code), ALL).items,
        interactions=list_interactions(session, code),
        history=sorted(history, key=lambda entry: entry.at, reverse=True),
    )


def volume_by_year(contracts: list[ContractPublic]) -> dict[str, Any]:
    """The chart's data: the years, and for each unit the contracted volume of each year (None: none)."""
    totals: dict[str, dict[int, float]] = defaultdict(lambda: defaultdict(float))
    for contract in contracts:
        if contract.volume is not None:
            totals[contract.unit or ""][contract.year] += contract.volume
    years = sorted({year for by_year in totals.values() for year in by_year})
    series = [
        {"unit": unit, "values": [by_year.get(year) for year in years]}
        for unit, by_year in sorted(totals.items())
    ]
    return {"years": years, "series": series}


def iceberg(needs: list[NeedPublic]) -> list[NeedBranch]:
    """The needs as the iceberg shows them: the stated needs (and any whose parent is not listed) on top,
    each with its why-chain below it, down to the root needs."""
    ids = {need.id for need in needs}
    children: dict[int | None, list[NeedPublic]] = defaultdict(list)
    for need in needs:
        children[need.parent if need.parent in ids else None].append(need)

    def branch(need: NeedPublic, seen: frozenset[int]) -> NeedBranch:
        below = [branch(n, seen | {n.id}) for n in children.get(need.id, []) if n.id not in seen]
        return NeedBranch(need, below)

    return [branch(need, frozenset({need.id})) for need in children.get(None, [])]


@router.get("/accounts/{code}")
def account_page(request: Request, code: CodePath, who: Annotated[Reader, Depends(reader)]) -> Response:
    from kam.web.record_forms import record_sections
    from kam.workspace.proposals.service import list_proposals

    with unit_of_work(request, who.actor) as session:
        view = account_view(session, code, who.viewer.lang)
        insight = account_insight(session, code, [r.code for r in view.referred], who.viewer.lang)
        sections = record_sections(session, code, who.viewer.lang)
        proposals = list_proposals(session, code, lang=who.viewer.lang)
    return render(
        request,
        "account.html",
        who.viewer,
        view=view,
        insight=insight,
        tenure=tenure_years(view.account.since),
        sections=sections,
        proposals=proposals,
    )


def tenure_years(since: dt.date | None, today: dt.date | None = None) -> int | None:
    """Whole years since the relationship began (None when its start is not known)."""
    if since is None:
        return None
    today = today or dt.date.today()
    return max(0, today.year - since.year - ((today.month, today.day) < (since.month, since.day)))
