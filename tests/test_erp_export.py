"""End to end: a sales export as a Taiwanese ERP writes it, read through `kam analyze` in zh-Hant.

Big5 text, a report title and period above the header, ROC (民國) dates with Windows' 上午/下午 times,
amounts with thousands separators and currency, returns marked 銷退 with positive amounts, a cover
sheet's worth of notes: every piece has its own tests; this one checks that they work together.
"""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
from typer.testing import CliRunner

from kam.cli import app

EXPORT = """銷貨明細表
期間：113/01/01 ~ 113/12/31,,,,,
客戶代號,單據類別,單號,日期,數量,金額
K001,銷貨,S1130105001,113/01/05 上午 10:30:00,10,"NT$ 12,000"
K001,銷貨,S1130302001,113/03/02 下午 02:00:00,5,"NT$ 6,500"
K001,銷退,R1130310001,113/03/10 上午 09:00:00,1,"NT$ 1,300"
K002,銷貨,S1130215001,113/02/15 下午 03:15:00,2,"NT$ 2,000"
K002,銷貨,S1130601001,113/06/01 上午 11:00:00,3,"NT$ 3,000"
"""


def test_a_taiwanese_erp_export(tmp_path: Path) -> None:
    path = tmp_path / "銷貨明細.csv"
    path.write_bytes(EXPORT.encode("big5"))
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["analyze", str(path), "--out", str(out), "--no-forecast", "--lang", "zh-Hant"]
    )
    assert result.exit_code == 0, result.output
    assert "分析日期 2024-06-01" in result.output
    assert "日期按民國紀年讀取" in result.output and "算作退貨：銷退 (1)" in result.output
    accounts = pl.read_csv(out / "accounts.csv")
    by_id = {row["customer_id"]: row for row in accounts.iter_rows(named=True)}
    assert by_id["K001"]["revenue"] == 17200.0 and by_id["K001"]["returns"] == 1300.0
    assert by_id["K001"]["orders"] == 2 and by_id["K001"]["volume"] == 14.0
    assert by_id["K002"]["revenue"] == 5000.0
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["encoding"] == "big5" and summary["cancellation_lines"] == 1
    assert summary["mapping"]["line_type"] == "單據類別" and summary["mapping"]["customer_id"] == "客戶代號"


def test_detect_says_how_dates_and_numbers_will_be_read(tmp_path: Path) -> None:
    path = tmp_path / "銷貨明細.csv"
    path.write_bytes(EXPORT.encode("big5"))
    result = CliRunner().invoke(app, ["analyze", str(path), "--detect"])
    assert result.exit_code == 0, result.output
    assert (
        "Dates read as: %Y-%m-%d %p %I:%M:%S (ROC years, 民國) · Numbers: decimal point (1,234.50)"
        in result.output
    )
    assert "--map line_type=單據類別" in result.output
    european = tmp_path / "eu.csv"
    european.write_text(
        "customer_id;date;amount\nA;05.01.2024;1.234,50\nB;06.01.2024;10,5\n", encoding="utf-8"
    )
    result = CliRunner().invoke(app, ["analyze", str(european), "--detect", "--lang", "zh-Hans"])
    assert "日期读法: %d.%m.%Y · 数字: 逗号作小数点（1.234,50）" in result.output
