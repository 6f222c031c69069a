"""NaN, infinities and numbers too large to add up are bad cells, named by file, row and column."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest

from kam.errors import ImportValidationError
from kam.io.customers import load_customers
from kam.io.options import OnError, ReadOptions
from kam.io.parse import MAX_MAGNITUDE
from kam.io.transactions import load_transactions

NON_FINITE = ["inf", "Infinity", "NaN", "nan", "-inf", "+inf", "INF", "-Infinity", "1e400", "-1e400"]
TOO_LARGE = ["1e308", "-1e308", "1.0000001e15", "2e15", "(5e20)", "9,999,999,999,999,999"]


def _csv(tmp_path: Path, column: str, value: str) -> Path:
    """Three lines of a transactions table whose second line has `value` in `column`."""
    path = tmp_path / "t.csv"
    cells = {"amount": "10", "cost": "5", "quantity": "2"}
    second = {**cells, column: f'"{value}"'}
    path.write_text(
        "customer_id,date,amount,cost,quantity\n"
        f"A,2024-01-01,{cells['amount']},{cells['cost']},{cells['quantity']}\n"
        f"A,2024-02-01,{second['amount']},{second['cost']},{second['quantity']}\n"
        "B,2024-01-05,20,10,4\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("column", ["amount", "cost", "quantity"])
@pytest.mark.parametrize("value", NON_FINITE + TOO_LARGE)
def test_non_finite_or_huge_number_is_a_bad_cell(tmp_path: Path, column: str, value: str) -> None:
    path = _csv(tmp_path, column, value)
    with pytest.raises(ImportValidationError) as err:
        load_transactions(path)
    problem = err.value.problems[0]
    assert (problem.file, problem.row, problem.column, problem.value) == (str(path), 3, column, value)
    assert f"row 3, column '{column}'" in str(err.value)


@pytest.mark.parametrize("value", ["inf", "NaN", "1e308"])
def test_skip_sets_the_row_aside_in_rejected(tmp_path: Path, value: str) -> None:
    loaded = load_transactions(_csv(tmp_path, "amount", value), ReadOptions(on_error=OnError.SKIP))
    assert loaded.rejected.select("row", "column", "value").rows() == [(3, "amount", value)]
    assert loaded.frame.collect()["amount"].to_list() == [10.0, 20.0]


@pytest.mark.parametrize("value", ["1e15", "-1e15", "999999999999999.9", "0", "-0", "1e-9", "-0.000000001"])
def test_numbers_within_the_limit_are_read(tmp_path: Path, value: str) -> None:
    loaded = load_transactions(_csv(tmp_path, "cost", value))
    assert loaded.rejected.height == 0
    assert loaded.frame.collect()["cost"][1] == float(value)


@pytest.mark.parametrize("value", ["5.551115123125783e-17", "-1e-10", "1e-300", "5e-324", "-4.9e-324"])
def test_float_residue_is_read_as_zero(tmp_path: Path, value: str) -> None:
    """0.1 + 0.2 - 0.3 in a spreadsheet is 5.6e-17: zero, not an amount a margin could be divided by."""
    loaded = load_transactions(_csv(tmp_path, "amount", value))
    assert loaded.rejected.height == 0
    assert loaded.frame.collect()["amount"].to_list() == [10.0, 0.0, 20.0]


def test_float_residue_in_a_parquet_file_is_read_as_zero(tmp_path: Path) -> None:
    path = tmp_path / "t.parquet"
    pl.DataFrame(
        {
            "customer_id": ["A", "A"],
            "date": [dt.date(2024, 1, 1), dt.date(2024, 2, 1)],
            "amount": [10.0, 0.1 + 0.2 - 0.3],
        }
    ).write_parquet(path)
    assert load_transactions(path).frame.collect()["amount"].to_list() == [10.0, 0.0]


def test_limit_is_said_in_the_message(tmp_path: Path) -> None:
    with pytest.raises(ImportValidationError) as err:
        load_transactions(_csv(tmp_path, "amount", "1e308"))
    assert f"{MAX_MAGNITUDE:.0e}".replace("+", "") in str(err.value)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf"), 1e308])
def test_float_cells_of_a_parquet_file(tmp_path: Path, value: float) -> None:
    path = tmp_path / "t.parquet"
    pl.DataFrame(
        {
            "customer_id": ["A", "A", "B"],
            "date": [dt.date(2024, 1, 1), dt.date(2024, 2, 1), dt.date(2024, 1, 5)],
            "amount": [10.0, 12.0, 20.0],
            "cost": [5.0, value, 10.0],
        }
    ).write_parquet(path)
    with pytest.raises(ImportValidationError) as err:
        load_transactions(path)
    problem = err.value.problems[0]
    assert (problem.row, problem.column) == (2, "cost")
    loaded = load_transactions(path, ReadOptions(on_error=OnError.SKIP))
    assert loaded.rejected.select("row", "column").rows() == [(2, "cost")]


def test_integer_cells_beyond_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "t.parquet"
    pl.DataFrame(
        {
            "customer_id": ["A", "B"],
            "date": [dt.date(2024, 1, 1), dt.date(2024, 1, 5)],
            "amount": [10, 9_000_000_000_000_000_000],
        }
    ).write_parquet(path)
    with pytest.raises(ImportValidationError) as err:
        load_transactions(path)
    assert (err.value.problems[0].row, err.value.problems[0].column) == (2, "amount")


@pytest.mark.parametrize("column", ["payment_days", "service_cost"])
@pytest.mark.parametrize("value", ["NaN", "inf", "Infinity", "1e400", "1e308", "2e15"])
def test_customers_non_finite_or_huge_number_is_a_bad_cell(tmp_path: Path, column: str, value: str) -> None:
    path = tmp_path / "c.csv"
    cells = {"payment_days": "30", "service_cost": "1000", column: value}
    path.write_text(
        "customer_id,payment_days,service_cost\n"
        "K1,45,12000\n"
        f"K2,{cells['payment_days']},{cells['service_cost']}\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportValidationError) as err:
        load_customers(path)
    assert [(p.file, p.row, p.column, p.value) for p in err.value.problems] == [(str(path), 3, column, value)]


@pytest.mark.parametrize("value", [float("nan"), float("inf"), 1e300])
def test_customers_float_cells_of_a_parquet_file(tmp_path: Path, value: float) -> None:
    path = tmp_path / "c.parquet"
    pl.DataFrame({"customer_id": ["K1", "K2"], "payment_days": [45.0, value]}).write_parquet(path)
    with pytest.raises(ImportValidationError) as err:
        load_customers(path)
    assert [(p.row, p.column) for p in err.value.problems] == [(3, "payment_days")]
