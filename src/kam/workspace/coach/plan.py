"""The account plan (DOMAIN.md §4-§6): the account's profile, its value and forecast from the latest
analysis stored on it, its decision chain (a picture in the PDF) with the coverage warnings, what to say
to each stakeholder, the needs iceberg, the deals with the coverage of each open one and the quote gate,
and the open next steps, as one document (kam.render.document) in the reader's language; Markdown, a
workbook and a PDF are written from it. Everything is read through the scoped services."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from sqlalchemy.orm import Session

from kam.coach.findings import Finding, FindingCode
from kam.coach.review import AccountReview
from kam.coach.settings import CoachSettings
from kam.domain.needs import NeedDepth
from kam.i18n import Lang, text, word
from kam.i18n.labels import label
from kam.render.coach import say_deal, say_finding, say_part, say_point
from kam.render.columns import heading
from kam.render.document import (
    Block,
    Bullets,
    ChartNode,
    Document,
    Heading,
    OrgChart,
    Paragraph,
    Section,
    Table,
)
from kam.workspace.account_records import every_page
from kam.workspace.accounts.schemas import AccountPublic
from kam.workspace.accounts.service import get_account
from kam.workspace.analysis.queries import account_analysis
from kam.workspace.coach.service import account_coach, review
from kam.workspace.contracts.schemas import ContractFilters
from kam.workspace.contracts.service import list_contracts
from kam.workspace.deals.schemas import DealFilters, DealPublic
from kam.workspace.deals.service import list_deals
from kam.workspace.needs.schemas import NeedFilters, NeedPublic
from kam.workspace.needs.service import list_needs
from kam.workspace.next_steps.schemas import NextStepFilters
from kam.workspace.next_steps.service import list_next_steps
from kam.workspace.stakeholders.schemas import StakeholderFilters, StakeholderPublic
from kam.workspace.stakeholders.service import list_stakeholders

CHAIN = frozenset(
    {
        FindingCode.NO_COACH,
        FindingCode.COACH_LOW_INFLUENCE,
        FindingCode.NO_DECISION_MAKER,
        FindingCode.DECISION_MAKER_NOT_MET,
        FindingCode.SINGLE_THREADED,
        FindingCode.HIGH_INFLUENCE_OPPONENT,
        FindingCode.FUNCTION_NEVER_MET,
        FindingCode.STANCE_UNKNOWN,
    }
)
QUOTES = frozenset(
    {
        FindingCode.QUOTE_BEFORE_STAGE,
        FindingCode.QUOTE_BEFORE_CONFIRMED_NEED,
        FindingCode.CALL_QUOTE_BEFORE_DISCOVERY,
    }
)
MARK = "✓"


def account_plan(
    session: Session,
    code: str,
    lang: Lang | str = Lang.EN,
    as_of: dt.date | None = None,
    settings: CoachSettings | None = None,
) -> Document:
    """The plan of the account `code` (one the actor may see), as of `as_of` (today)."""
    coach = account_coach(session, code, as_of=as_of, settings=settings, lang=lang)
    _account, found = review(session, code, coach.as_of, settings)
    account = get_account(session, code)
    people = every_page(lambda r: list_stakeholders(session, StakeholderFilters(account=code), r))
    needs = every_page(lambda r: list_needs(session, NeedFilters(account=code), r))
    deals = every_page(lambda r: list_deals(session, DealFilters(account=code), r))
    t = _say(lang)
    change = (
        t("plan.first_score")
        if coach.previous is None
        else t(
            "plan.change",
            change=f"{coach.change:+d}",
            day=coach.previous.day.isoformat(),
            previous=coach.previous.score,
        )
    )
    return Document(
        title=t("plan.title", name=account.name, code=account.code),
        subtitle=t("plan.subtitle", day=coach.as_of.isoformat(), score=coach.score, change=change),
        sections=(
            Section(t("plan.section.profile"), _profile(session, account, deals, t, lang)),
            Section(t("plan.section.value"), _value(session, code, t, lang)),
            Section(t("plan.section.chain"), _chain(found, people, t, lang)),
            Section(t("plan.section.talking"), _talking(found, t, lang)),
            Section(t("plan.section.needs"), _iceberg(found, needs, people, t, lang)),
            Section(t("plan.section.deals"), _deals(found, deals, t, lang)),
            Section(t("plan.section.next_steps"), _next_steps(session, code, deals, t)),
        ),
    )


Say = Callable[..., str]


def _say(lang: Lang | str) -> Say:
    return lambda key, **values: text(key, lang, **values)


def _money(value: float | None, currency: str | None) -> str:
    return "" if value is None else f"{value:,.2f} {currency or ''}".strip()


def _profile(
    session: Session, a: AccountPublic, deals: Sequence[DealPublic], t: Say, lang: Lang | str
) -> tuple[Block, ...]:
    rows = [
        (t("ws.label.code"), a.code),
        (t("ws.label.name"), a.name),
        (t("ws.label.type"), "" if a.type is None else word(a.type.value, lang)),
        (t("ws.label.ownership"), "" if a.ownership is None else word(a.ownership.value, lang)),
        (t("ws.label.industry"), a.industry or ""),
        (t("ws.label.since"), "" if a.since is None else a.since.isoformat()),
        (t("ws.label.owner"), a.owner or a.owner_name or ""),
        (t("ws.label.wallet"), "" if a.wallet is None else f"{a.wallet.amount:,.2f} {a.wallet.unit}"),
        (t("ws.label.competitors"), t("coach.list_separator").join(a.competitors)),
    ]
    open_value: dict[str, float] = {}
    for deal in deals:
        if deal.stage.is_open and deal.value is not None:
            open_value[deal.currency or ""] = open_value.get(deal.currency or "", 0.0) + deal.value
    rows += [(t("plan.open_deals"), _money(v, c)) for c, v in sorted(open_value.items())]
    contracts = every_page(lambda r: list_contracts(session, ContractFilters(account=a.code), r))
    blocks: list[Block] = [Table((t("plan.field"), t("plan.value")), tuple(rows))]
    if contracts:
        headers = ("ws.label.year", "ws.label.product", "ws.label.volume", "ws.label.unit", "ws.label.value")
        blocks += [
            Heading(t("plan.contracts")),
            Table(
                tuple(t(h) for h in headers),
                tuple(
                    (
                        str(c.year),
                        c.product,
                        "" if c.volume is None else f"{c.volume:,.2f}",
                        c.unit or "",
                        _money(c.value, c.currency),
                    )
                    for c in sorted(contracts, key=lambda c: (c.year, c.product))
                ),
            ),
        ]
    return tuple(blocks)


def _value(session: Session, code: str, t: Say, lang: Lang | str) -> tuple[Block, ...]:
    """The latest analysis stored on the account (kam accounts sync): its verdict with the reasons, its
    figures and forecast, and how its segment went over the analyses stored."""
    analysed = account_analysis(session, code, lang)
    latest = analysed.latest
    if latest is None:
        return (Paragraph(t("plan.no_analysis")),)
    m, f = latest.metrics, latest.forecast
    lg = Lang(lang)
    money = [
        ("revenue", m.revenue),
        ("gross_profit", m.gross_profit),
        ("net_profit", m.net_profit),
        ("clv_12m", f.expected_value),
    ]
    rows = [
        (heading("segment", lg), text(f"segment.{latest.segment.value}", lang)),
        (t("ui.at_risk"), MARK if latest.at_risk else ""),
        (heading("abc_tier", lg), latest.tier or ""),
        *((heading(name, lg, currency=latest.currency), _amount(v)) for name, v in money),
        (heading("net_margin", lg), _share(m.net_margin)),
        (heading("revenue_trend", lg), _share(m.revenue_trend, signed=True)),
        (heading("orders", lg), "" if m.orders is None else f"{m.orders:,}"),
        (heading("p_alive", lg), _share(f.p_alive)),
    ]
    trend = tuple(
        (
            s.as_of.isoformat(),
            text(f"segment.{s.segment.value}", lang),
            _amount(s.revenue),
            _amount(s.net_profit),
        )
        for s in analysed.history
    )
    return (
        Paragraph(t("plan.analysis", day=latest.as_of.isoformat())),
        Table((t("plan.field"), t("plan.value")), tuple(rows)),
        Heading(t("plan.reasons")),
        Bullets(tuple(r.text for r in latest.reasons)) if latest.reasons else Paragraph(t("plan.none")),
        Heading(t("plan.history")),
        Table(
            (t("plan.as_of"), heading("segment", lg), heading("revenue", lg), heading("net_profit", lg)),
            trend,
        ),
    )


def _amount(value: float | None) -> str:
    return "" if value is None else f"{value:,.0f}"


def _share(value: float | None, signed: bool = False) -> str:
    return "" if value is None else f"{value:+.1%}" if signed else f"{value:.1%}"


def _chain(
    found: AccountReview, people: Sequence[StakeholderPublic], t: Say, lang: Lang | str
) -> tuple[Block, ...]:
    cov = found.coverage
    parts = Table(
        (t("plan.part"), t("plan.points"), t("plan.weight")),
        tuple((say_part(p, lang), f"{p.points:.3g}", str(p.weight)) for p in cov.parts),
    )
    warnings = [say_finding(f, lang) for f in found.findings if f.code in CHAIN]
    met = {p.id: p.last_met for p in found.account.stakeholders}
    table = Table(
        tuple(
            t(f"ws.label.{h}")
            for h in (
                "name",
                "job_title",
                "function",
                "decision_role",
                "influence",
                "stance",
                "coach",
                "last_contact",
            )
        ),
        tuple(
            (
                p.name,
                p.title or "",
                label(p.function, lang),
                "" if p.decision_role is None else label(p.decision_role, lang),
                "" if p.influence is None else str(p.influence),
                label(p.stance, lang),
                MARK if p.coach else "",
                _day(met.get(str(p.id))),
            )
            for p in people
        ),
    )
    return (
        Paragraph(t("plan.score", score=cov.score)),
        parts,
        Heading(t("plan.warnings")),
        Bullets(tuple(warnings)) if warnings else Paragraph(t("plan.no_warnings")),
        Heading(t("plan.people")),
        table if people else Paragraph(t("plan.none")),
        Heading(t("plan.tree")),
        _chart(people, lang) if people else Paragraph(t("plan.none")),
    )


def _day(day: dt.date | None) -> str:
    return "" if day is None else day.isoformat()


def _chart(people: Sequence[StakeholderPublic], lang: Lang | str) -> OrgChart:
    """The decision chain as a picture: each person under whom they report, their function and stance."""
    return OrgChart(
        tuple(
            ChartNode(
                key=p.id,
                name=p.name,
                caption=f"{label(p.function, lang)} · {label(p.stance, lang)}",
                parent=p.reports_to,
                stance=p.stance.value,
                coach=p.coach,
                influence=p.influence,
            )
            for p in people
        )
    )


def _talking(found: AccountReview, t: Say, lang: Lang | str) -> tuple[Block, ...]:
    blocks: list[Block] = []
    for brief in found.briefs:
        person = brief.stakeholder
        blocks.append(Heading(t("plan.brief", name=person.name, function=label(person.function, lang))))
        blocks.append(Bullets(tuple(say_point(p, lang) for p in brief.points)))
    return tuple(blocks) or (Paragraph(t("plan.none")),)


def _iceberg(
    found: AccountReview,
    needs: Sequence[NeedPublic],
    people: Sequence[StakeholderPublic],
    t: Say,
    lang: Lang | str,
) -> tuple[Block, ...]:
    names = {p.id: p.name for p in people}
    blocks: list[Block] = []
    for depth in NeedDepth:
        of_depth = [n for n in needs if n.depth is depth]
        if of_depth:
            blocks += [
                Heading(label(depth, lang)),
                Table(
                    tuple(t(f"ws.label.{h}") for h in ("statement", "need_kind", "status", "said_by")),
                    tuple(
                        (
                            n.statement,
                            label(n.kind, lang),
                            label(n.status, lang),
                            names.get(n.said_by, "") if n.said_by else "",
                        )
                        for n in of_depth
                    ),
                ),
            ]
    shallow = _said(found.findings, {FindingCode.SHALLOW_WHYS}, lang)
    if shallow:
        blocks += [Heading(t("plan.shallow")), Bullets(shallow)]
    return tuple(blocks) or (Paragraph(t("plan.none")),)


def _said(
    findings: Sequence[Finding], codes: frozenset[FindingCode] | set[FindingCode], lang: Lang | str
) -> tuple[str, ...]:
    return tuple(say_finding(f, lang) for f in findings if f.code in codes)


def _deals(found: AccountReview, deals: Sequence[DealPublic], t: Say, lang: Lang | str) -> tuple[Block, ...]:
    blocks: list[Block] = []
    scores = {d.deal.id: d.score for d in found.deals}
    if deals:
        headers = ("deal_title", "stage", "value", "expected_close", "quoted_on", "quoted_stage")
        blocks.append(
            Table(
                (*(t(f"ws.label.{h}") for h in headers), t("coach.label.score")),
                tuple(
                    (
                        d.title,
                        label(d.stage, lang),
                        _money(d.value, d.currency),
                        _day(d.expected_close),
                        _day(d.quoted_on),
                        "" if d.quoted_stage is None else label(d.quoted_stage, lang),
                        "" if (score := scores.get(str(d.id))) is None else str(score),
                    )
                    for d in deals
                ),
            )
        )
    if found.deals:
        blocks.append(Heading(t("plan.deal_coverage")))
        for d in found.deals:
            blocks.append(Paragraph(say_deal(d.deal.title, d.deal.stage, d.score, d.source.value, lang)))
            said = tuple(say_finding(f, lang) for f in d.findings)
            blocks.append(Bullets(said) if said else Paragraph(t("plan.no_warnings")))
    early = _said(found.findings, QUOTES, lang)
    if early:
        blocks += [Heading(t("plan.quote_gate")), Bullets(early)]
    return tuple(blocks) or (Paragraph(t("plan.none")),)


def _next_steps(session: Session, code: str, deals: Sequence[DealPublic], t: Say) -> tuple[Block, ...]:
    steps = every_page(lambda r: list_next_steps(session, NextStepFilters(account=code), r))
    titles = {d.id: d.title for d in deals}
    open_steps = [s for s in steps if not s.done]
    if not open_steps:
        return (Paragraph(t("plan.none")),)
    headers = ("step", "deal_title", "assignee", "due_on", "overdue")
    return (
        Table(
            tuple(t(f"ws.label.{h}") for h in headers),
            tuple(
                (
                    s.what,
                    titles.get(s.deal, "") if s.deal else "",
                    s.assignee or "",
                    _day(s.due_on),
                    MARK if s.overdue else "",
                )
                for s in sorted(open_steps, key=lambda s: (s.due_on is None, s.due_on or dt.date.min, s.id))
            ),
        ),
    )
