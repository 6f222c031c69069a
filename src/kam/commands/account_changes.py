"""`kam accounts update|delete|restore|history|owners`: changing accounts and reading what changed."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import typer

from kam.commands.account_options import (
    CompetitorOption,
    IndustryOption,
    OwnerOption,
    OwnershipOption,
    ParentOption,
    ReferredByOption,
    ReferredOnOption,
    SinceOption,
    TypeOption,
    WalletOption,
)
from kam.commands.common import user_errors
from kam.commands.workspace import (
    AsOption,
    ConfigOption,
    DbOption,
    JsonOption,
    LangOption,
    console,
    echo_json,
    local_time,
    rows_table,
    workspace_url,
)
from kam.i18n import Lang, ntext, text, word
from kam.terminal import plain, printable


def update(
    code: Annotated[str, typer.Argument(help="The account's code.")],
    name: Annotated[str | None, typer.Option("--name", help="A new name.")] = None,
    type_: TypeOption = None,
    ownership: OwnershipOption = None,
    industry: IndustryOption = None,
    since: SinceOption = None,
    referred_by: ReferredByOption = None,
    referred_on: ReferredOnOption = None,
    owner: OwnerOption = None,
    parent: ParentOption = None,
    wallet: WalletOption = None,
    competitor: CompetitorOption = None,
    as_: AsOption = None,
    db: DbOption = None,
    config: ConfigOption = None,
    lang: LangOption = Lang.EN,
) -> None:
    """Change the fields given (an empty value clears one, such as --owner ''); the others stay."""
    from kam.workspace.accounts.schemas import AccountChanges
    from kam.workspace.errors import parse_input
    from kam.workspace.run import run_accounts_update

    given: dict[str, Any] = {
        "name": name,
        "type": type_,
        "ownership": ownership,
        "industry": industry,
        "since": since,
        "referred_by": referred_by,
        "referred_on": referred_on,
        "owner": owner,
        "parent": parent,
        "wallet": wallet,
    }
    changes = {field: value or None for field, value in given.items() if value is not None}
    if competitor is not None:
        changes["competitors"] = [c for c in competitor if c.strip()]
    with user_errors(lang):
        account = run_accounts_update(
            workspace_url(db, config), code, parse_input(AccountChanges, changes), as_
        )
    typer.echo(printable(text("ws.account_updated", lang, code=account.code, version=account.version)))


def delete(
    code: Annotated[str, typer.Argument(help="The account's code.")],
    as_: AsOption = None,
    db: DbOption = None,
    config: ConfigOption = None,
    lang: LangOption = Lang.EN,
) -> None:
    """Delete an account (softly: it and everything under it are hidden until it is restored)."""
    from kam.workspace.run import run_accounts_delete

    with user_errors(lang):
        account = run_accounts_delete(workspace_url(db, config), code, as_)
    typer.echo(printable(text("ws.account_deleted", lang, code=account.code)))


def restore(
    code: Annotated[str, typer.Argument(help="The deleted account's code.")],
    as_: AsOption = None,
    db: DbOption = None,
    config: ConfigOption = None,
    lang: LangOption = Lang.EN,
) -> None:
    """Bring a deleted account back, as it was, with everything under it."""
    from kam.workspace.run import run_accounts_restore

    with user_errors(lang):
        account = run_accounts_restore(workspace_url(db, config), code, as_)
    typer.echo(printable(text("ws.account_restored", lang, code=account.code)))


def history(
    code: Annotated[str, typer.Argument(help="The account's code.")],
    as_json: JsonOption = False,
    as_: AsOption = None,
    db: DbOption = None,
    config: ConfigOption = None,
    lang: LangOption = Lang.EN,
) -> None:
    """Every change of an account, oldest first: when, who, what, and the old and new values."""
    from kam.workspace.run import run_accounts_history

    with user_errors(lang):
        entries = run_accounts_history(workspace_url(db, config), code, as_)
    if as_json:
        echo_json(entries)
        return
    rows = (
        (
            local_time(e.at),
            e.actor if e.actor is not None else text("ws.local_operator", lang),
            word(e.action.value, lang),
            e.field or "",
            _value(e.old_value),
            _value(e.new_value),
        )
        for e in entries
    )
    keys = ("when", "who", "action", "field", "old", "new")
    console.print(rows_table(text("ws.history_title", lang, code=code), keys, rows, lang, no_wrap=("when",)))


def owners(
    as_json: JsonOption = False,
    as_: AsOption = None,
    db: DbOption = None,
    config: ConfigOption = None,
    lang: LangOption = Lang.EN,
) -> None:
    """Who owns the accounts, and how many each; names that match no user are listed last."""
    from kam.workspace.run import run_accounts_owners

    with user_errors(lang):
        found = run_accounts_owners(workspace_url(db, config), as_)
    if as_json:
        echo_json(found)
        return
    rows = ((o.login or "-", o.name, str(o.accounts)) for o in found)
    keys = ("login", "name", "accounts")
    console.print(rows_table(text("ws.owners_title", lang), keys, rows, lang, right=("accounts",)))
    unmatched = sum(1 for o in found if o.login is None)
    if unmatched:
        console.print(plain(ntext("ws.owners_unmatched", unmatched, lang, count=unmatched)), soft_wrap=True)


def _value(value: object) -> str:
    """A value of the history as text: blank for none, lists joined, a time in local time."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, str) and len(value) > 19 and value[10:11] == "T":
        try:
            return local_time(dt.datetime.fromisoformat(value))
        except ValueError:
            return value
    return str(value)
