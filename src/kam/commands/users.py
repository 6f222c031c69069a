"""`kam users add|update|list` and `kam tokens create|list|revoke`: who may use the workspace, and the
tokens scripts sign in with. A password is read from standard input, a token printed once; neither is
printed or logged anywhere else."""

from __future__ import annotations

import sys
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
    echo_json,
    local_time,
    rows_table,
    workspace_url,
)
from kam.domain.users import Role
from kam.i18n import Lang, text, word
from kam.terminal import printable

users_app = typer.Typer(
    help="Users: who works in the workspace, their role and teams.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
tokens_app = typer.Typer(
    help="API tokens: how scripts sign in to `kam serve`.", no_args_is_help=True, rich_markup_mode=None
)

TeamOption = Annotated[
    list[str] | None, typer.Option("--team", help="A team the user is in, repeatable (created when new).")
]


@users_app.callback()
def users() -> None:
    """User commands."""


@tokens_app.callback()
def tokens() -> None:
    """Token commands."""


@users_app.command("add")
def add(
    login: Annotated[str, typer.Argument(help="The user's login (no spaces).")],
    role: Annotated[
        Role, typer.Option("--role", help="rep: their own accounts; manager: their teams'; admin: all.")
    ],
    team: TeamOption = None,
    name: Annotated[str | None, typer.Option("--name", help="Display name (default: the login).")] = None,
    password_stdin: Annotated[
        bool,
        typer.Option("--password-stdin", help="Read the user's password from standard input (one line)."),
    ] = False,
    as_: AsOption = None,
    db: DbOption = None,
    config: ConfigOption = None,
    lang: LangOption = Lang.EN,
) -> None:
    """Add a user; accounts whose owner was written as their login or name become theirs."""
    from kam.workspace.errors import parse_input
    from kam.workspace.users.run import run_users_add
    from kam.workspace.users.schemas import UserCreate

    password = sys.stdin.readline().rstrip("\r\n") if password_stdin else None
    fields = {"login": login, "display_name": name, "role": role, "teams": team or [], "password": password}
    with user_errors(lang):
        added = run_users_add(workspace_url(db, config), parse_input(UserCreate, fields), as_)
    user = added.user
    teams = ", ".join(user.teams) or "-"
    said = text("ws.user_added", lang, login=user.login, role=word(user.role.value, lang), teams=teams)
    typer.echo(printable(said))
    if added.matched_accounts:
        codes = ", ".join(added.matched_accounts)
        typer.echo(printable(text("ws.user_claimed", lang, login=user.login, codes=codes)))


@users_app.command("update")
def update(
    login: Annotated[str, typer.Argument(help="The user's login.")],
    role: Annotated[Role | None, typer.Option("--role", help="A new role.")] = None,
    team: TeamOption = None,
    name: Annotated[str | None, typer.Option("--name", help="A new display name.")] = None,
    active: Annotated[
        bool | None,
        typer.Option(
            "--active/--inactive", help="Let the user sign in, or stop them (their tokens stop working)."
        ),
    ] = None,
    as_: AsOption = None,
    db: DbOption = None,
    config: ConfigOption = None,
    lang: LangOption = Lang.EN,
) -> None:
    """Change a user's role, teams (--team replaces them all), display name, or whether they may sign in."""
    from kam.workspace.errors import parse_input
    from kam.workspace.users.run import run_users_update
    from kam.workspace.users.schemas import UserChanges

    given = {"role": role, "teams": team, "display_name": name, "active": active}
    changes = {field: value for field, value in given.items() if value is not None}
    with user_errors(lang):
        user = run_users_update(workspace_url(db, config), login, parse_input(UserChanges, changes), as_)
    typer.echo(printable(text("ws.user_updated", lang, login=user.login)))


@users_app.command("list")
def list_(
    as_json: JsonOption = False,
    as_: AsOption = None,
    db: DbOption = None,
    config: ConfigOption = None,
    lang: LangOption = Lang.EN,
) -> None:
    """List the users by login, with their role, teams and whether they may sign in."""
    from kam.workspace.users.run import run_users_list

    with user_errors(lang):
        found = run_users_list(workspace_url(db, config), as_)
    if as_json:
        echo_json(found)
        return
    rows = (
        (
            u.login,
            u.display_name,
            word(u.role.value, lang),
            ", ".join(u.teams),
            text(f"ws.{_yes(u.active)}", lang),
        )
        for u in found
    )
    keys = ("login", "name", "role", "teams", "active")
    console.print(rows_table(text("ws.users_title", lang), keys, rows, lang))


def _yes(value: bool) -> str:
    return "yes" if value else "no"


@tokens_app.command("create")
def create_token(
    login: Annotated[str, typer.Argument(help="The user the token signs in as.")],
    name: Annotated[
        str, typer.Option("--name", help="What the token is for (a script, a laptop).")
    ] = "token",
    as_: AsOption = None,
    db: DbOption = None,
    config: ConfigOption = None,
    lang: LangOption = Lang.EN,
) -> None:
    """Make a token for a user and print it, once, alone on standard output (the note goes to standard
    error): kam keeps only its hash and cannot show it again."""
    from kam.workspace.errors import parse_input
    from kam.workspace.tokens.schemas import TokenCreate
    from kam.workspace.users.run import run_tokens_create

    with user_errors(lang):
        created = run_tokens_create(
            workspace_url(db, config), login, parse_input(TokenCreate, {"name": name}), as_
        )
    details = created.details
    note = text("ws.token_created", lang, id=details.id, login=details.user, name=details.name)
    typer.echo(printable(note), err=True)
    typer.echo(created.token)


@tokens_app.command("list")
def list_tokens(
    as_json: JsonOption = False,
    as_: AsOption = None,
    db: DbOption = None,
    config: ConfigOption = None,
    lang: LangOption = Lang.EN,
) -> None:
    """List the tokens (never the tokens themselves): whose, what for, when made, last used, revoked."""
    from kam.workspace.users.run import run_tokens_list

    with user_errors(lang):
        found = run_tokens_list(workspace_url(db, config), as_)
    if as_json:
        echo_json(found)
        return
    rows = (
        (
            str(t.id),
            t.user,
            t.name,
            *("" if m is None else local_time(m) for m in (t.created_at, t.last_used_at, t.revoked_at)),
        )
        for t in found
    )
    keys = ("id", "login", "name", "created", "last_used", "revoked")
    console.print(rows_table(text("ws.tokens_title", lang), keys, rows, lang))


@tokens_app.command("revoke")
def revoke_token(
    token_id: Annotated[
        int, typer.Argument(help="The token's id (see kam tokens list).", min=1, max=2**31 - 1)
    ],
    as_: AsOption = None,
    db: DbOption = None,
    config: ConfigOption = None,
    lang: LangOption = Lang.EN,
) -> None:
    """Revoke a token: it signs nobody in from now on."""
    from kam.workspace.users.run import run_tokens_revoke

    with user_errors(lang):
        token = run_tokens_revoke(workspace_url(db, config), token_id, as_)
    typer.echo(printable(text("ws.token_revoked", lang, id=token.id, login=token.user)))
