"""`kam clv fit`: fit a customer-base model to transactions and write parameters and per-customer CLV."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tempfile
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import polars as pl
import typer

from kam.clv import (
    BetaGeo,
    ClvError,
    ClvSettings,
    GammaGamma,
    HoldoutCheck,
    ParetoNBD,
    TimeUnit,
    customer_lifetime_value,
    discount_rate_per_period,
    holdout_check,
    holdout_svg,
    periods_in_months,
    rfm_summary,
)
from kam.clv._base import PurchaseModel
from kam.errors import KamError
from kam.io.mapping import parse_map_options
from kam.io.transactions import load_transactions

app = typer.Typer(help="Customer lifetime value: BG/NBD or Pareto/NBD purchases with Gamma-Gamma spend.")


class PurchaseModelName(StrEnum):
    BGNBD = "bgnbd"
    PNBD = "pnbd"


class SpendModelName(StrEnum):
    GG = "gg"


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
    transactions: Path,
    *,
    out: Path,
    calibration_end: dt.date,
    model: PurchaseModelName = PurchaseModelName.BGNBD,
    unit: TimeUnit = TimeUnit.WEEK,
    holdout_end: dt.date | None = None,
    mapping: dict[str, str] | None = None,
    settings: ClvSettings | None = None,
) -> ClvFitResult:
    """Load, summarise, fit and predict; write params.json, predictions.csv (and the holdout check)
    into a temporary directory beside `out`, then move it into place, so `out` is all or nothing."""
    settings = settings or ClvSettings()
    loaded = load_transactions(transactions, mapping=mapping)
    summary = rfm_summary(loaded.frame, unit=unit, calibration_end=calibration_end)
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
        check = holdout_check(
            purchases, loaded.frame, unit=unit, calibration_end=calibration_end, observation_end=holdout_end
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
    files = _write_all_or_nothing(out, params, predictions, check)
    return ClvFitResult(out, purchases, spend_model, predictions, check, files)


def _write_all_or_nothing(
    out: Path, params: dict[str, object], predictions: pl.DataFrame, check: HoldoutCheck | None
) -> tuple[str, ...]:
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        (staging / "params.json").write_text(json.dumps(params, indent=2), encoding="utf-8")
        predictions.write_csv(staging / "predictions.csv")
        if check is not None:
            check.by_frequency.write_csv(staging / "holdout_by_frequency.csv")
            check.over_time.write_csv(staging / "holdout_over_time.csv")
            (staging / "holdout.svg").write_text(holdout_svg(check), encoding="utf-8")
        files = tuple(sorted(p.name for p in staging.iterdir()))
        if out.exists():
            previous = out.with_name(f".{out.name}.previous")
            shutil.rmtree(previous, ignore_errors=True)
            out.rename(previous)
            staging.rename(out)
            shutil.rmtree(previous)
        else:
            staging.rename(out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return files


@app.command("fit")
def fit(
    transactions: Annotated[Path, typer.Argument(help="Transactions file (CSV, Excel, Parquet).")],
    out: Annotated[Path, typer.Option("--out", help="Output directory (replaced as a whole).")],
    calibration_end: Annotated[
        dt.datetime, typer.Option("--calibration-end", formats=["%Y-%m-%d"], help="Last day of calibration.")
    ],
    model: Annotated[PurchaseModelName, typer.Option("--model", help="Purchase model.")] = (
        PurchaseModelName.BGNBD
    ),
    spend: Annotated[SpendModelName, typer.Option("--spend", help="Spend model.")] = SpendModelName.GG,
    unit: Annotated[TimeUnit, typer.Option("--unit", help="Time unit: day, week, month.")] = TimeUnit.WEEK,
    holdout_end: Annotated[
        dt.datetime | None,
        typer.Option("--holdout-end", formats=["%Y-%m-%d"], help="Last day of the holdout check."),
    ] = None,
    map_options: Annotated[
        list[str] | None, typer.Option("--map", help="Column mapping CANONICAL=SOURCE, repeatable.")
    ] = None,
) -> None:
    """Fit BG/NBD or Pareto/NBD with Gamma-Gamma spend; write params.json and predictions.csv."""
    try:
        result = run_clv_fit(
            transactions,
            out=out,
            calibration_end=calibration_end.date(),
            model=model,
            unit=unit,
            holdout_end=holdout_end.date() if holdout_end else None,
            mapping=parse_map_options(map_options or []),
        )
    except (ClvError, KamError) as exc:
        typer.echo(f"kam clv fit: {exc}", err=True)
        raise typer.Exit(1) from exc
    params = ", ".join(f"{k}={v:.4g}" for k, v in result.purchase_model.params_.items())
    typer.echo(f"{result.purchase_model.name}: {params}; wrote {', '.join(result.files)} to {result.out}")
