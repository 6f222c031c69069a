"""`kam stakeholders import|list`: the people of each account's decision chain (決策鏈)."""

from __future__ import annotations

from typing import Any

import typer

from kam.commands.records import RecordCommands, add_record_commands
from kam.domain.decision_chain import DecisionRole, Function, Stance

app = typer.Typer(
    help="Stakeholders: the people of each account's decision chain, their roles, stances and coaches.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


@app.callback()
def stakeholders() -> None:
    """Stakeholder commands."""


def _load() -> tuple[Any, Any, Any]:
    from kam.workspace.stakeholders.run import run_stakeholders_import, run_stakeholders_list
    from kam.workspace.stakeholders.schemas import StakeholderFilters

    return run_stakeholders_import, run_stakeholders_list, StakeholderFilters


add_record_commands(
    app,
    RecordCommands(
        what="stakeholders",
        file_help="Stakeholders file (.csv/.xlsx/.parquet): customer_id, name; also title, function, "
        "decision_role, influence (1-5), stance, coach (yes/no), reports_to (a name), preferences, "
        "purchase_factors.",
        load=_load,
        columns=(
            "id",
            "account",
            "name",
            "title",
            "function",
            "decision_role",
            "influence",
            "stance",
            "coach",
            "last_contact",
        ),
        choices={"function": Function, "decision_role": DecisionRole, "stance": Stance},
        headers={"name": "person", "title": "job_title"},
    ),
)
