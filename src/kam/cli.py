"""The `kam` command line: thin Typer commands, each calling one run function."""

from __future__ import annotations

import typer

from kam.commands.calls import app as calls_app

app = typer.Typer(
    name="kam",
    help="Key account management: value analytics, CLV forecasts and sales-call coaching.",
    no_args_is_help=True,
    add_completion=False,
)

# Sub-command groups register here, one line each.
app.add_typer(calls_app, name="calls")
