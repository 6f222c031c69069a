"""Transaction lines read by Spark's own readers into kam's canonical columns, checked with expressions.

The same column mapping and the same checks as kam.io (empty ids and dates, unreadable dates and numbers,
dates after today, numbers that are not finite or too large), the same cancellations and returns, and a
line hash Spark accepts (xxhash64) for counting exact duplicates. Spark reads clean exports: Parquet,
a Spark table, or UTF-8 CSV with ISO dates (or --date-format) and numbers with a decimal point; the
ERP-specific readings of kam.io (encodings, ROC years, decimal commas, NT$ amounts) stay with Polars.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import narwhals as nw
import polars as pl

from kam.errors import CellProblem, ConfigError, ImportValidationError, MissingColumnError
from kam.hints import Hint, HintedNotice, HintKey
from kam.i18n import Joined, Notice
from kam.io.mapping import LINE_HASH, TRANSACTION_OPTIONAL, TRANSACTION_REQUIRED, resolve_columns
from kam.io.options import OnError, ReadOptions
from kam.io.parse import MAX_MAGNITUDE
from kam.io.transactions import MAX_LISTED_PROBLEMS, NUMERIC, TEXT
from kam.io.unattributed import UnattributedSales
from kam.spark.dates import spark_date_pattern
from kam.spark.session import spark_errors

if TYPE_CHECKING:
    from pyspark.sql import Column, DataFrame, SparkSession

TEXT_SUFFIXES = {".csv": ",", ".txt": ",", ".tsv": "\t"}
SIGNED = ("amount", "quantity", "cost", "list_amount")


@dataclass
class SparkTransactions:
    """Canonical transaction lines on Spark (`lines`, lazy), with what was found, rejected and noticed."""

    lines: nw.LazyFrame[Any]
    label: str
    mapping: dict[str, str]
    columns: frozenset[str]
    rows_read: int
    rejected: pl.DataFrame
    cancellations: int
    warnings: list[str] = field(default_factory=list)
    first_date: dt.date | None = None
    last_date: dt.date | None = None
    duplicates: int | None = None
    encoding: str | None = None
    streaming: bool = False
    unattributed: UnattributedSales | None = None  # the lines without a customer, set aside
    currency: str | None = None  # the one currency of the lines, when a currency column says

    def close(self) -> None:
        """Done with the lines: the lines Spark cached after the checks are dropped (Spark reads no
        UTF-8 copy of its own: nothing else to remove)."""
        self.lines.to_native().unpersist()

    def __enter__(self) -> SparkTransactions:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        """Around the later passes over `lines`: the lines Spark cached after the checks are dropped when
        they end, so that a session that goes on (a notebook) keeps no memory for them."""
        try:
            with spark_errors():
                yield
        finally:
            self.lines.to_native().unpersist()


def _raw(spark: SparkSession, source: str | None, table: str | None) -> tuple[DataFrame, str]:
    """The table as Spark reads it: a Spark table, a text file (CSV/TSV, all columns as text) or Parquet."""
    from pyspark.errors import AnalysisException

    if table is None and not source:
        raise ConfigError(Notice("spark_no_source"))
    label = f"{table} (Spark table)" if table else str(source)
    try:
        if table:
            return spark.table(table), label
        assert source is not None
        suffix = next((s for s in TEXT_SUFFIXES if source.lower().endswith(s)), None)
        if source.lower().endswith((".xlsx", ".xlsm", ".xls")):
            raise ConfigError(Notice("spark_workbook", file=source))
        if suffix is not None:
            reader = spark.read.option("header", True).option("sep", TEXT_SUFFIXES[suffix])
            return reader.option("encoding", "UTF-8").option("inferSchema", False).csv(source), label
        return spark.read.parquet(source), label
    except AnalysisException as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ImportValidationError(Notice("spark_unreadable", file=label, reason=reason)) from None


def _text(column: Column, dtype: str) -> Column:
    """Identifiers as text, blank as null; integral floats (12346.0) lose their '.0' (as kam.io does)."""
    from pyspark.sql import functions as F

    if dtype in ("double", "float"):
        column = F.when(column == F.round(column, 0), column.cast("long").cast("string")).otherwise(
            column.cast("string")
        )
    value = F.trim(column.cast("string"))
    return F.when(value != "", value)


def _number(column: Column, dtype: str) -> Column:
    """Numbers as doubles; text must be a plain number with a decimal point (null where it is not)."""
    from pyspark.sql import functions as F

    if dtype in ("string", "varchar"):
        return F.trim(column).try_cast("double")
    return column.cast("double")


def _date(column: Column, dtype: str, date_format: str | None) -> Column:
    """Dates as dates: date and timestamp columns as they are, text as ISO dates or `date_format`."""
    from pyspark.sql import functions as F

    if dtype == "date":
        return column
    if dtype.startswith("timestamp"):
        return F.to_date(column)
    if dtype in ("int", "bigint"):  # 20240331
        return F.to_date(F.try_to_timestamp(column.cast("string"), F.lit("yyyyMMdd")))
    text = F.trim(column.cast("string"))
    if date_format is None:
        return F.try_to_date(text)
    return F.to_date(F.try_to_timestamp(text, F.lit(spark_date_pattern(date_format))))


def _blank(column: Column, dtype: str) -> Column:
    from pyspark.sql import functions as F

    if dtype in ("string", "varchar"):
        return column.isNull() | (F.trim(column) == "")
    return column.isNull()


def _checks(
    resolved: Mapping[str, str], types: Mapping[str, str], today: dt.date
) -> list[tuple[Column, str, str]]:
    """Each check as (condition that marks a bad row, column, what was expected), in reporting order. An
    empty customer is not one: such a line is an unattributed sale (kam.io.unattributed)."""
    from pyspark.sql import functions as F

    date_source = resolved["date"]
    date_blank = _blank(F.col(date_source), types[date_source])
    checks: list[tuple[Column, str, str]] = [
        (date_blank, "date", "empty"),
        (F.col("_date").isNull() & ~date_blank, "date", "date"),
        (F.col("_date") > F.lit(today), "date", "not_future"),
    ]
    for name in NUMERIC:
        if name in resolved:
            source = resolved[name]
            parsed = F.col(f"_{name}")
            checks.append((parsed.isNull() & ~_blank(F.col(source), types[source]), name, "number"))
            broken = F.isnan(parsed) | (F.abs(parsed) > F.lit(MAX_MAGNITUDE))
            checks.append((F.coalesce(broken, F.lit(False)), name, "finite"))
    for name in ("amount",) if "amount" in resolved else ("quantity", "unit_price"):
        checks.append((_blank(F.col(resolved[name]), types[resolved[name]]), name, "empty"))
    return checks


def _expected(kind: str, today: dt.date) -> str:
    from kam.io.parse import MAX_MAGNITUDE_TEXT

    return {
        "date": Notice("expect_date"),
        "not_future": Notice("expect_not_future", today=today),
        "number": Notice("expect_number"),
        "finite": Notice("expect_finite_number", limit=MAX_MAGNITUDE_TEXT),
    }.get(kind, kind)


@spark_errors()  # a failed Spark job is one clear line
def read_spark_lines(
    spark: SparkSession, source: str | None, options: ReadOptions | None = None
) -> SparkTransactions:
    """Read, map, parse and check transactions on Spark; raise ImportValidationError or set bad rows aside.

    The checked lines are cached on the cluster for the passes that follow (they never come to the driver);
    the bad rows do (they are few, or the run stops), as do counts and the first and last dates. Of
    `options`, Spark reads no workbook sheet and no decimal comma, and never streams (it is out of core)."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    options = options or ReadOptions()
    mapping, on_error, return_types = options.mapping, options.on_error, options.return_types
    if options.decimal_mark == "comma":
        raise ConfigError(Notice("spark_decimal_comma"))
    today = options.today or dt.date.today()
    raw, label = _raw(spark, source, options.table)
    names = [c.replace("\ufeff", "").strip() for c in raw.columns]
    raw = raw.toDF(*names)
    resolved = resolve_columns(names, mapping or {}, (*TRANSACTION_REQUIRED, *TRANSACTION_OPTIONAL))
    missing = [n for n in TRANSACTION_REQUIRED if n not in resolved]
    if "amount" not in resolved and not {"quantity", "unit_price"} <= resolved.keys():
        missing.append("amount")
    if missing:
        raise MissingColumnError(label, missing, names)
    # source columns get plain names, so that no name (a dot, a space, a backtick) means anything to Spark
    plain = {source: f"_src{i}" for i, source in enumerate(names)}
    raw = raw.toDF(*plain.values())
    source_of = {canonical: plain[source] for canonical, source in resolved.items()}
    types = dict(raw.dtypes)
    date_format = options.date_format
    parsed = raw.select(
        "*",
        *[_text(F.col(source_of[n]), types[source_of[n]]).alias(f"_{n}") for n in TEXT if n in source_of],
        *[
            _number(F.col(source_of[n]), types[source_of[n]]).alias(f"_{n}")
            for n in NUMERIC
            if n in source_of
        ],
        _date(F.col(source_of["date"]), types[source_of["date"]], date_format).alias("_date"),
    )
    checks = _checks(source_of, types, today)
    bad = F.lit(False)
    for condition, _, _ in checks:
        bad = bad | F.coalesce(condition, F.lit(False))
    parsed = parsed.withColumn("_bad", bad).persist(StorageLevel.MEMORY_AND_DISK)
    anonymous = F.col("_customer_id").isNull() & ~F.col("_bad")
    stats = parsed.agg(
        F.count(F.lit(1)).alias("rows"),
        F.sum(F.col("_bad").cast("long")).alias("bad"),
        F.sum(anonymous.cast("long")).alias("anonymous"),
    ).first()
    assert stats is not None
    rows, bad_rows, unattributed = int(stats["rows"]), int(stats["bad"] or 0), int(stats["anonymous"] or 0)
    if rows == 0:
        raise ImportValidationError(Notice("no_data_rows", file=label))
    by_source = {plain[s]: s for s in names}
    source_names = {canonical: source for canonical, source in resolved.items()}
    rejected = _empty_rejected()
    if bad_rows:
        limit = MAX_LISTED_PROBLEMS if on_error == OnError.RAISE else None
        rejected = _rejected(parsed, checks, source_names, by_source, label, today, limit)
        if on_error == OnError.RAISE:
            raise _validation_error(label, rejected, bad_rows, today)
    if unattributed and unattributed == rows - bad_rows:
        raise ImportValidationError(
            Notice("no_customer_ids", file=label, column=resolved["customer_id"], count=unattributed)
        )
    good = parsed.filter(~F.col("_bad") & ~anonymous) if bad_rows or unattributed else parsed
    lines = _canonical(good, source_of, options.cancellation_pattern, return_types)
    warnings: list[str] = []
    if "line_type" in source_of and return_types:
        warnings += _return_notices(lines, resolved["line_type"], return_types)
    one_currency = None
    if "currency" in source_of:
        lines, one_currency = _one_currency(lines, label, resolved["currency"], options.currency, warnings)
    value_columns = lines.columns
    lines = lines.withColumn(LINE_HASH, F.xxhash64(*value_columns)).persist(StorageLevel.MEMORY_AND_DISK)
    summary = lines.agg(
        F.sum("amount").alias("revenue"),
        F.count(F.lit(1)).alias("n"),
        F.sum((F.col("amount") > 0).cast("long")).alias("positive"),
        F.sum(F.col("is_cancellation").cast("long")).alias("cancellations"),
        F.min("date").alias("first_date"),
        F.max("date").alias("last_date"),
    ).first()
    assert summary is not None
    sales = None
    if unattributed:
        sales = _unattributed(
            parsed.filter(anonymous), source_of, options.cancellation_pattern, return_types, options.currency
        )
        sales = UnattributedSales(
            sales.lines, sales.revenue, sales.revenue + float(summary["revenue"] or 0.0)
        )
        warnings.append(sales.notice())
    parsed.unpersist()
    n, positive = int(summary["n"]), int(summary["positive"] or 0)
    if n == 0:
        raise ImportValidationError(Notice("no_usable_rows", file=label, rejected=rejected.height))
    if positive == 0:
        raise ImportValidationError(Notice("all_negative", file=label, count=n))
    return SparkTransactions(
        lines=nw.from_native(lines),
        label=label,
        mapping=dict(resolved),
        columns=frozenset(lines.columns),
        rows_read=rows,
        rejected=rejected.drop("kind"),
        cancellations=int(summary["cancellations"] or 0),
        warnings=warnings,
        first_date=summary["first_date"],
        last_date=summary["last_date"],
        unattributed=sales,
        currency=one_currency,
    )


def _unattributed(
    anonymous: DataFrame,
    source_of: Mapping[str, str],
    cancellation_pattern: str | None,
    return_types: str | None,
    currency: str | None,
) -> UnattributedSales:
    """The lines without a customer: how many, and their revenue (their total is added by the caller)."""
    from pyspark.sql import functions as F

    lines = _canonical(anonymous, source_of, cancellation_pattern, return_types)
    if currency is not None and "currency" in source_of:
        lines = lines.filter(F.col("currency") == currency)
    found = lines.agg(F.count(F.lit(1)).alias("n"), F.sum("amount").alias("revenue")).first()
    assert found is not None
    revenue = float(found["revenue"] or 0.0)
    return UnattributedSales(int(found["n"]), revenue, revenue)


def _canonical(
    good: DataFrame,
    source_of: Mapping[str, str],
    cancellation_pattern: str | None,
    return_types: str | None,
) -> DataFrame:
    """Canonical names and types; cancelled orders and returns turn negative (as kam.io does)."""
    from pyspark.sql import functions as F

    present = [n for n in (*TEXT, *NUMERIC) if n in source_of]
    frame = good.select(F.col("_date").alias("date"), *[F.col(f"_{n}").alias(n) for n in present])
    if "amount" not in source_of:
        frame = frame.withColumn("amount", F.col("quantity") * F.col("unit_price"))
    markers = []
    if "order_id" in source_of and cancellation_pattern:
        markers.append(F.coalesce(F.col("order_id").rlike(cancellation_pattern), F.lit(False)))
    if "line_type" in source_of and return_types:
        markers.append(F.coalesce(F.col("line_type").rlike(return_types), F.lit(False)))
    if not markers:
        return frame.withColumn("is_cancellation", F.lit(False))
    is_cancel = markers[0]
    for marker in markers[1:]:
        is_cancel = is_cancel | marker
    signed = {
        n: F.when(is_cancel, -F.abs(F.col(n))).otherwise(F.col(n)) for n in SIGNED if n in frame.columns
    }
    return frame.withColumns({**signed, "is_cancellation": is_cancel})


def _return_notices(lines: DataFrame, column: str, return_types: str) -> list[str]:
    from pyspark.sql import functions as F

    counts = (
        lines.filter(F.coalesce(F.col("line_type").rlike(return_types), F.lit(False)))
        .groupBy("line_type")
        .count()
        .orderBy(F.col("count").desc(), F.col("line_type"))
        .collect()
    )
    if not counts:
        return []
    listing = ", ".join(f"{row['line_type']} ({row['count']:,})" for row in counts[:5])
    count = sum(int(r["count"]) for r in counts)
    return [
        HintedNotice("return_types", Hint(HintKey.RETURN_TYPES), count=count, column=column, listing=listing)
    ]


def _one_currency(
    lines: DataFrame, label: str, column: str, currency: str | None, warnings: list[str]
) -> tuple[DataFrame, str | None]:
    """Keep the lines in `currency`, or refuse lines in more than one currency (as kam.io does); with the
    one currency of the lines kept."""
    from pyspark.sql import functions as F

    if currency is not None:
        warnings.append(Notice("currency_kept", currency=currency))
        return lines.filter(F.col("currency") == currency), currency
    counts = lines.groupBy("currency").count().orderBy(F.col("count").desc()).limit(20).collect()
    if len(counts) > 1:
        listing = ", ".join(f"{row['currency']} ({row['count']:,} lines)" for row in counts)
        raise ImportValidationError(
            Notice("mixed_currency", file=label, column=column, listing=listing),
            hint=Hint(HintKey.KEEP_CURRENCY),
        )
    return lines, (counts[0]["currency"] if counts else None)


def _rejected(
    parsed: DataFrame,
    checks: list[tuple[Column, str, str]],
    source_names: Mapping[str, str],
    by_source: Mapping[str, str],
    label: str,
    today: dt.date,
    limit: int | None,
) -> pl.DataFrame:
    """The bad rows as rejected.csv has them: the file they came from in place of a row number (Spark
    reads in parallel and knows no row numbers), the column, the value and the reason of the first
    failed check, then every source cell as text (column expressions only, as kam.io: a million bad
    rows is a normal failure)."""
    from pyspark.sql import functions as F

    problem = F.coalesce(*[F.when(c, F.lit(f"{name}|{kind}")) for c, name, kind in checks])
    bad = parsed.filter(F.col("_bad")).withColumn("_problem", problem)
    in_table = label.endswith("(Spark table)")
    bad = bad.withColumn("_file", F.lit(label) if in_table else F.input_file_name())
    if limit is not None:
        bad = bad.limit(limit)
    sources = [c for c in by_source if c in parsed.columns]
    frame = pl.from_arrow(
        bad.select("_problem", "_file", *[F.col(c).cast("string").alias(c) for c in sources]).toArrow()
    )
    assert isinstance(frame, pl.DataFrame)
    split = pl.col("_problem").str.split_exact("|", 1).struct.rename_fields(["_name", "_kind"])
    named = frame.with_columns(split.struct.field("_name"), split.struct.field("_kind")).with_columns(
        pl.col("_name").replace_strict(dict(source_names), return_dtype=pl.String).alias("_column")
    )
    value = pl.coalesce(
        [pl.when(pl.col("_column") == by_source[c]).then(pl.col(c).fill_null("")) for c in sources]
        + [pl.lit("")]
    )
    kinds = ("date", "not_future", "number", "finite")
    expected = pl.col("_kind").replace_strict({k: str(_expected(k, today)) for k in kinds}, default="")
    reason = (
        pl.when(pl.col("_kind") == "empty")
        .then(pl.concat_str([pl.col("_column"), pl.lit(" is empty")]))
        .otherwise(pl.concat_str([pl.col("_column"), pl.lit(": '"), value, pl.lit("' is not "), expected]))
    )
    return named.select(
        pl.when(pl.col("_file").fill_null("") != "")
        .then(pl.col("_file"))
        .otherwise(pl.lit(label))
        .alias("file"),
        pl.col("_column").alias("column"),
        value.alias("value"),
        reason.alias("reason"),
        pl.col("_kind").alias("kind"),
        *[pl.col(c).alias(f"source:{by_source[c]}") for c in sources],
    )


def _empty_rejected() -> pl.DataFrame:
    return pl.DataFrame(
        schema={
            "file": pl.String,
            "column": pl.String,
            "value": pl.String,
            "reason": pl.String,
            "kind": pl.String,
        }
    )


def _validation_error(label: str, rejected: pl.DataFrame, bad: int, today: dt.date) -> ImportValidationError:
    problems = []
    lines = []
    for file, column, value, kind in rejected.select("file", "column", "value", "kind").iter_rows():
        if kind == "empty":
            lines.append(Notice("spark_cell_empty", file=file, column=column))
            problems.append(CellProblem(file, 0, column, value, "present"))
        else:
            expected = _expected(kind, today)
            lines.append(Notice("spark_cell", file=file, column=column, value=value, expected=expected))
            problems.append(CellProblem(file, 0, column, value, str(expected)))
    more = Notice("more_rows", count=bad - len(problems)) if bad > len(problems) else ""
    return ImportValidationError(
        Notice("rows_unreadable", file=label, count=bad, details=Joined("\n  ", lines), more=more),
        tuple(problems),
        hint=Hint(HintKey.SKIP_BAD_ROWS),
    )
