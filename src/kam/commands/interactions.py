"""`kam interactions list`: what happened with the accounts, with the coaching flags of each call;
`kam interactions add`: log a visit, call, e-mail or note without a transcript."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from kam.commands.calls import parse_at
from kam.commands.common import user_errors
from kam.commands.workspace import (
    AsOption,
    ConfigOption,
    DbOption,
    JsonOption,
    LangOption,
    console,
    echo_json,
    interactions_table,
    workspace_url,
)
from kam.domain.interactions import InteractionKind
from kam.i18n import Lang, text, word
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
        echo_json(found)
    elif not found:
        typer.echo(text("ws.no_interactions", lang))
    else:
        title = printable(text("ws.interactions_title", lang, where=display_url(url)))
        console.print(interactions_table(title, found, lang=lang))


@app.command("add")
def add(
    account: Annotated[str, typer.Argument(help="The account's code.")],
    kind: Annotated[InteractionKind, typer.Option("--kind", help="What it was.")],
    at: Annotated[
        str | None,
        typer.Option("--at", help="When, ISO date and time (default: now); without a zone, local time."),
    ] = None,
    title: Annotated[
        str | None, typer.Option("--title", help="A title (default: the kind, in --lang).")
    ] = None,
    with_: Annotated[
        list[str] | None,
        typer.Option("--with", help="A stakeholder of the account met, by name or id (repeatable)."),
    ] = None,
    present: Annotated[
        list[str] | None, typer.Option("--present", help="One of our users present, by login (repeatable).")
    ] = None,
    notes: Annotated[str | None, typer.Option("--notes", help="What was said, heard or agreed.")] = None,
    as_json: JsonOption = False,
    as_: AsOption = None,
    db: DbOption = None,
    config: ConfigOption = None,
    lang: LangOption = Lang.EN,
) -> None:
    """Log an interaction with an account without a transcript: who took part, and notes."""
    from kam.workspace.db import display_url
    from kam.workspace.errors import parse_input
    from kam.workspace.interactions.run import run_interactions_add
    from kam.workspace.interactions.schemas import InteractionNew

    with user_errors(lang):
        when = parse_at(at) or dt.datetime.now(dt.UTC)
        fields = {
            "account": account,
            "kind": kind,
            "occurred_at": when,
            "title": title if title is not None else word(str(kind), lang),
            "present": present or [],
            "notes": notes,
        }
        url = workspace_url(db, config)
        added = run_interactions_add(url, parse_input(InteractionNew, fields), with_ or [], as_)
    if as_json:
        typer.echo(dumps_strict(added.model_dump(mode="json"), ensure_ascii=False))
    else:
        said = text(
            "ws.interaction_added",
            lang,
            id=added.id,
            kind=word(str(added.kind), lang),
            account=added.account_code,
            where=display_url(url),
        )
        typer.echo(printable(said))
