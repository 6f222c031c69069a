"""`kam referrals list`: each referrer with the accounts it brought (轉介紹), and what they are worth."""

from __future__ import annotations

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
    workspace_url,
)
from kam.i18n import Lang, text
from kam.report.jsonout import dumps_strict
from kam.terminal import plain, printable

app = typer.Typer(
    help="Referrals: the accounts each account brought, and their revenue and profit.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
_COLUMNS = ("referrer", "name", "accounts", "referred", "revenue", "profit")


@app.callback()
def referrals() -> None:
    """Referral commands."""


@app.command("list")
def list_(
    referrer: Annotated[str | None, typer.Option("--referrer", help="Only this referrer (its code).")] = None,
    as_json: JsonOption = False,
    as_: AsOption = None,
    db: DbOption = None,
    config: ConfigOption = None,
    lang: LangOption = Lang.EN,
) -> None:
    """List the referrers this user may see, most accounts brought first, with the accounts they brought."""
    from kam.workspace.db import display_url
    from kam.workspace.referrals.run import run_referrals_list

    with user_errors(lang):
        url = workspace_url(db, config)
        credits = run_referrals_list(url, referrer, as_, lang)
    if as_json:
        typer.echo(dumps_strict(credits.model_dump(mode="json"), ensure_ascii=False))
        return
    if not credits.items:
        typer.echo(text("ws.no_records", lang, what=text("ws.records.referrals", lang)))
    else:
        what = text("ws.records.referrals", lang)
        table = Table(
            title=plain(text("ws.records_title", lang, what=what, where=display_url(url))),
            title_justify="left",
        )
        for column in _COLUMNS:
            table.add_column(text(f"ws.label.{column}", lang), overflow="fold")
        for credit in credits.items:
            referred = ", ".join(a.code for a in credit.referred)
            money = ("" if v is None else f"{v:,.2f}" for v in (credit.revenue, credit.profit))
            table.add_row(
                *(plain(v) for v in (credit.referrer, credit.name, str(credit.accounts), referred, *money))
            )
        console.print(table)
    if credits.note:
        typer.echo(printable(credits.note))
