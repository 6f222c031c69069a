"""`python -m kam.spark` / spark-submit: kam's commands with Spark as the engine."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kam.spark.submit import main, with_spark_engine
from tests.same_accounts import assert_same_accounts


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["analyze", "x.parquet"], ["analyze", "x.parquet", "--engine", "spark"]),
        (["clv", "fit", "x.csv"], ["clv", "fit", "x.csv", "--engine", "spark"]),
        (["analyze", "x.csv", "--engine", "duckdb"], ["analyze", "x.csv", "--engine", "duckdb"]),
        (["analyze", "x.csv", "--engine=polars"], ["analyze", "x.csv", "--engine=polars"]),
        (["demo-data", "--out", "d"], ["demo-data", "--out", "d"]),
        (["clv", "--help"], ["clv", "--help"]),
    ],
)
def test_the_spark_engine_is_added_where_a_command_takes_one(argv: list[str], expected: list[str]) -> None:
    assert with_spark_engine(argv) == expected


def test_script_prints_the_file_spark_submit_runs(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--script"]) == 0
    path = Path(capsys.readouterr().out.strip())
    assert path.is_file() and path.name == "submit.py"
    assert 'if __name__ == "__main__"' in path.read_text(encoding="utf-8")


@pytest.mark.slow
def test_analyze_on_spark_matches_the_default_engine(
    spark: Any, portfolio_files: tuple[Path, Path], tmp_path: Path
) -> None:
    files = [str(portfolio_files[0]), "--customers", str(portfolio_files[1])]
    assert main(["analyze", *files, "--engine", "polars", "--out", str(tmp_path / "polars")]) == 0
    assert main(["analyze", *files, "--out", str(tmp_path / "spark")]) == 0
    assert_same_accounts(tmp_path / "polars", tmp_path / "spark")
    assert spark.sparkContext._jsc is not None  # a session it did not start is left running


def test_a_failing_command_gives_its_exit_code(tmp_path: Path) -> None:
    assert main(["analyze", str(tmp_path / "missing.csv"), "--engine", "polars"]) == 2
