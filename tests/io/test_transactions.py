"""Bad input gets a clear message naming file, row, column and value; nothing is half-read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest

from kam.commands.common import error_text
from kam.errors import ConfigError, ImportValidationError, MissingColumnError
from kam.hints import Hint, HintKey
from kam.io.options import OnError, ReadOptions
from kam.io.transactions import _literal_prefix, load_transactions


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_missing_column_lists_found_columns_and_the_fix(tmp_path: Path) -> None:
    path = _write(tmp_path / "t.csv", "kunde,wann,betrag\nA,2024-01-01,10\n")
    with pytest.raises(MissingColumnError) as err:
        load_transactions(path)
    message = str(err.value)
    assert "customer_id" in message and "date" in message
    assert "'kunde', 'wann', 'betrag'" in message
    assert err.value.hint == Hint(
        HintKey.MAP_COLUMNS, missing=("customer_id", "date", "amount"), example="kunde"
    )
    assert "--map customer_id=" in error_text(err.value, "en") and "--map" not in message


def test_unparseable_date_names_row_column_value(tmp_path: Path) -> None:
    path = _write(tmp_path / "t.csv", "customer_id,date,amount\nA,2024-01-01,10\nB,2024-13-45,5\n")
    with pytest.raises(ImportValidationError) as err:
        load_transactions(path)
    message = str(err.value)
    assert f"{path}, row 3, column 'date': value '2024-13-45' is not a date" in message
    assert err.value.hint == Hint(HintKey.SKIP_BAD_ROWS)
    assert error_text(err.value, "en").endswith(
        "\nFix them, or run with --on-error skip to set them aside in rejected.csv."
    )


def test_unparseable_amount_names_row_column_value(tmp_path: Path) -> None:
    path = _write(tmp_path / "t.csv", "customer_id,date,amount\nA,2024-01-01,10\nA,2024-01-02,ten\n")
    with pytest.raises(ImportValidationError) as err:
        load_transactions(path)
    assert "row 3, column 'amount': value 'ten' is not a number" in str(err.value)
    assert err.value.problems[0].row == 3


def test_skip_sets_bad_rows_aside_with_reasons(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "t.csv", "customer_id,date,amount\nA,2024-01-01,10\nB,someday,5\n,2024-01-03,7\n"
    )
    loaded = load_transactions(path, ReadOptions(on_error=OnError.SKIP))
    assert loaded.rows_read == 3
    assert loaded.rejected["row"].to_list() == [3]  # a line without a customer is a sale, not a bad row
    assert loaded.rejected["column"].to_list() == ["date"]
    assert loaded.rejected["value"].to_list() == ["someday"]
    assert loaded.frame.collect()["customer_id"].to_list() == ["A"]


def test_money_formats_are_read(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "t.csv",
        'customer_id,date,amount\nA,2024-01-01,"1,234.50"\nA,2024-01-02,¥88\nA,2024-01-03,(20)\n',
    )
    amounts = load_transactions(path).frame.collect()["amount"].to_list()
    assert amounts == [1234.5, 88.0, -20.0]


def test_empty_file(tmp_path: Path) -> None:
    with pytest.raises(ImportValidationError, match="is empty"):
        load_transactions(_write(tmp_path / "t.csv", ""))


def test_header_only(tmp_path: Path) -> None:
    with pytest.raises(ImportValidationError, match="no data rows"):
        load_transactions(_write(tmp_path / "t.csv", "customer_id,date,amount\n"))


def test_all_negative_amounts(tmp_path: Path) -> None:
    path = _write(tmp_path / "t.csv", "customer_id,date,amount\nA,2024-01-01,-10\nB,2024-01-02,-5\n")
    with pytest.raises(ImportValidationError, match="all 2 amounts are zero or negative"):
        load_transactions(path)


def test_future_dates_are_rejected_with_row(tmp_path: Path) -> None:
    path = _write(tmp_path / "t.csv", "customer_id,date,amount\nA,2024-01-01,10\nA,2099-01-01,10\n")
    with pytest.raises(ImportValidationError) as err:
        load_transactions(path, ReadOptions(today=dt.date(2026, 1, 1)))
    assert "row 3, column 'date': value '2099-01-01' is not a date not after today (2026-01-01)" in str(
        err.value
    )


def test_mixed_currencies_stop_with_counts(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "t.csv",
        "customer_id,date,amount,currency\nA,2024-01-01,10,EUR\nB,2024-01-02,5,USD\nC,2024-01-02,5,USD\n",
    )
    with pytest.raises(ImportValidationError) as err:
        load_transactions(path)
    assert "USD (2 lines), EUR (1 lines)" in str(err.value)
    assert err.value.hint == Hint(HintKey.KEEP_CURRENCY) and "--currency CODE keeps one" in error_text(
        err.value, "en"
    )
    kept = load_transactions(path, ReadOptions(currency="USD")).frame.collect()
    assert kept["customer_id"].to_list() == ["B", "C"]


def test_duplicates_are_counted_and_reported(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "t.csv",
        "customer_id,date,amount\nA,2024-01-01,10\nA,2024-01-01,10\nA,2024-01-01,10\nB,2024-01-01,10\n",
    )
    loaded = load_transactions(path)
    assert loaded.duplicates == 2
    assert "2 lines are exact duplicates" in loaded.warnings[0]


def test_amount_from_quantity_and_unit_price_with_cancellations(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "t.csv",
        "InvoiceNo,CustomerID,InvoiceDate,Quantity,UnitPrice\n"
        "536365,17850,12/1/2010 8:26,6,2.55\nC536379,17850,12/1/2010 9:41,-1,27.50\n",
    )
    loaded = load_transactions(path)
    frame = loaded.frame.collect()
    assert frame["amount"].to_list() == pytest.approx([15.3, -27.5])
    assert frame["is_cancellation"].to_list() == [False, True]
    assert frame["date"].to_list() == [dt.date(2010, 12, 1)] * 2
    assert loaded.cancellations == 1


@pytest.mark.parametrize(
    ("pattern", "prefix"),
    [
        (r"^C\d", "C"),
        ("^CN-", "CN-"),
        ("^CX?", "C"),
        ("^AB{2}", "A"),
        (r"^\d", ""),
        ("C$", ""),
        ("^(C|R)", ""),
    ],
)
def test_literal_prefix_of_a_cancellation_pattern(pattern: str, prefix: str) -> None:
    assert _literal_prefix(pattern) == prefix


@pytest.mark.parametrize("pattern", [r"^C\d", r"^(C|R)\d", "-R$"])
def test_cancellations_found_with_and_without_a_literal_prefix(tmp_path: Path, pattern: str) -> None:
    orders = {r"^C\d": ("A1", "C2"), r"^(C|R)\d": ("A1", "R2"), "-R$": ("A1", "A2-R")}[pattern]
    path = _write(
        tmp_path / "t.csv",
        f"order_id,customer_id,date,amount\n{orders[0]},X,2024-01-01,10\n{orders[1]},X,2024-01-02,4\n",
    )
    for streaming in (False, True):
        loaded = load_transactions(path, ReadOptions(cancellation_pattern=pattern, streaming=streaming))
        assert loaded.frame.collect()["amount"].to_list() == [10, -4]
        assert loaded.cancellations == 1


def test_no_cancellations_when_no_order_matches(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "t.csv", "order_id,customer_id,date,amount\nCA,X,2024-01-01,10\nB2,X,2024-01-02,4\n"
    )
    loaded = load_transactions(path)
    assert loaded.cancellations == 0
    assert loaded.frame.collect()["amount"].to_list() == [10, 4]


def test_chinese_headers_are_mapped_in_gb18030_and_big5(tmp_path: Path) -> None:
    for encoding, header in (("gb18030", "客户编号,日期,金额,数量"), ("big5", "客戶編號,日期,金額,數量")):
        path = _write(tmp_path / f"t-{encoding}.csv", f"{header}\n甲公司,2024年1月5日,5000,2\n", encoding)
        loaded = load_transactions(path)
        frame = loaded.frame.collect()
        assert loaded.encoding == encoding
        assert frame["customer_id"].to_list() == ["甲公司"]
        assert frame["date"].to_list() == [dt.date(2024, 1, 5)]
        assert frame["quantity"].to_list() == [2.0]


def test_explicit_map_wins(tmp_path: Path) -> None:
    path = _write(tmp_path / "t.csv", "買方,單據日,淨額\nA,2024-01-01,10\n", "utf-8-sig")
    frame = load_transactions(
        path, ReadOptions(mapping={"customer_id": "買方", "date": "單據日", "amount": "淨額"})
    ).frame.collect()
    assert frame.select("customer_id", "amount").row(0) == ("A", 10.0)


def test_unknown_mapping_source_is_named(tmp_path: Path) -> None:
    path = _write(tmp_path / "t.csv", "customer_id,date,amount\nA,2024-01-01,10\n")
    with pytest.raises(Exception, match="'Kunde'"):
        load_transactions(path, ReadOptions(mapping={"customer_id": "Kunde"}))


def test_ambiguous_day_month_warns(tmp_path: Path) -> None:
    path = _write(tmp_path / "t.csv", "customer_id,date,amount\nA,03/04/2024,10\n")
    loaded = load_transactions(path)
    assert any("month/day and day/month" in w for w in loaded.warnings)
    assert load_transactions(path, ReadOptions(date_format="%d/%m/%Y")).frame.collect()["date"][0] == dt.date(
        2024, 4, 3
    )


def test_excel_parquet_and_whitespace_text(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["客戶編號", "日期", "金額"])
    sheet.append(["A", dt.datetime(2024, 1, 1), 10.5])
    sheet.append(["B", dt.datetime(2024, 2, 1), "oops"])
    book.save(tmp_path / "t.xlsx")
    with pytest.raises(ImportValidationError, match="row 3, column '金額': value 'oops'"):
        load_transactions(tmp_path / "t.xlsx")
    pl.DataFrame({"customer_id": ["A"], "date": [dt.date(2024, 1, 1)], "amount": [3.0]}).write_parquet(
        tmp_path / "t.parquet"
    )
    assert load_transactions(tmp_path / "t.parquet").frame.collect()["amount"].to_list() == [3.0]
    _write(tmp_path / "cdnow.txt", " 00001 19970101  1   11.77\n 00002 19970112  1   12.00\n")
    loaded = load_transactions(
        tmp_path / "cdnow.txt",
        ReadOptions(mapping={"customer_id": "column_1", "date": "column_2", "amount": "column_4"}),
    )
    assert loaded.frame.collect()["date"].to_list() == [dt.date(1997, 1, 1), dt.date(1997, 1, 12)]


RETURNS_EXPORT = (
    "客戶編號,單據類別,單號,日期,金額\n"
    "A,銷貨,S001,2024-01-05,100\nA,銷退,S002,2024-01-20,30\nA,銷貨,S003,2024-03-05,200\n"
    "B,銷貨,S004,2024-02-01,50\nB,折讓,S005,2024-02-11,5\n"
)


def test_returns_by_document_type_count_against_the_customer(tmp_path: Path) -> None:
    path = _write(tmp_path / "t.csv", RETURNS_EXPORT)
    loaded = load_transactions(path)
    totals = dict(loaded.frame.group_by("customer_id").agg(pl.col("amount").sum()).collect().iter_rows())
    assert totals == {"A": 270.0, "B": 45.0}
    assert loaded.cancellations == 2
    note = next(w for w in loaded.warnings if getattr(w, "key", "") == "return_types")
    assert "2 lines count as returns by their '單據類別': 銷退 (1), 折讓 (1)" in note
    unmarked = load_transactions(path, ReadOptions(return_types=None))
    totals = dict(unmarked.frame.group_by("customer_id").agg(pl.col("amount").sum()).collect().iter_rows())
    assert totals == {"A": 330.0, "B": 55.0}


@pytest.mark.parametrize(
    ("value", "is_return"),
    [
        ("Return", True),
        ("Credit Note", True),
        ("credit memo", True),
        ("CN", True),
        ("RMA", True),
        ("銷貨退回", True),
        ("Cancelled", True),
        ("Invoice", False),
        ("Sale", False),
        ("Credit sale", False),  # a sale on credit (賒銷) is a sale
        ("Retail", False),
        ("銷貨", False),
    ],
)
def test_which_document_types_are_returns(value: str, is_return: bool) -> None:
    from kam.io.options import RETURN_TYPES

    assert pl.Series([value]).str.contains(RETURN_TYPES).item() is is_return


@pytest.mark.parametrize(
    "written",
    [
        "2024-01-05T10:00:00Z",
        "2024-01-05T01:00:00+08:00",  # the date written, not the UTC one (2024-01-04)
        "2024-01-05T10:00:00.123Z",
        "1/5/2024 10:00 AM",
        "05-Jan-2024",
        "5 January 2024",
        "2024/1/5 下午 01:30:00",
        "2024/1/5 上午 09:05:00",
        "2024-01-05 10:00:00.000",
    ],
)
def test_dates_as_exports_write_them(tmp_path: Path, written: str) -> None:
    path = _write(tmp_path / "t.csv", f'customer_id,date,amount\nA,"{written}",10\nB,"{written}",5\n')
    loaded = load_transactions(path)
    assert (loaded.first_date, loaded.last_date) == (dt.date(2024, 1, 5), dt.date(2024, 1, 5))


def test_month_day_or_day_month_with_am_pm_is_reported_as_ambiguous(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "t.csv", "customer_id,date,amount\nA,03/04/2024 10:00 AM,10\nB,05/06/2024 1:00 PM,5\n"
    )
    loaded = load_transactions(path)
    assert any(getattr(w, "key", "") == "ambiguous_dates" for w in loaded.warnings)


def test_rejected_rows_keep_source_columns_whatever_their_names(tmp_path: Path) -> None:
    """Source columns called name, value, column or reason do not collide with rejected.csv's own."""
    path = _write(
        tmp_path / "t.csv",
        "customer_id,date,amount,name,value,column,reason\n"
        "A,2024-01-05,10,widget,1,c1,r1\nA,2024-03-05,x,bolt,2,c2,r2\nB,,5,nut,3,c3,r3\n",
    )
    rejected = load_transactions(path, ReadOptions(on_error=OnError.SKIP)).rejected
    assert rejected.select("row", "column", "value", "reason").rows() == [
        (3, "amount", "x", "amount: 'x' is not a number"),
        (4, "date", "", "date is empty"),
    ]
    assert rejected["source:name"].to_list() == ["bolt", "nut"]
    assert rejected["source:value"].to_list() == ["2", "3"]
    assert rejected["source:reason"].to_list() == ["r2", "r3"]


@pytest.mark.parametrize(
    ("written", "bad"),
    [("0001-01-01", True), ("1899-12-30", True), ("1900-01-01", True), ("1901-01-01", False)],
)
def test_a_date_before_the_earliest_date_is_a_bad_cell(tmp_path: Path, written: str, bad: bool) -> None:
    path = _write(tmp_path / "t.csv", f"customer_id,date,amount\nA,2024-01-01,10\nB,{written},5\n")
    if not bad:
        assert load_transactions(path).first_date == dt.date.fromisoformat(written)
        return
    with pytest.raises(ImportValidationError) as err:
        load_transactions(path)
    assert [(p.row, p.column, p.value) for p in err.value.problems] == [(3, "date", written)]
    assert "1901-01-01" in str(err.value)  # what was expected: a date from the earliest date on
    loaded = load_transactions(path, ReadOptions(on_error=OnError.SKIP))
    assert loaded.rejected.select("row", "column", "value").rows() == [(3, "date", written)]
    assert loaded.first_date == dt.date(2024, 1, 1)


def test_the_earliest_date_is_a_parameter(tmp_path: Path) -> None:
    path = _write(tmp_path / "t.csv", "customer_id,date,amount\nA,2024-01-01,10\nB,1995-06-01,5\n")
    with pytest.raises(ImportValidationError) as err:
        load_transactions(path, ReadOptions(earliest=dt.date(2000, 1, 1)))
    assert [(p.row, p.column, p.value) for p in err.value.problems] == [(3, "date", "1995-06-01")]


def _lines(first: dt.date, count: int) -> list[str]:
    return [f"C{i % 7},{first + dt.timedelta(days=i)},10\n" for i in range(count)]


@pytest.mark.parametrize("streaming", [False, True])
def test_a_date_far_before_the_rest_is_reported_and_kept(tmp_path: Path, streaming: bool) -> None:
    lines = _lines(dt.date(2022, 1, 1), 300)
    lines.insert(4, "X,1995-06-01,5\n")  # row 6: the header is row 1
    path = _write(tmp_path / "t.csv", "customer_id,date,amount\n" + "".join(lines))
    loaded = load_transactions(path, ReadOptions(streaming=streaming))
    stray = [w for w in loaded.warnings if getattr(w, "key", "") == "stray_dates"]
    assert len(stray) == 1
    params = stray[0].params  # type: ignore[attr-defined]
    assert (params["count"], params["row"], params["column"], params["value"]) == (1, 6, "date", "1995-06-01")
    assert params["file"] == str(path)
    assert loaded.first_date == dt.date(1995, 6, 1)  # kept: it may be real


@pytest.mark.parametrize(("written", "reported"), [("2013-06-01", False), ("2011-06-01", True)])
def test_a_stray_date_is_more_than_the_set_years_before_most_lines(
    tmp_path: Path, written: str, reported: bool
) -> None:
    body = "".join(_lines(dt.date(2022, 1, 1), 300))  # 99% of the lines are from 2022-01-04 on
    path = _write(tmp_path / "t.csv", f"customer_id,date,amount\nX,{written},5\n" + body)
    loaded = load_transactions(path)
    keys = [getattr(w, "key", "") for w in loaded.warnings]
    assert ("stray_dates" in keys) is reported
    assert "stray_dates" not in [
        getattr(w, "key", "") for w in load_transactions(path, ReadOptions(stray_years=20)).warnings
    ]


@pytest.mark.parametrize(
    ("option", "pattern"),
    [
        ("--cancel-pattern", "("),
        ("--cancel-pattern", "^C("),
        ("--return-types", "("),
        ("--return-types", "[a-"),
    ],
)
def test_an_invalid_pattern_is_named_not_the_data(tmp_path: Path, option: str, pattern: str) -> None:
    path = _write(tmp_path / "t.csv", "customer_id,date,order_id,amount,line_type\nA,2024-01-01,O1,10,sale\n")
    keyword = "cancellation_pattern" if option == "--cancel-pattern" else "return_types"
    with pytest.raises(ConfigError) as caught:
        load_transactions(path, ReadOptions(**{keyword: pattern}))  # type: ignore[arg-type]
    message = caught.value.message
    assert message.startswith(f"{option} {pattern!r}") and str(path) not in message
