"""Which engine runs the passes over the transaction lines: Polars (the default), DuckDB or Spark.

The analysis is one code path of narwhals expressions (kam.analytics); an engine differs only in where
the canonical lines come from. Polars and DuckDB read them with kam.io (every ERP export it knows), and
DuckDB is handed the checked lines through Arrow; Spark reads them with its own readers (kam.spark.read),
so that data larger than one machine never comes to the driver.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from enum import StrEnum
from typing import TYPE_CHECKING, Any

import narwhals as nw
import polars as pl

from kam.analytics.settings import EARLIEST_DATE, STRAY_DATE_YEARS
from kam.errors import ConfigError
from kam.hints import Hint, HintKey
from kam.i18n import Notice
from kam.io.transactions import RETURN_TYPES, LoadedTransactions, OnError, load_transactions

if TYPE_CHECKING:
    from kam.spark.read import SparkTransactions
    from kam.spark.session import SparkOptions


class Engine(StrEnum):
    POLARS = "polars"
    DUCKDB = "duckdb"
    SPARK = "spark"


def on_duckdb(frame: pl.LazyFrame) -> nw.LazyFrame[Any]:
    """The checked lines as a DuckDB relation (handed over through Arrow, without a copy per column)."""
    try:
        import duckdb
    except ImportError:
        raise ConfigError(
            Notice("engine_missing", engine="duckdb", package="duckdb", extra="duckdb")
        ) from None
    return nw.from_native(duckdb.from_arrow(frame.collect().to_arrow()))


def read_lines(
    source: str | None,
    *,
    engine: Engine = Engine.POLARS,
    spark: SparkOptions | None = None,
    mapping: Mapping[str, str] | None = None,
    table: str | None = None,
    sheet: str | None = None,
    on_error: OnError = OnError.RAISE,
    date_format: str | None = None,
    cancellation_pattern: str | None = r"^C\d",
    currency: str | None = None,
    streaming: bool = False,
    count_duplicates: bool = True,
    decimal: str | None = None,
    return_types: str | None = RETURN_TYPES,
    earliest: dt.date = EARLIEST_DATE,
    stray_years: int = STRAY_DATE_YEARS,
) -> tuple[LoadedTransactions | SparkTransactions, nw.LazyFrame[Any]]:
    """The transactions as read and checked, and their canonical lines on `engine` (lazy)."""
    if engine != Engine.POLARS and streaming:
        raise ConfigError(
            Notice("engine_streaming", engine=engine.value), hint=Hint(HintKey.OPTION, option="streaming")
        )
    if engine == Engine.SPARK:
        from kam.spark.read import read_spark_lines
        from kam.spark.session import SparkOptions, spark_errors, spark_session

        if sheet is not None:
            raise ConfigError(Notice("spark_workbook", file=source))
        if table is None and not source:  # said before a JVM is started for nothing
            raise ConfigError(Notice("spark_no_source"))
        with spark_errors():
            session = spark_session(spark or SparkOptions())
        read = read_spark_lines(
            session,
            source,
            table=table,
            mapping=mapping,
            on_error=on_error,
            date_format=date_format,
            cancellation_pattern=cancellation_pattern,
            currency=currency,
            return_types=return_types,
            decimal=decimal,
        )
        return read, read.lines
    if source is None:
        raise ConfigError(Notice("no_source"))
    loaded = load_transactions(
        source,
        mapping=mapping,
        table=table,
        sheet=sheet,
        on_error=on_error,
        date_format=date_format,
        cancellation_pattern=cancellation_pattern,
        currency=currency,
        streaming=streaming,
        count_duplicates=count_duplicates,
        decimal=decimal,
        return_types=return_types,
        earliest=earliest,
        stray_years=stray_years,
    )
    lines = on_duckdb(loaded.frame) if engine == Engine.DUCKDB else nw.from_native(loaded.frame)
    return loaded, lines
