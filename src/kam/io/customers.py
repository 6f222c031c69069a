"""Load the optional customers table: type, ownership, industry, relationship start, referrals, terms,
and the estimated annual demand (share of wallet): `wallet` in money, or `wallet_volume` in the unit of
the quantities, named by `wallet_unit` (t, 噸, kg) when the reasons say it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import polars as pl

from kam.domain.customers import CustomerType, Ownership
from kam.domain.dates import EARLIEST_DATE
from kam.errors import CellProblem, ImportValidationError, MissingColumnError
from kam.i18n import Joined, Notice
from kam.io.mapping import CUSTOMER_COLUMNS, resolve_columns
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

# Chinese labels as ERPs write them, both scripts.
TYPE_LABELS = {
    "終端用戶": "end_user",
    "终端用户": "end_user",
    "終端客戶": "end_user",
    "终端客户": "end_user",
    "用戶": "end_user",
    "分銷商": "distributor",
    "分销商": "distributor",
    "經銷商": "dealer",
    "经销商": "dealer",
    "批發商": "wholesaler",
    "批发商": "wholesaler",
    "代理商": "agent",
}
OWNERSHIP_LABELS = {
    "國企": "state",
    "国企": "state",
    "國有": "state",
    "国有": "state",
    "集體": "collective",
    "集体": "collective",
    "民營": "private",
    "民营": "private",
    "私營": "private",
    "私营": "private",
    "外資": "foreign",
    "外资": "foreign",
}
# the number columns: non-negative, finite, at most 1e15 (estimated annual demand in money and in volume too)
NUMBERS = ("payment_days", "service_cost", "wallet", "wallet_volume")
_ENUMS: dict[str, tuple[type[StrEnum], dict[str, str]]] = {
    "type": (CustomerType, TYPE_LABELS),
    "ownership": (Ownership, OWNERSHIP_LABELS),
}

_ACCOUNT_TEXT = ("owner", "parent", "wallet_unit", "competitors")  # text (owner for the report too)
# the relationship's start, a referral's day: not before earliest, not after today
_DATES = ("since", "referred_on")


def _enum_expr(column: str, dtype: pl.DataType, labels: dict[str, str]) -> pl.Expr:
    text = text_expr(column, dtype)
    return text.replace(labels).str.to_lowercase().str.replace_all(r"[\s\-]+", "_")


@dataclass(frozen=True)
class CustomersTable:
    """The checked customers table (canonical columns), with where each value came from in the file."""

    label: str
    frame: pl.DataFrame
    rows: list[int]  # each customer's row in the file, counted as CellProblem does (the header is row 1)
    columns: dict[str, str]  # canonical name -> the file's column


def load_customers(
    source: str | Path,
    *,
    mapping: Mapping[str, str] | None = None,
    decimal: str | None = None,
    earliest: dt.date = EARLIEST_DATE,
    today: dt.date | None = None,
) -> pl.DataFrame:
    """The checked customers table (see read_customers)."""
    return read_customers(source, mapping=mapping, decimal=decimal, earliest=earliest, today=today).frame


def read_customers(
    source: str | Path,
    *,
    mapping: Mapping[str, str] | None = None,
    decimal: str | None = None,
    earliest: dt.date = EARLIEST_DATE,
    today: dt.date | None = None,
    columns: tuple[str, ...] = CUSTOMER_COLUMNS,
) -> CustomersTable:
    """Read and check the customers table; every bad cell is reported with its row, column and value.
    Text numbers are read with the decimal mark of the first rows, or `decimal` ("point"/"comma"); a
    `since` before `earliest` or after `today` is a bad value (a relationship cannot start later).
    `columns` are the canonical columns read (the workspace reads a few more: ACCOUNT_COLUMNS)."""
    raw = read_table(source)
    if is_workbook(source):  # the sheet with the customer ids, when a cover sheet comes first
        raw = sheet_with(raw, Path(source), lambda r: "customer_id" in _resolve(r, mapping, columns))
    with raw:  # read into memory here: its UTF-8 copy, if any, is removed as soon as it is read
        resolved = _resolve(raw, mapping, columns)
        if "customer_id" not in resolved:
            raise MissingColumnError(raw.label, ["customer_id"], raw.columns, raw.notes)
        with table_errors(raw):
            frame = raw.frame.collect()
    schema = frame.schema
    first_line = raw.first_data_line or 2
    exprs: list[pl.Expr] = [pl.int_range(first_line, frame.height + first_line).alias("_row")]
    for name in ("customer_id", "name", "industry", "referred_by", *_ACCOUNT_TEXT):
        if name in resolved:
            exprs.append(text_expr(resolved[name], schema[resolved[name]]).alias(name))
    for name, (_enum, labels) in _ENUMS.items():
        if name in resolved:
            exprs.append(_enum_expr(resolved[name], schema[resolved[name]], labels).alias(name))
    numbers = [n for n in NUMBERS if n in resolved]
    text_numbers = [resolved[n] for n in numbers if schema[resolved[n]] == pl.String]
    style = choose_number_style(frame.lazy(), text_numbers, raw.label, decimal)
    for name in numbers:
        source, dtype = resolved[name], schema[resolved[name]]
        how = {"decimal_comma": style.decimal_comma, "full_width": style.full_width}
        wrong_mark = contradicts_decimal(source, dtype, **how)  # 12,5 in a decimal-point file: a bad value
        exprs.append(pl.when(wrong_mark.not_()).then(number_expr(source, dtype, **how)).alias(name))
    for name in _DATES:
        if name in resolved:
            src = resolved[name]
            dates = choose_dates(frame[src].cast(pl.String)) if schema[src] == pl.String else None
            exprs.append(date_expr(src, schema[src], dates).alias(name))
    parsed = frame.with_columns(exprs)

    problems = _bad_cells(frame, parsed, resolved, raw.label, (earliest, today or dt.date.today()))
    if problems:
        cells = [
            Notice("cell", file=p.file, row=p.row, column=p.column, value=p.value, expected=p.expected)
            for p in problems[:MAX_LISTED]
        ]
        more = Notice("more_values", count=len(problems) - MAX_LISTED) if len(problems) > MAX_LISTED else ""
        details = Joined("\n  ", cells)
        raise ImportValidationError(
            Notice("bad_values", file=raw.label, count=len(problems), details=details, more=more), problems
        )
    counts = parsed.group_by("customer_id").agg(pl.len().alias("n"), pl.col("_row").min().alias("row"))
    repeated = counts.filter(pl.col("n") > 1).sort("row")
    if repeated.height:
        customer, times, row = repeated.select("customer_id", "n", "row").row(0)
        raise ImportValidationError(
            Notice(
                "duplicate_customer",
                file=raw.label,
                row=row,
                column=resolved["customer_id"],
                customer=customer,
                count=times,
            )
        )
    keep = [c for c in columns if c in parsed.columns]
    sources = {c: resolved[c] for c in keep}
    return CustomersTable(raw.label, parsed.select(keep), parsed["_row"].to_list(), sources)


MAX_LISTED = 5


def _bad_cells(
    frame: pl.DataFrame,
    parsed: pl.DataFrame,
    resolved: Mapping[str, str],
    label: str,
    window: tuple[dt.date, dt.date],
) -> tuple[CellProblem, ...]:
    """Every bad cell of the customers table, row by row in the order of the checks (found with column
    expressions, not a loop over rows)."""
    found: list[pl.DataFrame] = []
    checks = _checks(window)
    for order, (name, _) in enumerate(checks):
        if name not in resolved:
            continue
        source = resolved[name]
        written = frame[source].cast(pl.String)
        blank = written.is_null() | (written.str.strip_chars() == "")
        value = parsed[name]
        if name == "customer_id":
            bad = blank
        elif name in _ENUMS:
            bad = ~blank & ~value.is_in([m.value for m in _ENUMS[name][0]]).fill_null(False)
        else:
            bad = ~blank & value.is_null()
            if name in NUMBERS:  # NaN, inf and 1e400 too: never a silent NaN
                huge = parsed.select(out_of_range(pl.col(name))).to_series()
                bad = bad | (value < 0).fill_null(False) | huge
            if name in _DATES:  # 0001-01-01 for a missing date; a start after today
                bad = bad | ((value < window[0]) | (value > window[1])).fill_null(False)
        hits = pl.DataFrame({"row": parsed["_row"], "value": written.fill_null(""), "bad": bad})
        found.append(hits.filter(pl.col("bad")).select("row", "value", pl.lit(order).alias("order")))
    if not found:
        return ()
    cells = pl.concat(found).sort("row", "order")
    return tuple(
        CellProblem(label, int(row), resolved[checks[order][0]], value, checks[order][1])
        for row, value, order in cells.select("row", "value", "order").iter_rows()
    )


def _resolve(raw: RawTable, mapping: Mapping[str, str] | None, columns: tuple[str, ...]) -> dict[str, str]:
    return resolve_columns(raw.columns, mapping or {}, columns)


def _checks(window: tuple[dt.date, dt.date]) -> list[tuple[str, str]]:
    """Each checked column with what a good value is (a notice, said in the user's language)."""
    return [
        ("customer_id", Notice("expect_customer_id")),
        ("type", Notice("expect_type", values=", ".join(m.value for m in CustomerType))),
        ("ownership", Notice("expect_ownership", values=", ".join(m.value for m in Ownership))),
        ("payment_days", Notice("expect_days", limit=MAX_MAGNITUDE_TEXT)),
        ("service_cost", Notice("expect_yearly_amount", limit=MAX_MAGNITUDE_TEXT)),
        ("wallet", Notice("expect_yearly_amount", limit=MAX_MAGNITUDE_TEXT)),
        ("wallet_volume", Notice("expect_yearly_amount", limit=MAX_MAGNITUDE_TEXT)),
        ("since", Notice("expect_date_between", earliest=window[0], today=window[1])),
        ("referred_on", Notice("expect_date_between", earliest=window[0], today=window[1])),
    ]
