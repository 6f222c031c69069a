"""One ReadOptions goes from the use case to the reader of each engine: every option it holds reaches the
read, whichever engine runs it (here Polars and DuckDB; tests/spark/test_read.py gives Spark the same)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import narwhals as nw
import polars as pl
import pytest

from kam.engines import Engine, read_lines
from kam.errors import ConfigError, ImportValidationError
from kam.io.options import DecimalMark, OnError, ReadOptions
from kam.io.transactions import load_transactions

HEADER = "Kunde,date,order_id,amount,currency,line_type\n"
LINES = (
    "A,2024-01-05,O1,10,USD,sale\n"
    "A,2024-02-05,C2,4,USD,sale\n"
    "B,2024-03-05,O3,6,USD,退貨\n"
    "B,2024-04-05,O4,8,EUR,sale\n"
    "B,1999-04-05,O5,1,USD,sale\n"
)


def _amounts(path: Path, options: ReadOptions, engine: Engine) -> list[float]:
    _, lines = read_lines(str(path), options, engine=engine)
    frame = lines.select(nw.col("customer_id"), nw.col("amount")).collect(backend="polars").to_native()
    return frame.sort("customer_id", "amount")["amount"].to_list()


BASE = ReadOptions(mapping={"customer_id": "Kunde"}, currency="USD")


@pytest.mark.parametrize("engine", [Engine.POLARS, Engine.DUCKDB])
@pytest.mark.parametrize(
    ("options", "amounts"),
    [
        (BASE, [-4.0, 10.0, -6.0, 1.0]),  # C2 cancelled, 退貨 returned, EUR left out
        (ReadOptions(mapping={"customer_id": "Kunde"}, currency="EUR"), [8.0]),
        (
            ReadOptions(mapping={"customer_id": "Kunde"}, currency="USD", cancellation_pattern=None),
            [4.0, 10.0, -6.0, 1.0],
        ),
        (
            ReadOptions(mapping={"customer_id": "Kunde"}, currency="USD", return_types=None),
            [-4.0, 10.0, 1.0, 6.0],
        ),
        (
            ReadOptions(
                mapping={"customer_id": "Kunde"},
                currency="USD",
                earliest=dt.date(2000, 1, 1),
                on_error=OnError.SKIP,
            ),
            [-4.0, 10.0, -6.0],
        ),
    ],
    ids=["base", "currency", "no-cancellations", "no-returns", "earliest-and-skip"],
)
def test_each_option_reaches_the_reader_of_each_engine(
    tmp_path: Path, engine: Engine, options: ReadOptions, amounts: list[float]
) -> None:
    path = tmp_path / "t.csv"
    path.write_text(HEADER + LINES, encoding="utf-8")
    assert _amounts(path, options, engine) == amounts


def test_a_bad_row_stops_the_read_unless_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(HEADER + LINES, encoding="utf-8")
    late = ReadOptions(mapping={"customer_id": "Kunde"}, currency="USD", earliest=dt.date(2000, 1, 1))
    with pytest.raises(ImportValidationError):
        read_lines(str(path), late)
    assert load_transactions(path, ReadOptions(**{**vars(late), "on_error": OnError.SKIP})).rejected[
        "row"
    ].to_list() == [6]


def test_a_date_format_and_a_decimal_mark_reach_the_reader(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text('customer_id,date,amount\nA,03/04/2024,"1.234"\n', encoding="utf-8")
    loaded, _ = read_lines(str(path), ReadOptions(date_format="%d/%m/%Y", decimal=DecimalMark.COMMA))
    assert isinstance(loaded.frame, pl.LazyFrame)
    assert loaded.frame.collect().select("date", "amount").row(0) == (dt.date(2024, 4, 3), 1234.0)


def test_streaming_is_refused_on_another_engine_before_reading(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        read_lines(str(tmp_path / "none.csv"), ReadOptions(streaming=True), engine=Engine.DUCKDB)
    assert caught.value.message.key == "engine_streaming"


@pytest.mark.parametrize(
    ("decimal", "mark"),
    [(DecimalMark.AUTO, None), (DecimalMark.POINT, "point"), (DecimalMark.COMMA, "comma")],
)
def test_the_decimal_mark_the_readers_are_given(decimal: DecimalMark, mark: str | None) -> None:
    assert ReadOptions(decimal=decimal).decimal_mark == mark
