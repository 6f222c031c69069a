"""`kam accounts add|import|list|show|update|delete|restore|history|owners|sync|changes|analysis`: the
accounts of the workspace."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.text import Text

from kam.commands import account_analysis, account_changes
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
    interactions_table,
    rows_table,
    workspace_url,
)
from kam.i18n import Lang, ntext, text, word
from kam.report.jsonout import dumps_strict
from kam.terminal import plain, printable

if TYPE_CHECKING:
    from kam.workspace.accounts.schemas import AccountPublic

app = typer.Typer(
    help="Accounts: the customers the team looks after.", no_args_is_help=True, rich_markup_mode=None
)
for _name, _command in (
    ("update", account_changes.update),
    ("delete", account_changes.delete),
    ("restore", account_changes.restore),
    ("history", account_changes.history),
    ("owners", account_changes.owners),
    ("sync", account_analysis.sync),
    ("changes", account_analysis.changes),
    ("analysis", account_analysis.analysis),
):
    app.command(_name)(_command)

_FIELDS = (
    "type",
    "ownership",
    "industry",
    "since",
    "referred_by",
    "referred_on",
    "owner",
    "parent",
    "wallet",
    "competitors",
)
_LISTED = ("type", "ownership", "industry", "owner", "parent")  # a list's columns; `show` has them all
_WORDED = ("type", "ownership")  # stored as codes, shown as words in the user's language


@app.callback()
def accounts() -> None:
    """Account commands."""


@app.command("add")
def add(
    code: Annotated[str, typer.Argument(help="The account's code: its customer_id in the transaction data.")],
    name: Annotated[str, typer.Option("--name", help="The account's name.")],
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
    """Add an account to the workspace (a rep's new account is theirs)."""
    from kam.workspace.accounts.schemas import AccountCreate
    from kam.workspace.db import display_url
    from kam.workspace.errors import parse_input
    from kam.workspace.run import run_accounts_add

    fields = {
        "code": code,
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
        "competitors": competitor or [],
    }
    with user_errors(lang):
        url = workspace_url(db, config)
        account = run_accounts_add(url, parse_input(AccountCreate, fields), as_)
    added = text("ws.account_added", lang, code=account.code, name=account.name, where=display_url(url))
    typer.echo(printable(added))


@app.command("import")
def import_(
    customers: Annotated[
        Path,
        typer.Argument(
            help="Customers file (.csv/.xlsx/.parquet), as for kam analyze; also owner, parent, wallet, wallet_unit, competitors."
        ),
    ],
    map_: Annotated[
        list[str] | None, typer.Option("--map", help="Column mapping CANONICAL=YOUR_COLUMN, repeatable.")
    ] = None,
    as_: AsOption = None,
    db: DbOption = None,
    config: ConfigOption = None,
    lang: LangOption = Lang.EN,
) -> None:
    """Create or update accounts from a customers file, all or nothing; accounts are matched by code."""
    from kam.io.mapping import parse_map_options
    from kam.workspace.db import display_url
    from kam.workspace.run import run_accounts_import

    with user_errors(lang):
        url = workspace_url(db, config)
        summary = run_accounts_import(url, customers, parse_map_options(map_ or []), as_)
    total = summary.created + summary.updated + summary.unchanged
    values = summary.model_dump(exclude={"unmatched_owners"})
    said = ntext("ws.accounts_imported", total, lang, where=display_url(url), **values)
    typer.echo(printable(said))
    if summary.unmatched_owners:
        names = ", ".join(summary.unmatched_owners)
        count = len(summary.unmatched_owners)
        typer.echo(printable(ntext("ws.owners_kept", count, lang, count=count, names=names)))


@app.command("list")
def list_(
    deleted: Annotated[bool, typer.Option("--deleted", help="List the deleted accounts instead.")] = False,
    as_json: JsonOption = False,
    as_: AsOption = None,
    db: DbOption = None,
    config: ConfigOption = None,
    lang: LangOption = Lang.EN,
) -> None:
    """List the accounts by code (those this user may see)."""
    from kam.workspace.accounts.schemas import AccountFilters
    from kam.workspace.db import display_url
    from kam.workspace.run import run_accounts_list

    with user_errors(lang):
        url = workspace_url(db, config)
        found = run_accounts_list(url, as_, AccountFilters(deleted=deleted))
    if as_json:
        echo_json(found)
        return
    if not found:
        typer.echo(text("ws.no_accounts", lang))
        return
    rows = (_row(a, lang) for a in found)
    title = text("ws.accounts_title", lang, where=display_url(url))
    console.print(rows_table(title, ("code", "name", *_LISTED), rows, lang, no_wrap=("code", "since")))


def _row(account: AccountPublic, lang: Lang) -> tuple[str, ...]:
    values = _values(account.model_dump(mode="json"))
    return (account.code, account.name, *(_shown(k, values[k], lang) for k in _LISTED))


def _values(account: dict[str, Any]) -> dict[str, Any]:
    """An account's fields as the commands show them: the owner's login (or the name kept for a user to
    come), the wallet as "5000 t", the competitors joined."""
    wallet = account["wallet"]
    return account | {
        "owner": account["owner"] or account["owner_name"],
        "wallet": None if wallet is None else f"{wallet['amount']:,.15g} {wallet['unit']}",
        "competitors": ", ".join(account["competitors"]) or None,
    }


def _shown(field: str, value: object, lang: Lang) -> str:
    """A field's value as a table shows it: types and ownerships as words in `lang`, the rest as stored."""
    if value is None:
        return ""
    return word(str(value), lang) if field in _WORDED else str(value)


@app.command("show")
def show(
    code: Annotated[str, typer.Argument(help="The account's code.")],
    as_json: JsonOption = False,
    as_: AsOption = None,
    db: DbOption = None,
    config: ConfigOption = None,
    lang: LangOption = Lang.EN,
) -> None:
    """Show an account and its interactions, newest first, with the coaching flags of each call."""
    from kam.workspace.run import run_accounts_show

    with user_errors(lang):
        detail = run_accounts_show(workspace_url(db, config), code, as_)
    if as_json:
        payload = {
            "account": detail.account.model_dump(mode="json"),
            "interactions": [i.model_dump(mode="json") for i in detail.interactions],
        }
        typer.echo(dumps_strict(payload, ensure_ascii=False))
        return
    account = _values(detail.account.model_dump(mode="json"))
    console.print(Text.assemble(plain(detail.account.code, "bold"), "  ", plain(detail.account.name)))
    details = " · ".join(
        f"{text(f'ws.label.{k}', lang)}: {_shown(k, account[k], lang) or '-'}" for k in _FIELDS
    )
    console.print(plain(details), soft_wrap=True)
    group = detail.account.group
    if group is not None:
        money = ("-" if v is None else f"{v:,.2f}" for v in (group.revenue, group.net_profit))
        revenue, profit = money
        said = text(
            "ws.group_value",
            lang,
            count=group.accounts,
            codes=", ".join(group.subsidiaries),
            revenue=revenue,
            profit=profit,
            as_of="-" if group.as_of is None else group.as_of.isoformat(),
        )
        console.print(plain(said), soft_wrap=True)
    if detail.interactions:
        title = text("ws.interactions", lang, count=len(detail.interactions))
        console.print(interactions_table(title, detail.interactions, with_account=False, lang=lang))
    else:
        console.print(text("ws.no_interactions", lang))
