"""Read a table of workspace records (stakeholders, needs, deals, contracts) from a file, with the same
readers, column mapping, number and date parsing as the transactions and customers files.

Each column is read by its kind: text as written (trimmed, blank as None), numbers with the file's
decimal mark, whole numbers, and dates in any of the formats kam reads. A cell that does not parse is a
`CellProblem` of the table, not an error at once: the caller checks the rest of the file too and reports
every problem together. Choices (a function, a stage) and yes/no cells stay text here; the workspace's
schemas check them, and `choice_labels` reads them in any of kam's languages.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import polars as pl

from kam.errors import CellProblem, MissingColumnError
from kam.i18n import Lang, Notice
from kam.i18n.labels import label
from kam.io.mapping import resolve_columns
from kam.io.parse import (
    MAX_MAGNITUDE_TEXT,
    choose_dates,
    choose_number_style,
    contradicts_decimal,
    date_expr,
    number_expr,
    out_of_range,
    text_expr,
)
from kam.io.readers import RawTable, is_workbook, read_table, sheet_with, table_errors


class CellKind(StrEnum):
    """How a column's cells are read."""

    TEXT = "text"
    NUMBER = "number"  # a finite number, at most 1e15 in size
    WHOLE = "whole"  # a whole number (a year, a rating)
    DATE = "date"


@dataclass(frozen=True)
class RecordColumns:
    """The columns of one kind of record file: each canonical column's kind, the columns a file must
    have, and the names real files give them (each canonical name also matches itself)."""

    kinds: Mapping[str, CellKind]
    required: tuple[str, ...]
    synonyms: Mapping[str, tuple[str, ...]]


@dataclass(frozen=True)
class RecordsTable:
    """A read table: one dict per row (canonical column -> value; None for a blank or bad cell), each
    row's line in the file (the header is row 1), the file's column of each canonical one, and the
    cells that did not parse."""

    label: str
    rows: list[dict[str, Any]]
    lines: list[int]
    columns: dict[str, str]
    problems: tuple[CellProblem, ...]


def read_records(
    source: str | Path,
    spec: RecordColumns,
    *,
    mapping: Mapping[str, str] | None = None,
    decimal: str | None = None,
) -> RecordsTable:
    """Read `source` (CSV/TSV/TXT, Excel, Parquet) as a table of the columns `spec` names."""
    raw = read_table(source)
    if is_workbook(source):  # the sheet with the required columns, when a cover sheet comes first
        raw = sheet_with(raw, Path(source), lambda r: set(spec.required) <= set(_resolve(r, spec, mapping)))
    resolved = _resolve(raw, spec, mapping)
    missing = [name for name in spec.required if name not in resolved]
    if missing:
        raise MissingColumnError(raw.label, missing, raw.columns, raw.notes)
    with table_errors(raw):
        frame = raw.frame.collect()
    schema = frame.schema
    numbers = [n for n in resolved if spec.kinds[n] in (CellKind.NUMBER, CellKind.WHOLE)]
    text_numbers = [resolved[n] for n in numbers if schema[resolved[n]] == pl.String]
    style = choose_number_style(frame.lazy(), text_numbers, raw.label, decimal)
    exprs = []
    for name, column in resolved.items():
        kind, dtype = spec.kinds[name], schema[column]
        if kind is CellKind.TEXT:
            exprs.append(text_expr(column, dtype).alias(name))
        elif kind is CellKind.DATE:
            dates = choose_dates(frame[column].cast(pl.String)) if dtype == pl.String else None
            exprs.append(date_expr(column, dtype, dates).alias(name))
        else:
            how = {"decimal_comma": style.decimal_comma, "full_width": style.full_width}
            wrong_mark = contradicts_decimal(column, dtype, **how)
            number = pl.when(wrong_mark.not_()).then(number_expr(column, dtype, **how))
            exprs.append(pl.when(~out_of_range(number)).then(number).alias(name))
    parsed = frame.select(exprs) if exprs else pl.DataFrame()
    first = raw.first_data_line or 2
    lines = list(range(first, first + frame.height))
    problems = _bad_cells(frame, parsed, resolved, spec, raw.label, lines)
    rows = parsed.to_dicts() if exprs else [{} for _ in lines]
    for row in rows:
        for name in numbers:
            if spec.kinds[name] is CellKind.WHOLE and row[name] is not None:
                row[name] = int(row[name]) if float(row[name]).is_integer() else None
    return RecordsTable(raw.label, rows, lines, dict(resolved), problems)


def _bad_cells(
    frame: pl.DataFrame,
    parsed: pl.DataFrame,
    resolved: Mapping[str, str],
    spec: RecordColumns,
    label: str,
    lines: list[int],
) -> tuple[CellProblem, ...]:
    """Every cell written but not read (a number or a date that does not parse, a fraction where a
    whole number belongs), row by row in the order of the columns."""
    found: list[tuple[int, int, CellProblem]] = []
    for order, (name, column) in enumerate(resolved.items()):
        kind = spec.kinds[name]
        if kind is CellKind.TEXT:
            continue
        written = frame[column].cast(pl.String)
        blank = written.is_null() | (written.str.strip_chars() == "")
        value = parsed[name]
        bad = ~blank & value.is_null()
        if kind is CellKind.WHOLE:
            bad = bad | (value.is_not_null() & (value != value.round(0))).fill_null(False)
        expected = _expected(kind)
        for index in bad.arg_true().to_list():
            cell = CellProblem(label, lines[index], column, str(written[index]), expected)
            found.append((index, order, cell))
    return tuple(cell for _, _, cell in sorted(found, key=lambda f: (f[0], f[1])))


def _expected(kind: CellKind) -> Notice:
    if kind is CellKind.NUMBER:
        return Notice("expect_finite_number", limit=MAX_MAGNITUDE_TEXT)
    return Notice("expect_whole_number" if kind is CellKind.WHOLE else "expect_date")


def _resolve(raw: RawTable, spec: RecordColumns, mapping: Mapping[str, str] | None) -> dict[str, str]:
    return resolve_columns(raw.columns, mapping or {}, spec.kinds, synonyms=spec.synonyms)


def choice_labels(enum: type[StrEnum]) -> dict[str, str]:
    """Each way a file may write a value of `enum`, folded (see `fold_choice`): its code and its label
    in each of kam's languages (finance, 財務, 财务)."""
    written: dict[str, str] = {}
    for member in enum:
        written[fold_choice(member.value)] = member.value
        for lang in Lang:
            written[fold_choice(label(member, lang))] = member.value
    return written


def fold_choice(text: str) -> str:
    """A choice as written, folded for matching: 'User department', 'user-department' → user_department."""
    return "_".join(text.strip().casefold().replace("-", " ").replace("&", " ").split())


def read_choice(text: str | None, choices: Mapping[str, str]) -> str | None:
    """The code a choice cell names (`choices` from `choice_labels`), or the cell as written when it
    names none (for the schema to refuse, naming the choices)."""
    if text is None:
        return None
    return choices.get(fold_choice(text), text)


_YES = {"yes", "y", "true", "t", "1", "x", "是", "對", "对", "有", "√", "✓"}
_NO = {"no", "n", "false", "f", "0", "否", "不是", "無", "无", "-"}


def read_yes_no(text: str | None) -> bool | str | None:
    """A yes/no cell: yes, true, 1, x, 是 ... or no, false, 0, 否 ...; other text as written (refused by
    the schema), a blank as None."""
    if text is None:
        return None
    folded = text.strip().casefold()
    if folded in _YES:
        return True
    return False if folded in _NO else text


LIST_SEPARATORS = ";；,，、\n"


def read_list(text: str | None, separators: str = LIST_SEPARATORS) -> list[str]:
    """The items of a list cell ("price; delivery", "價格、交期"), trimmed, blanks dropped."""
    if text is None:
        return []
    for separator in separators[1:]:
        text = text.replace(separator, separators[0])
    return [item.strip() for item in text.split(separators[0]) if item.strip()]
