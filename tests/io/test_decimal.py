"""Decimal commas and decimal points: found from the file, never misread, and a clear error for a mix."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from kam.cli import app
from kam.commands.common import error_text
from kam.errors import ConfigError, ImportValidationError
from kam.hints import Hint, HintKey
from kam.i18n import say
from kam.io.customers import load_customers
from kam.io.options import DecimalMark, OnError, ReadOptions
from kam.io.parse import DECIMAL_SAMPLE_ROWS, contradicts_decimal, number_expr
from kam.io.transactions import load_transactions

CELLS = {
    # written: (decimal point file: bad?, value), (decimal comma file: bad?, value)
    "10,5": ((True, None), (False, 10.5)),
    "1.234,50": ((True, None), (False, 1234.5)),
    "(3,25)": ((True, None), (False, -3.25)),
    "€ 1.234.567,8": ((True, None), (False, 1234567.8)),
    "0,1250": ((True, None), (False, 0.125)),
    "1,234.50 USD": ((False, 1234.5), (True, None)),
    "12.5": ((False, 12.5), (True, None)),
    "1,234,567.89": ((False, 1234567.89), (True, None)),
    "NT$ 1,234": ((False, 1234.0), (False, 1.234)),  # 1,234 alone shows nothing: read as the file says
    "1.234": ((False, 1.234), (False, 1234.0)),
    "20": ((False, 20.0), (False, 20.0)),
}


@pytest.mark.parametrize("decimal_comma", [False, True])
def test_each_cell_is_read_or_flagged(decimal_comma: bool) -> None:
    frame = pl.DataFrame({"a": list(CELLS)}).with_columns(
        bad=contradicts_decimal("a", pl.String, decimal_comma=decimal_comma),
        value=number_expr("a", pl.String, decimal_comma=decimal_comma),
    )
    for written, bad, value in frame.iter_rows():
        expected_bad, expected_value = CELLS[written][int(decimal_comma)]
        assert bad == expected_bad, written
        if not bad:
            assert value == pytest.approx(expected_value), written


def test_a_decimal_comma_file_is_found_and_said(tmp_path: Path) -> None:
    path = tmp_path / "eu.csv"
    path.write_text("customer_id;date;amount\nA;2024-01-05;1.234,50\nA;2024-03-05;10,5\nB;2024-02-01;5\n")
    loaded = load_transactions(path)
    totals = dict(loaded.frame.group_by("customer_id").agg(pl.col("amount").sum()).collect().iter_rows())
    assert totals == {"A": pytest.approx(1245.0), "B": pytest.approx(5.0)}
    notes = [w for w in loaded.warnings if getattr(w, "key", "") == "decimal_comma"]
    assert len(notes) == 1 and "'1.234,50'" in notes[0]
    assert "逗號作小數點" in say(notes[0], "zh-Hant")


def test_both_marks_in_the_first_rows_is_an_error_with_an_example_of_each(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_text('customer_id,date,amount\nA,2024-01-05,"1,234.50"\nB,2024-02-01,"10,5"\n')
    with pytest.raises(ImportValidationError) as err:
        load_transactions(path)
    message = str(err.value)
    assert "'1,234.50'" in message and "'10,5'" in message and err.value.hint == Hint(HintKey.CHOOSE_DECIMAL)
    assert error_text(err.value, "en").endswith("; choose one with --decimal point or --decimal comma")


def test_a_late_value_written_the_other_way_is_a_bad_cell_not_a_wrong_number(tmp_path: Path) -> None:
    rows = [f'C{i},2024-01-{1 + i % 28:02d},"1,{i % 1000:03d}.50"' for i in range(DECIMAL_SAMPLE_ROWS + 10)]
    rows.append('LATE,2024-02-01,"10,5"')
    path = tmp_path / "late.csv"
    path.write_text("customer_id,date,amount\n" + "\n".join(rows) + "\n")
    with pytest.raises(ImportValidationError) as err:
        load_transactions(path)
    problem = err.value.problems[0]
    assert (problem.row, problem.column, problem.value) == (len(rows) + 1, "amount", "10,5")
    assert err.value.hint == Hint(HintKey.DECIMAL_ROWS, mark="comma")
    assert "add --decimal comma if the file writes its numbers that way" in error_text(err.value, "en")
    loaded = load_transactions(path, ReadOptions(on_error=OnError.SKIP))
    assert loaded.rejected.height == 1 and "decimal point" in loaded.rejected["reason"][0]
    assert "LATE" not in loaded.frame.select("customer_id").collect()["customer_id"].to_list()


def test_the_user_can_say_which_mark_the_file_uses(tmp_path: Path) -> None:
    path = tmp_path / "ambiguous.csv"
    path.write_text('customer_id,date,amount\nA,2024-01-05,"1.234"\nA,2024-02-05,"2.500"\n')
    read = {
        decimal: load_transactions(path, ReadOptions(decimal=DecimalMark(decimal or "auto")))
        .frame.select(pl.col("amount").sum())
        .collect()
        .item()
        for decimal in (None, "point", "comma")
    }
    assert read == {None: pytest.approx(3.734), "point": pytest.approx(3.734), "comma": pytest.approx(3734.0)}
    with pytest.raises(ConfigError):
        load_transactions(path, ReadOptions(decimal="dot"))  # type: ignore[arg-type]


def test_the_customers_table_finds_its_own_decimal_mark(tmp_path: Path) -> None:
    path = tmp_path / "customers.csv"
    path.write_text("customer_id;payment_days;service_cost\nA;45,5;1.200,00\nB;30;800\n")
    customers = load_customers(path)
    assert customers.sort("customer_id")["payment_days"].to_list() == [45.5, 30.0]
    assert customers.sort("customer_id")["service_cost"].to_list() == [1200.0, 800.0]


def test_analyze_takes_decimal_from_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text('customer_id,date,amount\nA,2024-01-05,"1.234"\nA,2024-02-05,"2.500"\nB,2024-01-07,"7"\n')
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["analyze", str(path), "--decimal", "comma", "--out", str(out), "--no-forecast"]
    )
    assert result.exit_code == 0, result.output
    revenue = dict(
        pl.read_csv(out / "accounts.csv", schema_overrides={"customer_id": pl.String})
        .select("customer_id", "revenue")
        .iter_rows()
    )
    assert revenue == {"A": pytest.approx(3734.0), "B": pytest.approx(7.0)}


def test_full_width_numbers_are_read(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(
        "客戶編號,日期,金額\nA,2024-01-05,１，２３４．５０\nA,2024-03-05,（５０）\nB,2024-02-01,20\n"
    )
    totals = dict(
        load_transactions(path)
        .frame.group_by("customer_id")
        .agg(pl.col("amount").sum())
        .collect()
        .iter_rows()
    )
    assert totals == {"A": pytest.approx(1184.5), "B": pytest.approx(20.0)}


def test_a_customers_value_written_the_other_way_is_a_bad_value(tmp_path: Path) -> None:
    path = tmp_path / "customers.csv"
    rows = "".join(f"C{i},{30 + i % 3}.5\n" for i in range(20))
    path.write_text("customer_id,payment_days\n" + rows + "LATE,45\n")
    assert load_customers(path)["payment_days"][0] == 30.5
    path.write_text("customer_id,payment_days\n" + rows + '"X","12,5"\n')
    with pytest.raises(ImportValidationError) as err:
        load_customers(path)
    assert "'12,5'" in str(err.value)
