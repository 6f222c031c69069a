"""The account page's analysis and coach: the value metrics and forecast of the latest stored analysis
with their trend over the stored analyses, the segment history, the value the referrals brought, and the
coach (coverage score, its parts and change, warnings, talking points, shallow why-chains, the quote
gate); and the account plan to download (Markdown, a workbook or a PDF) under the page's own access rule.

All of it is read through the workspace's scoped services (kam.workspace.analysis, kam.workspace.coach),
so an account out of the reader's reach is the same 404 as a missing one, here and for the plan."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from kam.coach.findings import FindingCode
from kam.coach.settings import CoachSettings
from kam.domain.languages import Lang
from kam.i18n import text
from kam.render.document import PlanFormat
from kam.render.report_data import SEGMENT_COLORS
from kam.web.auth import Reader, reader
from kam.web.work import unit_of_work
from kam.workspace.accounts.repository import AccountRepository
from kam.workspace.analysis.queries import account_analysis, latest_money, total
from kam.workspace.analysis.schemas import AccountAnalysisHistory
from kam.workspace.coach.plan import CHAIN, QUOTES, account_plan
from kam.workspace.coach.schemas import AccountCoach, FindingPublic
from kam.workspace.coach.service import account_coach

router = APIRouter(include_in_schema=False)
CodePath = Annotated[str, Path(min_length=1, max_length=64)]
MEDIA = {
    PlanFormat.MD: "text/markdown; charset=utf-8",
    PlanFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    PlanFormat.PDF: "application/pdf",
}


@dataclass(frozen=True)
class ReferralValue:
    """An account a referral brought, with its revenue and net profit in the latest analysis."""

    code: str
    name: str
    revenue: float | None
    net_profit: float | None


@dataclass(frozen=True)
class AccountInsight:
    """The analysis, the trend's data, the referrals' value and the coach, grouped as the page shows."""

    analysis: AccountAnalysisHistory
    trend: dict[str, Any]
    brought: list[ReferralValue]
    brought_revenue: float | None
    brought_profit: float | None
    money_as_of: Any
    coach: AccountCoach
    warnings: list[FindingPublic]
    shallow: list[FindingPublic]
    quote_gate: list[FindingPublic]
    scores: dict[str, Any]
    colours: dict[str, str]


def account_insight(session: Session, code: str, referred: list[str], lang: Lang) -> AccountInsight:
    """What the page's analysis and coach sections show of the account `code` (one the reader may see);
    `referred`: the codes of the accounts it brought (as the page lists them)."""
    analysis = account_analysis(session, code, lang)
    repo = AccountRepository(session)
    found = repo.by_codes(referred)
    money = latest_money(session, [a.id for a in found.values()])
    brought = [
        ReferralValue(c, found[c].name, *money.by_account.get(found[c].id, (None, None)))
        for c in referred
        if c in found
    ]
    coach = account_coach(session, code, lang=lang)
    return AccountInsight(
        analysis=analysis,
        trend=trend(analysis, lang),
        brought=brought,
        brought_revenue=total(b.revenue for b in brought),
        brought_profit=total(b.net_profit for b in brought),
        money_as_of=money.as_of,
        coach=coach,
        warnings=[f for f in coach.findings if f.code in CHAIN],
        shallow=[f for f in coach.findings if f.code == FindingCode.SHALLOW_WHYS],
        quote_gate=[f for f in coach.findings if f.code in QUOTES],
        colours=SEGMENT_COLORS,
        scores={
            "days": [s.day.isoformat() for s in coach.history],
            "scores": [s.score for s in coach.history],
        },
    )


def trend(analysis: AccountAnalysisHistory, lang: Lang) -> dict[str, Any]:
    """The trend chart's data: the analyses' dates and the revenue and net profit in each."""
    history = analysis.history
    return {
        "days": [h.as_of.isoformat() for h in history],
        "series": [
            {"name": text("ws.label.revenue", lang), "values": [h.revenue for h in history]},
            {"name": text("ws.label.net_profit", lang), "values": [h.net_profit for h in history]},
        ],
    }


@router.get("/accounts/{code}/plan.{fmt}")
def plan_download(
    request: Request, code: CodePath, fmt: PlanFormat, who: Annotated[Reader, Depends(reader)]
) -> Response:
    """The account plan as a file in the reader's language (404 for an account out of reach)."""
    from kam.render.markdown import document_markdown
    from kam.report.plan_files import document_pdf, document_xlsx, find_cjk_font

    settings = CoachSettings()
    lang = who.viewer.lang
    font = find_cjk_font(settings.plan_font) if fmt is PlanFormat.PDF else None
    with unit_of_work(request, who.actor) as session:
        doc = account_plan(session, code, lang, settings=settings)
    if fmt is PlanFormat.MD:
        data = document_markdown(doc).encode("utf-8")
    elif fmt is PlanFormat.XLSX:
        data = document_xlsx(doc)
    else:
        assert font is not None
        data = document_pdf(doc, font, str(lang))
    name = f"plan-{code}.{fmt.value}"
    disposition = f"attachment; filename=\"plan.{fmt.value}\"; filename*=UTF-8''{quote(name)}"
    return Response(data, media_type=MEDIA[fmt], headers={"Content-Disposition": disposition})
