"""`kam clv fit`: fit a customer-base model to transactions and write parameters and per-customer CLV."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from kam.clv.choices import PurchaseModelName, SpendModelName
from kam.clv.summary import TimeUnit
from kam.commands.common import SparkConfOption, SparkMasterOption, err_console, print_notes, user_errors
from kam.domain.languages import Lang
from kam.engines import Engine
from kam.i18n import text
from kam.io.mapping import parse_map_options
from kam.io.options import ReadOptions
from kam.report.output import output_folder
from kam.settings import load_settings
from kam.spark.session import SparkOptions, parse_conf
from kam.terminal import printable
from kam.usecases.clv import ClvFitOptions, run_clv_fit

app = typer.Typer(
    help="Customer lifetime value: BG/NBD or Pareto/NBD purchases with Gamma-Gamma spend.",
    rich_markup_mode=None,
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
        options = ClvFitOptions(
            transactions,
            out=output_folder(out),
            calibration_end=calibration_end.date(),
            model=model,
            spend=spend,
            unit=unit,
            holdout_end=holdout_end.date() if holdout_end else None,
            read=ReadOptions(mapping=parse_map_options(map_options or [])),
            lang=lang,
            engine=engine,
            spark=SparkOptions(master=spark_master, conf=parse_conf(spark_conf or [])),
        )
        result = run_clv_fit(options, settings)
    params = ", ".join(f"{k}={v:.4g}" for k, v in result.purchase_model.params_.items())
    wrote = text("clv.wrote", lang).format(files=", ".join(result.files), out=result.out)
    print_notes(err_console, [notice.say(lang) for notice in result.notices])
    typer.echo(printable(f"{result.purchase_model.name}: {params}; {wrote}"))
