"""`kam contracts import|list`: each account's contract volumes and values, year by year."""

from __future__ import annotations

from typing import Any

import typer

from kam.commands.records import RecordCommands, add_record_commands

app = typer.Typer(
    help="Contracts: each account's annual contract volume and value, by product, year by year.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


@app.callback()
def contracts() -> None:
    """Contract commands."""


def _load() -> tuple[Any, Any, Any]:
    from kam.workspace.contracts.run import run_contracts_import, run_contracts_list
    from kam.workspace.contracts.schemas import ContractFilters

    return run_contracts_import, run_contracts_list, ContractFilters


add_record_commands(
    app,
    RecordCommands(
        what="contracts",
        file_help="Contracts file (.csv/.xlsx/.parquet): customer_id, year, product; also volume, unit, "
        "value, currency.",
        load=_load,
        columns=("id", "account", "year", "product", "volume", "unit", "value", "currency"),
        choices={},
    ),
)
