"""`kam deals import|list`: what each account may buy, how far it has come, and when it was quoted."""

from __future__ import annotations

from typing import Any

import typer

from kam.commands.records import RecordCommands, add_record_commands
from kam.domain.deals import DealStage

app = typer.Typer(
    help="Deals: what each account may buy, its stage, the needs it answers, who is involved and when a price "
    "was first quoted.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


@app.callback()
def deals() -> None:
    """Deal commands."""


def _load() -> tuple[Any, Any, Any]:
    from kam.workspace.deals.run import run_deals_import, run_deals_list
    from kam.workspace.deals.schemas import DealFilters

    return run_deals_import, run_deals_list, DealFilters


add_record_commands(
    app,
    RecordCommands(
        what="deals",
        file_help="Deals file (.csv/.xlsx/.parquet): customer_id, title; also value, currency, stage, "
        "expected_close, needs (statements of stored needs, separated by |), stakeholders (names of stored "
        "stakeholders involved, separated by |), quoted_on, quoted_stage.",
        load=_load,
        columns=(
            "id",
            "account",
            "title",
            "value",
            "currency",
            "stage",
            "expected_close",
            "quoted_on",
            "quoted_stage",
        ),
        choices={"stage": DealStage, "quoted_stage": DealStage},
        headers={"title": "deal_title"},
    ),
)
