"""Each use case takes typed options, returns a typed result and prints nothing: what it says is in the
result, for the command line, the API or a notebook to show as each does."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import polars as pl
import pytest

from kam.clv.choices import PurchaseModelName, SpendModelName
from kam.clv.settings import ClvSettings
from kam.clv.summary import TimeUnit
from kam.domain.languages import Lang
from kam.settings import Settings
from kam.usecases.analyze import AnalyzeOptions, AnalyzeResult, run_analyze
from kam.usecases.clv import ClvFitOptions, ClvFitResult, run_clv_fit
from kam.usecases.demo import run_demo_data
from kam.usecases.detect import Detection, run_detect


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("usecases") / "data"
    run_demo_data(folder, seed=7)
    return folder


def test_demo_data_writes_the_company_and_returns_its_files(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    written = run_demo_data(tmp_path / "d", seed=3)
    assert capfd.readouterr() == ("", "")
    names = sorted(p.relative_to(tmp_path / "d").as_posix() for p in written)
    assert names == [
        "calls/K001-2026-09-12-first-visit.vtt",
        "calls/K002-2026-09-10-discovery.vtt",
        "contracts.csv",
        "customers.csv",
        "deals.csv",
        "needs.csv",
        "planted.json",
        "stakeholders.csv",
        "transactions.csv",
    ]
    assert pl.read_csv(tmp_path / "d" / "transactions.csv").height > 1000


def test_analyze_returns_the_analysis_and_prints_nothing(
    demo: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    options = AnalyzeOptions(
        str(demo / "transactions.csv"),
        customers=demo / "customers.csv",
        out=tmp_path / "o",
        lang=Lang.ZH_HANT,
    )
    result = run_analyze(options, Settings())
    assert capfd.readouterr() == ("", "")
    assert isinstance(result, AnalyzeResult)
    assert sorted(p.name for p in result.written) == [
        "accounts.csv",
        "accounts.parquet",
        "accounts.xlsx",
        "report.html",
        "summary.json",
    ]
    assert result.summary.customers == result.analysis.figures.customers == 503
    assert sum(result.summary.segments.values()) == 503


def test_detect_returns_the_mapping(demo: Path, capfd: pytest.CaptureFixture[str]) -> None:
    found = run_detect(str(demo / "transactions.csv"))
    assert capfd.readouterr() == ("", "")
    assert isinstance(found, Detection)
    assert found.mapping["customer_id"] == "customer_id" and found.missing_required == []
    assert found.sample[0]["customer_id"] == pl.read_csv(demo / "transactions.csv")["customer_id"][0]


def test_clv_fit_takes_its_options_and_returns_what_it_fitted_and_wrote(
    demo: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    options = ClvFitOptions(
        demo / "transactions.csv",
        out=tmp_path / "fit",
        calibration_end=dt.date(2026, 3, 31),
        model=PurchaseModelName.PNBD,
        spend=SpendModelName.MEAN,
        unit=TimeUnit.MONTH,
        holdout_end=dt.date(2026, 9, 30),
    )
    result = run_clv_fit(options, ClvSettings())
    assert capfd.readouterr() == ("", "")
    assert isinstance(result, ClvFitResult)
    assert (result.purchase_model.name, result.spend_model.name) == ("Pareto/NBD", "own mean spend")
    assert result.holdout is not None
    assert result.files == (
        "holdout.svg",
        "holdout_by_frequency.csv",
        "holdout_over_time.csv",
        "params.json",
        "predictions.csv",
        "report.html",
    )
    params = json.loads((tmp_path / "fit" / "params.json").read_text(encoding="utf-8"))
    assert (params["model"], params["unit"], params["holdout_end"]) == ("Pareto/NBD", "month", "2026-09-30")
    assert pl.read_csv(tmp_path / "fit" / "predictions.csv").height == result.predictions.height
