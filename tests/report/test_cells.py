"""Every CSV kam writes shows hostile text instead of running it: formula-like cells get a leading quote."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from kam.cli import app
from kam.io.cdnow import read_cdnow
from kam.report.cells import FORMULA_STARTS, spreadsheet_safe

runner = CliRunner()
CDNOW = Path(__file__).parents[1] / "data" / "cdnow" / "CDNOW_sample.txt"
HOSTILE = ["=cmd|' /C calc'!A0", '=HYPERLINK("http://evil","x")', "+SUM(1)", "@x", "-2+3"]  # ids trim tab, CR


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("+SUM(1)", "'+SUM(1)"),
        ("@x", "'@x"),
        ("-2+3", "'-2+3"),
        ("-", "'-"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("-A1", "'-A1"),
        ("-5", "-5"),  # a plain signed number is shown as a number: nothing to run
        ("+1.5e3", "+1.5e3"),
        ("-1,234.50", "-1,234.50"),
        ("K001", "K001"),
        ("a=b", "a=b"),
        (" =1", " =1"),
        ("", ""),
        ("華東電力", "華東電力"),
    ],
)
def test_a_text_cell(cell: str, written: str) -> None:
    assert spreadsheet_safe(pl.DataFrame({"name": [cell]}))["name"].to_list() == [written]


def test_numbers_nulls_and_other_columns_stay_as_they_are() -> None:
    frame = pl.DataFrame(
        {
            "amount": [-2.5, 3.0],
            "n": [-1, 2],
            "when": [dt.date(2024, 1, 1), None],
            "id": ["=1", None],
            "kind": pl.Series(["@a", "b"], dtype=pl.Categorical),
            "segment": pl.Series(["+k", "b"], dtype=pl.Enum(["+k", "b"])),
        }
    )
    safe = spreadsheet_safe(frame)
    assert safe.select("amount", "n", "when").equals(frame.select("amount", "n", "when"))
    assert safe.select("id", "kind", "segment").rows() == [("'=1", "'@a", "'+k"), (None, "b", "b")]


def test_column_names_are_cells_too() -> None:
    safe = spreadsheet_safe(pl.DataFrame({"=evil()": ["x"], "ok": ["y"]}))
    assert safe.columns == ["'=evil()", "ok"]


@given(st.lists(st.text(), min_size=1, max_size=20))
def test_no_written_cell_starts_a_formula_and_the_text_stays(cells: list[str]) -> None:
    for cell, written in zip(cells, spreadsheet_safe(pl.DataFrame({"c": cells}))["c"], strict=True):
        assert written in (cell, f"'{cell}")
        if written.startswith(FORMULA_STARTS):
            float(written.replace(",", ""))  # only a plain number may start with a sign


def _read_text(path: Path) -> pl.DataFrame:
    return pl.read_csv(path, infer_schema=False)


def _hostile_lines(path: Path) -> Path:
    rows = [
        {"customer_id": cid, "date": f"2024-{m:02d}-1{i}", "order_id": f"{i}-{m}", "amount": 100.0 + i}
        for i, cid in enumerate(HOSTILE)
        for m in range(1, 7)
    ]
    pl.DataFrame(rows).write_csv(path)
    return path


def test_analyze_writes_hostile_ids_as_text(tmp_path: Path) -> None:
    lines = _hostile_lines(tmp_path / "lines.csv")
    with lines.open("a", encoding="utf-8") as f:
        f.write("=1+1,not a date,X1,5\n@SUM(A1),2024-03-01,X2,-5\n-7,bad,X3,-5\n")
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["analyze", str(lines), "--out", str(out), "--no-forecast", "--on-error", "skip"]
    )
    assert result.exit_code == 0, result.output
    accounts = _read_text(out / "accounts.csv")
    assert sorted(accounts["customer_id"]) == sorted(f"'{cid}" for cid in [*HOSTILE, "@SUM(A1)"])
    assert pl.read_parquet(out / "accounts.parquet")["customer_id"].is_in(HOSTILE).sum() == len(HOSTILE)
    rejected = _read_text(out / "rejected.csv")
    assert rejected.drop("reason").rows() == [
        ("32", "date", "not a date", "'=1+1", "not a date", "X1", "5"),
        ("34", "date", "bad", "-7", "bad", "X3", "-5"),  # plain numbers stay numbers
    ]


def test_clv_fit_writes_hostile_ids_as_text(tmp_path: Path) -> None:
    cdnow = read_cdnow(CDNOW).collect()
    first = cdnow["customer_id"].unique(maintain_order=True).head(len(HOSTILE)).to_list()
    lines = tmp_path / "lines.csv"
    cdnow.with_columns(pl.col("customer_id").replace(first, HOSTILE)).write_csv(lines)
    out = tmp_path / "out"
    result = runner.invoke(
        app,
        [
            "clv", "fit", str(lines), "--out", str(out), "--calibration-end", "1997-09-30",
            "--holdout-end", "1998-06-30",
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    predictions = _read_text(out / "predictions.csv")
    assert {f"'{cid}" for cid in HOSTILE} <= set(predictions["customer_id"])
    assert predictions["customer_id"].str.starts_with("'").sum() == len(HOSTILE)
    for name in ("holdout_by_frequency.csv", "holdout_over_time.csv"):
        assert _read_text(out / name).height > 0


def test_demo_data_writes_names_as_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kam.demo import steel
    from kam.usecases.demo import run_demo_data

    made = steel.make_demo_company

    def hostile_company(seed: int) -> steel.DemoCompany:
        company = made(seed, n_contract=40, n_tail=20)
        customers = company.customers.with_columns(pl.lit('=HYPERLINK("http://evil")').alias("name"))
        return steel.DemoCompany(company.transactions, customers, company.planted)

    monkeypatch.setattr(steel, "make_demo_company", hostile_company)
    run_demo_data(tmp_path / "demo")
    assert set(_read_text(tmp_path / "demo" / "customers.csv")["name"]) == {'\'=HYPERLINK("http://evil")'}
    lines = _read_text(tmp_path / "demo" / "transactions.csv")
    for column in lines.columns:
        risky = lines[column].str.starts_with("=") | lines[column].str.starts_with("@")
        assert not risky.any(), column
