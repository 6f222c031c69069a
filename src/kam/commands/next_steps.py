"""`kam next-steps list`: what is to be done next for each account, and what is late, per user."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from kam.commands.common import user_errors
from kam.commands.records import AccountOption, DeletedOption, RecordCommands, print_records
from kam.commands.workspace import AsOption, ConfigOption, DbOption, JsonOption, LangOption, workspace_url
from kam.i18n import Lang

app = typer.Typer(
    help="Next steps: tasks on accounts, deals and interactions, who is to do them and by when.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


def _load() -> tuple[Any, Any, Any]:
    from kam.workspace.next_steps.run import run_next_steps_list
    from kam.workspace.next_steps.schemas import NextStepFilters

    return None, run_next_steps_list, NextStepFilters


NEXT_STEPS = RecordCommands(
    what="next_steps",
    file_help="",
    load=_load,
    columns=("id", "account", "what", "assignee", "due_on", "done", "overdue", "deal"),
    choices={},
    headers={"what": "step", "deal": "deal_id"},
)


@app.callback()
def next_steps() -> None:
    """Next-step commands."""


@app.command("list")
def list_(
    account: AccountOption = None,
    assignee: Annotated[
        str | None, typer.Option("--assignee", help="Only this user's steps: a login, or me (with --as).")
    ] = None,
    overdue: Annotated[
        bool, typer.Option("--overdue", help="Only the steps not done and due before today (UTC).")
    ] = False,
    open_: Annotated[bool, typer.Option("--open", help="Only the steps not done yet.")] = False,
    deleted: DeletedOption = False,
    as_json: JsonOption = False,
    as_: AsOption = None,
    db: DbOption = None,
    config: ConfigOption = None,
    lang: LangOption = Lang.EN,
) -> None:
    """List the next steps this user may see: `--overdue --assignee me --as amy` is amy's late work."""
    from kam.workspace.db import display_url
    from kam.workspace.errors import parse_input

    _, run_list, filters = NEXT_STEPS.load()
    given = {
        "account": account,
        "assignee": assignee,
        "overdue": True if overdue else None,
        "done": False if open_ else None,
        "deleted": deleted,
    }
    with user_errors(lang):
        url = workspace_url(db, config)
        found = run_list(url, parse_input(filters, given), as_)
    print_records(NEXT_STEPS, [s.model_dump(mode="json") for s in found], display_url(url), as_json, lang)
