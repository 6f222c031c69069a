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
from kam.domain.languages import Lang
from kam.domain.segments import Segment
from kam.engines import Engine, read_lines
from kam.errors import ConfigError, ImportValidationError
from kam.hints import Hint, HintKey
from kam.i18n import Notice, text
from kam.i18n.formats import number_format
from kam.io.customers import load_customers
from kam.io.options import ReadOptions
from kam.io.transactions import LoadedTransactions, duplicate_warning
from kam.io.units import Units, header_units
from kam.render.reasons import ReasonContext, with_reasons
from kam.render.report import render_report
from kam.report.cells import write_csv
from kam.report.jsonout import dumps_strict
from kam.report.output import OutputSet, check_output_folder, tidy_floats, tidy_json, write_all_or_nothing
from kam.report.previous import read_previous
from kam.report.xlsx import write_accounts_xlsx
from kam.settings import Settings, settings_in_use
from kam.usecases.summary import AnalysisSummary, MissingInput, PotentialList, SettingsUsed, Unattributed

if TYPE_CHECKING:
    from kam.spark.read import SparkTransactions
    from kam.spark.session import SparkOptions

Progress = Callable[[str], None]
OUTPUTS = OutputSet(
    "analyze",
    frozenset(
        {"accounts.csv", "accounts.xlsx", "accounts.parquet", "summary.json", "report.html", "rejected.csv"}
    ),
)


def _preload(module: str, then: Callable[[], object] | None = None) -> None:
    """Import `module` (and call `then`) in a background thread while the engine reads the data (a
    dataframe engine releases the GIL), so the models' numeric stack (~0.4 s of imports) is ready when
    it is needed. A failure here is ignored: the real import later raises it where it belongs."""

    def load() -> None:
        with contextlib.suppress(Exception):  # the main thread's own import raises it again
            importlib.import_module(module)
            if then is not None:
                then()

    threading.Thread(target=load, name=f"preload {module}", daemon=True).start()


@dataclass
class AnalyzeOptions:
    """Everything `kam analyze` can be told, with the defaults a first run needs: the transactions
    (`source`, read as `read` says), the optional customers table, the analysis date, the output folder,
    the language of the reasons and the report, whether to forecast, and the engine of the passes."""

    source: str
    read: ReadOptions = field(default_factory=ReadOptions)
    customers: Path | None = None
    customer_mapping: Mapping[str, str] = field(default_factory=dict)
    as_of: dt.date | None = None
    out: Path | None = None
    lang: Lang = Lang.EN
    forecast: bool = True
    engine: Engine = Engine.POLARS  # which engine runs the passes over the lines (see kam.engines)
    spark: SparkOptions | None = None  # with engine spark: the master and --conf settings
    compare: Path | None = None  # the output folder of an earlier analysis, to say what changed since


@dataclass
class AnalyzeResult:
    analysis: Analysis
    loaded: LoadedTransactions | SparkTransactions
    summary: AnalysisSummary
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
) -> AnalysisSummary:
    return AnalysisSummary(
        source=loaded.label,
        as_of=analysis.as_of,
        basis=analysis.basis,
        rows_read=loaded.rows_read,
        rows_rejected=loaded.rejected.height,
        rows_after_as_of=later_lines,
        duplicate_lines=loaded.duplicates,
        cancellation_lines=loaded.cancellations,
        unattributed=Unattributed.of(loaded.unattributed),
        units=units_of(loaded, options),
        encoding=loaded.encoding,
        mapping=loaded.mapping,
        customers=analysis.figures.customers,
        segments=analysis.segment_counts(),
        at_risk=analysis.at_risk(),
        potential_list=PotentialList(
            listed=analysis.segment_counts()[Segment.POTENTIAL],
            qualified=analysis.potential_qualified(),
            limit=listed_count(analysis.figures.customers, analysis.settings),
        ),
        portfolio=analysis.figures,
        median_order=analysis.median_order,
        missing=[MissingInput(key=key, message=text(key, options.lang)) for key in analysis.missing],
        warnings=list(loaded.warnings),
        settings=SettingsUsed(value=settings.value, clv=settings.clv),
    )


def units_of(loaded: LoadedTransactions | SparkTransactions, options: AnalyzeOptions) -> Units:
    """The currency and volume unit of the data: named in the headers (金額(元)), else the one currency
    of the lines (the kept one, or the only one of a currency column)."""
    return header_units(loaded.mapping, options.read.currency or loaded.currency)


def run_analyze(
    options: AnalyzeOptions, settings: Settings, progress: Progress | None = None
) -> AnalyzeResult:
    """Run the whole analysis; outputs are written only if every step succeeds."""
    step = progress or (lambda _label: None)
    _check_as_of(options.as_of, settings.value.earliest_date)
    if options.out is not None:
        check_output_folder(options.out, OUTPUTS, _inputs(options))
        _preload("jinja2")  # the report's templates
        _preload("openpyxl")  # accounts.xlsx
    if options.forecast:
        _preload("kam.analytics.forecast")
    _preload("kam.i18n.formats", lambda: number_format(options.lang))  # Babel's data, for the reasons
    previous = read_previous(options.compare) if options.compare is not None else None
    step("read")
    read = replace(
        options.read,
        count_duplicates=False,  # counted in the order aggregation instead, in the same pass
        earliest=settings.value.earliest_date,
        stray_years=settings.value.stray_date_years,
    )
    loaded, lines = read_lines(options.source or None, read, engine=options.engine, spark=options.spark)
    with loaded:  # done with the lines once judged: the UTF-8 copy they were read through goes
        analysis, later = _judge(options, settings, loaded, lines, step)
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
        summary = summary.model_copy(
            update={"changes": {"previous": str(previous.folder), **changes.to_dict()}}
        )
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


def _judge(
    options: AnalyzeOptions,
    settings: Settings,
    loaded: LoadedTransactions | SparkTransactions,
    lines: nw.LazyFrame[Any],
    step: Progress,
) -> tuple[Analysis, int]:
    """The analysis of the lines read (with the customers table, if any), and how many lines are after
    the analysis date (left out, and said so)."""
    customers = (
        nw.from_native(
            load_customers(
                options.customers,
                mapping=options.customer_mapping,
                decimal=options.read.decimal_mark,
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
    return analysis, later


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
    summary: AnalysisSummary,
    lang: Lang,
    inputs: Sequence[Path | str] = (),
    settings: Settings | None = None,
    changes: Changes | None = None,
) -> list[Path]:
    """Write the outputs of `analysis`, whose accounts' reasons are said in `lang` (as run_analyze says
    them), all of them or none."""
    accounts = tidy_floats(analysis.accounts.to_polars())
    value_settings = settings_in_use(settings or Settings(), "value")
    html = render_report(
        analysis,
        summary.source,
        summary.rows_read,
        summary.warnings,
        value_settings,
        lang,
        reasons_in=lang,
        rows_rejected=summary.rows_rejected,
        mapping=summary.mapping,
        units=summary.units,
        unattributed=loaded.unattributed,
        changes=changes,
    )
    units = summary.units
    writers = {
        "accounts.csv": lambda p: write_csv(_codes_as_text(accounts), p, bom=True),
        "accounts.xlsx": lambda p: write_accounts_xlsx(
            accounts, p, lang, currency=units.currency, volume=units.volume
        ),
        "accounts.parquet": lambda p: accounts.write_parquet(p),
        "summary.json": lambda p: p.write_text(
            dumps_strict(tidy_json(summary.to_json()), ensure_ascii=False, indent=2), encoding="utf-8"
        ),
        "report.html": lambda p: p.write_text(html, encoding="utf-8"),
    }
    if loaded.rejected.height:
        writers["rejected.csv"] = lambda p: write_csv(loaded.rejected, p, bom=True)
    return write_all_or_nothing(out, writers, outputs=OUTPUTS, inputs=inputs)
