"""`kam analyze` as one function: read, check, compute, judge and write the outputs."""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import narwhals as nw
import polars as pl

from kam.analytics.changes import Changes, compare
from kam.analytics.pipeline import Analysis, analyze_lines, in_account_order, to_polars
from kam.analytics.potential import listed_count
from kam.analytics.verdicts import CODE_SEPARATOR
from kam.engines import Engine, read_lines
from kam.errors import ConfigError, ImportValidationError
from kam.hints import Hint, HintKey
from kam.i18n import Lang, Notice, text
from kam.io.customers import load_customers
from kam.io.transactions import (
    RETURN_TYPES,
    LoadedTransactions,
    OnError,
    duplicate_warning,
)
from kam.render.reasons import ReasonContext, with_reasons
from kam.render.report import render_report
from kam.report.cells import write_csv
from kam.report.jsonout import dumps_strict
from kam.report.output import OutputSet, check_output_folder, tidy_floats, tidy_json, write_all_or_nothing
from kam.report.previous import read_previous
from kam.settings import Settings, settings_in_use

if TYPE_CHECKING:
    from kam.spark.read import SparkTransactions
    from kam.spark.session import SparkOptions

Progress = Callable[[str], None]
OUTPUTS = OutputSet(
    "analyze",
    frozenset({"accounts.csv", "accounts.parquet", "summary.json", "report.html", "rejected.csv"}),
)


def _preload(module: str) -> None:
    """Import `module` in a background thread while the engine reads the data (a dataframe engine
    releases the GIL), so the models' numeric stack (~0.4 s of imports) is ready when it is needed.
    A failure here is ignored: the real import later raises it where it belongs."""

    def load() -> None:
        with contextlib.suppress(Exception):  # the main thread's own import raises it again
            importlib.import_module(module)

    threading.Thread(target=load, name=f"preload {module}", daemon=True).start()


@dataclass
class AnalyzeOptions:
    """Everything `kam analyze` can be told, with the defaults a first run needs."""

    source: str
    mapping: Mapping[str, str] = field(default_factory=dict)
    customers: Path | None = None
    customer_mapping: Mapping[str, str] = field(default_factory=dict)
    table: str | None = None
    sheet: str | None = None
    as_of: dt.date | None = None
    out: Path | None = None
    lang: Lang = Lang.EN
    on_error: OnError = OnError.RAISE
    date_format: str | None = None
    cancellation_pattern: str | None = r"^C\d"
    currency: str | None = None
    forecast: bool = True
    streaming: bool = False
    decimal: str | None = None  # "point" or "comma"; None: found from the files' first rows
    return_types: str | None = RETURN_TYPES  # line_type values that are returns (a regex); None: none
    engine: Engine = Engine.POLARS  # which engine runs the passes over the lines (see kam.engines)
    spark: SparkOptions | None = None  # with engine spark: the master and --conf settings
    compare: Path | None = None  # the output folder of an earlier analysis, to say what changed since


@dataclass
class AnalyzeResult:
    analysis: Analysis
    loaded: LoadedTransactions | SparkTransactions
    summary: dict[str, Any]
    written: list[Path]
    changes: Changes | None = None  # with `compare`: what moved since the earlier analysis


def _as_of(loaded: LoadedTransactions | SparkTransactions, requested: dt.date | None) -> dt.date:
    first, last = loaded.first_date, loaded.last_date
    if first is None or last is None or requested is None:
        return requested or last or dt.date.today()
    if requested < first:
        raise ImportValidationError(
            Notice("as_of_before", file=loaded.label, as_of=requested, first=first),
            hint=Hint(HintKey.OPTION, option="as_of"),
        )
    return requested


def _check_as_of(requested: dt.date | None, earliest: dt.date) -> None:
    """An analysis date from the earliest plausible date to today, checked before the data is read: a later one
    would measure recency to a day that has not come (and lines after today are bad cells)."""
    today = dt.date.today()
    if requested is not None and not earliest <= requested <= today:
        raise ConfigError(
            Notice("as_of_range", as_of=requested, earliest=earliest, today=today),
            hint=Hint(HintKey.OPTION, option="as_of"),
        )


def build_summary(
    analysis: Analysis,
    loaded: LoadedTransactions | SparkTransactions,
    settings: Settings,
    options: AnalyzeOptions,
    later_lines: int,
) -> dict[str, Any]:
    return {
        "source": loaded.label,
        "as_of": analysis.as_of.isoformat(),
        "basis": analysis.basis,
        "rows_read": loaded.rows_read,
        "rows_rejected": loaded.rejected.height,
        "rows_after_as_of": later_lines,
        "duplicate_lines": loaded.duplicates,
        "cancellation_lines": loaded.cancellations,
        "encoding": loaded.encoding,
        "mapping": loaded.mapping,
        "customers": analysis.figures.customers,
        "segments": analysis.segment_counts(),
        "at_risk": analysis.at_risk(),
        "potential_list": {
            "listed": analysis.segment_counts()["potential"],
            "qualified": analysis.potential_qualified(),
            "limit": listed_count(analysis.figures.customers, analysis.settings),
        },
        "portfolio": analysis.figures.to_dict(),
        "median_order": analysis.median_order,
        "missing": [{"key": key, "message": text(key, options.lang)} for key in analysis.missing],
        "warnings": loaded.warnings,
        "settings": {
            "value": settings.value.model_dump(mode="json"),
            "clv": settings.clv.model_dump(mode="json"),
        },
    }


def run_analyze(
    options: AnalyzeOptions, settings: Settings, progress: Progress | None = None
) -> AnalyzeResult:
    """Run the whole analysis; outputs are written only if every step succeeds."""
    step = progress or (lambda _label: None)
    _check_as_of(options.as_of, settings.value.earliest_date)
    if options.out is not None:
        check_output_folder(options.out, OUTPUTS, _inputs(options))
        _preload("jinja2")  # the report's templates
    if options.forecast:
        _preload("kam.analytics.forecast")
    previous = read_previous(options.compare) if options.compare is not None else None
    step("read")
    loaded, lines = read_lines(
        options.source or None,
        engine=options.engine,
        spark=options.spark,
        mapping=options.mapping,
        table=options.table,
        sheet=options.sheet,
        on_error=options.on_error,
        date_format=options.date_format,
        cancellation_pattern=options.cancellation_pattern,
        currency=options.currency,
        streaming=options.streaming,
        count_duplicates=False,  # counted in the order aggregation instead, in the same pass
        decimal=options.decimal,
        return_types=options.return_types,
        earliest=settings.value.earliest_date,
        stray_years=settings.value.stray_date_years,
    )
    customers = (
        nw.from_native(
            load_customers(
                options.customers,
                mapping=options.customer_mapping,
                decimal=options.decimal,
                earliest=settings.value.earliest_date,
            )
        )
        if options.customers
        else None
    )
    as_of = _as_of(loaded, options.as_of)
    with loaded.reading():  # a streamed file is read again by each pass: a line it cannot read is named
        later = 0
        if loaded.last_date is not None and as_of < loaded.last_date:
            later = int(to_polars(lines.filter(nw.col("date") > nw.lit(as_of)).select(nw.len())).item())
        if later:
            loaded.warnings.append(Notice("after_as_of", count=later, as_of=as_of))
        step("metrics")
        analysis = analyze_lines(
            lines,
            as_of=as_of,
            settings=settings.value,
            customers=customers,
            clv=settings.clv if options.forecast else None,
            warnings=loaded.warnings,
            streaming=loaded.streaming,
            last_date=loaded.last_date,
        )
    said = with_reasons(analysis.accounts, ReasonContext.of(analysis), options.lang)
    analysis = replace(analysis, accounts=in_account_order(said))
    if analysis.duplicate_lines is not None:
        loaded.duplicates = analysis.duplicate_lines
        if analysis.duplicate_lines:
            loaded.warnings.append(duplicate_warning(analysis.duplicate_lines))
    if analysis.figures.customers == 1:
        loaded.warnings.append(Notice("one_customer"))
    summary = build_summary(analysis, loaded, settings, options, later)
    changes = None
    if previous is not None:
        changes = compare(previous.accounts, analysis.accounts.to_polars(), previous.as_of)
        summary["changes"] = {"previous": str(previous.folder), **changes.to_dict()}
    written: list[Path] = []
    if options.out is not None:
        step("write")
        written = write_outputs(
            options.out,
            analysis,
            loaded,
            summary,
            options.lang,
            _inputs(options),
            settings=settings,
            changes=changes,
        )
    return AnalyzeResult(analysis, loaded, summary, written, changes)


def _inputs(options: AnalyzeOptions) -> list[Path | str]:
    """The files a run reads: their folder is never an output folder."""
    return [
        *([options.source] if options.source else []),
        *([options.customers] if options.customers else []),
    ]


def _codes_as_text(accounts: pl.DataFrame) -> pl.DataFrame:
    """The accounts for a CSV file, where a cell holds text: each customer's reason codes joined by ';'."""
    if "reason_codes" not in accounts.columns:
        return accounts
    return accounts.with_columns(pl.col("reason_codes").list.join(CODE_SEPARATOR))


def write_outputs(
    out: Path,
    analysis: Analysis,
    loaded: LoadedTransactions | SparkTransactions,
    summary: dict[str, Any],
    lang: Lang,
    inputs: Sequence[Path | str] = (),
    settings: Settings | None = None,
    changes: Changes | None = None,
) -> list[Path]:
    """Write the outputs of `analysis`, whose accounts' reasons are said in `lang` (as run_analyze says
    them), all of them or none."""
    accounts = tidy_floats(analysis.accounts.to_polars())
    value_settings = settings_in_use(settings or Settings(), "value")
    html = render_report(analysis, summary, value_settings, lang, reasons_in=lang, changes=changes)
    writers = {
        "accounts.csv": lambda p: write_csv(_codes_as_text(accounts), p),
        "accounts.parquet": lambda p: accounts.write_parquet(p),
        "summary.json": lambda p: p.write_text(
            dumps_strict(tidy_json(summary), ensure_ascii=False, indent=2, default=str), encoding="utf-8"
        ),
        "report.html": lambda p: p.write_text(html, encoding="utf-8"),
    }
    if loaded.rejected.height:
        writers["rejected.csv"] = lambda p: write_csv(loaded.rejected, p)
    return write_all_or_nothing(out, writers, outputs=OUTPUTS, inputs=inputs)
