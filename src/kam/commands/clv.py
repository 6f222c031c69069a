"""`kam clv fit`: fit a customer-base model to transactions and write parameters and per-customer CLV."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import polars as pl
import typer

from kam.analytics.metrics import order_lines, purchase_orders
from kam.analytics.settings import ValueSettings
from kam.clv.choices import ForecastColumns, PurchaseModelName, SpendModelName
from kam.clv.settings import ClvSettings
from kam.clv.summary import TimeUnit
from kam.commands.common import SparkConfOption, SparkMasterOption, err_console, print_notes, user_errors
from kam.domain.languages import Lang
from kam.engines import Engine, read_lines
from kam.i18n import text
from kam.io.mapping import parse_map_options
from kam.report.cells import write_csv
from kam.report.jsonout import dumps_strict
from kam.report.output import (
    OutputSet,
    Writer,
    check_output_folder,
    output_folder,
    tidy_floats,
    write_all_or_nothing,
)
from kam.settings import load_settings
from kam.spark.session import SparkOptions, parse_conf, spark_errors
from kam.terminal import printable

if TYPE_CHECKING:
    from kam.clv import EmpiricalSpend, GammaGamma, HoldoutCheck
    from kam.clv._base import PurchaseModel
    from kam.i18n import Notice

app = typer.Typer(
    help="Customer lifetime value: BG/NBD or Pareto/NBD purchases with Gamma-Gamma spend.",
    rich_markup_mode=None,
)


PREDICTIONS = ForecastColumns(
    p_alive="p_alive",
    expected_purchases="expected_purchases",
    expected_spend="expected_spend",
    value="clv",
    history=("x", "t_x", "T"),
)
OUTPUTS = OutputSet(
    "clv fit",
    frozenset(
        {
            "params.json",
            "predictions.csv",
            "report.html",
            "holdout_by_frequency.csv",
            "holdout_over_time.csv",
            "holdout.svg",
        }
    ),
)


@dataclass(frozen=True)
class ClvFitResult:
    """What `run_clv_fit` fitted and wrote."""

    out: Path
    purchase_model: PurchaseModel
    spend_model: GammaGamma | EmpiricalSpend
    predictions: pl.DataFrame
    holdout: HoldoutCheck | None
    files: tuple[str, ...]
    notices: tuple[Notice, ...] = ()


def run_clv_fit(
    transactions: Path | str,
    *,
    out: Path,
    calibration_end: dt.date,
    model: PurchaseModelName | None = None,
    spend: SpendModelName | None = None,
    unit: TimeUnit | None = None,
    holdout_end: dt.date | None = None,
    mapping: dict[str, str] | None = None,
    settings: ClvSettings | None = None,
    lang: Lang = Lang.EN,
    engine: Engine = Engine.POLARS,
    spark: SparkOptions | None = None,
) -> ClvFitResult:
    """Load, summarise, fit and predict with the forecast `kam analyze` makes (kam.clv.forecast), valued
    at the clv.margin setting; write params.json, predictions.csv (and the holdout check) beside kam's
    earlier outputs in `out`, replacing them only when all are written (see report.output). `model`,
    `spend` and `unit` default to the settings' purchase_model, spend_model and unit; the report and the
    holdout plot are written in `lang`."""
    from kam.clv import fit_forecast, holdout_check  # the models need scipy: imported when a fit is asked for

    settings = settings or ClvSettings()
    used = settings.model_copy(
        update={
            "purchase_model": PurchaseModelName(model or settings.purchase_model),
            "spend_model": SpendModelName(spend or settings.spend_model),
            "unit": TimeUnit(unit or settings.unit),
        }
    )
    check_output_folder(out, OUTPUTS, (transactions,))
    _, lines = read_lines(str(transactions), engine=engine, spark=spark, mapping=mapping)
    bought = purchase_orders(order_lines(lines, holdout_end or calibration_end, ValueSettings()))
    with spark_errors():
        result = fit_forecast(bought, calibration_end=calibration_end, settings=used)
    predictions = result.table(PREDICTIONS, margin=used.margin)
    check = None
    if holdout_end is not None:
        with spark_errors():
            check = holdout_check(
                result.purchase_model,
                bought,
                unit=used.unit,
                calibration_end=calibration_end,
                observation_end=holdout_end,
            )
    purchases = result.purchase_model
    params = {
        "model": purchases.name,
        "params": purchases.params_,
        "standard_errors": purchases.standard_errors_,
        "log_likelihood": purchases.log_likelihood_,
        "converged": purchases.converged_,
        "spend_model": _spend_section(result.spend_model),
        "n_customers": purchases.n_customers_,
        "unit": used.unit.value,
        "calibration_end": calibration_end.isoformat(),
        "holdout_end": holdout_end.isoformat() if holdout_end else None,
        "horizon_periods": result.horizon_periods,
        "settings": settings.model_dump(mode="json"),
    }
    notes = [notice.say(lang) for notice in result.notices]
    files = _write_all_or_nothing(out, params, predictions, check, notes, lang, (transactions,))
    return ClvFitResult(out, purchases, result.spend_model, predictions, check, files, result.notices)


def _spend_section(model: GammaGamma | EmpiricalSpend) -> dict[str, object]:
    """params.json's spend_model: the fitted Gamma-Gamma, or the own mean spend that stood in for it
    (no likelihood: nothing was fitted)."""
    return {
        "model": model.name,
        "params": model.params_,
        "standard_errors": model.standard_errors_,
        "log_likelihood": getattr(model, "log_likelihood_", None),
        "n_customers": model.n_customers_,
        "converged": getattr(model, "converged_", None),
    }


def _write_all_or_nothing(
    out: Path,
    params: dict[str, object],
    predictions: pl.DataFrame,
    check: HoldoutCheck | None,
    notes: list[str],
    lang: Lang,
    inputs: tuple[Path | str, ...],
) -> tuple[str, ...]:
    from kam.render.clv import clv_report_html
    from kam.render.holdout import holdout_svg

    writers: dict[str, Writer] = {
        "params.json": lambda p: p.write_text(dumps_strict(params, indent=2), encoding="utf-8"),
        "predictions.csv": lambda p: write_csv(tidy_floats(predictions), p),
        "report.html": lambda p: p.write_text(clv_report_html(params, check, lang, notes), encoding="utf-8"),
    }
    if check is not None:
        writers["holdout_by_frequency.csv"] = lambda p: write_csv(tidy_floats(check.by_frequency), p)
        writers["holdout_over_time.csv"] = lambda p: write_csv(tidy_floats(check.over_time), p)
        writers["holdout.svg"] = lambda p: p.write_text(holdout_svg(check, lang), encoding="utf-8")
    return tuple(
        sorted(path.name for path in write_all_or_nothing(out, writers, outputs=OUTPUTS, inputs=inputs))
    )


@app.command("fit")
def fit(
    transactions: Annotated[
        str,
        typer.Argument(
            help="Transactions file (CSV, Excel, Parquet); with --engine spark also s3a:// or hdfs:// paths."
        ),
    ],
    out: Annotated[
        str,
        typer.Option(
            "--out",
            help="Output folder: new, empty, or of an earlier run (only kam's own files are replaced).",
        ),
    ],
    calibration_end: Annotated[
        dt.datetime, typer.Option("--calibration-end", formats=["%Y-%m-%d"], help="Last day of calibration.")
    ],
    model: Annotated[
        PurchaseModelName | None,
        typer.Option("--model", help="Purchase model. [default: the clv.purchase_model setting, bgnbd]"),
    ] = None,
    spend: Annotated[
        SpendModelName | None,
        typer.Option(
            "--spend",
            help="Spend model: gg (Gamma-Gamma; each customer's own mean spend where it cannot be fitted) "
            "or mean (each customer's own mean spend). [default: the clv.spend_model setting, gg]",
        ),
    ] = None,
    unit: Annotated[
        TimeUnit | None,
        typer.Option("--unit", help="Time unit: day, week, month. [default: the clv.unit setting, week]"),
    ] = None,
    holdout_end: Annotated[
        dt.datetime | None,
        typer.Option("--holdout-end", formats=["%Y-%m-%d"], help="Last day of the holdout check."),
    ] = None,
    map_options: Annotated[
        list[str] | None, typer.Option("--map", help="Column mapping CANONICAL=SOURCE, repeatable.")
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config", help="TOML/JSON file overriding the [clv] settings (horizon, discount, margin)."
        ),
    ] = None,
    lang: Annotated[Lang, typer.Option("--lang", help="Language of the report and messages.")] = Lang.EN,
    engine: Annotated[
        Engine,
        typer.Option("--engine", help="Engine that summarises the transactions: polars, duckdb or spark."),
    ] = Engine.POLARS,
    spark_master: SparkMasterOption = None,
    spark_conf: SparkConfOption = None,
) -> None:
    """Fit BG/NBD or Pareto/NBD with Gamma-Gamma spend (or each customer's own mean spend); write
    params.json and predictions.csv."""
    with user_errors(lang):
        settings = load_settings(config).clv
        out_dir = output_folder(out)
        spark = SparkOptions(master=spark_master, conf=parse_conf(spark_conf or []))
        result = run_clv_fit(
            transactions,
            out=out_dir,
            calibration_end=calibration_end.date(),
            model=model,
            spend=spend,
            unit=unit,
            holdout_end=holdout_end.date() if holdout_end else None,
            mapping=parse_map_options(map_options or []),
            settings=settings,
            lang=lang,
            engine=engine,
            spark=spark,
        )
    params = ", ".join(f"{k}={v:.4g}" for k, v in result.purchase_model.params_.items())
    wrote = text("clv.wrote", lang).format(files=", ".join(result.files), out=result.out)
    print_notes(err_console, [notice.say(lang) for notice in result.notices])
    typer.echo(printable(f"{result.purchase_model.name}: {params}; {wrote}"))
