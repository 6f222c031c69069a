"""Spark's own readers: kam's column mapping and checks, cancellations, currencies and Spark tables.

All of these share the test run's one SparkSession (the `spark` fixture) and are marked slow.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from typer.testing import CliRunner

from kam.cli import app
from kam.errors import ConfigError, ImportValidationError, MissingColumnError
from kam.io.options import DecimalMark, OnError, ReadOptions
from kam.io.unattributed import UnattributedSales
from kam.spark.read import read_spark_lines

pytestmark = pytest.mark.slow
runner = CliRunner()
TODAY = dt.date(2025, 1, 31)

HEADER = "客戶 編號,單據.號,date,amount,qty\n"
GOOD = "A,S1,2024-01-05,100.5,1\nA,S1,2024-01-05,100.5,1\nB,C2,2024-01-09,40,2\nB,S3,2024-02-09,70,1\n"
MAPPING = {"customer_id": "客戶 編號", "order_id": "單據.號", "quantity": "qty"}


def _csv(tmp_path: Path, body: str, name: str = "sales.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def _lines(read: Any) -> pl.DataFrame:
    return read.lines.collect("polars").to_native().sort("customer_id", "date", "amount")


def test_mapped_columns_are_read_with_cancellations_and_a_line_hash(spark: Any, tmp_path: Path) -> None:
    read = read_spark_lines(spark, str(_csv(tmp_path, GOOD)), ReadOptions(mapping=MAPPING, today=TODAY))
    lines = _lines(read)
    assert lines["customer_id"].to_list() == ["A", "A", "B", "B"]
    assert lines["amount"].to_list() == [100.5, 100.5, -40.0, 70.0]  # C2 is a cancelled order
    assert lines["quantity"].to_list() == [1.0, 1.0, -2.0, 1.0]
    assert lines["date"].to_list() == [dt.date(2024, 1, 5)] * 2 + [dt.date(2024, 1, 9), dt.date(2024, 2, 9)]
    hashes = lines["line_hash"].to_list()
    assert hashes[0] == hashes[1] and len(set(hashes)) == 3  # the exact duplicate shares its hash
    assert (read.rows_read, read.cancellations, read.first_date, read.last_date) == (
        4,
        1,
        dt.date(2024, 1, 5),
        dt.date(2024, 2, 9),
    )
    assert read.mapping["order_id"] == "單據.號"


def test_bad_cells_are_named_by_file_column_and_value(spark: Any, tmp_path: Path) -> None:
    bad = GOOD + ",S4,2024-03-01,5,1\nC,S5,2024-13-01,5,1\nD,S6,2024-03-01,12abc,1\nE,S7,2026-03-01,5,1\n"
    path = _csv(tmp_path, bad)
    with pytest.raises(ImportValidationError) as raised:
        read_spark_lines(spark, str(path), ReadOptions(mapping=MAPPING, today=TODAY))
    problems = {(p.column, p.value) for p in raised.value.problems}
    assert problems == {  # the line without a customer (S4) is an unattributed sale, not a bad row
        ("date", "2024-13-01"),
        ("amount", "12abc"),
        ("date", "2026-03-01"),
    }
    assert all(p.file.endswith("sales.csv") for p in raised.value.problems)
    assert "3 rows" in str(raised.value)


def test_lines_without_a_customer_are_unattributed_sales(spark: Any, tmp_path: Path) -> None:
    path = _csv(tmp_path, GOOD + ",S4,2024-03-01,5,1\n  ,C5,2024-03-02,2,1\n")
    read = read_spark_lines(spark, str(path), ReadOptions(mapping=MAPPING, today=TODAY))
    assert read.unattributed == UnattributedSales(2, 3.0, 3.0 + 100.5 * 2 - 40 + 70)  # C5 is cancelled
    assert read.rejected.height == 0 and _lines(read)["customer_id"].null_count() == 0
    assert any(getattr(w, "key", "") == "unattributed_share" for w in read.warnings)


def test_skipped_bad_rows_go_to_rejected_csv_and_the_rest_is_analysed(spark: Any, tmp_path: Path) -> None:
    path = _csv(tmp_path, GOOD + "C,S5,2024-13-01,5,1\nD,S6,2024-03-01,inf,1\n")
    out = tmp_path / "out"
    args = ["analyze", str(path), "--engine", "spark", "--on-error", "skip", "--out", str(out)]
    args += [f"--map={k}={v}" for k, v in MAPPING.items()]
    result = runner.invoke(app, [*args, "--no-forecast", "--as-of", "2024-12-31"])
    assert result.exit_code == 0, result.output
    rejected = pl.read_csv(out / "rejected.csv", infer_schema=False).sort("column")
    assert rejected["column"].to_list() == ["amount", "date"]
    assert rejected["value"].to_list() == ["inf", "2024-13-01"]
    assert rejected["source:客戶 編號"].to_list() == ["D", "C"]
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert (summary["rows_read"], summary["rows_rejected"], summary["customers"]) == (6, 2, 2)
    assert summary["duplicate_lines"] == 1 and summary["cancellation_lines"] == 1


def test_a_spark_table_is_read_with_table(spark: Any, tmp_path: Path) -> None:
    rows = [("A", "S1", dt.date(2024, 1, 5), 100.0), ("B", "S2", dt.date(2024, 2, 5), 30.0)]
    spark.createDataFrame(
        rows, "customer STRING, order_id STRING, date DATE, sales DOUBLE"
    ).createOrReplaceTempView("kam_test_sales")
    out = tmp_path / "out"
    args = ["analyze", "--engine", "spark", "--table", "kam_test_sales", "--map", "amount=sales"]
    result = runner.invoke(app, [*args, "--map", "customer_id=customer", "--no-forecast", "--out", str(out)])
    assert result.exit_code == 0, result.output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["source"] == "kam_test_sales (Spark table)"
    assert (summary["rows_read"], summary["customers"]) == (2, 2)


def test_dates_in_a_given_format_and_one_currency_kept(spark: Any, tmp_path: Path) -> None:
    path = tmp_path / "sales.tsv"
    path.write_text(
        "customer_id\tdate\tamount\tcurrency\nA\t05/01/2024\t10\tEUR\nA\t06/01/2024\t7\tUSD\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportValidationError) as mixed:
        read_spark_lines(spark, str(path), ReadOptions(date_format="%d/%m/%Y", today=TODAY))
    assert "EUR (1 lines)" in str(mixed.value) and "USD (1 lines)" in str(mixed.value)
    read = read_spark_lines(
        spark, str(path), ReadOptions(date_format="%d/%m/%Y", currency="EUR", today=TODAY)
    )
    assert _lines(read)[["date", "amount"]].rows() == [(dt.date(2024, 1, 5), 10.0)]


def test_what_spark_does_not_read_is_a_clear_error(spark: Any, tmp_path: Path) -> None:
    unnamed = tmp_path / "unnamed.csv"
    unnamed.write_text("who,date,amount\nA,2024-01-05,1\n", encoding="utf-8")
    with pytest.raises(MissingColumnError) as missing:
        read_spark_lines(spark, str(unnamed), ReadOptions(today=TODAY))
    assert missing.value.missing == ["customer_id"] and missing.value.found == ["who", "date", "amount"]
    with pytest.raises(ImportValidationError) as absent:
        read_spark_lines(spark, str(tmp_path / "nowhere.parquet"), ReadOptions(today=TODAY))
    assert "nowhere.parquet" in str(absent.value)
    with pytest.raises(ConfigError):
        read_spark_lines(spark, str(tmp_path / "book.xlsx"), ReadOptions(today=TODAY))
    with pytest.raises(ConfigError):
        read_spark_lines(
            spark,
            str(_csv(tmp_path, GOOD)),
            ReadOptions(mapping=MAPPING, decimal=DecimalMark.COMMA, today=TODAY),
        )
    with pytest.raises(ConfigError):
        read_spark_lines(spark, None, ReadOptions(today=TODAY))


def test_on_error_raise_is_the_default(spark: Any, tmp_path: Path) -> None:
    path = _csv(tmp_path, GOOD + "C,S5,2024-13-01,5,1\n")
    with pytest.raises(ImportValidationError):
        read_spark_lines(spark, str(path), ReadOptions(mapping=MAPPING, today=TODAY))
    read = read_spark_lines(
        spark, str(path), ReadOptions(mapping=MAPPING, today=TODAY, on_error=OnError.SKIP)
    )
    assert read.rejected.height == 1 and read.rows_read == 5
