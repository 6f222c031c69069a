"""`kam analyze --engine duckdb|spark` and `kam clv fit --engine …` against the default engine (Polars).

On the demo data and on a generated million lines, every engine must give the same segment for every
customer and the same figures within 1e-9 relative (accounts.csv compared column by column).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from benchmarks.make_lines import write_lines
from kam.cli import app
from kam.io.cdnow import read_cdnow
from kam.usecases.demo import run_demo_data
from tests.conftest import DATA
from tests.same_accounts import assert_same_accounts, read_accounts

runner = CliRunner()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo") / "data"
    run_demo_data(out)
    return out


def _analyze(out: Path, *args: str) -> dict[str, object]:
    result = runner.invoke(app, ["analyze", *args, "--out", str(out)])
    assert result.exit_code == 0, result.output
    return json.loads((out / "summary.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def demo_on_polars(demo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("polars") / "out"
    _analyze(out, str(demo / "transactions.csv"), "--customers", str(demo / "customers.csv"))
    return out


@pytest.mark.parametrize("engine", ["duckdb", pytest.param("spark", marks=pytest.mark.slow)])
def test_demo_data_gives_the_same_accounts_on_every_engine(
    engine: str, demo: Path, demo_on_polars: Path, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    if engine == "spark":
        request.getfixturevalue("spark")
    files = [str(demo / "transactions.csv"), "--customers", str(demo / "customers.csv")]
    summary = _analyze(tmp_path / engine, *files, "--engine", engine)
    assert_same_accounts(demo_on_polars, tmp_path / engine)
    expected = json.loads((demo_on_polars / "summary.json").read_text(encoding="utf-8"))
    assert summary["segments"] == expected["segments"]
    assert sum(summary["segments"].values()) == read_accounts(tmp_path / engine).height == 503  # type: ignore[union-attr,arg-type]


MILLION = 1_000_000
# Spark on two cores takes 1-2.5 minutes for the million lines; KAM_TEST_SPARK_LINES=200000 runs fewer
# where that is too slow (see docs/spark.md).
SPARK_LINES = int(os.environ.get("KAM_TEST_SPARK_LINES", str(MILLION)))


def _generated(tmp_path_factory: pytest.TempPathFactory, lines: int) -> Path:
    """`lines` lines (a quarter as many orders) of 20k customers, with one very large Zipf-drawn customer."""
    path = tmp_path_factory.mktemp("lines") / f"lines-{lines}.parquet"
    return write_lines(path, lines, 20_000, seed=5, zipf_share=0.4)


@pytest.mark.slow
@pytest.mark.parametrize(("engine", "lines"), [("duckdb", MILLION), ("spark", SPARK_LINES)])
def test_generated_lines_give_the_same_accounts_on_every_engine(
    engine: str,
    lines: int,
    tmp_path_factory: pytest.TempPathFactory,
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> None:
    if engine == "spark":
        request.getfixturevalue("spark")
    source = _generated(tmp_path_factory, lines)
    polars = _analyze(tmp_path / "polars", str(source))
    other = _analyze(tmp_path / engine, str(source), "--engine", engine)
    assert_same_accounts(tmp_path / "polars", tmp_path / engine)
    for key in ("segments", "rows_read", "duplicate_lines", "cancellation_lines", "customers"):
        assert other[key] == polars[key], key
    assert polars["rows_read"] == lines
    assert polars["customers"] == read_accounts(tmp_path / engine).height > 15_000  # type: ignore[operator]


def test_streaming_is_for_polars_only(demo: Path, tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "analyze",
            str(demo / "transactions.csv"),
            "--engine",
            "duckdb",
            "--streaming",
            "--out",
            str(tmp_path),
        ],
    )
    assert result.exit_code == 2
    assert "--streaming" in result.output and "duckdb" in result.output


@pytest.mark.parametrize("engine", ["duckdb", pytest.param("spark", marks=pytest.mark.slow)])
def test_clv_fit_gives_the_same_model_on_every_engine(
    engine: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    if engine == "spark":
        request.getfixturevalue("spark")
    csv = tmp_path / "cdnow.csv"
    read_cdnow(DATA / "cdnow" / "CDNOW_sample.txt").collect().write_csv(csv)
    fits = {}
    for name in ("polars", engine):
        out = tmp_path / name
        args = ["clv", "fit", str(csv), "--calibration-end", "1997-09-30", "--holdout-end", "1998-06-30"]
        result = runner.invoke(app, [*args, "--out", str(out), "--engine", name])
        assert result.exit_code == 0, result.output
        fits[name] = json.loads((out / "params.json").read_text(encoding="utf-8"))
        fits[name]["holdout"] = (out / "holdout_by_frequency.csv").read_text(encoding="utf-8")
    # the models' summaries (frequency, recency, T and mean spend) reach the fits bit for bit
    for section in ("params", "standard_errors"):
        assert fits[engine][section] == pytest.approx(fits["polars"][section], rel=1e-9)
        assert fits[engine]["spend_model"][section] == pytest.approx(
            fits["polars"]["spend_model"][section], rel=1e-9
        )
    assert fits[engine]["n_customers"] == fits["polars"]["n_customers"] == 2357
    assert fits[engine]["holdout"] == fits["polars"]["holdout"]


@pytest.mark.parametrize("engine", ["polars", "spark"])
def test_no_source_is_a_clear_error_before_any_engine_starts(engine: str, tmp_path: Path) -> None:
    result = runner.invoke(app, ["analyze", "--engine", engine, "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert ("Spark table" in result.output) == (engine == "spark")
    assert not (tmp_path / "out").exists()
