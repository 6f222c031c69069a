"""`kam analyze` on NaN, infinite and huge numbers: bad cells or a clear error, and summary.json stays JSON."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from kam.cli import app
from kam.errors import ImportValidationError
from kam.settings import Settings
from kam.usecases.analyze import AnalyzeOptions, run_analyze

runner = CliRunner()


def strict_json(text: str) -> object:
    """Parse as strict JSON: NaN, Infinity and -Infinity are not JSON."""

    def refuse(token: str) -> object:
        raise ValueError(f"not JSON: {token}")

    return json.loads(text, parse_constant=refuse)


def _lines(path: Path, second_amount: str) -> Path:
    path.write_text(
        "customer_id,date,amount,cost\n"
        "A,2024-01-01,10,5\n"
        f"A,2024-02-01,{second_amount},5\n"
        "B,2024-01-05,20,10\n"
        "B,2024-03-01,30,10\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("forecast", [["--no-forecast"], []])
@pytest.mark.parametrize("value", ["inf", "-inf", "NaN", "1e400", "1e308"])
def test_non_finite_amount_is_exit_2_naming_the_cell(tmp_path: Path, value: str, forecast: list[str]) -> None:
    source = _lines(tmp_path / "t.csv", value)
    out = tmp_path / "out"
    result = runner.invoke(app, ["analyze", str(source), "--out", str(out), *forecast])
    assert result.exit_code == 2, result.output
    assert f"row 3, column 'amount': value '{value}'" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


@pytest.mark.parametrize("value", ["inf", "NaN", "1e308"])
def test_skipped_non_finite_amount_leaves_strict_json(tmp_path: Path, value: str) -> None:
    source = _lines(tmp_path / "t.csv", value)
    out = tmp_path / "out"
    result = runner.invoke(app, ["analyze", str(source), "--out", str(out), "--on-error", "skip"])
    assert result.exit_code == 0, result.output
    summary = strict_json((out / "summary.json").read_text(encoding="utf-8"))
    assert isinstance(summary, dict)
    assert summary["rows_rejected"] == 1 and summary["portfolio"]["total"] == 35.0
    rejected = pl.read_csv(out / "rejected.csv", infer_schema=False)
    assert rejected.select("row", "column", "value").rows() == [("3", "amount", value)]
    reasons = pl.read_csv(out / "accounts.csv")["reasons"].to_list()
    assert not any("NaN" in r or "inf" in r for r in reasons)


def test_two_huge_amounts_do_not_add_up_to_infinity(tmp_path: Path) -> None:
    source = tmp_path / "t.csv"
    source.write_text(
        "customer_id,date,amount\nA,2024-01-01,1e308\nA,2024-02-01,1e308\nB,2024-01-05,20\n", encoding="utf-8"
    )
    with pytest.raises(ImportValidationError) as err:
        run_analyze(AnalyzeOptions(str(source), forecast=False), Settings())
    assert [(p.row, p.column) for p in err.value.problems] == [(2, "amount"), (3, "amount")]


def test_an_order_beyond_the_integer_range_is_written(tmp_path: Path) -> None:
    """10,000 lines of 1e15 in one order make a 1e19 order: reasons say it, not a crash on the cast."""
    source = tmp_path / "t.parquet"
    day = dt.date(2024, 1, 2)
    pl.DataFrame(
        {
            "customer_id": ["A"] * 10_000 + ["B", "B"],
            "order_id": ["A1"] * 10_000 + ["B1", "B2"],
            "date": [day] * 10_000 + [dt.date(2024, 1, 5), dt.date(2024, 3, 5)],
            "amount": [1e15] * 10_000 + [20.0, 30.0],
        }
    ).write_parquet(source)
    out = tmp_path / "out"
    result = run_analyze(AnalyzeOptions(str(source), out=out, forecast=False), Settings())
    accounts = result.analysis.accounts.to_polars()
    a = accounts.filter(pl.col("customer_id") == "A").row(0, named=True)
    assert a["segment"] == "one_off_bulk"
    assert "largest purchase 1e+19" in a["reasons"]
    summary = strict_json((out / "summary.json").read_text(encoding="utf-8"))
    assert isinstance(summary, dict) and summary["portfolio"]["total"] == pytest.approx(1e19)


def test_a_residue_amount_does_not_make_ratios_overflow(tmp_path: Path) -> None:
    """Last year's revenue of 5e-324 (the smallest float) is read as 0, so this year's trend is unknown,
    not infinite."""
    source = tmp_path / "t.csv"
    source.write_text(
        "customer_id,date,amount,cost\n"
        "A,2023-06-01,5e-324,0\n"
        "A,2024-06-01,1e15,1\n"
        "B,2024-01-05,20,10\n"
        "B,2024-03-05,20,10\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = run_analyze(AnalyzeOptions(str(source), out=out, forecast=False), Settings())
    a = result.analysis.accounts.to_polars().filter(pl.col("customer_id") == "A").row(0, named=True)
    assert (a["revenue_prev_12m"], a["revenue_trend"]) == (0.0, None)
    strict_json((out / "summary.json").read_text(encoding="utf-8"))
