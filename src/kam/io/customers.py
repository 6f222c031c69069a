"""Load the optional customers table: type, ownership, industry, relationship start, referrals, terms."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path

import polars as pl

from kam.errors import CellProblem, ImportValidationError, MissingColumnError
from kam.io.mapping import CUSTOMER_COLUMNS, resolve_columns
from kam.io.parse import (
    choose_dates,
    choose_number_style,
    contradicts_decimal,
    date_expr,
    number_expr,
    text_expr,
)
from kam.io.readers import read_table, table_errors


class CustomerType(StrEnum):
    END_USER = "end_user"
    DISTRIBUTOR = "distributor"
    DEALER = "dealer"
    WHOLESALER = "wholesaler"
    AGENT = "agent"


class Ownership(StrEnum):
    STATE = "state"
    COLLECTIVE = "collective"
    PRIVATE = "private"
    FOREIGN = "foreign"


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
_ENUMS: dict[str, tuple[type[StrEnum], dict[str, str]]] = {
    "type": (CustomerType, TYPE_LABELS),
    "ownership": (Ownership, OWNERSHIP_LABELS),
}


def _enum_expr(column: str, dtype: pl.DataType, labels: dict[str, str]) -> pl.Expr:
    text = text_expr(column, dtype)
    return text.replace(labels).str.to_lowercase().str.replace_all(r"[\s\-]+", "_")


def load_customers(
    source: str | Path, *, mapping: Mapping[str, str] | None = None, decimal: str | None = None
) -> pl.DataFrame:
    """Read and check the customers table; every bad cell is reported with its row, column and value.
    Text numbers are read with the decimal mark of the first rows, or `decimal` ("point"/"comma")."""
    raw = read_table(source)
    resolved = resolve_columns(raw.columns, mapping or {}, CUSTOMER_COLUMNS)
    if "customer_id" not in resolved:
        raise MissingColumnError(raw.label, ["customer_id"], raw.columns)
    with table_errors(raw):
        frame = raw.frame.collect()
    schema = frame.schema
    first_line = raw.first_data_line or 2
    exprs: list[pl.Expr] = [pl.int_range(first_line, frame.height + first_line).alias("_row")]
    for name in ("customer_id", "name", "industry", "referred_by"):
        if name in resolved:
            exprs.append(text_expr(resolved[name], schema[resolved[name]]).alias(name))
    for name, (_enum, labels) in _ENUMS.items():
        if name in resolved:
            exprs.append(_enum_expr(resolved[name], schema[resolved[name]], labels).alias(name))
    numbers = [n for n in ("payment_days", "service_cost") if n in resolved]
    text_numbers = [resolved[n] for n in numbers if schema[resolved[n]] == pl.String]
    style = choose_number_style(frame.lazy(), text_numbers, raw.label, decimal)
    for name in numbers:
        source, dtype = resolved[name], schema[resolved[name]]
        how = {"decimal_comma": style.decimal_comma, "full_width": style.full_width}
        wrong_mark = contradicts_decimal(source, dtype, **how)  # 12,5 in a decimal-point file: a bad value
        exprs.append(pl.when(wrong_mark.not_()).then(number_expr(source, dtype, **how)).alias(name))
    if "since" in resolved:
        src = resolved["since"]
        dates = choose_dates(frame[src].cast(pl.String)) if schema[src] == pl.String else None
        exprs.append(date_expr(src, schema[src], dates).alias("since"))
    parsed = frame.with_columns(exprs)

    problems: list[CellProblem] = []
    for i, row in enumerate(parsed.iter_rows(named=True)):
        for name, expected in _checks():
            if name not in resolved:
                continue
            source_value = frame[resolved[name]][i]
            blank = source_value is None or str(source_value).strip() == ""
            value = row[name]
            bad = (
                (name == "customer_id" and blank)
                or (name in _ENUMS and not blank and value not in {m.value for m in _ENUMS[name][0]})
                or (name in ("payment_days", "service_cost", "since") and not blank and value is None)
                or (name in ("payment_days", "service_cost") and value is not None and value < 0)
            )
            if bad:
                problems.append(
                    CellProblem(raw.label, row["_row"], resolved[name], str(source_value or ""), expected)
                )
    if problems:
        listed = "\n  ".join(p.describe() for p in problems[:5])
        more = f"\n… and {len(problems) - 5} more" if len(problems) > 5 else ""
        raise ImportValidationError(
            f"{raw.label}: {len(problems)} bad value(s):\n  {listed}{more}", tuple(problems)
        )
    duplicated = parsed.filter(pl.col("customer_id").is_duplicated())
    if duplicated.height:
        first = duplicated.row(0, named=True)
        raise ImportValidationError(
            f"{raw.label}, row {first['_row']}, column {resolved['customer_id']!r}: customer "
            f"{first['customer_id']!r} appears {duplicated.filter(pl.col('customer_id') == first['customer_id']).height}"
            " times; each customer must have one row"
        )
    keep = [c for c in CUSTOMER_COLUMNS if c in parsed.columns]
    return parsed.select(keep)


def _checks() -> list[tuple[str, str]]:
    return [
        ("customer_id", "a customer id (it is empty)"),
        ("type", "one of " + ", ".join(m.value for m in CustomerType) + " (or 經銷商, 代理商, ...)"),
        ("ownership", "one of " + ", ".join(m.value for m in Ownership) + " (or 國企, 集體, ...)"),
        ("payment_days", "a number of days ≥ 0"),
        ("service_cost", "a yearly amount ≥ 0"),
        ("since", "a date (e.g. 2001-04-01)"),
    ]
