"""ERP report exports: a title and notes above the header, and lines with a stray delimiter."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import polars as pl
import pytest
from typer.testing import CliRunner

from kam.cli import app
from kam.commands.common import error_text
from kam.errors import ImportValidationError
from kam.io.customers import load_customers
from kam.io.options import ReadOptions
from kam.io.readers import read_table
from kam.io.transactions import load_transactions

REPORT = (
    "銷貨明細表 2024年\n期間: 2024-01-01 ~ 2024-12-31\n\n"
    "客戶編號,日期,金額\nA,2024-01-05,10\nA,2024-03-05,20\nB,2024-02-01,5\n"
)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "big5"])
def test_a_title_above_the_header_is_skipped(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "report.csv"
    path.write_bytes(REPORT.encode(encoding))
    raw = read_table(path)
    assert raw.columns == ["客戶編號", "日期", "金額"] and raw.delimiter == ","
    loaded = load_transactions(path)
    totals = dict(loaded.frame.group_by("customer_id").agg(pl.col("amount").sum()).collect().iter_rows())
    assert totals == {"A": 30.0, "B": 5.0}


def test_rows_are_numbered_as_the_file_numbers_its_lines(tmp_path: Path) -> None:
    path = tmp_path / "report.csv"
    path.write_text(REPORT.replace("A,2024-03-05,20", "A,2024-03-05,x"), encoding="utf-8")
    with pytest.raises(ImportValidationError) as err:
        load_transactions(path)
    assert (err.value.problems[0].row, err.value.problems[0].value) == (6, "x")


def test_a_title_above_an_excel_header_is_skipped_and_rows_keep_excel_numbers(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (["銷貨明細表"], ["期間", "2024"], [], ["客戶編號", "日期", "金額"]):
        sheet.append(row)
    sheet.append(["A", dt.date(2024, 1, 5), 10])
    sheet.append(["A", dt.date(2024, 3, 5), "x"])
    path = tmp_path / "report.xlsx"
    book.save(path)
    raw = read_table(path)
    assert raw.columns == ["客戶編號", "日期", "金額"]
    with pytest.raises(ImportValidationError) as err:
        load_transactions(path)
    assert (err.value.problems[0].row, err.value.problems[0].value) == (6, "x")


def test_a_line_with_a_stray_delimiter_is_named(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("customer_id,date,amount\nA,2024-01-05,10\nA,2024-03-05,1,234\nB,2024-02-01,5\n")
    with pytest.raises(ImportValidationError) as err:
        load_transactions(path)
    assert str(err.value).startswith(f"{path}, line 3: 4 fields where the table has 3")
    result = CliRunner().invoke(app, ["analyze", str(path), "--detect"])
    assert result.exit_code == 2 and "line 3" in result.output and "Traceback" not in result.output


def test_a_customers_file_with_a_stray_delimiter_is_named(tmp_path: Path) -> None:
    path = tmp_path / "customers.csv"
    path.write_text("customer_id,payment_days\nA,30\nB,45,1\n")
    with pytest.raises(ImportValidationError) as err:
        load_customers(path)
    assert "line 3: 3 fields where the table has 2" in str(err.value)


def test_analyze_in_chinese_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("customer_id,date,amount\nA,2024-01-05,10\nA,2024-03-05,1,234\n")
    result = CliRunner().invoke(app, ["analyze", str(path), "--lang", "zh-Hans"])
    assert result.exit_code == 2
    assert "第 3 行：有 4 个字段，但表格只有 3 个" in result.output


def _workbook(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def test_the_sheet_with_the_transactions_is_found_and_said(tmp_path: Path) -> None:
    data = [["客戶編號", "日期", "金額"], ["A", dt.date(2024, 1, 5), 10], ["B", dt.date(2024, 2, 5), "x"]]
    path = _workbook(tmp_path / "book.xlsx", {"說明": [["本檔案為 2024 年銷貨資料"]], "銷貨明細": data})
    with pytest.raises(ImportValidationError) as err:
        load_transactions(path)
    assert err.value.problems[0].file == f"{path} [銷貨明細]" and err.value.problems[0].row == 3
    data[2][2] = 5
    path = _workbook(tmp_path / "book.xlsx", {"說明": [["本檔案為 2024 年銷貨資料"]], "銷貨明細": data})
    loaded = load_transactions(path)
    assert loaded.label == f"{path} [銷貨明細]"
    assert any(
        "read the sheet '銷貨明細': the first sheet, '說明', has no transactions" in w
        for w in loaded.warnings
    )
    with pytest.raises(ImportValidationError):  # a sheet named on the command line is the one read
        load_transactions(path, ReadOptions(sheet="說明"))


def test_no_sheet_with_transactions_lists_the_sheets(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "book.xlsx", {"說明": [["x"]], "其他": [["a", "b"], [1, 2]]})
    with pytest.raises(ImportValidationError) as err:
        load_transactions(path)
    assert "the workbook's sheets: '說明', '其他'" in str(err.value)
    assert "the workbook's sheets: '說明', '其他'; --sheet NAME reads another one\n" in error_text(
        err.value, "en"
    )


def test_a_legacy_encoded_file_is_read_lazily_through_a_utf8_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kam.io import scratch, textfile

    monkeypatch.setattr(textfile, "CHUNK", 64)  # many chunks, so characters are cut between them
    path = tmp_path / "big5.csv"
    path.write_bytes(REPORT.encode("big5") * 1)
    monkeypatch.setattr(scratch.tempfile, "tempdir", str(tmp_path))
    raw = read_table(path)
    copies = list(tmp_path.glob("kam-scratch-*.utf8.csv"))
    assert raw.encoding == "big5" and copies == [raw.file]
    assert raw.frame.collect()["客戶編號"].to_list() == ["A", "A", "B"]
    raw.close()
    assert not copies[0].exists() and not list(tmp_path.glob("kam-scratch-*"))


def test_the_kam_command_leaves_no_copies_behind(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    path = tmp_path / "big5.csv"
    path.write_bytes(REPORT.encode("big5"))
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "kam", "analyze", str(path), "--no-forecast"],
        env={**os.environ, "TMPDIR": str(scratch)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert list(scratch.iterdir()) == []


def test_a_header_with_one_blank_cell_is_still_the_header(tmp_path: Path) -> None:
    """pandas writes its index with an empty header cell; that line is the header, not a title."""
    path = tmp_path / "t.csv"
    path.write_text(",customer_id,date,amount\n0,A,2024-01-05,10\n1,A,2024-03-05,20\n2,B,2024-02-01,5\n")
    raw = read_table(path)
    assert raw.columns[1:] == ["customer_id", "date", "amount"] and raw.first_data_line == 2
