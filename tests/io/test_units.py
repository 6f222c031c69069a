"""Headers with units (數量(噸), 金額(元), Amount (USD)) are recognised, and their units kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from kam.io.mapping import TRANSACTION_OPTIONAL, TRANSACTION_REQUIRED, resolve_columns
from kam.io.transactions import load_transactions
from kam.io.units import Units, header_units, split_unit

COLUMNS = (*TRANSACTION_REQUIRED, *TRANSACTION_OPTIONAL)


@pytest.mark.parametrize(
    "header,expected",
    [
        ("數量(噸)", ("數量", "噸")),
        ("金額（元）", ("金額", "元")),
        ("Amount (USD)", ("Amount", "USD")),
        ("單價 [元/噸]", ("單價", "元/噸")),
        ("銷量【吨】", ("銷量", "吨")),
        ("金額", ("金額", None)),
        ("(元)", ("(元)", None)),  # a unit alone is not a name
        ("Amount (USD) total", ("Amount (USD) total", None)),  # the unit ends the header
    ],
)
def test_split_unit(header: str, expected: tuple[str, str | None]) -> None:
    assert split_unit(header) == expected


@pytest.mark.parametrize(
    "found,expected",
    [
        (["客戶編號", "日期", "數量(噸)", "金額(元)"], {"quantity": "數量(噸)", "amount": "金額(元)"}),
        (
            ["Customer", "Date", "Qty (pcs)", "Amount (USD)"],
            {"quantity": "Qty (pcs)", "amount": "Amount (USD)"},
        ),
        (
            ["客户编号", "日期", "数量（吨）", "单价（元/吨）"],
            {"quantity": "数量（吨）", "unit_price": "单价（元/吨）"},
        ),
        # a header as written wins over one that only matches without its unit
        (["客戶編號", "日期", "金額(元)", "金額"], {"amount": "金額"}),
    ],
)
def test_headers_with_units_are_recognised(found: list[str], expected: dict[str, str]) -> None:
    resolved = resolve_columns(found, {}, COLUMNS)
    assert {k: resolved[k] for k in expected} == expected
    assert "customer_id" in resolved and "date" in resolved


@pytest.mark.parametrize(
    "resolved,currency,expected",
    [
        ({"amount": "金額(元)", "quantity": "數量(噸)"}, None, Units("元", "噸")),
        ({"amount": "Amount (usd)", "quantity": "Qty"}, None, Units("USD", None)),
        ({"unit_price": "单价（元/吨）", "quantity": "数量"}, None, Units("元", "吨")),
        ({"amount": "金額", "quantity": "數量"}, "TWD", Units("TWD", None)),  # the lines' one currency
        ({"amount": "金額(萬元)"}, "TWD", Units("萬元", None)),  # the header's unit says how amounts read
        ({"amount": "金額"}, None, Units(None, None)),
    ],
)
def test_units_are_kept(resolved: dict[str, str], currency: str | None, expected: Units) -> None:
    assert header_units(resolved, currency) == expected


def test_a_file_with_units_in_its_headers_is_read(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("客戶編號,日期,數量(噸),金額(元)\nA,2024-01-05,1.5,1000\n", encoding="utf-8")
    loaded = load_transactions(path)
    assert loaded.frame.collect().select("quantity", "amount").row(0) == (1.5, 1000.0)
    assert header_units(loaded.mapping) == Units("元", "噸")
