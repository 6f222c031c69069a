"""A workbook whose first sheet is a cover: `--map` finds the data sheet as `--detect` does, and an error
about the mapping lists the sheets and suggests choosing one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from kam.cli import app
from kam.commands.common import error_text
from kam.errors import ConfigError, MissingColumnError
from kam.io.options import ReadOptions
from kam.io.transactions import load_transactions
from kam.usecases.detect import run_detect

DATA = [
    ["客代", "日期", "數量(噸)", "金額(元)"],
    ["C1", dt.date(2024, 1, 5), 1.5, 1000],
    ["C2", dt.date(2024, 2, 5), 2, 800],
]


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


@pytest.fixture
def covered(tmp_path: Path) -> Path:
    return _workbook(
        tmp_path / "book.xlsx", {"封面": [["銷售報表 2024"], ["製表人", "王小明"]], "明細": DATA}
    )


def test_the_mapping_reads_the_data_sheet_behind_a_cover(covered: Path) -> None:
    mapping = {"customer_id": "客代"}
    loaded = load_transactions(covered, ReadOptions(mapping=mapping))
    assert loaded.label == f"{covered} [明細]"
    assert loaded.frame.collect()["customer_id"].to_list() == ["C1", "C2"]
    assert any(getattr(w, "key", "") == "sheet_found" for w in loaded.warnings)
    found = run_detect(covered, ReadOptions(mapping=mapping))
    assert found.label == loaded.label and found.mapping["customer_id"] == "客代"
    assert found.missing_required == []


def test_the_command_runs_with_nothing_but_the_mapping(covered: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        ["analyze", str(covered), "--map", "customer_id=客代", "--no-forecast", "--out", str(tmp_path / "o")],
    )
    assert result.exit_code == 0, result.output


def test_a_mapping_no_sheet_holds_lists_the_sheets(covered: Path) -> None:
    with pytest.raises(ConfigError) as err:
        load_transactions(covered, ReadOptions(mapping={"customer_id": "客戶代號"}))
    said = error_text(err.value, "en")
    assert "'客戶代號' that are not in the file" in said
    assert "the workbook's sheets: '封面', '明細'; --sheet NAME reads another one" in said


def test_the_sheet_holding_the_mapped_column_names_what_else_it_lacks(tmp_path: Path) -> None:
    without_date = [[row[0], row[3]] for row in DATA]
    path = _workbook(tmp_path / "b.xlsx", {"封面": [["x"]], "明細": without_date})
    with pytest.raises(MissingColumnError) as err:
        load_transactions(path, ReadOptions(mapping={"customer_id": "客代"}))
    assert err.value.missing == ["date"]
    assert "[明細]" in str(err.value)
