"""The `kam` command line: thin Typer commands, each calling one run function."""

from __future__ import annotations

import typer

from kam.commands.accounts import app as accounts_app
from kam.commands.analyze import analyze
from kam.commands.calls import app as calls_app
from kam.commands.clv import app as clv_app
from kam.commands.demo import demo_data
from kam.commands.interactions import app as interactions_app
from kam.commands.workspace import app as workspace_app

app = typer.Typer(
    name="kam",
    help="Key account management: value analytics, CLV forecasts, sales-call coaching and a workspace.",
    no_args_is_help=True,
    add_completion=False,
)
app.command("analyze")(analyze)
app.command("demo-data")(demo_data)

# Sub-command groups register here, one line each.
app.add_typer(calls_app, name="calls")
app.add_typer(clv_app, name="clv")
app.add_typer(workspace_app, name="workspace")
app.add_typer(accounts_app, name="accounts")
app.add_typer(interactions_app, name="interactions")
