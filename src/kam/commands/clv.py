"""`kam clv fit`: fit a customer-base model to transactions and write parameters and per-customer CLV."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import polars as pl
import typer

from kam.clv.settings import ClvSettings
from kam.clv.summary import TimeUnit
from kam.commands.common import user_errors
from kam.engines import Engine, read_lines
from kam.i18n import Lang, text
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
    from kam.clv import GammaGamma, HoldoutCheck
    from kam.clv._base import PurchaseModel

app = typer.Typer(help="Customer lifetime value: BG/NBD or Pareto/NBD purchases with Gamma-Gamma spend.", rich_markup_mode=None)


class PurchaseModelName(StrEnum):
    BGNBD = "bgnbd"
    PNBD = "pnbd"


class SpendModelName(StrEnum):
    GG = "gg"


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
    spend_model: GammaGamma
    predictions: pl.DataFrame
    holdout: HoldoutCheck | None
    files: tuple[str, ...]


def run_clv_fit(
    transactions: Path | str,
    *,
    out: Path,
    calibration_end: dt.date,
    model: PurchaseModelName | None = None,
    unit: TimeUnit | None = None,
    holdout_end: dt.date | None = None,
    mapping: dict[str, str] | None = None,
    settings: ClvSettings | None = None,
    lang: Lang = Lang.EN,
    engine: Engine = Engine.POLARS,
    spark: SparkOptions | None = None,
) -> ClvFitResult:
    """Load, summarise, fit and predict; write params.json, predictions.csv (and the holdout check)
    beside kam's earlier outputs in `out`, replacing them only when all are written (see report.output).
    `model` and `unit` default to the settings' purchase_model and unit; the report and the holdout plot are written in `lang`."""
    from kam.clv import (  # the models need scipy: imported when a fit is asked for
        BetaGeo,
        GammaGamma,
        ParetoNBD,
        customer_lifetime_value,
        discount_rate_per_period,
        holdout_check,
        periods_in_months,
        rfm_summary,
    )

    settings = settings or ClvSettings()
    unit = TimeUnit(unit or settings.unit)
    model = PurchaseModelName(model or settings.purchase_model)
    check_output_folder(out, OUTPUTS, (transactions,))
    _, lines = read_lines(str(transactions), engine=engine, spark=spark, mapping=mapping)
    with spark_errors():
        summary = rfm_summary(lines, unit=unit, calibration_end=calibration_end)
    x, t_x, age = (summary[c].to_numpy().astype(float) for c in ("frequency", "recency", "T"))
    spend = summary["monetary"].to_numpy()
    model_class = BetaGeo if model == PurchaseModelName.BGNBD else ParetoNBD
    purchases = model_class(
        max_iterations=settings.max_iterations, gradient_tolerance=settings.gradient_tolerance
    ).fit(x, t_x, age)
    spend_model = GammaGamma(max_iterations=settings.max_iterations).fit(x, spend)
    horizon = periods_in_months(settings.horizon_months, unit)
    predictions = summary.select(
        "customer_id", pl.col("frequency").alias("x"), pl.col("recency").alias("t_x"), "T"
    ).with_columns(
        pl.Series("p_alive", purchases.p_alive(x, t_x, age)),
        pl.Series("expected_purchases", purchases.conditional_expected_purchases(horizon, x, t_x, age)),
        pl.Series("expected_spend", spend_model.conditional_expected_spend(x, spend)),
        pl.Series(
            "clv",
            customer_lifetime_value(
                purchases,
                spend_model,
                x,
                t_x,
                age,
                spend,
                horizon_periods=horizon,
                discount_rate_per_period=discount_rate_per_period(settings.annual_discount_rate, unit),
                margin=settings.margin,
            ),
        ),
    )
    check = None
    if holdout_end is not None:
        with spark_errors():
            check = holdout_check(
                purchases, lines, unit=unit, calibration_end=calibration_end, observation_end=holdout_end
            )
    params = {
        "model": purchases.name,
        "params": purchases.params_,
        "standard_errors": purchases.standard_errors_,
        "log_likelihood": purchases.log_likelihood_,
        "converged": purchases.converged_,
        "spend_model": {
            "model": spend_model.name,
            "params": spend_model.params_,
            "standard_errors": spend_model.standard_errors_,
            "log_likelihood": spend_model.log_likelihood_,
            "n_customers": spend_model.n_customers_,
            "converged": spend_model.converged_,
        },
        "n_customers": purchases.n_customers_,
        "unit": unit.value,
        "calibration_end": calibration_end.isoformat(),
        "holdout_end": holdout_end.isoformat() if holdout_end else None,
        "horizon_periods": horizon,
        "settings": settings.model_dump(mode="json"),
    }
    files = _write_all_or_nothing(out, params, predictions, check, lang, (transactions,))
    return ClvFitResult(out, purchases, spend_model, predictions, check, files)


def _write_all_or_nothing(
    out: Path,
    params: dict[str, object],
    predictions: pl.DataFrame,
    check: HoldoutCheck | None,
    lang: Lang,
    inputs: tuple[Path | str, ...],
) -> tuple[str, ...]:
    from kam.render.clv import clv_report_html
    from kam.render.holdout import holdout_svg

    writers: dict[str, Writer] = {
        "params.json": lambda p: p.write_text(dumps_strict(params, indent=2), encoding="utf-8"),
        "predictions.csv": lambda p: write_csv(tidy_floats(predictions), p),
        "report.html": lambda p: p.write_text(clv_report_html(params, check, lang), encoding="utf-8"),
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
    spend: Annotated[SpendModelName, typer.Option("--spend", help="Spend model.")] = SpendModelName.GG,
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
    spark_master: Annotated[
        str | None,
        typer.Option(
            "--spark-master",
            help="With --engine spark: local[*], spark://host:7077, yarn or k8s://... [default: spark-submit's "
            "master, else local[*]]",
        ),
    ] = None,
    spark_conf: Annotated[
        list[str] | None,
        typer.Option("--conf", help="With --engine spark: a Spark setting key=value, repeatable."),
    ] = None,
) -> None:
    """Fit BG/NBD or Pareto/NBD with Gamma-Gamma spend; write params.json and predictions.csv."""
    with user_errors(lang):
        settings = load_settings(config).clv
        out_dir = output_folder(out)
        spark = SparkOptions(master=spark_master, conf=parse_conf(spark_conf or []))
        result = run_clv_fit(
            transactions,
            out=out_dir,
            calibration_end=calibration_end.date(),
            model=model,
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
    typer.echo(printable(f"{result.purchase_model.name}: {params}; {wrote}"))
