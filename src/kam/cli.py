"""The `kam` command line: thin Typer commands, each calling one run function."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="kam",
    help="Key account management: value analytics, CLV forecasts and sales-call coaching.",
    no_args_is_help=True,
    add_completion=False,
)

# Sub-command groups register here, one line each.
