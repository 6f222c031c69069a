"""`kam analyze` and absurd dates: an --as-of outside the plausible window, placeholder dates in the
transactions, and a customer's `since` after a back-dated --as-of."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kam.cli import app

runner = CliRunner()
DATA = "customer_id,date,order_id,amount\nA,2024-01-05,O1,100\nB,2024-02-05,O2,50\nA,2024-03-05,O3,70\n"


def _data(tmp_path: Path, text: str = DATA) -> Path:
    path = tmp_path / "t.csv"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "as_of",
    ["9999-12-31", "0001-01-01", "1900-12-31", (dt.date.today() + dt.timedelta(days=1)).isoformat()],
)
def test_an_absurd_as_of_is_a_clear_error(tmp_path: Path, as_of: str) -> None:
    result = runner.invoke(app, ["analyze", str(_data(tmp_path)), "--as-of", as_of, "--no-forecast"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output and as_of in result.output and "--as-of" in result.output
    assert "1901-01-01" in result.output and dt.date.today().isoformat() in result.output


def test_a_placeholder_date_is_a_bad_cell_not_a_2000_year_tenure(tmp_path: Path) -> None:
    path = _data(tmp_path, DATA + "A,0001-01-01,O0,100\n")
    result = runner.invoke(app, ["analyze", str(path), "--no-forecast"])
    assert result.exit_code == 2 and "row 5" in result.output and "'0001-01-01'" in result.output
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["analyze", str(path), "--no-forecast", "--on-error", "skip", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    accounts = {
        row["customer_id"]: row for row in csv.DictReader((out / "accounts.csv").open(encoding="utf-8-sig"))
    }
    assert accounts["A"]["first_purchase"] == "2024-01-05"
    assert 0 < float(accounts["A"]["tenure_years"]) < 1


def test_a_since_after_a_back_dated_as_of_gives_no_negative_tenure(tmp_path: Path) -> None:
    customers = tmp_path / "c.csv"
    customers.write_text("customer_id,since\nA,2024-03-01\nB,2020-02-01\n", encoding="utf-8")
    out = tmp_path / "out"
    args = ["analyze", str(_data(tmp_path)), "--customers", str(customers), "--as-of", "2024-02-10"]
    result = runner.invoke(app, [*args, "--no-forecast", "--out", str(out)])
    assert result.exit_code == 0, result.output
    accounts = {
        row["customer_id"]: row for row in csv.DictReader((out / "accounts.csv").open(encoding="utf-8-sig"))
    }
    assert float(accounts["A"]["tenure_years"]) == pytest.approx(36 / 365.25, abs=0.01)  # from 2024-01-05
    assert float(accounts["B"]["tenure_years"]) == pytest.approx(4.02, abs=0.01)  # from since, 2020-02-01


def test_an_invalid_cancel_pattern_names_the_option(tmp_path: Path) -> None:
    path = _data(tmp_path)
    result = runner.invoke(app, ["analyze", str(path), "--cancel-pattern", "(", "--no-forecast"])
    assert result.exit_code == 2
    assert "--cancel-pattern '('" in result.output and "cannot be read as a table" not in result.output


def test_the_earliest_date_setting_applies_to_transactions_and_customers(tmp_path: Path) -> None:
    config = tmp_path / "kam.toml"
    config.write_text("[value]\nearliest_date = 2000-01-01\n", encoding="utf-8")
    path = _data(tmp_path, DATA + "B,1995-06-01,O0,10\n")
    result = runner.invoke(app, ["analyze", str(path), "--config", str(config), "--no-forecast"])
    assert result.exit_code == 2 and "row 5" in result.output and "'1995-06-01'" in result.output
    assert runner.invoke(app, ["analyze", str(path), "--no-forecast"]).exit_code == 0
    customers = tmp_path / "c.csv"
    customers.write_text("customer_id,since\nA,1999-12-31\n", encoding="utf-8")
    args = ["analyze", str(_data(tmp_path)), "--customers", str(customers), "--no-forecast"]
    result = runner.invoke(app, [*args, "--config", str(config)])
    assert result.exit_code == 2 and "row 2" in result.output and "'1999-12-31'" in result.output
    assert runner.invoke(app, args).exit_code == 0


def test_a_stray_date_is_told_and_kept_in_the_summary(tmp_path: Path) -> None:
    first = dt.date(2022, 1, 1)
    lines = "".join(f"C{i % 7},{first + dt.timedelta(days=i)},O{i},10\n" for i in range(300))
    path = _data(tmp_path, "customer_id,date,order_id,amount\nX,1995-06-01,OX,5\n" + lines)
    out = tmp_path / "out"
    result = runner.invoke(app, ["analyze", str(path), "--no-forecast", "--out", str(out)])
    assert result.exit_code == 0, result.output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    told = [w for w in summary["warnings"] if "'1995-06-01'" in w]
    assert len(told) == 1 and "row 2" in told[0] and str(path) in told[0]
    assert summary["rows_rejected"] == 0
