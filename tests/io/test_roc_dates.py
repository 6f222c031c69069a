"""Taiwan's ROC (民國) years in exported dates: 113/01/05 is 2024-01-05, never the year 113."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
import pytest

from kam.commands.hints import said
from kam.errors import ImportValidationError
from kam.i18n import say
from kam.io.customers import load_customers
from kam.io.parse import looks_like_roc, roc_to_western
from kam.io.transactions import load_transactions


@pytest.mark.parametrize(
    ("written", "western"),
    [
        ("113/01/05", "2024-01-05"),
        ("113-1-5", "2024-01-05"),
        ("113.01.05", "2024-01-05"),
        ("113年1月5日", "2024-01-05"),
        ("民國113年1月5日", "2024-01-05"),
        ("1130105", "2024-01-05"),
        ("113/01/05 14:30", "2024-01-05 14:30"),
        ("99/12/31", "2010-12-31"),
        ("2024-01-05", "2024-01-05"),  # already western: left as it is
    ],
)
def test_roc_dates_become_western(written: str, western: str) -> None:
    assert pl.DataFrame({"d": [written]}).select(roc_to_western(pl.col("d"))).item() == western


def test_only_three_digit_years_or_the_prefix_make_a_column_roc() -> None:
    assert looks_like_roc(pl.Series(["113/01/05", "112/12/31", "113/2/1"]))
    assert looks_like_roc(pl.Series(["民國99年1月5日", "民國100年2月1日"]))
    assert not looks_like_roc(pl.Series(["05/01/24", "31/12/23"]))  # day/month/two-digit year
    assert not looks_like_roc(pl.Series(["2024-01-05", "20240105"]))


def test_a_roc_export_is_read_in_western_years_and_said(tmp_path: Path) -> None:
    path = tmp_path / "roc.csv"
    path.write_text("客戶編號,日期,金額\nA,113/01/05,10\nA,113/03/05,20\nB,113/02/01,5\n", encoding="utf-8")
    loaded = load_transactions(path)
    assert (loaded.first_date, loaded.last_date) == (dt.date(2024, 1, 5), dt.date(2024, 3, 5))
    note = next(w for w in loaded.warnings if getattr(w, "key", "") == "roc_dates")
    assert (
        said(note, "zh-Hant")
        == "日期按民國紀年讀取：'113/01/05' 即 2024-01-05；若不是，請用 --date-format 指定"
    )
    assert say(note, "zh-Hant") == "日期按民國紀年讀取：'113/01/05' 即 2024-01-05"


def test_a_bad_roc_date_is_reported_as_written(tmp_path: Path) -> None:
    path = tmp_path / "roc.csv"
    path.write_text("客戶編號,日期,金額\nA,113/01/05,10\nA,113/13/05,20\n", encoding="utf-8")
    with pytest.raises(ImportValidationError) as err:
        load_transactions(path)
    problem = err.value.problems[0]
    assert (problem.row, problem.column, problem.value) == (3, "日期", "113/13/05")


def test_roc_dates_stored_as_numbers(tmp_path: Path) -> None:
    path = tmp_path / "roc.parquet"
    pl.DataFrame(
        {"customer_id": ["A", "B"], "date": [1130105, 1121231], "amount": [10.0, 5.0]}
    ).write_parquet(path)
    loaded = load_transactions(path)
    assert (loaded.first_date, loaded.last_date) == (dt.date(2023, 12, 31), dt.date(2024, 1, 5))


def test_customers_since_in_roc_years(tmp_path: Path) -> None:
    path = tmp_path / "customers.csv"
    path.write_text("customer_id,since\nA,098/05/01\nB,105/11/30\n", encoding="utf-8")
    since = load_customers(path).sort("customer_id")["since"].to_list()
    assert since == [dt.date(2009, 5, 1), dt.date(2016, 11, 30)]
