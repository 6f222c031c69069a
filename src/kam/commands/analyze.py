"""`kam analyze`: find the real key accounts and unmask the fake ones."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import narwhals as nw
import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from kam.analytics.changes import Changes
from kam.commands.common import SparkConfOption, SparkMasterOption, print_notes, user_errors
from kam.commands.hints import said
from kam.domain.languages import Lang
from kam.engines import Engine
from kam.errors import ConfigError
from kam.i18n import Notice, text
from kam.io.mapping import parse_map_options, read_mapping_file
from kam.io.options import CANCELLATION_PATTERN, RETURN_TYPES, DecimalMark, OnError, ReadOptions
from kam.render.changes import changes_view
from kam.report.output import output_folder
from kam.settings import load_settings
from kam.shell import map_option
from kam.spark.session import SparkOptions, parse_conf
from kam.terminal import plain
from kam.usecases.analyze import AnalyzeOptions, AnalyzeResult, run_analyze
from kam.usecases.detect import Detection, run_detect

console = Console()


STEPS = ("read", "metrics", "write")  # run_analyze's steps, in order; labels are "ui.step.<step>"
AT_RISK_SHOWN = 10  # key accounts at risk listed in the terminal (report.html lists them first of the key)


def _date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ConfigError(Notice("as_of_option", value=value)) from None


def _show_detection(found: Detection, lang: Lang) -> None:
    encoding = found.encoding or text("detect.typed", lang)
    settings = (
        f"  {text('detect.encoding', lang)}={encoding}  {text('detect.header', lang)}={found.has_header}"
    )
    console.print(Text.assemble(plain(found.label, "bold"), plain(settings)))
    table = Table(
        text("detect.kam_column", lang), text("detect.your_column", lang), text("detect.example", lang)
    )
    example = found.sample[0] if found.sample else {}
    for name, source in found.mapping.items():
        table.add_row(name, plain(source), plain(example.get(source, "")))
    console.print(table)
    unmapped = [c for c in found.columns if c not in found.mapping.values()]
    if unmapped:
        console.print(plain(f"{text('detect.not_used', lang)}: " + ", ".join(unmapped)))
    if found.missing_required:
        missing = ", ".join(found.missing_required)
        console.print(f"[red]{text('detect.missing', lang)}:[/] {missing} — {text('detect.add_map', lang)}")
    reading = []
    if found.date_format is not None:
        roc = f" ({text('detect.roc', lang)})" if found.roc_dates else ""
        reading.append(f"{text('detect.dates', lang)}: {found.date_format}{roc}")
    if found.decimal_comma is not None:
        mark = text("detect.decimal_comma" if found.decimal_comma else "detect.decimal_point", lang)
        reading.append(f"{text('detect.numbers', lang)}: {mark}")
    if reading:
        console.print(plain(" · ".join(reading)), soft_wrap=True)
    options = " ".join(map_option(name, source) for name, source in found.mapping.items())
    console.print(plain(f"{text('detect.mapping', lang)}: {options}"), soft_wrap=True)
    print_notes(console, [said(note, lang) for note in found.notes])


def _show_at_risk(result: AnalyzeResult, lang: Lang) -> None:
    """The key accounts at risk, first by value, with their reasons (the first AT_RISK_SHOWN)."""
    accounts = result.analysis.accounts
    at_risk = accounts.filter(nw.col("at_risk"))
    if at_risk.shape[0] == 0:
        return
    table = Table(title=text("ui.at_risk_list", lang), show_lines=False)
    table.add_column(text("ui.customer", lang))
    table.add_column(text("ui.reasons", lang))
    named = "name" in at_risk.columns
    for row in at_risk.head(AT_RISK_SHOWN).iter_rows(named=True):
        who = str(row["customer_id"]) + (f" · {row['name']}" if named and row["name"] else "")
        table.add_row(plain(who), plain(str(row["reasons"])))
    console.print(table)
    more = at_risk.shape[0] - AT_RISK_SHOWN
    if more > 0:
        console.print(plain(text("ui.more", lang, n=more)))


def _show_changes(changes: Changes, lang: Lang) -> None:
    """What moved since the earlier analysis: the moves, then each list with the figures that changed."""
    view = changes_view(changes, lang)
    console.print(plain(view.heading, "bold"))
    if view.moves:
        moves = Table(text("ui.changes.from", lang), text("ui.changes.to", lang), text("ui.count", lang))
        for before, now, count in view.moves:
            moves.add_row(plain(before), plain(now), f"{count:,}")
        console.print(moves)
    for _, title, rows in view.lists:
        console.print(plain(title, "bold"))
        for row in rows:
            console.print(plain(f"  {row.who}: {row.move}; {'; '.join(row.figures)}"), soft_wrap=True)
    for note in view.notes:
        console.print(plain(note))


def _show_summary(result: AnalyzeResult, lang: Lang) -> None:
    summary = result.summary
    table = Table(title=f"{text('ui.title', lang)} · {text('ui.as_of', lang)} {summary.as_of}")
    table.add_column(text("ui.segments", lang))
    table.add_column(text("ui.count", lang), justify="right")
    for seg, n in summary.segments.items():
        table.add_row(text(f"segment.{seg}", lang), f"{n:,}")
        if seg == "key":
            table.add_row(plain(f"  {text('ui.at_risk', lang)}", "red"), plain(f"{summary.at_risk:,}", "red"))
    console.print(table)
    _show_at_risk(result, lang)
    listed = summary.potential_list
    if listed.qualified > listed.listed:
        console.print(plain(text("ui.potential_list", lang, **listed.model_dump())), soft_wrap=True)
    if result.changes is not None:
        _show_changes(result.changes, lang)
    fig = result.analysis.figures
    basis = text(f"basis.{result.analysis.basis}", lang)
    if fig.share_of_customers_for_80pct is not None:
        console.print(
            f"{text('ui.pareto_share', lang).format(basis=basis)}: {fig.share_of_customers_for_80pct:.1%}"
        )
    console.print(
        f"{text('ui.top5', lang)}: {fig.top5_share:.1%} · {text('ui.top20', lang)}: {fig.top20_share:.1%}"
    )
    notes = [item.message for item in summary.missing]
    notes += [said(warning, lang) for warning in summary.warnings]
    if summary.rows_rejected:
        notes.append(Notice("rejected", count=summary.rows_rejected).say(lang))
    print_notes(console, notes)
    for path in result.written:
        console.print(plain(f"{text('ui.written', lang)} {path}"), soft_wrap=True)


def analyze(
    source: Annotated[
        str | None,
        typer.Argument(
            help="Transactions file (.csv/.tsv/.txt/.xlsx/.parquet) or, with --table, a database URL. "
            "With --engine spark: a Parquet or CSV path (local, s3a://, hdfs://), or none with --table."
        ),
    ] = None,
    out: Annotated[
        str | None,
        typer.Option(
            "--out",
            help="Folder for accounts.csv/.xlsx/.parquet, summary.json, report.html: new, empty, or of an earlier "
            "run (only kam's own files are replaced).",
        ),
    ] = None,
    map_: Annotated[
        list[str] | None, typer.Option("--map", help="Column mapping CANONICAL=YOUR_COLUMN, repeatable.")
    ] = None,
    mapping_file: Annotated[
        Path | None, typer.Option("--mapping", help="Mapping file (TOML or JSON).")
    ] = None,
    customers: Annotated[
        Path | None,
        typer.Option(
            "--customers",
            help="Customers table: name, owner, type, ownership, since, referred_by, payment_days, service_cost.",
        ),
    ] = None,
    customer_map: Annotated[
        list[str] | None, typer.Option("--customers-map", help="Column mapping for the customers table.")
    ] = None,
    table: Annotated[
        str | None,
        typer.Option(
            "--table",
            help="Read this database table; SOURCE is then a database URL. With --engine spark: a Spark "
            "table (db.sales).",
        ),
    ] = None,
    sheet: Annotated[
        str | None, typer.Option("--sheet", help="Excel sheet name (default: the first).")
    ] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Analysis date (default: the last date in the data).")
    ] = None,
    lang: Annotated[Lang, typer.Option("--lang", help="Language of reasons and report.")] = Lang.EN,
    config: Annotated[
        Path | None, typer.Option("--config", help="TOML/JSON file overriding thresholds ([value] table).")
    ] = None,
    on_error: Annotated[
        OnError,
        typer.Option("--on-error", help="raise: stop at bad rows; skip: set them aside in rejected.csv."),
    ] = OnError.RAISE,
    date_format: Annotated[
        str | None, typer.Option("--date-format", help="strftime format of the date column, e.g. %d/%m/%Y.")
    ] = None,
    decimal: Annotated[
        DecimalMark,
        typer.Option(
            "--decimal", help="Decimal mark of text numbers: auto (from the first rows), point or comma."
        ),
    ] = DecimalMark.AUTO,
    cancel_pattern: Annotated[
        str, typer.Option("--cancel-pattern", help="Regex on order_id marking cancellations ('' to disable).")
    ] = CANCELLATION_PATTERN,
    currency: Annotated[
        str | None, typer.Option("--currency", help="Keep only lines in this currency.")
    ] = None,
    return_types: Annotated[
        str,
        typer.Option(
            "--return-types",
            help="Regex on the document-type column (line_type) marking returns ('' to disable).",
        ),
    ] = RETURN_TYPES,
    no_forecast: Annotated[bool, typer.Option("--no-forecast", help="Skip the CLV models.")] = False,
    streaming: Annotated[
        bool,
        typer.Option(
            "--streaming", help="Stream the data from disk in every pass (for data larger than memory)."
        ),
    ] = False,
    detect: Annotated[
        bool, typer.Option("--detect", help="Only show the columns found and the mapping kam would use.")
    ] = False,
    engine: Annotated[
        Engine,
        typer.Option(
            "--engine",
            help="Engine of the passes over the lines: polars (one machine, fastest there), duckdb, or spark "
            "(a cluster; see docs/spark.md).",
        ),
    ] = Engine.POLARS,
    spark_master: SparkMasterOption = None,
    spark_conf: SparkConfOption = None,
    compare: Annotated[
        Path | None,
        typer.Option(
            "--compare",
            help="The output folder of an earlier analysis: say what moved since then (segments, key "
            "accounts lost, new fakes, newly lapsed, newly at risk).",
        ),
    ] = None,
) -> None:
    """Compute each customer's value, name the key, high-potential and fake key accounts, with reasons."""
    with user_errors(lang):
        mapping = read_mapping_file(mapping_file) if mapping_file else {}
        mapping.update(parse_map_options(map_ or []))
        if detect:
            if source is None:
                raise ConfigError(Notice("no_source"))
            _show_detection(run_detect(source, ReadOptions(mapping=mapping, table=table, sheet=sheet)), lang)
            return
        settings = load_settings(config)
        read = ReadOptions(
            mapping=mapping,
            table=table,
            sheet=sheet,
            on_error=on_error,
            date_format=date_format,
            decimal=decimal,
            cancellation_pattern=cancel_pattern or None,
            return_types=return_types or None,
            currency=currency,
            streaming=streaming,
        )
        options = AnalyzeOptions(
            source=source or "",
            read=read,
            customers=customers,
            customer_mapping=parse_map_options(customer_map or []),
            as_of=_date(as_of),
            out=None if out is None else output_folder(out),
            lang=lang,
            forecast=not no_forecast,
            engine=engine,
            spark=SparkOptions(master=spark_master, conf=parse_conf(spark_conf or [])),
            compare=compare,
        )
        with Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.completed}/{task.total}"),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        ) as bar:
            task = bar.add_task("kam analyze", total=len(STEPS))

            def advance(label: str) -> None:
                bar.update(task, description=text(f"ui.step.{label}", lang), completed=STEPS.index(label))

            result = run_analyze(options, settings, advance)
        _show_summary(result, lang)
