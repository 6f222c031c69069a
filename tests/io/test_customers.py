"""The customers table: Chinese labels, and every bad cell named by row, column and value."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kam.errors import ImportValidationError, MissingColumnError
from kam.io.customers import load_customers


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_chinese_headers_and_labels(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "c.csv",
        "客戶編號,客戶名稱,客戶類型,所有制,行業,合作開始日期,介紹人,付款天數,服務成本\n"
        "K1,華東重工,經銷商,國企,機械,2001/04/01,,45,12000\n"
        "K2,南方鋼構,代理商,集體,建築,2015/06/30,K1,60,8000\n",
        "big5",
    )
    frame = load_customers(path)
    assert frame.columns == [
        "customer_id",
        "name",
        "type",
        "ownership",
        "industry",
        "since",
        "referred_by",
        "payment_days",
        "service_cost",
    ]
    assert frame.row(1) == (
        "K2",
        "南方鋼構",
        "agent",
        "collective",
        "建築",
        dt.date(2015, 6, 30),
        "K1",
        60.0,
        8000.0,
    )
    assert frame["type"][0] == "dealer" and frame["ownership"][0] == "state"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            "K2,reseller,state,30",
            "row 3, column 'type': value 'reseller' is not one of end_user, distributor",
        ),
        ("K2,dealer,governmental,30", "row 3, column 'ownership': value 'governmental' is not one of state"),
        ("K2,dealer,state,soon", "row 3, column 'payment_days': value 'soon' is not a number of days"),
        ("K2,dealer,state,-5", "row 3, column 'payment_days': value '-5' is not a number of days ≥ 0"),
        (",dealer,state,30", "row 3, column 'customer_id': value '' is not a customer id"),
    ],
)
def test_bad_cells_are_named(tmp_path: Path, row: str, message: str) -> None:
    path = _write(tmp_path / "c.csv", f"customer_id,type,ownership,payment_days\nK1,dealer,state,30\n{row}\n")
    with pytest.raises(ImportValidationError) as err:
        load_customers(path)
    assert message in str(err.value)


def test_duplicate_customer(tmp_path: Path) -> None:
    path = _write(tmp_path / "c.csv", "customer_id,name\nK1,a\nK2,b\nK1,c\n")
    with pytest.raises(
        ImportValidationError, match="row 2, column 'customer_id': customer 'K1' appears 2 times"
    ):
        load_customers(path)


def test_missing_id_column(tmp_path: Path) -> None:
    with pytest.raises(MissingColumnError, match="customer_id"):
        load_customers(_write(tmp_path / "c.csv", "name,type\na,dealer\n"))


def test_bad_values_are_said_in_chinese_and_listed_in_row_order(tmp_path: Path) -> None:
    from kam.i18n import say

    path = _write(
        tmp_path / "c.csv",
        "customer_id,type,ownership,payment_days\nK1,reseller,state,-5\n,dealer,governmental,30\nK3,x,y,z\n",
    )
    with pytest.raises(ImportValidationError) as err:
        load_customers(path)
    assert [(p.row, p.column) for p in err.value.problems] == [
        (2, "type"), (2, "payment_days"), (3, "customer_id"), (3, "ownership"),
        (4, "type"), (4, "ownership"), (4, "payment_days"),
    ]  # fmt: skip
    said = err.value.say("zh-Hant")
    assert "有 7 個值不正確" in said and "欄位 'payment_days'：值 '-5' 不是≥ 0 的天數" in said
    assert "還有 2 個" in said
    assert say(err.value.message, "en").startswith(f"{path}: 7 bad values:")


def test_a_large_customers_table_is_checked_without_a_loop_over_rows(tmp_path: Path) -> None:
    rows = "".join(f"C{i},dealer,private,30\n" for i in range(50_000))
    path = _write(
        tmp_path / "c.csv", "customer_id,type,ownership,payment_days\n" + rows + "C7,agent,state,-1\n"
    )
    with pytest.raises(ImportValidationError) as err:
        load_customers(path)
    assert [(p.row, p.column, p.value) for p in err.value.problems] == [(50_002, "payment_days", "-1")]


def test_the_customers_sheet_of_a_workbook_is_found(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    cover = book.active
    assert cover is not None
    cover.title = "封面"
    cover.append(["客戶資料 2024"])
    sheet = book.create_sheet("客戶")
    sheet.append(["客戶編號", "付款天數"])
    sheet.append(["K1", 30])
    path = tmp_path / "customers.xlsx"
    book.save(path)
    assert load_customers(path).rows() == [("K1", 30.0)]
    book.remove(sheet)
    book.save(path)
    with pytest.raises(MissingColumnError):
        load_customers(path)


@pytest.mark.parametrize(
    ("since", "bad"),
    [
        ("0001-01-01", True),
        ("1900-01-01", True),
        ("1901-01-01", False),
        ((dt.date.today()).isoformat(), False),
        ((dt.date.today() + dt.timedelta(days=1)).isoformat(), True),
        ("2999-01-01", True),
    ],
)
def test_a_since_before_the_earliest_date_or_in_the_future_is_a_bad_value(
    tmp_path: Path, since: str, bad: bool
) -> None:
    path = _write(tmp_path / "c.csv", f"customer_id,since\nK1,2001-04-01\nK2,{since}\n")
    if not bad:
        assert load_customers(path)["since"].to_list()[1] == dt.date.fromisoformat(since)
        return
    with pytest.raises(ImportValidationError) as err:
        load_customers(path)
    assert [(p.row, p.column, p.value) for p in err.value.problems] == [(3, "since", since)]
    assert "1901-01-01" in str(err.value) and dt.date.today().isoformat() in str(err.value)


def test_the_estimated_annual_demand_in_money_and_in_volume(tmp_path: Path) -> None:
    """年需求額 is the wallet in money; 年需求量 with 需求單位 the wallet in volume and its unit."""
    path = _write(
        tmp_path / "c.csv",
        "客戶編號,年需求額,年需求量,需求單位\nK1,2000000,,\nK2,,8000,噸\nK3,,1200.5,t\nK4,,,\n",
    )
    frame = load_customers(path)
    assert frame.select("customer_id", "wallet", "wallet_volume", "wallet_unit").rows() == [
        ("K1", 2_000_000.0, None, None),
        ("K2", None, 8_000.0, "噸"),
        ("K3", None, 1_200.5, "t"),
        ("K4", None, None, None),
    ]


@pytest.mark.parametrize(
    ("header", "value", "column"),
    [
        pytest.param("wallet", "-5", "wallet", id="a negative wallet"),
        pytest.param("wallet", "lots", "wallet", id="a wallet that is not a number"),
        pytest.param("wallet_volume", "inf", "wallet_volume", id="an infinite wallet volume"),
        pytest.param("年需求量", "1e400", "年需求量", id="a wallet volume beyond 1e15"),
    ],
)
def test_a_bad_wallet_is_named(tmp_path: Path, header: str, value: str, column: str) -> None:
    path = _write(tmp_path / "c.csv", f"customer_id,{header}\nK1,100\nK2,{value}\n")
    with pytest.raises(ImportValidationError) as caught:
        load_customers(path)
    assert f"row 3, column '{column}': value '{value}' is not a yearly amount ≥ 0" in str(caught.value)
