"""`kam calls analyze`: coach a salesperson from a meeting transcript (DOMAIN.md §6); `--store` records it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer

from kam.commands.common import print_error, user_errors
from kam.domain.calls import Language
from kam.domain.dates import EARLIEST_DATE
from kam.domain.interactions import InteractionKind
from kam.domain.stages import Stage
from kam.errors import ConfigError
from kam.i18n import Notice, ntext, text
from kam.report.jsonout import dumps_strict
from kam.settings import load_settings
from kam.terminal import printable

app = typer.Typer(
    help="Sales-call coaching: did the salesperson listen, ask, pitch or talk price too early?",
    no_args_is_help=True,
    rich_markup_mode=None,  # help texts are plain text: [workspace] is a word, not markup
)


@app.callback()
def calls() -> None:
    """Sales-call coaching commands."""


_UI_LANGUAGES = [str(x) for x in (Language.EN, Language.ZH_HANT, Language.ZH_HANS)]


def parse_at(value: str | None) -> dt.datetime | None:
    """An ISO date and time from the earliest plausible date to today (a day's grace for time zones);
    without a zone it is local time."""
    if value is None:
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise ConfigError(Notice("bad_at", value=value)) from None
    today = dt.date.today()
    if not EARLIEST_DATE <= moment.date() <= today + dt.timedelta(days=1):
        raise ConfigError(Notice("at_range", value=value, earliest=EARLIEST_DATE, today=today))
    return moment if moment.tzinfo is not None else moment.astimezone()


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
        None, "--config", help="JSON or TOML with a [calls] table of thresholds (and [workspace])."
    ),
    store: bool = typer.Option(
        False,
        "--store",
        help="Record each call as an interaction of --account in the workspace; all or nothing.",
    ),
    account: str | None = typer.Option(None, "--account", help="Code of the account the calls belong to."),
    db: str | None = typer.Option(
        None, "--db", help="Workspace database URL (default: the workspace.url setting)."
    ),
    at: str | None = typer.Option(
        None,
        "--at",
        help="When the calls happened, ISO date and time (default: the time in each transcript's header).",
    ),
    kind: InteractionKind | None = typer.Option(None, "--kind", help="Kind of interaction (default: call)."),
    as_: str | None = typer.Option(
        None,
        "--as",
        help="With --store: store as this user (an account they may change; their name in the history).",
    ),
) -> None:
    """Analyse sales-call transcripts and report talk ratio, questions, pitch, price and coaching flags."""
    from kam.render.calls import call_report  # the phrase tables load only when calls are analysed
    from kam.usecases.calls import run_calls_analyze

    with user_errors():
        if lang not in _UI_LANGUAGES:
            raise ConfigError(Notice("lang_option", value=lang, choices=", ".join(_UI_LANGUAGES)))
    with user_errors(lang):
        if store and account is None:
            raise ConfigError(Notice("store_needs_account"))
        only_with_store = [
            o
            for o, v in (("--account", account), ("--db", db), ("--at", at), ("--kind", kind), ("--as", as_))
            if v
        ]
        if not store and only_with_store:
            raise ConfigError(Notice("store_options", options=", ".join(only_with_store)))
        when = parse_at(at)
        settings = load_settings(config)
        if store and account is not None:
            from kam.workspace.run import run_calls_analyze_and_store

            run, stored = run_calls_analyze_and_store(
                db or settings.workspace.url,
                account,
                files,
                sales=sales,
                products=products,
                catalog=catalog,
                stage=stage,
                kind=kind or InteractionKind.CALL,
                at=when,
                settings=settings.calls,
                as_login=as_,
            )
        else:
            run = run_calls_analyze(
                files, sales=sales, products=products, catalog=catalog, stage=stage, settings=settings.calls
            )
            stored = None
    for i, result in enumerate(run.results):
        if as_json:
            typer.echo(dumps_strict(result.to_dict(), ensure_ascii=False))
        else:
            typer.echo(("\n" if i else "") + printable(call_report(result, lang, settings.calls)))
    for error in run.errors:  # each file that could not be analysed; the others were reported above
        print_error(error, lang)
    if run.errors:
        if store:
            typer.echo(text("calls.nothing_stored", lang), err=True)
        raise typer.Exit(1)  # some files failed, the others were reported: not a KamError exit (2)
    if stored is not None:
        count = stored.created + stored.updated
        summary = ntext(
            "calls.stored",
            count,
            lang,
            count=count,
            account=stored.account,
            where=stored.where,
            created=stored.created,
            updated=stored.updated,
        )
        typer.echo(printable(summary), err=as_json)  # with --json, stdout stays JSON lines
        if stored.proposed:
            proposed = ntext(
                "calls.proposed", stored.proposed, lang, count=stored.proposed, account=stored.account
            )
            typer.echo(printable(proposed), err=as_json)


@app.command("trend")
def trend(
    sales: str = typer.Option(
        ..., "--sales", help="The salesperson: a sales speaker's name or its first word."
    ),
    db: str | None = typer.Option(
        None, "--db", help="Workspace database URL (default: the workspace.url setting)."
    ),
    as_json: bool = typer.Option(
        False, "--json", help="One JSON object: every measure's series and direction."
    ),
    lang: str = typer.Option("en", "--lang", help="Report language: en, zh-Hant or zh-Hans."),
    config: Path | None = typer.Option(
        None, "--config", help="JSON or TOML with a [calls] table of thresholds (and [workspace])."
    ),
) -> None:
    """How a salesperson's stored calls move: talk share, questions, open questions, flags, next steps."""
    from kam.render.calls_trend import render_trend
    from kam.workspace.run import run_calls_trend

    with user_errors():
        if lang not in _UI_LANGUAGES:
            raise ConfigError(Notice("lang_option", value=lang, choices=", ".join(_UI_LANGUAGES)))
    with user_errors(lang):
        settings = load_settings(config)
        found = run_calls_trend(db or settings.workspace.url, sales, settings.calls)
    if as_json:
        typer.echo(dumps_strict(found.to_dict(), ensure_ascii=False))
    else:
        typer.echo(render_trend(found, lang))
