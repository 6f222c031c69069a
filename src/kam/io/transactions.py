"""Load transactions into kam's canonical columns, with every bad cell named or set aside."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import TracebackType
from typing import Literal

import polars as pl

from kam.dates import EPOCH
from kam.domain.dates import EARLIEST_DATE
from kam.errors import CellProblem, ConfigError, ImportValidationError, MissingColumnError
from kam.hints import Hint, HintedNotice, HintKey
from kam.i18n import Joined, Notice
from kam.io.mapping import (
    LINE_HASH,
    TRANSACTION_OPTIONAL,
    TRANSACTION_REQUIRED,
    column_choices,
    resolve_columns,
)
from kam.io.options import RETURN_TYPES, OnError, ReadOptions
from kam.io.parse import (
    MAX_MAGNITUDE_TEXT,
    DateStyle,
    NumberStyle,
    choose_dates,
    choose_number_style,
    contradicts_decimal,
    date_expr,
    is_blank,
    looks_like_roc,
    number_expr,
    out_of_range,
    roc_to_western,
    text_expr,
)
from kam.io.readers import RawTable, is_workbook, read_table, sheet_with, table_errors
from kam.io.unattributed import UnattributedSales

NUMERIC = ("amount", "quantity", "unit_price", "cost", "list_amount")
TEXT = ("customer_id", "order_id", "product_id", "currency", "line_type")
MAX_LISTED_PROBLEMS = 5


def engine(streaming: bool) -> Literal["streaming", "auto"]:
    """The polars engine for a pass: streaming (out of core) or the default in-memory one."""
    return "streaming" if streaming else "auto"


@dataclass
class LoadedTransactions:
    """Canonical transactions (lazy), with what was found, mapped, rejected and noticed on the way. It owns
    the UTF-8 copy of a text source in another encoding: close it (or use it in a `with` block) when done."""

    frame: pl.LazyFrame
    label: str
    mapping: dict[str, str]
    columns: frozenset[str]
    rows_read: int
    rejected: pl.DataFrame
    duplicates: int | None
    cancellations: int
    warnings: list[str] = field(default_factory=list)
    encoding: str | None = None
    first_date: dt.date | None = None
    last_date: dt.date | None = None
    streaming: bool = False
    source: RawTable | None = None  # the table as read, to name a line that a later pass cannot read
    unattributed: UnattributedSales | None = None  # the lines without a customer, set aside
    currency: str | None = None  # the one currency of the lines, when a currency column says

    @property
    def has(self) -> frozenset[str]:
        return self.columns

    def close(self) -> None:
        """Done with the lines: the UTF-8 copy the source was read through, if any, is removed (a
        streamed frame can no longer be collected then; lines held in memory stay)."""
        if self.source is not None:
            self.source.close()

    def __enter__(self) -> LoadedTransactions:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def reading(self) -> contextlib.AbstractContextManager[None]:
        """Around a later pass over `frame`: a streamed file is read again, and a line that cannot be read
        (found only now, in a column the checks did not need) is named as the loader names it."""
        return table_errors(self.source) if self.source is not None else contextlib.nullcontext()


def _first_row_number(raw: RawTable, path_like: str) -> int:
    if raw.first_data_line is not None:  # a text file: its own line numbers, past any title lines
        return raw.first_data_line
    return (
        2
        if raw.has_header and not path_like.endswith((".parquet", ".pq")) and " table " not in path_like
        else 1
    )


EXPECT_POINT = "a number with a decimal point"
EXPECT_FROM = "a date from "
EXPECT_COMMA = "a number with a decimal comma"
EXPECT_FINITE = f"a finite number between -{MAX_MAGNITUDE_TEXT} and {MAX_MAGNITUDE_TEXT}"


def _checks(
    resolved: Mapping[str, str],
    schema: pl.Schema,
    today: dt.date,
    style: NumberStyle | None = None,
    earliest: dt.date = EARLIEST_DATE,
) -> list[tuple[pl.Expr, str]]:
    style = style or NumberStyle()
    """Each check as (condition that marks a bad row, "column|what was expected"), in reporting order. An
    empty customer is not one: such a line is an unattributed sale (kam.io.unattributed)."""
    date_blank = is_blank(resolved["date"], schema[resolved["date"]])
    checks: list[tuple[pl.Expr, str]] = [
        (date_blank, "date|empty"),
        (pl.col("_date").is_null() & ~date_blank, "date|a date (e.g. 2024-03-31)"),
        (pl.col("_date") > today, f"date|a date not after today ({today})"),
        (pl.col("_date") < earliest, f"date|{EXPECT_FROM}{earliest}"),  # 0001-01-01: a missing date
    ]
    for name in NUMERIC:
        if name in resolved:
            source = resolved[name]
            checks.append(
                (
                    contradicts_decimal(
                        source, schema[source], decimal_comma=style.decimal_comma, full_width=style.full_width
                    ),
                    f"{name}|{EXPECT_COMMA if style.decimal_comma else EXPECT_POINT}",
                )
            )
            checks.append(
                (pl.col(f"_{name}").is_null() & ~is_blank(source, schema[source]), f"{name}|a number")
            )
            checks.append((out_of_range(pl.col(f"_{name}")), f"{name}|{EXPECT_FINITE}"))
    for name in ("amount",) if "amount" in resolved else ("quantity", "unit_price"):
        checks.append((is_blank(resolved[name], schema[resolved[name]]), f"{name}|empty"))
    return checks


def _problem_label(checks: list[tuple[pl.Expr, str]]) -> pl.Expr:
    """The first failed check of a row as "column|expected" (computed only for rows known to be bad)."""
    return pl.coalesce([pl.when(condition).then(pl.lit(label)) for condition, label in checks])


def load_transactions(source: str | Path, options: ReadOptions | None = None) -> LoadedTransactions:
    """Read, map, parse and check transactions; raise ImportValidationError or set bad rows aside.

    By default the checked lines are held in memory once (every later pass reads memory, not the file);
    with `options.streaming` every pass streams the source instead, so data larger than memory can be
    analysed. With `count_duplicates=False` exact duplicate lines are not counted here; the lines carry a
    `line_hash` column instead, from which the order aggregation counts them in the same pass. Streaming
    never counts them: a distinct count per order held the hashes of a whole pass (4.6 GB on 100M lines).
    Text numbers are read with the decimal mark of the file's first rows, or the one `options` names.
    """
    options = options or ReadOptions()
    check_pattern(options.cancellation_pattern, "--cancel-pattern")
    check_pattern(options.return_types, "--return-types")
    raw, resolved, missing = transactions_table(source, options)
    try:
        if missing:  # with a workbook's notes: its other sheets, where the data may be
            raise MissingColumnError(raw.label, missing, raw.columns, raw.notes)
        with table_errors(raw):  # a line the engine cannot split (text files are read lazily) is named
            return _load(raw, resolved, options)
    except BaseException:  # nothing was read: the copy goes (the lines own it once they are read)
        raw.close()
        raise


def check_pattern(pattern: str | None, option: str) -> None:
    """Raise ConfigError naming `option` and `pattern` unless the engine can run the pattern as a regular
    expression (checked before the data is read, so that a bad pattern is never blamed on the file)."""
    if not pattern:
        return
    try:
        pl.select(pl.lit("").str.contains(pattern))
    except pl.exceptions.ComputeError as exc:
        found = re.search(r"^error: (.+)$", str(exc), re.MULTILINE)
        detail = found.group(1) if found else str(exc).splitlines()[0]
        raise ConfigError(Notice("bad_pattern", option=option, pattern=pattern, detail=detail)) from None


def _resolve(raw: RawTable, mapping: Mapping[str, str] | None) -> dict[str, str]:
    return resolve_columns(raw.columns, mapping or {}, (*TRANSACTION_REQUIRED, *TRANSACTION_OPTIONAL))


def _missing(resolved: Mapping[str, str]) -> list[str]:
    """The required columns a mapping lacks (an amount, or else quantity and unit price, is required)."""
    missing = [name for name in TRANSACTION_REQUIRED if name not in resolved]
    if "amount" not in resolved and not {"quantity", "unit_price"} <= resolved.keys():
        missing.append("amount")
    return missing


def transactions_table(
    source: str | Path, options: ReadOptions | None = None
) -> tuple[RawTable, dict[str, str], list[str]]:
    """The table of transactions as read (in a workbook without a sheet named, the first sheet that has the
    transaction columns; see `sheet_with`), its columns mapped onto kam's, and the required ones missing.
    The caller closes the table (see RawTable.close)."""
    options = options or ReadOptions()
    mapping, sheet, table = options.mapping, options.sheet, options.table
    raw = read_table(source, table=table, sheet=sheet)
    try:
        if sheet is None and table is None and is_workbook(source):
            raw = data_sheet(raw, Path(source), mapping)
        try:
            resolved = _resolve(raw, mapping)
        except ConfigError as exc:  # the mapping names columns this table lacks: with its sheets, if any
            if not raw.notes:
                raise
            raise ConfigError(Joined("\n", [exc.message, *raw.notes]), hint=exc.hint) from None
        choices = column_choices(raw.columns, mapping, resolved)  # 金額 and amount: which one is read
    except BaseException:  # a mapping that names no column of the table: the table is done with
        raw.close()
        raise
    return replace(raw, notes=(*raw.notes, *choices)), resolved, _missing(resolved)


def data_sheet(first: RawTable, path: Path, mapping: Mapping[str, str]) -> RawTable:
    """The sheet of a workbook to read, found as `--detect` finds it: the first with the transaction
    columns (a cover or notes sheet often comes first) under `mapping`; else the first that holds the
    columns `mapping` names (whose missing columns are then named); else the first, with the sheets listed."""

    def has_sources(candidate: RawTable) -> bool:
        return set(mapping.values()) <= set(candidate.columns)

    found = sheet_with(first, path, lambda c: has_sources(c) and not _missing(_resolve(c, mapping)))
    if mapping and not has_sources(found):
        holding = sheet_with(first, path, has_sources)
        if has_sources(holding):
            return holding
    return found


def how_written(
    raw: RawTable, resolved: Mapping[str, str], *, date_format: str | None = None, decimal: str | None = None
) -> tuple[DateStyle, NumberStyle, list[str]]:
    """How the table writes its dates and text numbers, found from its first rows unless `date_format` or
    `decimal` say, with what the user is told about it (ambiguous day/month, ROC years, decimal comma)."""
    schema = raw.frame.collect_schema()
    notices: list[str] = []
    source = resolved.get("date")
    dates = DateStyle(fmt=date_format)
    if source is not None and date_format is None and schema[source] in (pl.String, pl.Int64, pl.Int32):
        sample = raw.frame.select(pl.col(source)).head(2000).collect().to_series()
        if schema[source] == pl.String:
            dates = choose_dates(sample)
            fitting = dates.fitting
            if any(f.replace("%m/%d", "%d/%m", 1) in fitting for f in fitting if f.startswith("%m/%d")):
                notices.append(
                    HintedNotice(
                        "ambiguous_dates", Hint(HintKey.DATE_FORMAT), example=sample[0], fmt=dates.fmt
                    )
                )
        else:
            dates = DateStyle(roc=looks_like_roc(sample))  # 1130105 as a number
        if dates.roc:
            example = str(sample.drop_nulls()[0]).strip()
            western = pl.DataFrame({"d": [example]}).select(roc_to_western(pl.col("d"))).item()
            notices.append(
                HintedNotice("roc_dates", Hint(HintKey.DATE_FORMAT), example=example, western=western)
            )
    text_numbers = [resolved[n] for n in NUMERIC if n in resolved and schema[resolved[n]] == pl.String]
    style = choose_number_style(raw.frame, text_numbers, raw.label, decimal)
    if style.notice is not None:
        notices.append(style.notice)
    return dates, style, notices


def _load(raw: RawTable, resolved: dict[str, str], options: ReadOptions) -> LoadedTransactions:
    schema = raw.frame.collect_schema()
    today = options.today or dt.date.today()
    streaming, return_types = options.streaming, options.return_types
    warnings: list[str] = list(raw.notes)

    date_source = resolved["date"]
    dates, style, noticed = how_written(
        raw, resolved, date_format=options.date_format, decimal=options.decimal_mark
    )
    warnings += noticed

    parsed = raw.frame.with_row_index("_row", offset=_first_row_number(raw, raw.label)).with_columns(
        [
            text_expr(resolved[n], schema[resolved[n]], streaming=streaming).alias(f"_{n}")
            for n in TEXT
            if n in resolved
        ]
        + [
            number_expr(
                resolved[n],
                schema[resolved[n]],
                decimal_comma=style.decimal_comma,
                full_width=style.full_width,
            ).alias(f"_{n}")
            for n in NUMERIC
            if n in resolved
        ]
        + [date_expr(date_source, schema[date_source], dates).alias("_date")]
    )
    checks = _checks(resolved, schema, today, style, options.earliest)
    parsed = parsed.with_columns(pl.any_horizontal([c for c, _ in checks]).fill_null(False).alias("_bad"))
    checked = parsed.select("_bad", "_date", *[f"_{n}" for n in (*TEXT, *NUMERIC) if n in resolved])
    if not streaming:
        checked = checked.collect().lazy()

    anonymous = pl.col("_customer_id").is_null() & ~pl.col("_bad")
    stats = checked.select(
        pl.len().alias("rows"),
        pl.col("_bad").sum().alias("bad"),
        anonymous.sum().alias("anonymous"),
    ).collect(engine=engine(streaming))
    rows, bad, unattributed = (int(stats[name][0]) for name in ("rows", "bad", "anonymous"))
    if rows == 0:
        raise ImportValidationError(Notice("no_data_rows", file=raw.label))
    rejected = _rejected_rows(parsed, checks, resolved, raw.label) if bad else _empty_rejected()
    if bad and options.on_error == OnError.RAISE:
        raise _validation_error(raw.label, rejected, bad)
    if unattributed and unattributed == rows - bad:
        raise ImportValidationError(
            Notice("no_customer_ids", file=raw.label, column=resolved["customer_id"], count=unattributed)
        )

    kept = ~pl.col("_bad") & ~anonymous
    good = checked.filter(kept) if bad or unattributed else checked  # a filter keeping all would copy all
    canonical = _canonical(
        good, resolved, options.cancellation_pattern, probe=not streaming, return_types=return_types
    )
    if "line_type" in resolved and return_types:
        warnings += _return_notices(canonical, resolved["line_type"], return_types, streaming)
    if not streaming:
        canonical = canonical.collect().lazy()
    loaded = _finish(
        canonical,
        raw,
        resolved,
        rows,
        rejected,
        options.currency,
        warnings,
        streaming,
        options.count_duplicates,
    )
    stray = _stray_dates(loaded, parsed, date_source, options.stray_years)
    if stray is not None:
        loaded.warnings.append(stray)
    if unattributed:
        anonymous_lines = _canonical(
            checked.filter(anonymous),
            resolved,
            options.cancellation_pattern,
            probe=False,
            return_types=return_types,
        )
        if options.currency is not None and "currency" in resolved:
            anonymous_lines = anonymous_lines.filter(pl.col("currency") == options.currency)
        loaded.unattributed = _unattributed(anonymous_lines, loaded.frame, streaming)
        loaded.warnings.append(loaded.unattributed.notice())
    return loaded


def _unattributed(anonymous: pl.LazyFrame, attributed: pl.LazyFrame, streaming: bool) -> UnattributedSales:
    """The lines without a customer, counted with the revenue of all lines (a pass over each, made only
    when some line has no customer)."""
    revenue = pl.col("amount").sum()
    found = anonymous.select(pl.len().alias("n"), revenue.alias("r")).collect(engine=engine(streaming))
    others = float(attributed.select(revenue).collect(engine=engine(streaming)).item() or 0.0)
    mine = float(found["r"][0] or 0.0)
    return UnattributedSales(int(found["n"][0]), mine, mine + others)


def _stray_dates(loaded: LoadedTransactions, parsed: pl.LazyFrame, column: str, years: int) -> Notice | None:
    """The lines dated more than `years` years before 99% of the lines (a typed 1995 for 2025, a
    placeholder date): how many, and the first one's row and value. The first and last dates rule it
    out for most data; only a longer span costs a pass for the percentile and one for the rows."""
    first, last = loaded.first_date, loaded.last_date
    span = dt.timedelta(days=round(365.2425 * years))
    if first is None or last is None or first >= last - span:
        return None
    days = pl.col("date").cast(pl.Int32).quantile(0.01, "lower")
    bulk = EPOCH + dt.timedelta(
        days=int(loaded.frame.select(days).collect(engine=engine(loaded.streaming)).item())
    )
    stray = parsed.filter(~pl.col("_bad") & (pl.col("_date") < bulk - span))
    found = stray.select(
        pl.len().alias("count"),
        pl.col("_row").min().alias("row"),
        pl.col(column).cast(pl.String).sort_by("_row").first().alias("value"),
    ).collect(engine=engine(loaded.streaming))
    count = int(found["count"][0])
    if count == 0:
        return None
    row, value = int(found["row"][0]), found["value"][0]
    return Notice(
        "stray_dates",
        file=loaded.label,
        count=count,
        years=years,
        bulk=bulk,
        row=row,
        column=column,
        value=value,
    )


def _canonical(
    good: pl.LazyFrame,
    resolved: Mapping[str, str],
    cancellation_pattern: str | None,
    *,
    probe: bool,
    return_types: str | None = RETURN_TYPES,
) -> pl.LazyFrame:
    """Canonical column names and types; cancelled lines (order number matching the pattern) and returns
    (a `line_type` matching `return_types`) turn negative. With `probe` (lines in memory) a cheap prefix
    scan first rules out that any order is a cancellation."""
    present = [n for n in (*TEXT, *NUMERIC) if n in resolved]
    frame = good.select(
        pl.col("_date").alias("date"),
        *[pl.col(f"_{n}").alias(n) for n in present],
    )
    if "amount" not in resolved:
        frame = frame.with_columns((pl.col("quantity") * pl.col("unit_price")).alias("amount"))
    markers: list[pl.Expr] = []
    if (
        "order_id" in resolved
        and cancellation_pattern
        and not (probe and _surely_no_match(good, cancellation_pattern))
    ):
        markers.append(pl.col("order_id").str.contains(cancellation_pattern).fill_null(False))
    if "line_type" in resolved and return_types:
        markers.append(pl.col("line_type").str.contains(return_types).fill_null(False))
    if not markers:
        return frame.with_columns(pl.lit(False).alias("is_cancellation"))
    is_cancel = pl.any_horizontal(markers)
    signed = [
        pl.when(is_cancel).then(-pl.col(n).abs()).otherwise(pl.col(n)).alias(n)
        for n in ("amount", "quantity", "cost", "list_amount")
        if n in frame.collect_schema().names()
    ]
    return frame.with_columns(*signed, is_cancel.alias("is_cancellation"))


def _return_notices(frame: pl.LazyFrame, column: str, return_types: str, streaming: bool) -> list[str]:
    """What the user is told about the lines counted as returns by their document type."""
    counts = (
        frame.filter(pl.col("line_type").str.contains(return_types).fill_null(False))
        .group_by("line_type")
        .agg(pl.len().alias("n"))
        .sort("n", descending=True)
        .collect(engine=engine(streaming))
    )
    if counts.height == 0:
        return []
    listing = ", ".join(f"{value} ({n:,})" for value, n in counts.head(5).iter_rows())
    count = int(counts["n"].sum())
    return [
        HintedNotice("return_types", Hint(HintKey.RETURN_TYPES), count=count, column=column, listing=listing)
    ]


def _literal_prefix(pattern: str) -> str:
    """The text every match of an anchored pattern starts with ("C" for "^C\\d"), or "" if unknown."""
    if not pattern.startswith("^"):
        return ""
    prefix = ""
    for i, char in enumerate(pattern[1:], start=1):
        if char in ".^$*+?{}[]\\|()":
            if char in "*?{" and prefix:
                prefix = prefix[:-1]
            return prefix
        prefix = pattern[1 : i + 1]
    return prefix


def _surely_no_match(good: pl.LazyFrame, pattern: str) -> bool:
    """True when no order number can match the cancellation pattern, found by a cheap prefix scan of the
    in-memory lines (a full regex over every line costs several times more, and most exports have none)."""
    prefix = _literal_prefix(pattern)
    if not prefix:
        return False
    return not good.select(pl.col("_order_id").str.starts_with(prefix).any()).collect().item()


def _finish(
    frame: pl.LazyFrame,
    raw: RawTable,
    resolved: Mapping[str, str],
    rows: int,
    rejected: pl.DataFrame,
    currency: str | None,
    warnings: list[str],
    streaming: bool,
    count_duplicates: bool,
) -> LoadedTransactions:
    label = raw.label
    one_currency = None
    if "currency" in resolved:
        counts = (
            frame.group_by("currency")
            .agg(pl.len().alias("n"))
            .sort("n", descending=True)
            .collect(engine=engine(streaming))
        )
        if currency is not None:
            frame = frame.filter(pl.col("currency") == currency)
            warnings.append(Notice("currency_kept", currency=currency))
        elif counts.height > 1:
            listing = ", ".join(f"{c} ({n:,} lines)" for c, n in counts.iter_rows())
            raise ImportValidationError(
                Notice("mixed_currency", file=label, column=resolved["currency"], listing=listing),
                hint=Hint(HintKey.KEEP_CURRENCY),
            )
        one_currency = currency or (counts["currency"][0] if counts.height == 1 else None)
    value_cols = frame.collect_schema().names()
    stats = frame.select(
        pl.len().alias("n"),
        (pl.col("amount") > 0).sum().alias("positive"),
        pl.col("is_cancellation").sum().alias("cancellations"),
        pl.col("date").min().alias("first_date"),
        pl.col("date").max().alias("last_date"),
    ).collect(engine=engine(streaming))
    n, positive = int(stats["n"][0]), int(stats["positive"][0])
    if n == 0:
        raise ImportValidationError(Notice("no_usable_rows", file=label, rejected=rejected.height))
    if positive == 0:
        raise ImportValidationError(Notice("all_negative", file=label, count=n))
    duplicates: int | None = None
    if streaming:
        warnings.append(Notice("streaming_duplicates"))
    elif not count_duplicates:
        frame = frame.with_columns(_line_hash(value_cols).alias(LINE_HASH))
    else:
        duplicates = _duplicate_lines(frame, value_cols)
        if duplicates:
            warnings.append(duplicate_warning(duplicates))
    return LoadedTransactions(
        frame=frame,
        label=label,
        mapping=dict(resolved),
        columns=frozenset(frame.collect_schema().names()),
        rows_read=rows,
        rejected=rejected,
        duplicates=duplicates,
        cancellations=int(stats["cancellations"][0]),
        warnings=warnings,
        encoding=raw.encoding,
        first_date=stats["first_date"][0],
        last_date=stats["last_date"][0],
        streaming=streaming,
        source=raw,
        currency=one_currency,
    )


def duplicate_warning(count: int) -> Notice:
    """What the user is told about exact duplicate lines."""
    return Notice("duplicates", count=count)


def _duplicate_lines(frame: pl.LazyFrame, columns: list[str]) -> int:
    """How many lines repeat an earlier line exactly: sorted line hashes, counting each change of value
    (sorting is a parallel kernel; a distinct count over 10M hashes was about twice as slow here)."""
    line = _line_hash(columns).sort().alias("line")
    counts = (
        frame.select(line)
        .select(pl.len().alias("n"), (pl.col("line") != pl.col("line").shift(1)).sum().alias("changes"))
        .collect()
    )
    n, changes = int(counts["n"][0]), int(counts["changes"][0])
    return n - (changes + 1) if n else 0


def _line_hash(columns: list[str]) -> pl.Expr:
    """A 64-bit hash of a whole line: the sum of per-column hashes, each column with its own seed (wrapping
    add), which is several times faster than hashing a struct of the columns."""
    return pl.sum_horizontal([pl.col(c).hash(seed=i) for i, c in enumerate(columns)])


def _empty_rejected() -> pl.DataFrame:
    return pl.DataFrame(
        schema={"row": pl.Int64, "column": pl.String, "value": pl.String, "reason": pl.String}
    )


def _rejected_rows(
    parsed: pl.LazyFrame, checks: list[tuple[pl.Expr, str]], resolved: Mapping[str, str], label: str
) -> pl.DataFrame:
    """The bad rows as rejected.csv has them: row, column, value and reason of the first failed check,
    then every source cell as text (column expressions only: a million bad rows is a normal failure)."""
    bad = parsed.filter(pl.col("_bad")).with_columns(_problem_label(checks).alias("_problem")).collect()
    originals = [c for c in bad.columns if not c.startswith("_")]
    # helper columns start with "_", as no source column kept here does
    problem = pl.col("_problem").str.split_exact("|", 1).struct.rename_fields(["_name", "_expected"])
    named = bad.with_columns(problem.struct.field("_name"), problem.struct.field("_expected")).with_columns(
        pl.col("_name").replace(dict(resolved)).alias("_column")
    )
    value = pl.coalesce(
        [pl.when(pl.col("_column") == c).then(pl.col(c).cast(pl.String).fill_null("")) for c in originals]
        + [pl.lit("")]
    )
    reason = (
        pl.when(pl.col("_expected") == "empty")
        .then(pl.concat_str([pl.col("_column"), pl.lit(" is empty")]))
        .otherwise(
            pl.concat_str(
                [pl.col("_column"), pl.lit(": '"), pl.col("_value"), pl.lit("' is not "), pl.col("_expected")]
            )
        )
    )
    return (
        named.with_columns(value.alias("_value"))
        .with_columns(reason.alias("_reason"))
        .select(
            pl.col("_row").cast(pl.Int64).alias("row"),
            pl.col("_column").alias("column"),
            pl.col("_value").alias("value"),
            pl.col("_reason").alias("reason"),
            *[pl.col(c).cast(pl.String).alias(f"source:{c}") for c in originals],
        )
    )


def _expected(english: str) -> str:
    """The expected-value phrase of a check, as a notice when it is one of ours (else as it is)."""
    if english == "a number":
        return Notice("expect_number")
    if english == EXPECT_FINITE:
        return Notice("expect_finite_number", limit=MAX_MAGNITUDE_TEXT)
    if english in (EXPECT_POINT, EXPECT_COMMA):
        return Notice("expect_decimal_point" if english == EXPECT_POINT else "expect_decimal_comma")
    if english == "a date (e.g. 2024-03-31)":
        return Notice("expect_date")
    if english.startswith(EXPECT_FROM):
        return Notice("expect_not_before", earliest=english.removeprefix(EXPECT_FROM))
    if english.startswith("a date not after today (") and english.endswith(")"):
        return Notice("expect_not_future", today=english.removeprefix("a date not after today (")[:-1])
    return english


def _validation_error(label: str, rejected: pl.DataFrame, bad: int) -> ImportValidationError:
    problems = tuple(
        CellProblem(
            label,
            int(row),
            column,
            value,
            reason.split(" is not ", 1)[-1] if " is not " in reason else "present",
        )
        for row, column, value, reason in rejected.select("row", "column", "value", "reason")
        .head(MAX_LISTED_PROBLEMS)
        .iter_rows()
    )
    lines = [
        Notice("cell", file=p.file, row=p.row, column=p.column, value=p.value, expected=_expected(p.expected))
        if p.expected != "present"
        else Notice("cell_empty", file=p.file, row=p.row, column=p.column)
        for p in problems
    ]
    more = Notice("more_rows", count=bad - len(problems)) if bad > len(problems) else ""
    return ImportValidationError(
        Notice("rows_unreadable", file=label, count=bad, details=Joined("\n  ", lines), more=more),
        problems,
        hint=bad_rows_hint(p.expected for p in problems),
    )


def bad_rows_hint(expected: Iterable[str]) -> Hint:
    """Set the bad rows aside; and when a number is written with the other decimal mark than the file's,
    read the file with that mark."""
    other = {EXPECT_POINT: "comma", EXPECT_COMMA: "point"}
    marks = [other[e] for e in expected if e in other]
    return Hint(HintKey.DECIMAL_ROWS, mark=marks[0]) if marks else Hint(HintKey.SKIP_BAD_ROWS)
