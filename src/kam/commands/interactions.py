"""`kam interactions list`: what happened with the accounts, with the coaching flags of each call."""

from __future__ import annotations

from typing import Annotated

import typer

from kam.commands.common import user_errors
from kam.commands.workspace import (
    AsOption,
    ConfigOption,
    DbOption,
    JsonOption,
    LangOption,
    console,
    interactions_table,
    workspace_url,
)
from kam.i18n import Lang, text
from kam.report.jsonout import dumps_strict
from kam.terminal import printable

app = typer.Typer(
    help="Interactions with accounts: meetings, calls, visits.", no_args_is_help=True, rich_markup_mode=None
)


@app.callback()
def interactions() -> None:
    """Interaction commands."""


@app.command("list")
def list_(
    account: Annotated[
        str | None, typer.Option("--account", help="Only this account's interactions.")
    ] = None,
    as_json: JsonOption = False,
    as_: AsOption = None,
    db: DbOption = None,
    config: ConfigOption = None,
    lang: LangOption = Lang.EN,
) -> None:
    """List interactions, newest first."""
    from kam.workspace.db import display_url
    from kam.workspace.run import run_interactions_list

    with user_errors(lang):
        url = workspace_url(db, config)
        found = run_interactions_list(url, account, as_)
    if as_json:
        typer.echo(dumps_strict([i.model_dump(mode="json") for i in found], ensure_ascii=False))
    elif not found:
        typer.echo(text("ws.no_interactions", lang))
    else:
        title = printable(text("ws.interactions_title", lang, where=display_url(url)))
        console.print(interactions_table(title, found, lang=lang))
