"""The commands every kind of record under an account has, made once: `kam <records> import FILE [--map
...] [--as LOGIN]` (all or nothing, through the same readers as the other files) and `kam <records> list
[--account CODE] [--deleted] [--json] [--as LOGIN]`. A feature's command module describes its records
(`RecordCommands`) and calls `add_record_commands`.

(No `from __future__ import annotations` here: Typer reads the commands' annotations, which use the
description of the records, when the commands are registered.)
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import BaseModel
from rich.table import Table

from kam.commands.common import user_errors
from kam.commands.workspace import (
    AsOption,
    ConfigOption,
    DbOption,
    JsonOption,
    LangOption,
    console,
    workspace_url,
)
from kam.i18n import Lang, text
from kam.report.jsonout import dumps_strict
from kam.terminal import plain, printable

MapOption = Annotated[
    list[str] | None, typer.Option("--map", help="Column mapping CANONICAL=YOUR_COLUMN, repeatable.")
]
AccountOption = Annotated[
    str | None, typer.Option("--account", help="Only this account's records (its code).")
]
DeletedOption = Annotated[
    bool, typer.Option("--deleted", help="List the deleted ones instead (to restore one).")
]


@dataclass(frozen=True)
class RecordCommands:
    """One kind of record as the commands show it: `what` (stakeholders; the catalogs' ws.records.<what>
    names it), the help of its file argument, `load` (imported when a command runs, so that `kam --help`
    loads no database code) giving the run functions and the filters' schema, the columns of its list
    (their headers are ws.label.<column>), and which of them hold a choice shown by its label."""

    what: str
    file_help: str
    load: Callable[[], tuple[Callable[..., Any], Callable[..., Sequence[BaseModel]], type[BaseModel]]]
    columns: tuple[str, ...]
    choices: Mapping[str, type[StrEnum]]
    headers: Mapping[str, str] = field(default_factory=dict)  # column -> its ws.label.<key>, if not its name


def add_record_commands(app: typer.Typer, records: RecordCommands) -> None:
    """Register `import` and `list` for `records` on `app`."""

    def import_(
        file: Annotated[Path, typer.Argument(help=records.file_help)],
        map_: MapOption = None,
        as_: AsOption = None,
        db: DbOption = None,
        config: ConfigOption = None,
        lang: LangOption = Lang.EN,
    ) -> None:
        """Create or update records from a file, all or nothing; importing the same file again changes nothing."""
        from kam.io.mapping import parse_map_options
        from kam.workspace.db import display_url

        run_import, _, _ = records.load()
        with user_errors(lang):
            url = workspace_url(db, config)
            summary = run_import(url, file, parse_map_options(map_ or []), as_)
        what = text(f"ws.records.{records.what}", lang)
        said = text("ws.records_imported", lang, where=display_url(url), what=what, **summary.model_dump())
        typer.echo(printable(said))

    def list_(
        account: AccountOption = None,
        deleted: DeletedOption = False,
        as_json: JsonOption = False,
        as_: AsOption = None,
        db: DbOption = None,
        config: ConfigOption = None,
        lang: LangOption = Lang.EN,
    ) -> None:
        """List the records this user may see."""
        from kam.workspace.db import display_url
        from kam.workspace.errors import parse_input

        _, run_list, filters = records.load()
        with user_errors(lang):
            url = workspace_url(db, config)
            found = run_list(url, parse_input(filters, {"account": account, "deleted": deleted}), as_)
        print_records(records, [r.model_dump(mode="json") for r in found], display_url(url), as_json, lang)

    import_.__doc__ = f"Create or update {records.what.replace('_', ' ')} from a file, all or nothing; importing the same file again changes nothing."
    list_.__doc__ = f"List the {records.what.replace('_', ' ')} this user may see."
    app.command("import")(import_)
    app.command("list")(list_)


def print_records(
    records: RecordCommands, found: list[dict[str, Any]], where: str, as_json: bool, lang: Lang
) -> None:
    """The records as JSON (every field) or as a table of the list's columns, as plain text."""
    if as_json:
        typer.echo(dumps_strict(found, ensure_ascii=False))
        return
    what = text(f"ws.records.{records.what}", lang)
    if not found:
        typer.echo(text("ws.no_records", lang, what=what))
        return
    table = Table(title=plain(text("ws.records_title", lang, what=what, where=where)), title_justify="left")
    for column in records.columns:
        header = text(f"ws.label.{records.headers.get(column, column)}", lang)
        table.add_column(header, overflow="fold", no_wrap=column == "id")
    for record in found:
        table.add_row(*(plain(shown(records, column, record[column], lang)) for column in records.columns))
    console.print(table)


def shown(records: RecordCommands, column: str, value: Any, lang: Lang) -> str:
    """A value as a table shows it: a choice by its label in `lang`, yes/no in words, a list joined."""
    from kam.i18n.labels import label

    if value is None:
        return ""
    if isinstance(value, bool):
        return text("ws.yes" if value else "ws.no", lang)
    if isinstance(value, list):
        return ", ".join(shown(records, column, v, lang) for v in value)
    enum = records.choices.get(column)
    return label(enum(value), lang) if enum is not None else str(value)
