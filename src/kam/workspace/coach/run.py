"""The functions behind `kam coach` and `kam proposals`: one service in one transaction each."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kam.coach.settings import CoachSettings
from kam.errors import ConfigError
from kam.i18n import Lang, Notice
from kam.render.document import PlanFormat
from kam.report.plan_files import PlanFileError
from kam.workspace.coach.schemas import AccountCoach, CoachPortfolio, PortfolioSort
from kam.workspace.coach.service import account_coach, coach_portfolio
from kam.workspace.proposals.schemas import ProposalFilters, ProposalPublic
from kam.workspace.proposals.service import accept_proposal, list_proposals, reject_proposal
from kam.workspace.run import workspace_session


def run_coach(
    url: str,
    code: str,
    as_login: str | None = None,
    lang: Lang | str = Lang.EN,
    settings: CoachSettings | None = None,
) -> AccountCoach:
    """The coach on one account (today's score kept)."""
    with workspace_session(url, as_login) as session:
        return account_coach(session, code, settings=settings, lang=lang)


def run_coach_portfolio(
    url: str,
    sort: PortfolioSort = PortfolioSort.COVERAGE,
    as_login: str | None = None,
    settings: CoachSettings | None = None,
) -> CoachPortfolio:
    """Every account the user may see with its coverage score, sorted (today's scores kept)."""
    with workspace_session(url, as_login) as session:
        return coach_portfolio(session, sort, settings=settings)


def run_proposals_list(
    url: str,
    code: str,
    filters: ProposalFilters | None = None,
    as_login: str | None = None,
    lang: Lang | str = Lang.EN,
) -> list[ProposalPublic]:
    with workspace_session(url, as_login) as session:
        return list_proposals(session, code, filters, lang)


def run_proposal_decide(
    url: str,
    proposal_id: int,
    accept: bool,
    as_login: str | None = None,
    lang: Lang | str = Lang.EN,
    settings: CoachSettings | None = None,
) -> ProposalPublic:
    """Accept (a need is created, or a speaker taken as the stakeholder) or reject one proposal."""
    with workspace_session(url, as_login) as session:
        if accept:
            return accept_proposal(session, proposal_id, settings, lang)
        return reject_proposal(session, proposal_id, lang)


@dataclass(frozen=True)
class PlanWritten:
    """The plan: its Markdown (when no file was asked for) or the file it was written to."""

    markdown: str | None
    file: Path | None


def run_plan(
    url: str,
    code: str,
    fmt: PlanFormat = PlanFormat.MD,
    out: Path | None = None,
    as_login: str | None = None,
    lang: Lang | str = Lang.EN,
    settings: CoachSettings | None = None,
) -> PlanWritten:
    """The account plan in `fmt`: Markdown returned as text unless `out` names a file; a workbook or a
    PDF written to `out` (a new file: an existing one is refused). The PDF's font is found first, so a
    missing font fails before anything is read."""
    from kam.render.markdown import document_markdown
    from kam.report.plan_files import document_pdf, document_xlsx, find_cjk_font, write_new_file
    from kam.workspace.coach.plan import account_plan

    s, fmt = settings or CoachSettings(), PlanFormat(fmt)
    if fmt is not PlanFormat.MD and out is None:
        raise ConfigError(Notice("plan_needs_file", format=fmt.value))
    if out is not None and (out.exists() or out.is_symlink()):
        raise PlanFileError(Notice("plan_file_exists", file=out))
    font = find_cjk_font(s.plan_font) if fmt is PlanFormat.PDF else None
    with workspace_session(url, as_login) as session:
        doc = account_plan(session, code, lang, settings=s)
    if fmt is PlanFormat.MD:
        markdown = document_markdown(doc)
        if out is None:
            return PlanWritten(markdown, None)
        data = markdown.encode("utf-8")
    elif fmt is PlanFormat.XLSX:
        data = document_xlsx(doc)
    else:
        assert font is not None
        data = document_pdf(doc, font, str(lang))
    assert out is not None
    write_new_file(out, data)
    return PlanWritten(None, out)
