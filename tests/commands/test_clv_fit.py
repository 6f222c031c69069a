"""`kam clv fit` and the forecast of `kam analyze` are one forecast: on the same transactions, calibration
end, unit, horizon and margin they give every customer the same P(alive), expected purchases, expected
spend and CLV; `--spend` chooses the spend model, and a Gamma-Gamma that cannot be fitted is replaced by
each customer's own mean spend in both commands alike."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from kam.cli import app
from kam.io.cdnow import read_cdnow
from kam.usecases.demo import run_demo_data

CDNOW = Path(__file__).parents[1] / "data" / "cdnow" / "CDNOW_sample.txt"
SAME = 1e-9  # both write floats to 12 significant digits
PAIRS = {  # accounts.csv of kam analyze: predictions.csv of kam clv fit
    "p_alive": "p_alive",
    "expected_purchases_12m": "expected_purchases",
    "expected_spend": "expected_spend",
    "clv_12m": "clv",
}


def kam(*args: str | Path) -> tuple[int, str]:
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def cdnow_csv(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The CDNOW sample (no returns; eight $0 purchases) and the end of its published calibration."""
    csv = tmp_path_factory.mktemp("cdnow") / "tx.csv"
    read_cdnow(CDNOW).collect().write_csv(csv)
    return csv, "1997-09-30"


@pytest.fixture(scope="module")
def demo_csv(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The demo company's lines without their cost (so analyze values every customer at clv.margin):
    orders of several lines, returns, and a spend that Gamma-Gamma cannot be fitted to."""
    folder = tmp_path_factory.mktemp("demo")
    run_demo_data(folder / "data", seed=7)
    csv = folder / "tx.csv"
    pl.read_csv(folder / "data" / "transactions.csv").drop("cost").write_csv(csv)
    return csv, "2026-09-30"


def read(csv: Path) -> pl.DataFrame:
    return pl.read_csv(csv, infer_schema_length=None, schema_overrides={"customer_id": pl.String})


def both(data: tuple[Path, str], tmp_path: Path, settings: str) -> tuple[pl.DataFrame, str]:
    """accounts.csv of kam analyze joined with predictions.csv of kam clv fit, by customer, and what
    clv fit printed."""
    csv, end = data
    tmp_path.mkdir(exist_ok=True)
    config = tmp_path / "kam.toml"
    config.write_text(f"[clv]\n{settings}", encoding="utf-8")
    code, output = kam("analyze", csv, "--as-of", end, "--config", config, "--out", tmp_path / "analyze")
    assert code == 0, output
    code, fitted = kam(
        "clv", "fit", csv, "--calibration-end", end, "--config", config, "--out", tmp_path / "fit"
    )
    assert code == 0, fitted
    accounts = read(tmp_path / "analyze" / "accounts.csv")
    predictions = read(tmp_path / "fit" / "predictions.csv")
    accounts = accounts.filter(pl.col("p_alive").is_not_null()).select("customer_id", *PAIRS)
    joined = accounts.join(predictions, on="customer_id", how="full", coalesce=True)
    assert joined.height == predictions.height == accounts.height
    return joined, fitted


@pytest.mark.parametrize("data", ["cdnow_csv", "demo_csv"])
@pytest.mark.parametrize(
    "settings",
    [
        "margin = 0.6\n",
        'margin = 0.25\nunit = "month"\npurchase_model = "pnbd"\nhorizon_months = 6\n',
        'unit = "day"\nspend_model = "mean"\nannual_discount_rate = 0.3\n',
    ],
)
def test_clv_fit_and_analyze_forecast_alike(
    data: str, settings: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    joined, _ = both(request.getfixturevalue(data), tmp_path, settings)
    for account_column, prediction_column in PAIRS.items():
        analyzed, fitted = joined[account_column].to_numpy(), joined[prediction_column].to_numpy()
        assert fitted == pytest.approx(analyzed, rel=SAME, abs=1e-12), account_column
    assert joined["clv"].sum() > 0


def test_the_margin_setting_values_every_customer(cdnow_csv: tuple[Path, str], tmp_path: Path) -> None:
    full, _ = both(cdnow_csv, tmp_path / "full", "margin = 1.0\n")
    share, _ = both(cdnow_csv, tmp_path / "share", "margin = 0.4\n")
    assert share["clv"].to_numpy() == pytest.approx(0.4 * full["clv"].to_numpy(), rel=SAME)
    assert share["clv_12m"].to_numpy() == pytest.approx(0.4 * full["clv_12m"].to_numpy(), rel=SAME)
    assert share["expected_spend"].to_numpy() == pytest.approx(full["expected_spend"].to_numpy(), rel=SAME)


def test_cdnow_keeps_its_published_customers(cdnow_csv: tuple[Path, str], tmp_path: Path) -> None:
    """The eight $0 purchases of the sample are purchases: 2,357 customers, r = 0.2426 as published."""
    joined, _ = both(cdnow_csv, tmp_path, "margin = 1.0\n")
    assert joined.height == 2357
    params = json.loads((tmp_path / "fit" / "params.json").read_text(encoding="utf-8"))
    assert params["n_customers"] == 2357
    assert params["params"]["r"] == pytest.approx(0.2426, abs=5e-5)
    assert params["spend_model"]["model"] == "Gamma-Gamma"


def test_a_spend_model_that_cannot_be_fitted_is_replaced_alike(
    demo_csv: tuple[Path, str], tmp_path: Path
) -> None:
    """Gamma-Gamma runs off on the demo's spends: clv fit (which failed here before) and analyze both
    value each customer at its own mean spend, and clv fit says so on stderr and in report.html."""
    joined, printed = both(demo_csv, tmp_path, "margin = 1.0\n")
    assert "Gamma-Gamma spend model not used" in printed
    params = json.loads((tmp_path / "fit" / "params.json").read_text(encoding="utf-8"))
    spend = params["spend_model"]
    assert spend["model"] == "own mean spend" and spend["log_likelihood"] is None
    repeaters = joined.filter(pl.col("x") > 0)
    own_mean = read(tmp_path / "fit" / "predictions.csv")  # the mean is the repeaters' average
    assert spend["n_customers"] == repeaters.height
    assert spend["params"]["mean"] == pytest.approx(repeaters["expected_spend"].mean(), rel=SAME)
    once = own_mean.filter(pl.col("x") == 0)["expected_spend"].unique().to_list()
    assert once == [pytest.approx(spend["params"]["mean"], rel=SAME)]
    report = (tmp_path / "fit" / "report.html").read_text(encoding="utf-8")
    assert "Notes on the fit" in report and "Gamma-Gamma spend model not used" in report


def test_spend_option_chooses_the_spend_model(cdnow_csv: tuple[Path, str], tmp_path: Path) -> None:
    csv, end = cdnow_csv
    runs = {}
    for spend in ("gg", "mean"):
        out = tmp_path / spend
        code, output = kam("clv", "fit", csv, "--calibration-end", end, "--spend", spend, "--out", out)
        assert code == 0, output
        runs[spend] = (
            read(out / "predictions.csv"),
            json.loads((out / "params.json").read_text(encoding="utf-8")),
        )
    gamma, gamma_params = runs["gg"]
    mean, mean_params = runs["mean"]
    assert gamma_params["spend_model"]["model"] == "Gamma-Gamma"
    assert mean_params["spend_model"]["model"] == "own mean spend"
    assert mean["p_alive"].to_list() == gamma["p_alive"].to_list()  # the purchase model is the same
    summary = read_cdnow(CDNOW).filter(pl.col("date") <= pl.date(1997, 9, 30))
    first = summary.group_by("customer_id").agg(pl.col("date").min()).collect()
    repeat = (  # each repeat buyer's mean day total after its first day
        summary.collect()
        .join(first, on="customer_id", suffix="_first")
        .filter(pl.col("date") > pl.col("date_first"))
        .group_by("customer_id", "date")
        .agg(pl.col("amount").sum())
        .group_by("customer_id")
        .agg(pl.col("amount").mean().alias("own"))
    )
    compared = mean.join(repeat, on="customer_id")
    assert compared.height == mean.filter(pl.col("x") > 0).height
    assert compared["expected_spend"].to_numpy() == pytest.approx(compared["own"].to_numpy(), rel=SAME)
    shrunk = gamma.join(repeat, on="customer_id")  # Gamma-Gamma pulls each mean toward the average
    pulled = (shrunk["expected_spend"] - shrunk["own"]).abs() / shrunk["own"]
    assert pulled.max() > 0.1


def test_an_unknown_spend_model_is_refused(cdnow_csv: tuple[Path, str], tmp_path: Path) -> None:
    csv, end = cdnow_csv
    code, _ = kam("clv", "fit", csv, "--calibration-end", end, "--spend", "ggg", "--out", tmp_path / "out")
    assert code == 2
    assert not (tmp_path / "out").exists()
