"""The `kam` command line: thin Typer commands, each calling one run function."""

from __future__ import annotations

import os
import sys

import typer

from kam.allocator import tune_allocator
from kam.commands.accounts import app as accounts_app
from kam.commands.analyze import analyze
from kam.commands.calls import app as calls_app
from kam.commands.clv import app as clv_app
from kam.commands.coach import coach, plan, proposals_app
from kam.commands.contracts import app as contracts_app
from kam.commands.deals import app as deals_app
from kam.commands.demo import demo_data
from kam.commands.export import export
from kam.commands.interactions import app as interactions_app
from kam.commands.needs import app as needs_app
from kam.commands.next_steps import app as next_steps_app
from kam.commands.referrals import app as referrals_app
from kam.commands.serve import serve
from kam.commands.stakeholders import app as stakeholders_app
from kam.commands.users import tokens_app, users_app
from kam.commands.workspace import app as workspace_app
from kam.io.scratch import remove_scratch

app = typer.Typer(
    name="kam",
    help="Key account management: value analytics, CLV forecasts, sales-call coaching and a workspace.",
    no_args_is_help=True,
    rich_markup_mode=None,  # help texts are plain text: [workspace] is a word, not markup
    add_completion=False,
)
app.command("analyze")(analyze)
app.command("demo-data")(demo_data)
app.command("serve")(serve)
app.command("export")(export)

# Sub-command groups register here, one line each.
app.add_typer(calls_app, name="calls")
app.add_typer(clv_app, name="clv")
app.add_typer(workspace_app, name="workspace")
app.add_typer(accounts_app, name="accounts")
app.add_typer(interactions_app, name="interactions")
app.add_typer(users_app, name="users")
app.add_typer(tokens_app, name="tokens")
app.add_typer(needs_app, name="needs")
app.add_typer(stakeholders_app, name="stakeholders")
app.add_typer(deals_app, name="deals")
app.add_typer(next_steps_app, name="next-steps")
app.add_typer(contracts_app, name="contracts")
app.add_typer(referrals_app, name="referrals")
app.command("coach")(coach)
app.command("plan")(plan)
app.add_typer(proposals_app, name="proposals")


def main() -> None:
    """The `kam` console script: run the command, flush, and leave without tearing the interpreter down.

    Freeing a large analysis object by object at exit takes a noticeable fraction of a second and
    nothing is left to do: every output is written and closed before a command returns.
    """
    tune_allocator()
    try:
        app()
        code: int | str | None = 0
    except SystemExit as exc:
        code = exc.code
    if isinstance(code, str):
        print(code, file=sys.stderr)
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    remove_scratch()  # os._exit skips atexit
    _close_workspaces()
    os._exit(code or 0)


def _close_workspaces() -> None:
    """Close the connections of the workspaces the command used (os._exit skips atexit); a command that
    used none has not loaded the database layer, and does not load it now."""
    db = sys.modules.get("kam.workspace.db")
    if db is not None:
        db.dispose_engines()
