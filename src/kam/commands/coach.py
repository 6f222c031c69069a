"""`kam coach [ACCOUNT]`, `kam plan ACCOUNT` and `kam proposals list|accept|reject`: the key-account
coach on the workspace (docs/coach.md). Thin: each parses its options and calls one run function."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from kam.commands.common import user_errors
from kam.commands.workspace import (
    AsOption,
    ConfigOption,
    DbOption,
    JsonOption,
    LangOption,
    console,
    workspace_url,
)
from kam.i18n import Lang, text
from kam.i18n.labels import label
from kam.render.coach import say_deal
from kam.render.document import PlanFormat
from kam.report.jsonout import dumps_strict
from kam.settings import load_settings
from kam.terminal import plain, printable


def coach(
    account: Annotated[
        str | None, typer.Argument(help="The account's code; without it, every account's coverage score.")
    ] = None,
    sort: Annotated[
        str,
        typer.Option(
            "--sort", help="Without an account: coverage (lowest first), -coverage, change, account."
        ),
    ] = "coverage",
    as_json: JsonOption = False,
    as_: AsOption = None,
    db: DbOption = None,
    config: ConfigOption = None,
    lang: LangOption = Lang.EN,
) -> None:
    """The coach on an account: decision-chain coverage (its warnings and its 0-100 score with the parts
    and the change), what to say to each stakeholder, shallow why-chains and quotes made too early."""
    from kam.workspace.coach.run import run_coach, run_coach_portfolio
    from kam.workspace.coach.schemas import PortfolioQuery
    from kam.workspace.errors import parse_input

    with user_errors(lang):
        url = workspace_url(db, config)
        settings = load_settings(config).coach
        if account is None:
            query = parse_input(PortfolioQuery, {"sort": sort})
            result: Any = run_coach_portfolio(url, query.sort, as_, settings)
        else:
            result = run_coach(url, account, as_, lang, settings)
    if as_json:
        typer.echo(dumps_strict(result.model_dump(mode="json"), ensure_ascii=False))
    elif account is None:
        _print_portfolio(result, lang)
    else:
        typer.echo(printable(_coach_text(result, lang)))


def _change(change: int | None, lang: Lang) -> str:
    return "" if change is None else f"{change:+d}"


def _coach_text(c: Any, lang: Lang) -> str:
    if c.previous is None:
        moved = text("plan.first_score", lang)
    else:
        moved = text(
            "plan.change",
            lang,
            change=f"{c.change:+d}",
            day=c.previous.day.isoformat(),
            previous=c.previous.score,
        )
    lines = [
        text("coach.heading", lang, name=printable(c.name, one_line=True), code=c.account),
        text("plan.subtitle", lang, day=c.as_of.isoformat(), score=c.score, change=moved),
        "  "
        + text("coach.list_separator", lang).join(f"{p.label} {p.points:.3g}/{p.weight}" for p in c.parts),
        "",
        text("plan.warnings", lang),
    ]
    lines += [f"  - {printable(f.text, one_line=True)}" for f in c.findings] or [
        "  " + text("plan.no_warnings", lang)
    ]
    lines += ["", text("plan.section.talking", lang)]
    for brief in c.talking_points:
        name = printable(brief.name, one_line=True)
        lines.append("  " + text("plan.brief", lang, name=name, function=label(brief.function, lang)))
        lines += [f"    - {printable(p.text, one_line=True)}" for p in brief.points]
    lines += ["", text("coach.open_deals", lang)]
    lines += [line for deal in c.deals for line in deal_lines(deal, lang)] or [
        "  " + text("coach.no_open_deals", lang)
    ]
    return "\n".join(lines)


def deal_lines(deal: Any, lang: Lang) -> list[str]:
    """An open deal's coverage line, then its findings."""
    line = say_deal(printable(deal.title, one_line=True), deal.stage, deal.score, deal.source, lang)
    return ["  " + line] + [f"    - {printable(f.text, one_line=True)}" for f in deal.findings]


def _print_portfolio(portfolio: Any, lang: Lang) -> None:
    if not portfolio.items:
        typer.echo(text("ws.no_accounts", lang))
        return
    table = Table(
        title=plain(text("coach.portfolio_title", lang, day=portfolio.as_of.isoformat())),
        title_justify="left",
    )
    for key in (
        "ws.label.account",
        "ws.label.name",
        "coach.label.score",
        "coach.label.change",
        "coach.label.findings",
    ):
        table.add_column(text(key, lang), overflow="fold")
    for row in portfolio.items:
        table.add_row(
            *(
                plain(v)
                for v in (row.account, row.name, str(row.score), _change(row.change, lang), str(row.findings))
            )
        )
    console.print(table)


def plan(
    account: Annotated[str, typer.Argument(help="The account's code.")],
    fmt: Annotated[
        PlanFormat, typer.Option("--format", help="md (printed unless --out), xlsx or pdf.")
    ] = PlanFormat.MD,
    out: Annotated[
        Path | None, typer.Option("--out", help="The file to write: a new one (an existing file is refused).")
    ] = None,
    as_: AsOption = None,
    db: DbOption = None,
    config: ConfigOption = None,
    lang: LangOption = Lang.EN,
) -> None:
    """The account plan: profile and value, the decision chain with its coverage warnings, talking points
    per stakeholder, the needs iceberg, deals with the quote gate, and the open next steps."""
    from kam.workspace.coach.run import run_plan

    with user_errors(lang):
        url = workspace_url(db, config)
        written = run_plan(url, account, fmt, out, as_, lang, load_settings(config).coach)
    if written.markdown is not None:
        typer.echo(printable(written.markdown), nl=False)
    else:
        typer.echo(printable(text("plan.written", lang, file=str(written.file))))


proposals_app = typer.Typer(
    help="What stored calls propose to their accounts: candidate needs and speakers matched to stakeholders.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


@proposals_app.callback()
def proposals() -> None:
    """Proposals commands."""


@proposals_app.command("list")
def list_(
    account: Annotated[str, typer.Argument(help="The account's code.")],
    pending: Annotated[bool, typer.Option("--pending", help="Only those not yet decided.")] = False,
    as_json: JsonOption = False,
    as_: AsOption = None,
    db: DbOption = None,
    config: ConfigOption = None,
    lang: LangOption = Lang.EN,
) -> None:
    """List what the account's stored calls proposed, the latest call first."""
    from kam.domain.proposals import ProposalStatus
    from kam.workspace.coach.run import run_proposals_list
    from kam.workspace.proposals.schemas import ProposalFilters

    with user_errors(lang):
        url = workspace_url(db, config)
        filters = ProposalFilters(status=ProposalStatus.PENDING if pending else None)
        found = run_proposals_list(url, account, filters, as_, lang)
    if as_json:
        for p in found:
            typer.echo(dumps_strict(p.model_dump(mode="json"), ensure_ascii=False))
        return
    if not found:
        typer.echo(text("ws.no_records", lang, what=text("proposal.records", lang)))
        return
    table = Table(title=plain(text("proposal.title", lang, account=account)), title_justify="left")
    for key in (
        "ws.label.id",
        "proposal.label.call",
        "proposal.label.kind",
        "proposal.label.text",
        "proposal.label.speaker",
        "proposal.label.stakeholder",
        "ws.label.need_kind",
        "ws.label.status",
    ):
        table.add_column(text(key, lang), overflow="fold")
    for p in found:
        place = "" if p.at_s is None else f" @{p.at_s:g}s"
        table.add_row(
            *(
                plain(v)
                for v in (
                    str(p.id),
                    p.call + place,
                    text(f"proposal.kind.{p.kind.value}", lang),
                    p.text,
                    p.speaker,
                    p.stakeholder_name or "",
                    "" if p.need_kind is None else label(p.need_kind, lang),
                    text(f"notice.proposal_{p.status.value}", lang),
                )
            )
        )
    console.print(table)


def _decide(
    proposal: int, accept: bool, as_: str | None, db: str | None, config: Path | None, lang: Lang
) -> None:
    from kam.workspace.coach.run import run_proposal_decide

    with user_errors(lang):
        url = workspace_url(db, config)
        decided = run_proposal_decide(url, proposal, accept, as_, lang, load_settings(config).coach)
    key = "proposal.accepted_need" if decided.need is not None else f"proposal.{decided.status.value}"
    typer.echo(printable(text(key, lang, ident=decided.id, need=decided.need or "", text=decided.text)))


@proposals_app.command("accept")
def accept(
    proposal: Annotated[int, typer.Argument(help="The proposal's id.")],
    as_: AsOption = None,
    db: DbOption = None,
    config: ConfigOption = None,
    lang: LangOption = Lang.EN,
) -> None:
    """Accept a proposal: a candidate need is recorded as a need of the account; a speaker is taken as the
    stakeholder matched (the call counts as a meeting with them)."""
    _decide(proposal, True, as_, db, config, lang)


@proposals_app.command("reject")
def reject(
    proposal: Annotated[int, typer.Argument(help="The proposal's id.")],
    as_: AsOption = None,
    db: DbOption = None,
    config: ConfigOption = None,
    lang: LangOption = Lang.EN,
) -> None:
    """Reject a proposal: nothing is recorded, and the call does not propose it again."""
    _decide(proposal, False, as_, db, config, lang)
