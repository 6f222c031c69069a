"""`kam analyze --detect`: show the columns a file has and the mapping kam would use."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl

from kam.io.options import ReadOptions
from kam.io.readers import table_errors
from kam.io.transactions import NUMERIC, how_written, transactions_table


@dataclass(frozen=True)
class Detection:
    label: str
    columns: list[str]
    mapping: dict[str, str]
    missing_required: list[str]
    encoding: str | None
    delimiter: str | None
    has_header: bool
    sample: list[dict[str, object]]
    date_format: str | None = None  # how text dates will be read (None: typed dates, or not found)
    roc_dates: bool = False
    decimal_comma: bool | None = None  # None: no text numbers
    notes: tuple[str, ...] = ()  # what the user is told about how the table was found and mapped


def run_detect(source: str | Path, options: ReadOptions | None = None) -> Detection:
    """The columns of `source` (read with the mapping, table and sheet of `options`), the mapping kam
    would use, the required columns it lacks, and how it writes its dates and numbers."""
    raw, resolved, missing = transactions_table(source, options)
    with raw, table_errors(raw):  # the table's UTF-8 copy, if any, is removed when its sample is read
        schema = raw.frame.collect_schema()
        sample = raw.frame.head(3).collect().to_dicts()
        dates, numbers, _ = how_written(raw, resolved)
    text_numbers = any(n in resolved and schema[resolved[n]] == pl.String for n in NUMERIC)
    return Detection(
        raw.label,
        raw.columns,
        resolved,
        missing,
        raw.encoding,
        raw.delimiter,
        raw.has_header,
        sample,
        date_format=dates.fmt,
        roc_dates=dates.roc,
        decimal_comma=numbers.decimal_comma if text_numbers else None,
        notes=raw.notes,
    )
