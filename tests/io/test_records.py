"""Reading a table of workspace records (kam.io.records): cells by kind, bad cells collected rather than
raised, choices in any of kam's languages, yes/no and list cells."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from kam.domain.decision_chain import Function, Stance
from kam.errors import MissingColumnError
from kam.io.records import (
    CellKind,
    RecordColumns,
    choice_labels,
    read_choice,
    read_list,
    read_records,
    read_yes_no,
)

SPEC = RecordColumns(
    kinds={
        "customer_id": CellKind.TEXT,
        "year": CellKind.WHOLE,
        "volume": CellKind.NUMBER,
        "due": CellKind.DATE,
        "note": CellKind.TEXT,
    },
    required=("customer_id", "year"),
    synonyms={"customer_id": ("客戶編號",), "year": ("年度",), "volume": ("數量",), "due": ("到期日",)},
)


def _write(tmp_path: Path, text: str, name: str = "records.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_cells_are_read_by_kind_and_bad_ones_are_collected(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        '客戶編號,年度,數量,到期日,note\nK1,2024,"1,200.5",2025-03-31, x \nK2,2024.5,abc,soon,\n,,1e400,,\n',
    )
    table = read_records(path, SPEC)
    assert table.columns == {
        "customer_id": "客戶編號",
        "year": "年度",
        "volume": "數量",
        "due": "到期日",
        "note": "note",
    }
    assert table.lines == [2, 3, 4]
    assert table.rows[0] == {
        "customer_id": "K1",
        "year": 2024,
        "volume": 1200.5,
        "due": dt.date(2025, 3, 31),
        "note": "x",
    }
    assert table.rows[1]["year"] is None and table.rows[1]["volume"] is None
    assert [(p.row, p.column, p.value, p.expected.key) for p in table.problems] == [  # type: ignore[attr-defined]
        (3, "年度", "2024.5", "expect_whole_number"),
        (3, "數量", "abc", "expect_finite_number"),
        (3, "到期日", "soon", "expect_date"),
        (4, "數量", "1e400", "expect_finite_number"),
    ]


def test_a_missing_required_column_is_named(tmp_path: Path) -> None:
    with pytest.raises(MissingColumnError) as missing:
        read_records(_write(tmp_path, "customer_id,volume\nK1,3\n"), SPEC)
    assert "year" in str(missing.value)


def test_a_workbook_is_read_from_its_sheet_with_the_columns(tmp_path: Path) -> None:
    path = tmp_path / "records.xlsx"
    book = openpyxl.Workbook()
    cover = book.active
    assert cover is not None
    cover.title, cover["A1"] = "說明", "Read me first"
    sheet = book.create_sheet("data")
    for row in (["customer_id", "year", "volume"], ["K1", 2023, 12.5]):
        sheet.append(row)
    book.save(path)
    table = read_records(path, SPEC)
    assert table.rows == [{"customer_id": "K1", "year": 2023, "volume": 12.5}] and table.problems == ()


@pytest.mark.parametrize(
    ("written", "code"),
    [("finance", "finance"), ("Finance", "finance"), ("財務", "finance"), ("财务", "finance"),
     ("user department", "user_department"), ("User-Department", "user_department"), ("使用部門", "user_department"),
     ("運維", "operations_maintenance"), ("CFO", "CFO"), (None, None)],
)  # fmt: skip
def test_a_choice_is_read_by_its_code_or_its_label_in_any_language(
    written: str | None, code: str | None
) -> None:
    assert read_choice(written, choice_labels(Function)) == code


def test_stances_are_read_in_chinese() -> None:
    assert [read_choice(w, choice_labels(Stance)) for w in ("支持", "反对", "中立", "不明")] == [
        "supporter", "opponent", "neutral", "unknown",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("written", "value"),
    [("yes", True), ("Y", True), ("1", True), ("是", True), ("x", True), ("no", False), ("否", False),
     ("0", False), ("maybe", "maybe"), (None, None)],
)  # fmt: skip
def test_yes_no_cells(written: str | None, value: bool | str | None) -> None:
    assert read_yes_no(written) == value


@pytest.mark.parametrize(
    ("written", "items"),
    [("price; delivery", ["price", "delivery"]), ("價格、交期，品質", ["價格", "交期", "品質"]),
     ("a;;b ;", ["a", "b"]), (None, [])],
)  # fmt: skip
def test_list_cells(written: str | None, items: list[str]) -> None:
    assert read_list(written) == items
