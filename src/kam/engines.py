"""Which engine runs the passes over the transaction lines: Polars (the default), DuckDB or Spark.

The analysis is one code path of narwhals expressions (kam.analytics); an engine differs only in where
the canonical lines come from. Polars and DuckDB read them with kam.io (every ERP export it knows), and
DuckDB is handed the checked lines through Arrow; Spark reads them with its own readers (kam.spark.read),
so that data larger than one machine never comes to the driver.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any

import narwhals as nw
import polars as pl

from kam.errors import ConfigError
from kam.hints import Hint, HintKey
from kam.i18n import Notice
from kam.io.options import ReadOptions
from kam.io.transactions import LoadedTransactions, load_transactions

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
    options: ReadOptions | None = None,
    *,
    engine: Engine = Engine.POLARS,
    spark: SparkOptions | None = None,
) -> tuple[LoadedTransactions | SparkTransactions, nw.LazyFrame[Any]]:
    """The transactions as read and checked, and their canonical lines on `engine` (lazy). The caller
    closes the transactions when done with the lines (see LoadedTransactions.close)."""
    options = options or ReadOptions()
    if engine != Engine.POLARS and options.streaming:
        raise ConfigError(
            Notice("engine_streaming", engine=engine.value), hint=Hint(HintKey.OPTION, option="streaming")
        )
    if engine == Engine.SPARK:
        from kam.spark.read import read_spark_lines
        from kam.spark.session import SparkOptions, spark_errors, spark_session

        if options.sheet is not None:
            raise ConfigError(Notice("spark_workbook", file=source))
        if options.table is None and not source:  # said before a JVM is started for nothing
            raise ConfigError(Notice("spark_no_source"))
        with spark_errors():
            session = spark_session(spark or SparkOptions())
        read = read_spark_lines(session, source, options)
        return read, read.lines
    if source is None:
        raise ConfigError(Notice("no_source"))
    loaded = load_transactions(source, options)
    if engine != Engine.DUCKDB:
        return loaded, nw.from_native(loaded.frame)
    try:
        return loaded, on_duckdb(loaded.frame)
    except BaseException:  # the caller closes what it gets, and gets nothing
        loaded.close()
        raise
