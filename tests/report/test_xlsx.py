"""accounts.xlsx opens right in Excel: formatted numbers, frozen header, filters, headings and segment
names in the reader's language, formula-like text neutralised; accounts.csv starts with a byte-order mark."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
import polars as pl
import pytest
from typer.testing import CliRunner

from kam.cli import app
from kam.domain.languages import Lang
from kam.i18n import text
from kam.report.xlsx import column_letter, write_accounts_xlsx

runner = CliRunner()


def _sheet(path: Path) -> openpyxl.worksheet.worksheet.Worksheet:
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    return sheet


def _rows(path: Path) -> list[dict[str, object]]:
    rows = list(_sheet(path).iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


@pytest.mark.parametrize(("index", "letters"), [(0, "A"), (25, "Z"), (26, "AA"), (51, "AZ"), (702, "AAA")])
def test_column_letters(index: int, letters: str) -> None:
    assert column_letter(index) == letters


def test_cells_keep_their_values_types_and_places(tmp_path: Path) -> None:
    accounts = pl.DataFrame(
        {
            "customer_id": ["=cmd|' /C calc'!A0", "K2 <&> \x07bell", "-2"],
            "name": [None, "華東電力", "@SUM(1)"],
            "segment": ["key", "one_off_bulk", "regular"],
            "type": ["dealer", None, "something_new"],
            "signals": [["share", "freq"], [], None],  # a list the sheet does not know: joined
            "cogs": [1.0, 2.0, 3.0],  # a component of the figures: in accounts.csv, not in the workbook
            "orders": [3, None, 12],
            "revenue": [1234567.891, None, -20.0],
            "net_margin": [0.1234, float("nan"), None],
            "last_purchase": [dt.date(2024, 1, 5), None, dt.date(1999, 12, 31)],
            "at_risk": [True, False, None],  # a column the sheet does not know yet: read from its type
        }
    )
    path = tmp_path / "a.xlsx"
    write_accounts_xlsx(accounts, path, Lang.ZH_HANS, currency="元")
    rows = _rows(path)
    heads = list(rows[0])
    assert heads == [
        text("column.customer_id", Lang.ZH_HANS),
        text("column.name", Lang.ZH_HANS),
        text("column.segment", Lang.ZH_HANS),
        text("column.type", Lang.ZH_HANS),
        "signals",
        text("column.orders", Lang.ZH_HANS),
        f"{text('column.revenue', Lang.ZH_HANS)} (元)",
        text("column.net_margin", Lang.ZH_HANS),
        text("column.last_purchase", Lang.ZH_HANS),
        "at_risk",
    ]
    values = [list(row.values()) for row in rows]
    assert values[0] == [
        "'=cmd|' /C calc'!A0",  # neutralised, as in accounts.csv
        None,
        text("segment.key", Lang.ZH_HANS),
        text("word.dealer", Lang.ZH_HANS),
        "share;freq",
        3,
        pytest.approx(1234567.89),
        pytest.approx(0.1234),
        dt.datetime(2024, 1, 5),
        True,
    ]
    assert values[1] == [
        "K2 <&> bell",
        "華東電力",
        text("segment.one_off_bulk", Lang.ZH_HANS),
        None,
        None,
        None,
        None,
        None,
        None,
        False,
    ]
    assert values[2] == [
        "-2",
        "'@SUM(1)",
        text("segment.regular", Lang.ZH_HANS),
        "something_new",
        None,
        12,
        -20,
        None,
        dt.datetime(1999, 12, 31),
        None,
    ]


def test_the_sheet_is_well_formed_xml_with_frozen_header_and_filters(tmp_path: Path) -> None:
    accounts = pl.DataFrame(
        {"customer_id": [f"C{i}" for i in range(30)], "revenue": [float(i) for i in range(30)]}
    )
    path = tmp_path / "a.xlsx"
    write_accounts_xlsx(accounts, path)
    with zipfile.ZipFile(path) as book:
        assert book.testzip() is None
        ElementTree.fromstring(book.read("xl/worksheets/sheet1.xml"))
    sheet = _sheet(path)
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:B31"
    assert sheet.dimensions == "A1:B31"
    assert sheet["B2"].number_format == "#,##0" and sheet["B31"].value == 29
    assert sheet["A1"].font.bold


@pytest.fixture
def analysed(portfolio_files: tuple[Path, Path], tmp_path: Path) -> Path:
    tx, cu = portfolio_files
    names = pl.when(pl.col("customer_id") == "KEY1").then(pl.lit('=HYPERLINK("http://x","y")'))
    pl.read_csv(cu).with_columns(
        pl.lit("王小明").alias("負責業務"), names.otherwise("customer_id").alias("名稱")
    ).write_csv(cu)
    pl.read_csv(tx).rename({"amount": "金額(元)", "quantity": "數量(噸)"}).write_csv(tx)
    out = tmp_path / "out"
    result = runner.invoke(
        app,
        ["analyze", str(tx), "--customers", str(cu), "--out", str(out), "--lang", "zh-Hant", "--no-forecast"],
    )
    assert result.exit_code == 0, result.output
    return out


def test_analyze_writes_the_workbook_in_the_readers_language(analysed: Path) -> None:
    accounts = pl.read_parquet(analysed / "accounts.parquet")
    assert "segment" in accounts.columns and "owner" in accounts.columns  # Parquet: canonical names
    assert set(accounts["segment"]) <= {
        "key",
        "potential",
        "one_off_bulk",
        "low_profit_volume",
        "profit_squeezer",
        "lapsed",
        "regular",
    }
    rows = _rows(analysed / "accounts.xlsx")
    assert len(rows) == accounts.height
    first = rows[0]
    assert first[text("column.customer_id", Lang.ZH_HANT)] == accounts["customer_id"][0]
    assert first[text("column.segment", Lang.ZH_HANT)] == text(
        f"segment.{accounts['segment'][0]}", Lang.ZH_HANT
    )
    assert first[text("column.owner", Lang.ZH_HANT)] == "王小明"
    assert first[f"{text('column.revenue', Lang.ZH_HANT)} (元)"] == pytest.approx(
        accounts["revenue"][0], abs=0.005
    )
    names = {
        row[text("column.customer_id", Lang.ZH_HANT)]: row[text("column.name", Lang.ZH_HANT)] for row in rows
    }
    assert names["KEY1"] == '\'=HYPERLINK("http://x","y")'
    summary = json.loads((analysed / "summary.json").read_text(encoding="utf-8"))
    assert summary["units"] == {"currency": "元", "volume": "噸"}
    assert f"{text('column.volume', Lang.ZH_HANT)} (噸)" in first


def test_accounts_csv_starts_with_a_byte_order_mark(analysed: Path) -> None:
    raw = (analysed / "accounts.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfcustomer_id,")
    assert pl.read_csv(analysed / "accounts.csv").columns[0] == "customer_id"


def test_the_workbook_is_one_of_the_managed_outputs(
    analysed: Path, portfolio_files: tuple[Path, Path]
) -> None:
    manifest = json.loads((analysed / ".kam-outputs.json").read_text(encoding="utf-8"))
    assert "accounts.xlsx" in json.dumps(manifest)
    before = (analysed / "accounts.xlsx").stat().st_ino
    tx, cu = portfolio_files
    result = runner.invoke(
        app, ["analyze", str(tx), "--customers", str(cu), "--out", str(analysed), "--no-forecast"]
    )
    assert result.exit_code == 0, result.output
    assert (
        analysed / "accounts.xlsx"
    ).stat().st_ino != before  # replaced by a new file, not rewritten in place
    assert _rows(analysed / "accounts.xlsx")[0][text("column.customer_id", Lang.EN)] is not None
