"""Headers of real ERP exports map to kam's columns without --map."""

from __future__ import annotations

import pytest

from kam.errors import ConfigError
from kam.io.mapping import TRANSACTION_OPTIONAL, TRANSACTION_REQUIRED, resolve_columns

COLUMNS = (*TRANSACTION_REQUIRED, *TRANSACTION_OPTIONAL)


def test_a_mainland_erp_sales_ledger() -> None:
    found = [
        "客户编码",
        "客户名称",
        "单据日期",
        "单据编号",
        "存货编码",
        "数量",
        "无税单价",
        "无税金额",
        "价税合计",
    ]
    assert resolve_columns([*found, "币种", "单据类型"], {}, COLUMNS) == {
        "customer_id": "客户编码",
        "date": "单据日期",
        "amount": "无税金额",  # net of VAT, not 价税合计
        "order_id": "单据编号",
        "quantity": "数量",
        "unit_price": "无税单价",
        "product_id": "存货编码",
        "currency": "币种",
        "line_type": "单据类型",
    }


def test_a_taiwanese_erp_sales_ledger_prefers_the_amount_net_of_tax() -> None:
    found = [
        "客戶代號",
        "客戶簡稱",
        "單據日期",
        "單號",
        "品號",
        "數量",
        "單價",
        "含稅金額",
        "未稅金額",
        "幣別",
        "單別",
    ]
    resolved = resolve_columns(found, {}, COLUMNS)
    assert resolved["amount"] == "未稅金額" and resolved["customer_id"] == "客戶代號"
    assert resolved["line_type"] == "單別" and resolved["product_id"] == "品號"


def test_only_a_tax_inclusive_amount_is_still_an_amount() -> None:
    assert resolve_columns(["客戶編號", "日期", "含稅金額"], {}, COLUMNS)["amount"] == "含稅金額"


def test_the_users_mapping_wins_and_is_checked() -> None:
    found = ["客戶編號", "日期", "含稅金額", "未稅金額"]
    assert resolve_columns(found, {"amount": "含稅金額"}, COLUMNS)["amount"] == "含稅金額"
    with pytest.raises(ConfigError, match="'金額' that are not in the file"):
        resolve_columns(found, {"amount": "金額"}, COLUMNS)
