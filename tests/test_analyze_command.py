"""`kam analyze` end to end through the CLI: outputs, summary, messages and exit codes."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal
from typer.testing import CliRunner

from kam.cli import app

runner = CliRunner()


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def test_outputs_are_written(portfolio_files: tuple[Path, Path], tmp_path: Path) -> None:
    tx, cu = portfolio_files
    out = tmp_path / "out"
    code, output = _run("analyze", str(tx), "--customers", str(cu), "--out", str(out), "--no-forecast")
    assert code == 0, output
    assert sorted(p.name for p in out.iterdir()) == [
        ".kam-outputs.json",
        "accounts.csv",
        "accounts.parquet",
        "accounts.xlsx",
        "report.html",
        "summary.json",
    ]
    accounts = pl.read_parquet(out / "accounts.parquet")
    assert accounts.height == 36
    assert pl.read_csv(out / "accounts.csv").height == 36
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["segments"]["key"] >= 1 and summary["segments"]["profit_squeezer"] == 1
    assert summary["basis"] == "net_profit"
    assert summary["settings"]["value"]["key_min_margin"] == 0.15
    assert summary["missing"] == []
    assert "key account" in output


def test_accounts_keep_the_reason_codes_beside_the_reasons(
    portfolio_files: tuple[Path, Path], tmp_path: Path
) -> None:
    """Parquet holds each customer's codes as a list, the CSV file as text joined by ';', next to the
    reasons said in --lang."""
    tx, cu = portfolio_files
    out = tmp_path / "out"
    code, output = _run("analyze", str(tx), "--customers", str(cu), "--out", str(out), "--no-forecast")
    assert code == 0, output
    stored = pl.read_parquet(out / "accounts.parquet")
    written = pl.read_csv(out / "accounts.csv")
    assert stored.columns == written.columns
    assert stored.columns.index("reason_codes") == stored.columns.index("reasons") + 1
    assert stored.schema["reason_codes"] == pl.List(pl.String)
    squeezer = stored.filter(pl.col("customer_id") == "SQUEEZE").row(0, named=True)
    assert squeezer["reason_codes"] == ["net_profit", "payment", "discount"]
    assert written["reason_codes"].to_list() == [";".join(codes) for codes in stored["reason_codes"]]
    assert written["reasons"].to_list() == stored["reasons"].to_list()


def test_missing_columns_are_reported(portfolio_files: tuple[Path, Path], tmp_path: Path) -> None:
    tx, _ = portfolio_files
    code, _ = _run("analyze", str(tx), "--out", str(tmp_path / "out"), "--no-forecast")
    assert code == 0
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert [m["key"] for m in summary["missing"]] == ["missing.customers"]


def test_bad_input_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("customer_id,date,amount\nA,2024-01-01,10\nA,not-a-date,10\n", encoding="utf-8")
    code, output = _run("analyze", str(path), "--out", str(tmp_path / "out"))
    assert code == 2
    assert "row 3" in output and "'not-a-date'" in output
    assert "Traceback" not in output
    assert not (tmp_path / "out").exists()


def test_skip_writes_rejected_csv_and_counts_it(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(
        "customer_id,date,amount\nA,2024-01-01,10\nA,2024-02-01,12\nB,not-a-date,10\n", encoding="utf-8"
    )
    code, output = _run("analyze", str(path), "--out", str(tmp_path / "out"), "--on-error", "skip")
    assert code == 0, output
    rejected = pl.read_csv(tmp_path / "out" / "rejected.csv")
    assert rejected.select("row", "column", "value").row(0) == (4, "date", "not-a-date")
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert summary["rows_rejected"] == 1


def test_failed_run_leaves_previous_outputs(portfolio_files: tuple[Path, Path], tmp_path: Path) -> None:
    tx, _ = portfolio_files
    out = tmp_path / "out"
    assert _run("analyze", str(tx), "--out", str(out), "--no-forecast")[0] == 0
    before = (out / "accounts.csv").read_bytes()
    bad = tmp_path / "bad.csv"
    bad.write_text("customer_id,date,amount\nA,2024-01-01,x\n", encoding="utf-8")
    assert _run("analyze", str(bad), "--out", str(out))[0] == 2
    assert (out / "accounts.csv").read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_one_customer(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("customer_id,date,amount\nA,2024-01-01,10\nA,2024-03-01,10\n", encoding="utf-8")
    code, output = _run("analyze", str(path), "--out", str(tmp_path / "out"))
    assert code == 0, output
    assert "only one customer" in output


def test_detect_shows_mapping(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("客戶編號,日期,金額,備註\nA,2024-01-01,10,x\n", encoding="utf-8")
    code, output = _run("analyze", "--detect", str(path))
    assert code == 0
    assert "--map customer_id=客戶編號 --map date=日期 --map amount=金額" in output
    assert "Not used: 備註" in output
    code, output = _run("analyze", "--detect", str(path), "--lang", "zh-Hans")
    assert code == 0
    assert "未使用: 備註" in output
    assert "对应: --map customer_id=客戶編號" in output


def test_config_overrides_thresholds(portfolio_files: tuple[Path, Path], tmp_path: Path) -> None:
    tx, cu = portfolio_files
    config = tmp_path / "kam.toml"
    config.write_text("[value]\nkey_min_margin = 0.5\n", encoding="utf-8")
    code, _ = _run(
        "analyze",
        str(tx),
        "--customers",
        str(cu),
        "--config",
        str(config),
        "--out",
        str(tmp_path / "out"),
        "--no-forecast",
    )
    assert code == 0
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert summary["segments"]["key"] == 0
    config.write_text("[value]\nkey_min_margn = 0.5\n", encoding="utf-8")
    code, output = _run("analyze", str(tx), "--config", str(config))
    assert code == 2 and "value.key_min_margn" in output


def test_sqlite_table(portfolio_files: tuple[Path, Path], tmp_path: Path) -> None:
    tx, _ = portfolio_files
    db = tmp_path / "erp.db"
    frame = pl.read_csv(tx)
    with sqlite3.connect(db) as connection:
        connection.execute(
            "create table sales (customer_id text, date text, order_id text, amount real, cost real)"
        )
        connection.executemany(
            "insert into sales values (?, ?, ?, ?, ?)",
            frame.select("customer_id", "date", "order_id", "amount", "cost").rows(),
        )
    code, output = _run(
        "analyze", f"sqlite:///{db}", "--table", "sales", "--out", str(tmp_path / "out"), "--no-forecast"
    )
    assert code == 0, output
    assert pl.read_csv(tmp_path / "out" / "accounts.csv").height == 36
    code, output = _run("analyze", f"sqlite:///{db}", "--table", "nope")
    assert code == 2 and "table 'nope' does not exist" in output


@pytest.mark.postgres
def test_postgres_table(portfolio_files: tuple[Path, Path], tmp_path: Path, postgres_url: str) -> None:
    import sqlalchemy as sa

    tx, _ = portfolio_files
    frame = pl.read_csv(tx, try_parse_dates=True)
    engine = sa.create_engine(postgres_url)
    with engine.begin() as connection:
        connection.execute(sa.text("drop table if exists kam_test_sales"))
        connection.execute(
            sa.text(
                "create table kam_test_sales (customer_id text, date date, order_id text, amount numeric, cost numeric)"
            )
        )
        connection.execute(
            sa.text("insert into kam_test_sales values (:c, :d, :o, :a, :k)"),
            [
                {"c": c, "d": d, "o": o, "a": a, "k": k}
                for c, d, o, a, k in frame.select("customer_id", "date", "order_id", "amount", "cost").rows()
            ],
        )
    engine.dispose()
    code, output = _run(
        "analyze", postgres_url, "--table", "kam_test_sales", "--out", str(tmp_path / "out"), "--no-forecast"
    )
    assert code == 0, output
    accounts = pl.read_csv(tmp_path / "out" / "accounts.csv")
    assert accounts.height == 36
    assert accounts.filter(pl.col("customer_id") == "THIN")["segment"][0] == "low_profit_volume"


def test_streaming_gives_the_same_accounts(portfolio_files: tuple[Path, Path], tmp_path: Path) -> None:
    tx, cu = portfolio_files
    for name, extra in (("memory", []), ("stream", ["--streaming"])):
        code, output = _run("analyze", str(tx), "--customers", str(cu), "--out", str(tmp_path / name), *extra)
        assert code == 0, output
    in_memory = pl.read_parquet(tmp_path / "memory" / "accounts.parquet")
    streamed = pl.read_parquet(tmp_path / "stream" / "accounts.parquet")
    assert_frame_equal(in_memory, streamed, check_exact=False, rel_tol=1e-9)


@pytest.mark.parametrize("streaming", [False, True])
def test_exact_duplicate_lines_are_counted_in_memory_not_streaming(tmp_path: Path, streaming: bool) -> None:
    tx = tmp_path / "t.csv"
    tx.write_text(
        "customer_id,order_id,date,amount\n"
        "A,1,2024-01-05,10\nA,1,2024-01-05,10\nA,1,2024-01-05,10\nA,1,2024-01-05,11\n"
        "A,2,2024-03-05,10\nB,1,2024-01-05,10\nB,3,2024-02-05,7\nB,3,2024-02-05,7\n",
        encoding="utf-8",
    )
    extra = ["--streaming"] if streaming else []
    code, output = _run("analyze", str(tx), "--out", str(tmp_path / "out"), "--no-forecast", *extra)
    assert code == 0, output
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    if streaming:
        assert summary["duplicate_lines"] is None
        assert "exact duplicate lines are not counted" in output
    else:
        assert summary["duplicate_lines"] == 3
        assert "3 lines are exact duplicates" in output


CDNOW_SAMPLE = Path(__file__).parent / "data" / "cdnow" / "CDNOW_sample.txt"


def test_cdnow_sample_with_a_mapping_file(tmp_path: Path) -> None:
    """The raw CDNOW file: no header, whitespace separated, no order id, no cost."""
    mapping = tmp_path / "cdnow.toml"
    mapping.write_text(
        '[columns]\ncustomer_id = "column_1"\ndate = "column_3"\nquantity = "column_4"\namount = "column_5"\n',
        encoding="utf-8",
    )
    code, output = _run(
        "analyze", str(CDNOW_SAMPLE), "--mapping", str(mapping), "--out", str(tmp_path / "out")
    )
    assert code == 0, output
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert summary["customers"] == 2357
    assert summary["as_of"] == "1998-06-30"
    assert {m["key"] for m in summary["missing"]} >= {"missing.cost", "missing.order_id"}
    accounts = pl.read_parquet(tmp_path / "out" / "accounts.parquet")
    # $0 purchases are purchases (free goods, as in the published CDNOW figures): the 8 customers whose
    # only purchase was $0 have no order with revenue, and a forecast like everyone else's
    assert accounts["p_alive"].null_count() == 0
    free = accounts.filter(pl.col("orders") == 0)
    assert free.height == 8 and (free["revenue"] == 0).all() and (free["p_alive"] > 0).all()
    lapsed = accounts.filter(pl.col("segment") == "lapsed")
    assert lapsed.height > 0 and (lapsed["recency_days"] >= 180).all()
    first = accounts.filter(pl.col("customer_id") == "00004").row(0, named=True)
    assert first["orders"] == 4  # four purchase days in the sample file
    assert first["revenue"] == pytest.approx(29.33 + 29.73 + 14.96 + 26.48)


def test_the_report_lists_the_thresholds_the_run_used(tmp_path: Path) -> None:
    data = tmp_path / "t.csv"
    data.write_text("customer_id,date,amount\nA,2024-01-05,100\nB,2024-02-05,50\n", encoding="utf-8")
    config = tmp_path / "kam.toml"
    config.write_text("[value]\nkey_min_margin = 0.3\nearliest_date = 1990-01-01\n", encoding="utf-8")
    out = tmp_path / "out"
    code, output = _run("analyze", str(data), "--config", str(config), "--no-forecast", "--out", str(out))
    assert code == 0, output
    report = (out / "report.html").read_text(encoding="utf-8")
    assert "<code>value.key_min_margin</code></td><td>0.3</td>" in report
    assert "<code>value.earliest_date</code></td><td>1990-01-01</td>" in report
