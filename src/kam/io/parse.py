"""Expressions that turn exported cells (strings or typed) into kam's types, leaving null where a cell fails."""

from __future__ import annotations

import polars as pl

DATE_FORMATS = (
    "%Y-%m-%d",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y/%m/%d",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y%m%d",
    "%Y年%m月%d日",
    "%Y.%m.%d",
    "%m/%d/%Y",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y %H:%M:%S",
    "%d/%m/%Y",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d.%m.%Y",
)
_MONEY_NOISE = r"(NT\$|HK\$|US\$|RMB|CNY|TWD|USD|[,\s¥￥$€£元])"


def is_blank(column: str, dtype: pl.DataType) -> pl.Expr:
    """True where the source cell is empty (null, or only whitespace in a text column)."""
    expr = pl.col(column)
    if dtype == pl.String:
        return expr.is_null() | (expr.str.strip_chars() == "")
    return expr.is_null()


def text_expr(column: str, dtype: pl.DataType, *, streaming: bool = False) -> pl.Expr:
    """Identifiers as text, blank as null; integral floats (Excel's 12346.0) lose their '.0'.

    In memory, `replace` turns "" into null about twice as fast as a when/then; the streaming engine
    cannot run `replace` and would fall back to holding everything in memory, so it gets the when/then.
    """
    expr = pl.col(column)
    if dtype.is_float():
        expr = (
            pl.when(expr == expr.round(0))
            .then(expr.cast(pl.Int64).cast(pl.String))
            .otherwise(expr.cast(pl.String))
        )
    elif dtype != pl.String:
        expr = expr.cast(pl.String)
    expr = expr.str.strip_chars()
    return pl.when(expr != "").then(expr) if streaming else expr.replace("", None)


def number_expr(column: str, dtype: pl.DataType) -> pl.Expr:
    """Numbers as Float64; text may carry currency signs, thousands separators or (123) for negatives."""
    expr = pl.col(column)
    if dtype.is_numeric():
        return expr.cast(pl.Float64)
    if dtype == pl.Boolean:
        return expr.cast(pl.Float64)
    text = expr.cast(pl.String).str.strip_chars()
    text = text.str.replace(r"^\((.*)\)$", "-$1").str.replace_all(_MONEY_NOISE, "")
    return text.cast(pl.Float64, strict=False)


def choose_date_format(sample: pl.Series) -> tuple[str | None, list[str]]:
    """The format that parses most of `sample` (ties keep the list order); also every format that fits all."""
    values = sample.drop_nulls().str.strip_chars()
    values = values.filter(values != "")
    if values.len() == 0:
        return None, []
    best, best_ok = None, -1
    full: list[str] = []
    for fmt in DATE_FORMATS:
        ok = int(values.str.to_datetime(fmt, strict=False).is_not_null().sum())
        if ok == values.len():
            full.append(fmt)
        if ok > best_ok:
            best, best_ok = fmt, ok
    return (best if best_ok > 0 else None), full


def date_expr(column: str, dtype: pl.DataType, fmt: str | None) -> pl.Expr:
    """Dates as pl.Date; text is parsed with `fmt` (or polars' own inference when no format fits)."""
    expr = pl.col(column)
    if dtype == pl.Date:
        return expr
    if isinstance(dtype, pl.Datetime):
        return expr.dt.date()
    if dtype.is_integer():
        expr = expr.cast(pl.String)
        fmt = fmt or "%Y%m%d"
    text = expr.cast(pl.String).str.strip_chars()
    if fmt is None:
        return text.str.to_datetime(strict=False).dt.date()
    return text.str.to_datetime(fmt, strict=False).dt.date()
