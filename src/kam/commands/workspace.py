"""`kam workspace init`, and what the workspace commands share: the --db/--config options and tables."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from kam.commands.common import user_errors
from kam.i18n import Lang, text, word
from kam.settings import load_settings
from kam.terminal import plain, printable

if TYPE_CHECKING:
    import datetime as dt

    from pydantic import BaseModel

    from kam.workspace.interactions.schemas import InteractionPublic

console = Console()

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db", help="Workspace database URL (default: the workspace.url setting, KAM_WORKSPACE__URL)."
    ),
]
LangOption = Annotated[
    Lang, typer.Option("--lang", help="Language of messages and tables: en, zh-Hant, zh-Hans.")
]
ConfigOption = Annotated[
    Path | None,
    typer.Option("--config", help="JSON or TOML config file; its [workspace] table sets the url."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
AsOption = Annotated[
    str | None,
    typer.Option(
        "--as",
        help="Act as this user: only what they may see and change, and their name in the history. Without "
        "it, kam acts as the local operator, with an admin's rights.",
    ),
]

app = typer.Typer(
    help="The workspace database: accounts and their interactions.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


@app.callback()
def workspace() -> None:
    """Workspace database commands."""


def workspace_url(db: str | None, config: Path | None) -> str:
    """--db if given, else the workspace.url setting (environment, then --config)."""
    return db or load_settings(config).workspace.url


def local_time(moment: dt.datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def echo_json(found: Iterable[BaseModel]) -> None:
    """A list of records as strict JSON (the --json answer of the list commands)."""
    from kam.report.jsonout import dumps_strict

    typer.echo(dumps_strict([item.model_dump(mode="json") for item in found], ensure_ascii=False))


def rows_table(
    title: str,
    keys: Sequence[str],
    rows: Iterable[Sequence[str]],
    lang: Lang,
    *,
    no_wrap: Sequence[str] = (),
    right: Sequence[str] = (),
) -> Table:
    """A table whose columns are labelled by `ws.label.<key>` in `lang`, each cell shown as plain text
    (data is never markup); the columns in `no_wrap` are kept on one line, those in `right` aligned right."""
    table = Table(title=plain(title), title_justify="left")
    for key in keys:
        table.add_column(
            text(f"ws.label.{key}", lang),
            overflow="fold",
            no_wrap=key in no_wrap,
            justify="right" if key in right else "left",
        )
    for row in rows:
        table.add_row(*(plain(cell) for cell in row))
    return table


def interactions_table(
    title: str, interactions: Sequence[InteractionPublic], *, with_account: bool = True, lang: Lang = Lang.EN
) -> Table:
    """Interactions with the headline numbers and coaching flags of their call analyses, as plain text."""
    keys = ["when", "kind", "title", "stage", "ratio", "questions", "flags"]
    keys = ["account", *keys] if with_account else keys
    table = Table(title=plain(title), title_justify="left")
    for key in keys:
        numeric = key in ("ratio", "questions")
        table.add_column(
            text(f"ws.label.{key}", lang),
            justify="right" if numeric else "left",
            overflow="fold",
            no_wrap=key == "when",
        )
    for item in interactions:
        analysis = item.analysis
        ratio = None if analysis is None else analysis.customer_to_sales
        row = {
            "account": item.account_code,
            "when": local_time(item.occurred_at),
            "kind": word(str(item.kind), lang),
            "title": item.title,
            "stage": word(str(item.stage or ""), lang),
            "ratio": "" if ratio is None else f"{ratio:.2f}",
            "questions": "" if analysis is None else str(analysis.questions_total),
            "flags": "" if analysis is None else ", ".join(word(f, lang) for f in analysis.flags) or "-",
        }
        table.add_row(*(plain(row[k]) for k in keys))
    return table


@app.command("init")
def init(db: DbOption = None, config: ConfigOption = None, lang: LangOption = Lang.EN) -> None:
    """Create the workspace database, or upgrade it to this version of kam; safe to run again."""
    from kam.workspace.run import run_workspace_init

    with user_errors(lang):
        result = run_workspace_init(workspace_url(db, config))
    if result.before is None:
        key = "init_created"
    elif result.before == result.after:
        key = "init_current"
    else:
        key = "init_upgraded"
    typer.echo(
        printable(text(f"ws.{key}", lang, where=result.where, revision=result.after, before=result.before))
    )
