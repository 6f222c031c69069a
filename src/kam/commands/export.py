"""`kam export ENTITY`: the records of a kind that a user may see, as a CSV or Excel file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kam.commands.common import user_errors
from kam.commands.workspace import AsOption, ConfigOption, DbOption, LangOption, workspace_url
from kam.i18n import Lang, ntext, text
from kam.report.tables import TableFormat
from kam.terminal import printable
from kam.workspace.vocabulary import ExportEntity


def export(
    entity: Annotated[ExportEntity, typer.Argument(help="What to export.")],
    fmt: Annotated[TableFormat, typer.Option("--format", help="csv (UTF-8, for Excel too) or xlsx.")] = (
        TableFormat.CSV
    ),
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", help="A new file to write (default: ENTITY.csv or ENTITY.xlsx here); never replaced."
        ),
    ] = None,
    as_: AsOption = None,
    db: DbOption = None,
    config: ConfigOption = None,
    lang: LangOption = Lang.EN,
) -> None:
    """Export the records this user may see as CSV or Excel, formula-safe, with the fields' names as headings."""
    from kam.usecases.export import run_export

    with user_errors(lang):
        url = workspace_url(db, config)
        result = run_export(url, entity, fmt, out or Path(f"{entity.value}.{fmt.value}"), as_)
    said = ntext(
        "ws.exported",
        result.records,
        lang,
        count=result.records,
        what=text(f"ws.records.{entity.value.replace('-', '_')}", lang),
        file=str(result.file),
        where=result.where,
    )
    typer.echo(printable(said))
