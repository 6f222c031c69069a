"""`kam needs classify|import|list`: is a customer's statement a need (需求) or a want (需要)? (DOMAIN.md §5); and
each account's needs iceberg in the workspace."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from kam.commands.common import user_errors
from kam.commands.records import RecordCommands, add_record_commands
from kam.domain.needs import NeedDepth, NeedKind, NeedStatus
from kam.i18n import Lang, text
from kam.i18n.labels import label
from kam.report.jsonout import dumps_strict
from kam.settings import load_settings
from kam.terminal import printable

app = typer.Typer(
    help="Customer needs: tell a need (lasting, open about the solution) from a want (one-off, prescribing its own); import and list each account's needs iceberg.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


@app.callback()
def needs() -> None:
    """Needs commands."""


@app.command("classify")
def classify(
    statements: Annotated[
        list[str] | None, typer.Argument(help="Statements to classify, in English or Chinese.")
    ] = None,
    file: Annotated[
        Path | None,
        typer.Option(
            "--file",
            help="A text file of one statement a line (UTF-8, Big5 or GB18030), after the arguments.",
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="One JSON object per statement, one per line.")
    ] = False,
    lang: Annotated[
        Lang, typer.Option("--lang", help="Language of the reasons: en, zh-Hant, zh-Hans.")
    ] = Lang.EN,
    config: Annotated[
        Path | None, typer.Option("--config", help="JSON or TOML with a [coach] table of thresholds.")
    ] = None,
) -> None:
    """Classify each statement as a need, a want or undecided, with a confidence and the reasons."""
    from kam.coach.run import run_needs_classify
    from kam.render.coach import classification_dict, say_reason

    with user_errors(lang):
        settings = load_settings(config)
        results = run_needs_classify(statements or [], file, settings.coach)
    for i, result in enumerate(results):
        if as_json:
            typer.echo(dumps_strict(classification_dict(result, lang), ensure_ascii=False))
            continue
        verdict = text(
            "needs.verdict", lang, kind=label(result.kind, lang), confidence=f"{result.confidence:.2f}"
        )
        lines = [printable(result.text, one_line=True), f"  {verdict}"]
        lines += [f"  - {printable(say_reason(reason, lang), one_line=True)}" for reason in result.reasons]
        typer.echo(("\n" if i else "") + "\n".join(lines))


def _load() -> tuple[Any, Any, Any]:
    from kam.workspace.needs.run import run_needs_import, run_needs_list
    from kam.workspace.needs.schemas import NeedFilters

    return run_needs_import, run_needs_list, NeedFilters


add_record_commands(
    app,
    RecordCommands(
        what="needs",
        file_help="Needs file (.csv/.xlsx/.parquet): customer_id, statement; also said_by (a stakeholder's "
        "name), depth, parent (the statement it answers why about), kind (need/want: overrides the "
        "classifier), status, confirmed_on.",
        load=_load,
        columns=("id", "account", "statement", "said_by", "depth", "parent", "kind", "status"),
        choices={"depth": NeedDepth, "kind": NeedKind, "status": NeedStatus},
        headers={"parent": "parent_need", "kind": "need_kind"},
    ),
)
