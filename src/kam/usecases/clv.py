"""`kam clv fit` as one function: read the transactions, fit the customer-base models, predict each
customer's value and write parameters, predictions and the holdout check."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from kam.analytics.metrics import order_lines, purchase_orders
from kam.analytics.settings import ValueSettings
from kam.clv.choices import ForecastColumns, PurchaseModelName, SpendModelName
from kam.clv.settings import ClvSettings
from kam.clv.summary import TimeUnit
from kam.domain.languages import Lang
from kam.engines import Engine, read_lines
from kam.io.options import ReadOptions
from kam.report.cells import write_csv
from kam.report.jsonout import dumps_strict
from kam.report.output import OutputSet, Writer, check_output_folder, tidy_floats, write_all_or_nothing
from kam.spark.session import SparkOptions, spark_errors

if TYPE_CHECKING:
    from kam.clv import EmpiricalSpend, GammaGamma, HoldoutCheck
    from kam.clv._base import PurchaseModel
    from kam.i18n import Notice

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
class ClvFitOptions:
    """What to fit, on which transactions, and where to write it. `model`, `spend` and `unit` default to
    the settings' purchase_model, spend_model and unit; the report and the holdout plot are in `lang`."""

    transactions: Path | str
    out: Path
    calibration_end: dt.date
    model: PurchaseModelName | None = None
    spend: SpendModelName | None = None
    unit: TimeUnit | None = None
    holdout_end: dt.date | None = None
    read: ReadOptions = field(default_factory=ReadOptions)
    lang: Lang = Lang.EN
    engine: Engine = Engine.POLARS
    spark: SparkOptions | None = None


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


def run_clv_fit(options: ClvFitOptions, settings: ClvSettings | None = None) -> ClvFitResult:
    """Load, summarise, fit and predict with the forecast `kam analyze` makes (kam.clv.forecast), valued
    at the clv.margin setting; write params.json, predictions.csv (and the holdout check) beside kam's
    earlier outputs in `out`, replacing them only when all are written (see report.output)."""
    from kam.clv import fit_forecast, holdout_check  # the models need scipy: imported when a fit is asked for

    settings = settings or ClvSettings()
    used = settings.model_copy(
        update={
            "purchase_model": PurchaseModelName(options.model or settings.purchase_model),
            "spend_model": SpendModelName(options.spend or settings.spend_model),
            "unit": TimeUnit(options.unit or settings.unit),
        }
    )
    calibration_end, holdout_end = options.calibration_end, options.holdout_end
    inputs = (options.transactions,)
    check_output_folder(options.out, OUTPUTS, inputs)
    loaded, lines = read_lines(
        str(options.transactions), options.read, engine=options.engine, spark=options.spark
    )
    with loaded:  # done with the lines once fitted: the UTF-8 copy they were read through goes
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
    notes = [notice.say(options.lang) for notice in result.notices]
    files = _write_all_or_nothing(options.out, params, predictions, check, notes, options.lang, inputs)
    return ClvFitResult(options.out, purchases, result.spend_model, predictions, check, files, result.notices)


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
