"""`kam accounts sync|changes|analysis`: the analysis on the accounts, stored and asked what changed."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

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
    echo_json,
    rows_table,
    workspace_url,
)
from kam.i18n import Lang, ntext, text
from kam.report.jsonout import dumps_strict
from kam.terminal import plain, printable

_NAMED = 10  # codes named in a line; --json has them all


def _codes(codes: list[str]) -> str:
    return ", ".join(codes[:_NAMED]) + (", …" if len(codes) > _NAMED else "")


def _money(value: float | None) -> str:
    return "" if value is None else f"{value:,.2f}"


def sync(
    out_dir: Annotated[Path, typer.Argument(help="The output folder of kam analyze (--out).")],
    as_json: JsonOption = False,
    as_: AsOption = None,
    db: DbOption = None,
    config: ConfigOption = None,
    lang: LangOption = Lang.EN,
) -> None:
    """Store an analysis on the accounts: segment, risk, tier, reasons, figures and forecast, with its
    date; creates the accounts the workspace lacks (unowned); all or nothing; an admin's task."""
    from kam.workspace.analysis.run import run_accounts_sync
    from kam.workspace.db import display_url

    with user_errors(lang):
        url = workspace_url(db, config)
        summary = run_accounts_sync(url, out_dir, as_)
    if as_json:
        typer.echo(dumps_strict(summary.model_dump(mode="json"), ensure_ascii=False))
        return
    said = text(
        "ws.synced",
        lang,
        as_of=summary.as_of.isoformat(),
        accounts=summary.accounts,
        where=display_url(url),
        added=summary.added,
        updated=summary.updated,
        unchanged=summary.unchanged,
        moved=summary.segment_changes,
    )
    typer.echo(printable(said))
    for key, codes in (
        ("ws.synced_created", summary.created_accounts),
        ("ws.synced_deleted", summary.skipped_deleted),
    ):
        if codes:
            typer.echo(printable(ntext(key, len(codes), lang, count=len(codes), codes=_codes(codes))))


def changes(
    since: Annotated[str, typer.Option("--since", help="Compare with the analysis on or before this day.")],
    from_: Annotated[
        str | None, typer.Option("--from", help="Only accounts that were in this segment.")
    ] = None,
    to: Annotated[str | None, typer.Option("--to", help="Only accounts now in this segment.")] = None,
    as_json: JsonOption = False,
    as_: AsOption = None,
    db: DbOption = None,
    config: ConfigOption = None,
    lang: LangOption = Lang.EN,
) -> None:
    """List the accounts whose segment changed since a day (key, potential, one_off_bulk,
    low_profit_volume, profit_squeezer, lapsed, regular): which key accounts became lapsed."""
    from kam.workspace.analysis.run import run_segment_changes
    from kam.workspace.analysis.schemas import SegmentChangeFilters
    from kam.workspace.db import display_url
    from kam.workspace.errors import parse_input

    with user_errors(lang):
        url = workspace_url(db, config)
        filters = parse_input(SegmentChangeFilters, {"since": since, "from_segment": from_, "to_segment": to})
        found = run_segment_changes(url, filters, as_)
    if as_json:
        echo_json(found)
        return
    if not found:
        typer.echo(text("ws.no_changes", lang, since=filters.since.isoformat()))
        return
    title = text("ws.changes_title", lang, since=filters.since.isoformat(), where=display_url(url))
    columns = ("code", "name", "from_segment", "to_segment", "as_of", "at_risk", "revenue", "net_profit")
    rows = (
        (
            c.account,
            c.name,
            text(f"segment.{c.from_segment}", lang),
            text(f"segment.{c.to_segment}", lang),
            c.to_as_of.isoformat(),
            "✓" if c.at_risk else "",
            _money(c.revenue),
            _money(c.net_profit),
        )
        for c in found
    )
    console.print(rows_table(title, columns, rows, lang))


def analysis(
    code: Annotated[str, typer.Argument(help="The account's code.")],
    as_json: JsonOption = False,
    as_: AsOption = None,
    db: DbOption = None,
    config: ConfigOption = None,
    lang: LangOption = Lang.EN,
) -> None:
    """Show an account's latest analysis, its reasons in your language, and its segment history."""
    from kam.workspace.analysis.run import run_account_analysis

    with user_errors(lang):
        found = run_account_analysis(workspace_url(db, config), code, as_, lang)
    if as_json:
        typer.echo(dumps_strict(found.model_dump(mode="json"), ensure_ascii=False))
        return
    latest = found.latest
    if latest is None:
        typer.echo(printable(text("ws.no_analysis", lang, code=found.account)))
        return
    console.print(plain(text("ws.analysis_title", lang, as_of=latest.as_of.isoformat()), "bold"))
    facts = [
        (text("ws.label.segment", lang), text(f"segment.{latest.segment}", lang)),
        (text("ws.label.at_risk", lang), "✓" if latest.at_risk else "-"),
        (text("ws.label.tier", lang), latest.tier or "-"),
        (text("ws.label.revenue", lang), _money(latest.metrics.revenue) or "-"),
        (text("ws.label.net_profit", lang), _money(latest.metrics.net_profit) or "-"),
        (text("ws.label.expected_value", lang), _money(latest.forecast.expected_value) or "-"),
    ]
    if latest.forecast.p_alive is not None:
        facts.append((text("ws.label.p_alive", lang), f"{latest.forecast.p_alive:.2f}"))
    console.print(plain(" · ".join(f"{k}: {v}" for k, v in facts)), soft_wrap=True)
    for reason in latest.reasons:
        console.print(plain(f"- {reason.text}"), soft_wrap=True)
    table = Table(title_justify="left")
    for column in ("as_of", "segment", "at_risk", "tier", "revenue", "net_profit"):
        table.add_column(text(f"ws.label.{column}", lang), overflow="fold")
    for snapshot in found.history:
        table.add_row(
            *(
                plain(v)
                for v in (
                    snapshot.as_of.isoformat(),
                    text(f"segment.{snapshot.segment}", lang),
                    "✓" if snapshot.at_risk else "",
                    snapshot.tier or "",
                    _money(snapshot.revenue),
                    _money(snapshot.net_profit),
                )
            )
        )
    console.print(table)
