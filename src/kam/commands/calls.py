"""`kam calls analyze`: coach a salesperson from a meeting transcript (DOMAIN.md §6)."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from kam.calls.messages import message
from kam.calls.models import Language, Stage
from kam.calls.report import render_report
from kam.calls.run import run_calls_analyze
from kam.errors import KamError
from kam.settings import load_settings

app = typer.Typer(
    help="Sales-call coaching: did the salesperson listen, ask, pitch or talk price too early?",
    no_args_is_help=True,
)


@app.callback()
def calls() -> None:
    """Sales-call coaching commands."""


_UI_LANGUAGES = [str(x) for x in (Language.EN, Language.ZH_HANT, Language.ZH_HANS)]


@app.command("analyze")
def analyze(
    files: list[Path] = typer.Argument(
        ..., help="Transcripts: WebVTT, SRT, JSON or 'Name: text' plain text."
    ),
    sales: list[str] = typer.Option([], "--sales", help="A speaker on the sales side (repeatable)."),
    products: list[str] = typer.Option([], "--products", help="A product term (repeatable)."),
    catalog: Path | None = typer.Option(None, "--catalog", help="Product catalog: lines, CSV or JSON."),
    stage: Stage = typer.Option(Stage.DISCOVERY, "--stage", help="Where the deal stands."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per file, one per line."),
    lang: str = typer.Option("en", "--lang", help="Report language: en, zh-Hant or zh-Hans."),
    config: Path | None = typer.Option(
        None, "--config", help="JSON or TOML with a [calls] table of thresholds."
    ),
) -> None:
    """Analyse sales-call transcripts and report talk ratio, questions, pitch, price and coaching flags."""
    if lang not in _UI_LANGUAGES:
        typer.echo(f"error: --lang {lang}: expected one of {', '.join(_UI_LANGUAGES)}", err=True)
        raise typer.Exit(2)
    try:
        settings = load_settings(config).calls
        run = run_calls_analyze(
            files, sales=sales, products=products, catalog=catalog, stage=stage, settings=settings
        )
    except KamError as exc:
        typer.echo(f"{message(lang, 'error')}: {exc}", err=True)
        raise typer.Exit(2) from None
    for i, result in enumerate(run.results):
        if as_json:
            typer.echo(json.dumps(result.to_dict(), ensure_ascii=False))
        else:
            typer.echo(("\n" if i else "") + render_report(result, lang, settings))
    for error in run.errors:
        typer.echo(f"{message(lang, 'error')}: {error}", err=True)
    if run.errors:
        raise typer.Exit(1)
